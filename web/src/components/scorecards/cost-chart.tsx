/**
 * Cost per student served beside cost per student meeting an outcome target, one pair of
 * bars per contract (recharts, loaded lazily by lazy-cost-chart.tsx). The chart is one
 * image to assistive technology, named by its summary; the numbers are in the table under it.
 */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const SERVED = "#3d5a80";
const MEETING = "#a4470b";
const GRID = "#d9dde3";
const INK = "#1b1f24";

export interface CostBar {
  readonly name: string;
  readonly served: number;
  readonly meeting: number;
}

export function CostChart(props: { label: string; bars: readonly CostBar[] }) {
  const height = 80 + props.bars.length * 56;
  return (
    <div className="chart-frame" role="img" aria-label={props.label}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={[...props.bars]}
          layout="vertical"
          margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke={GRID} horizontal={false} />
          <XAxis type="number" stroke={INK} tickFormatter={(v: number) => `$${v.toLocaleString("en-US")}`} />
          <YAxis type="category" dataKey="name" width={190} stroke={INK} tick={{ fill: INK, fontSize: 13 }} />
          <Tooltip formatter={(v) => `$${Number(v).toLocaleString("en-US", { minimumFractionDigits: 2 })}`} />
          <Legend />
          <Bar
            dataKey="served"
            name="Per student served"
            fill={SERVED}
            isAnimationActive={false}
            barSize={16}
          />
          <Bar
            dataKey="meeting"
            name="Per student meeting a target"
            fill={MEETING}
            isAnimationActive={false}
            barSize={16}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
