/**
 * The outcomes charts (recharts). This module is only loaded lazily, by
 * outcome-sections.tsx, so the chart library stays out of the initial bundle. Every chart
 * is one image to assistive technology (role="img" with its summary as the name); the
 * numbers are in the table under it.
 */
import type { ReactElement } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { DosagePoint, OutcomeBin } from "../../lib/api/outcomes.js";
import { chartNumber } from "../../lib/outcomes/summaries.js";

export const MET = "#0b5cad";
export const NOT_MET = "#a4470b";
const BAR = "#3d5a80";
const GRID = "#d9dde3";
const INK = "#1b1f24";

function Frame(props: { label: string; height: number; children: ReactElement }) {
  return (
    <div className="chart-frame" role="img" aria-label={props.label}>
      <ResponsiveContainer width="100%" height={props.height}>
        {props.children}
      </ResponsiveContainer>
    </div>
  );
}

/** A histogram on a numeric axis, with an optional vertical line (a target). */
export function Histogram(props: {
  label: string;
  bins: readonly OutcomeBin[];
  line: number | null;
  lineLabel: string;
  xLabel: string;
  format?: (value: number) => string;
}) {
  const data = props.bins.map((b) => {
    const from = chartNumber(b.from);
    const to = chartNumber(b.to);
    return { mid: (from + to) / 2, from, to, count: b.count };
  });
  // A bar's width on a numeric axis comes from the spacing of the bars: one bin alone
  // gets an empty neighbour to measure by (drawing only; the table lists the real bins).
  const only = data.length === 1 ? data[0] : undefined;
  if (only !== undefined) {
    const width = only.to - only.from;
    data.push({ mid: only.mid + width, from: only.to, to: only.to + width, count: 0 });
  }
  const first = data[0];
  const last = data[data.length - 1];
  if (first === undefined || last === undefined) return null;
  const ticks = [...data.map((d) => d.from), last.to];
  const format = props.format ?? ((v: number) => String(v));
  return (
    <Frame label={props.label} height={300}>
      <BarChart
        data={data}
        margin={{ top: 24, right: 16, bottom: 28, left: 8 }}
        barCategoryGap={1}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis
          type="number"
          dataKey="mid"
          domain={[first.from, last.to]}
          ticks={ticks}
          tickFormatter={format}
          stroke={INK}
          label={{ value: props.xLabel, position: "insideBottom", offset: -16, fill: INK }}
        />
        <YAxis
          allowDecimals={false}
          stroke={INK}
          label={{ value: "Students", angle: -90, position: "insideLeft", fill: INK }}
        />
        <Tooltip
          formatter={(value) => [String(value), "Students"]}
          labelFormatter={(_, payload) => {
            const p = payload[0]?.payload as { from: number; to: number } | undefined;
            return p === undefined ? "" : `${format(p.from)} to ${format(p.to)}`;
          }}
        />
        <Bar dataKey="count" fill={BAR} isAnimationActive={false} />
        {props.line !== null && (
          <ReferenceLine
            x={props.line}
            stroke={NOT_MET}
            strokeWidth={3}
            strokeDasharray="6 3"
            label={{ value: props.lineLabel, position: "top", fill: INK }}
          />
        )}
      </BarChart>
    </Frame>
  );
}

/** Horizontal bars of rates (0 to 100%), each labelled with its text (a rate and its n, or why it is hidden). */
export function RateBars(props: {
  label: string;
  rows: readonly {
    readonly name: string;
    readonly percent: number;
    readonly text: string;
    readonly hidden?: boolean;
  }[];
}) {
  const height = 48 + props.rows.length * 40;
  return (
    <Frame label={props.label} height={height}>
      <BarChart
        data={[...props.rows]}
        layout="vertical"
        margin={{ top: 8, right: 150, bottom: 8, left: 8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke={GRID} horizontal={false} />
        <XAxis
          type="number"
          domain={[0, 100]}
          ticks={[0, 25, 50, 75, 100]}
          tickFormatter={(v: number) => `${v}%`}
          stroke={INK}
        />
        <YAxis type="category" dataKey="name" width={190} stroke={INK} tick={{ fill: INK, fontSize: 13 }} />
        {/* Every row keeps a 1 px bar so that its label is drawn; a hidden cell's bar is transparent. */}
        <Bar dataKey="percent" fill={MET} isAnimationActive={false} barSize={22} minPointSize={1}>
          {props.rows.map((row) => (
            <Cell key={row.name} fill={row.hidden === true ? "transparent" : MET} />
          ))}
          <LabelList dataKey="text" position="right" fill={INK} fontSize={13} />
        </Bar>
      </BarChart>
    </Frame>
  );
}

/** Sessions against growth, one dot per student: circles met the target, triangles did not. */
export function DosageScatter(props: { label: string; points: readonly DosagePoint[]; line: number | null }) {
  const toDot = (p: DosagePoint) => ({
    sessions: p.sessions,
    growth: chartNumber(p.growth),
    id: p.studentId,
  });
  const met = props.points.filter((p) => p.met).map(toDot);
  const notMet = props.points.filter((p) => !p.met).map(toDot);
  return (
    <Frame label={props.label} height={340}>
      <ScatterChart margin={{ top: 16, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid stroke={GRID} />
        <XAxis
          type="number"
          dataKey="sessions"
          name="Sessions"
          allowDecimals={false}
          stroke={INK}
          label={{ value: "Sessions attended", position: "insideBottom", offset: -20, fill: INK }}
        />
        <YAxis
          type="number"
          dataKey="growth"
          name="Growth"
          stroke={INK}
          label={{ value: "Growth (points)", angle: -90, position: "insideLeft", fill: INK }}
        />
        <Tooltip cursor={{ strokeDasharray: "3 3" }} />
        <Legend verticalAlign="bottom" wrapperStyle={{ paddingTop: 28 }} />
        {props.line !== null && <ReferenceLine y={props.line} stroke={NOT_MET} strokeDasharray="6 3" />}
        <Scatter name="Met the target" data={met} fill={MET} shape="circle" isAnimationActive={false} />
        <Scatter
          name="Did not meet it"
          data={notMet}
          fill={NOT_MET}
          shape="triangle"
          isAnimationActive={false}
        />
      </ScatterChart>
    </Frame>
  );
}
