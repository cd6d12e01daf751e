/**
 * The evidence charts (recharts), loaded lazily by lazy-charts.tsx so the chart library
 * stays out of the first download. Each chart is one image to assistive technology
 * (role="img", named by its summary); its numbers are in the table beside it.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ErrorBar,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

const BAR = "#3d5a80";
const FLAGGED = "#a4470b";
const WHISKER = "#1b1f24";
const GRID = "#d9dde3";
const INK = "#1b1f24";

export interface IntervalRow {
  readonly name: string;
  readonly value: number;
  readonly low: number;
  readonly high: number;
  /** Drawn in the warning colour (a flagged gap). */
  readonly flagged?: boolean;
}

/** An axis from the lowest to the highest end of any interval, always taking in `anchor` (0: where bars start). */
function spanOf(rows: readonly IntervalRow[], anchor: number): readonly [number, number] {
  const low = Math.min(anchor, 0, ...rows.map((r) => r.low));
  const high = Math.max(anchor, 0, ...rows.map((r) => r.high));
  const pad = (high - low) * 0.05;
  return [Math.floor((low - pad) * 2) / 2, Math.ceil((high + pad) * 2) / 2];
}

/**
 * Horizontal bars of estimates with their 95% intervals as whiskers, a reference line at
 * `reference` (0 for differences, the overall rate for rates).
 */
export function IntervalBars(props: {
  label: string;
  rows: readonly IntervalRow[];
  format: (value: number) => string;
  axisLabel: string;
  /** What the value is, in the tooltip; "Estimate" unless given. */
  valueName?: string;
  reference?: { value: number; label: string };
  domain?: readonly [number, number];
}) {
  const data = props.rows.map((r) => ({
    name: r.name,
    value: r.value,
    flagged: r.flagged === true,
    error: [Math.max(0, r.value - r.low), Math.max(0, r.high - r.value)],
  }));
  const height = 84 + data.length * 40;
  const domain = props.domain ?? spanOf(props.rows, props.reference?.value ?? 0);
  return (
    <div className="chart-frame" role="img" aria-label={props.label}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 24, right: 24, bottom: 28, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke={GRID} horizontal={false} />
          <XAxis
            type="number"
            domain={[domain[0], domain[1]]}
            tickFormatter={props.format}
            stroke={INK}
            label={{ value: props.axisLabel, position: "insideBottom", offset: -16, fill: INK }}
          />
          <YAxis type="category" dataKey="name" width={190} stroke={INK} interval={0} />
          <Tooltip
            formatter={(value) => [
              typeof value === "number" ? props.format(value) : String(value),
              props.valueName ?? "Estimate",
            ]}
          />
          {props.reference !== undefined && (
            <ReferenceLine
              x={props.reference.value}
              stroke={INK}
              strokeDasharray="4 3"
              label={{ value: props.reference.label, position: "top", fill: INK }}
            />
          )}
          <Bar dataKey="value" isAnimationActive={false} barSize={18}>
            {data.map((d) => (
              <Cell key={d.name} fill={d.flagged ? FLAGGED : BAR} />
            ))}
            <ErrorBar dataKey="error" direction="x" width={8} strokeWidth={2} stroke={WHISKER} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
