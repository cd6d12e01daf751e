/**
 * The payment waterfall as a chart (recharts, loaded only when the statement page shows
 * it): each step floats from the running amount before it to the one after, sums stand
 * on zero. The chart is a picture of the lines beside it, which carry every amount and
 * reason as text; it is hidden from assistive technology and summarised in its figure
 * caption instead.
 */
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, XAxis, YAxis } from "recharts";
import type { WaterfallBar } from "../../lib/waterfall.js";

const COLORS: Readonly<Record<WaterfallBar["kind"], string>> = {
  increase: "#1d6b2f",
  decrease: "#a3281b",
  sum: "#0b5cad",
};

/** Axis ticks: "$1.2M", "$350K": a scale, not an amount anyone reads off. */
function tick(value: number): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? "-" : "";
  if (abs >= 1_000_000)
    return `${sign}$${(abs / 1_000_000).toLocaleString("en-US", { maximumFractionDigits: 1 })}M`;
  if (abs >= 1_000) return `${sign}$${(abs / 1_000).toLocaleString("en-US", { maximumFractionDigits: 0 })}K`;
  return `${sign}$${abs.toLocaleString("en-US")}`;
}

export default function WaterfallChart(props: { bars: readonly WaterfallBar[] }) {
  const data = props.bars.map((b) => ({ ...b, range: b.range }));
  return (
    <div className="waterfall-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={320}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 56, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="label"
            interval={0}
            angle={-30}
            textAnchor="end"
            tick={{ fontSize: 12, fill: "#4a5361" }}
          />
          <YAxis tickFormatter={tick} tick={{ fontSize: 12, fill: "#4a5361" }} width={64} />
          <Bar dataKey="range" isAnimationActive={false}>
            {data.map((b) => (
              <Cell key={b.key} fill={COLORS[b.kind]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
