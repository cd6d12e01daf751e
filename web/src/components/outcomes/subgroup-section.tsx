/**
 * Results by subgroup for one metric at a time: each dimension's groups with their
 * students and rate. Hidden cells (readers outside the district, groups of fewer than 10
 * students) say so in words, in the chart and in the table, and carry no numbers.
 */
import { useId, useState } from "react";
import type { MetricSubgroups, SubgroupCell, SubgroupDimension } from "../../lib/api/outcomes.js";
import { formatRatePercent } from "../../lib/money.js";
import { chartNumber, subgroupSummary } from "../../lib/outcomes/summaries.js";
import { LazyRateBars } from "./lazy-charts.js";
import { ChartSection, NumberTable, ShowNumbers } from "./numbers.js";

function hiddenText(cell: SubgroupCell, min: number): string {
  if (cell.suppressed === "small") return `Fewer than ${min} students`;
  return `Hidden so a smaller group cannot be worked out`;
}

function Dimension(props: { dimension: SubgroupDimension; min: number }) {
  const { dimension, min } = props;
  const summary = subgroupSummary(dimension, min);
  const rows = dimension.cells.map((c) => ({
    name: c.label,
    percent: c.suppressed === null ? chartNumber(c.rate) * 100 : 0,
    text: c.suppressed === null ? `${formatRatePercent(c.rate)} of ${c.n}` : hiddenText(c, min),
    hidden: c.suppressed !== null,
  }));
  return (
    <div className="subgroup">
      <h3>{dimension.label}</h3>
      <p className="chart-summary">{summary}</p>
      <LazyRateBars label={`${dimension.label}: ${summary}`} rows={rows} />
      <ShowNumbers>
        <NumberTable
          caption={`${dimension.label}: students in each group and how many met the metric`}
          headers={[
            { label: "Group" },
            { label: "Students", numeric: true },
            { label: "Met", numeric: true },
            { label: "Rate", numeric: true },
          ]}
          rows={dimension.cells.map((c) =>
            c.suppressed === null
              ? { key: c.group, cells: [c.label, c.n, c.met, formatRatePercent(c.rate)] }
              : { key: c.group, cells: [c.label], wide: hiddenText(c, min) },
          )}
        />
      </ShowNumbers>
    </div>
  );
}

export function SubgroupSection(props: {
  subgroups: readonly MetricSubgroups[];
  suppressed: boolean;
  min: number;
}) {
  const selectId = useId();
  const [metricId, setMetricId] = useState(props.subgroups[0]?.metricId ?? "");
  const current = props.subgroups.find((s) => s.metricId === metricId) ?? props.subgroups[0];
  const lead = props.suppressed
    ? `Groups of fewer than ${props.min} students are hidden, with any group that would let one be worked out.`
    : "Every group is shown with its numbers (district staff).";
  return (
    <ChartSection
      id="subgroups"
      title="Results by subgroup"
      summary={`The share of each group's students who met a metric. ${lead}`}
    >
      {current === undefined ? (
        <p className="empty">The contract measures no outcomes.</p>
      ) : (
        <>
          <div className="field subgroup-metric">
            <label htmlFor={selectId}>Metric</label>
            <select id={selectId} value={current.metricId} onChange={(e) => setMetricId(e.target.value)}>
              {props.subgroups.map((s) => (
                <option key={s.metricId} value={s.metricId}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <div className="subgroup-grid">
            {current.dimensions.map((d) => (
              <Dimension key={`${current.metricId}-${d.dimension}`} dimension={d} min={props.min} />
            ))}
          </div>
        </>
      )}
    </ChartSection>
  );
}
