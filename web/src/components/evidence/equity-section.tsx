/**
 * Equity: for one subgroup dimension at a time, each metric's rate with its Wilson 95%
 * interval and the impact estimate within each subgroup, compared with the rest of the
 * students (a gap is flagged when its 95% interval excludes parity). Cells withheld
 * outside the district read "Fewer than 10 students".
 */
import { useId, useState } from "react";
import type { ComputedStatistics } from "../../lib/api/evidence.js";
import { fixed, share } from "../../lib/evidence/impact-text.js";
import {
  flaggedLabels,
  gapText,
  impactRow,
  rateRow,
  tableRows,
  withheldCount,
  type DimensionRows,
  type ImpactRow,
  type RateRow,
} from "../../lib/evidence/subgroups.js";
import { NumberTable, ShowNumbers } from "../outcomes/numbers.js";
import { LazyIntervalBars } from "./lazy-charts.js";
import { ImpactBySubgroup } from "./impact-by-subgroup.js";

const percent = (x: number) => `${fixed(x * 100, 0)}%`;

function equitySummary(
  metrics: readonly { readonly label: string; readonly rows: readonly DimensionRows<RateRow>[] }[],
  impact: readonly DimensionRows<ImpactRow>[],
): string {
  const parts = [
    ...metrics.map((m) => ({ what: m.label, flagged: flaggedLabels(m.rows) })),
    { what: "Impact on growth", flagged: flaggedLabels(impact) },
  ].filter((p) => p.flagged.length > 0);
  const withheld = metrics.reduce((n, m) => n + withheldCount(m.rows), withheldCount(impact));
  const gaps =
    parts.length === 0
      ? "No subgroup differs from the rest of the students beyond chance (no 95% interval of a gap excludes parity)."
      : `Gaps whose 95% interval excludes parity. ${parts.map((p) => `${p.what}: ${p.flagged.join(", ")}.`).join(" ")}`;
  return withheld === 0 ? gaps : `${gaps} ${withheld} cells are withheld (groups of fewer than 10 students).`;
}

export function EquitySection(props: { statistics: ComputedStatistics }) {
  const { equity } = props.statistics;
  const metricRows = equity.metrics.map((m) => tableRows(m.table, rateRow));
  const impactRows = tableRows(equity.impact, impactRow);
  const dimensions = impactRows.map((d) => ({ id: d.dimension, label: d.label }));
  const [dimension, setDimension] = useState(dimensions.find((d) => d.id !== "all")?.id ?? "all");
  const selectId = useId();
  const pick = <T,>(dims: readonly DimensionRows<T>[]) => {
    const all = dims.find((d) => d.dimension === "all");
    const chosen = dims.find((d) => d.dimension === dimension);
    return [...(all === undefined || dimension === "all" ? [] : all.rows), ...(chosen?.rows ?? [])];
  };
  const label = dimensions.find((d) => d.id === dimension)?.label ?? dimension;
  return (
    <section className="evidence-section" aria-labelledby="evidence-equity-heading">
      <h2 id="evidence-equity-heading">Equity: results by subgroup</h2>
      <p className="chart-summary">
        {equitySummary(
          equity.metrics.map((m, i) => ({ label: m.label, rows: metricRows[i] ?? [] })),
          impactRows,
        )}
      </p>
      <div className="field evidence-dimension">
        <label htmlFor={selectId}>Subgroup dimension</label>
        <select id={selectId} value={dimension} onChange={(e) => setDimension(e.target.value)}>
          {dimensions.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
      </div>
      {equity.metrics.map((m, i) => {
        const rows = pick(metricRows[i] ?? []);
        const shown = rows.flatMap((r) =>
          r.shown && r.value.rate !== null && r.value.low !== null && r.value.high !== null
            ? [
                {
                  name: r.label,
                  value: r.value.rate,
                  low: r.value.low,
                  high: r.value.high,
                  flagged: r.value.gap?.flagged === true,
                },
              ]
            : [],
        );
        const overall = metricRows[i]?.find((d) => d.dimension === "all")?.rows[0];
        const overallRate = overall?.shown === true ? overall.value.rate : null;
        return (
          <div key={m.metricId} className="evidence-subsection">
            <h3>
              {m.label} by {label.toLowerCase()}
            </h3>
            {m.studentsWithoutRecord !== null && m.studentsWithoutRecord > 0 && (
              <p>
                {m.studentsWithoutRecord} students with an outcome have no roster record and are in no
                subgroup.
              </p>
            )}
            {shown.length > 0 && (
              <LazyIntervalBars
                label={`Chart of the share meeting "${m.label}" by ${label.toLowerCase()}, with 95% intervals: ${shown.map((r) => `${r.name} ${share(r.value)}`).join(", ")}.`}
                rows={shown}
                format={percent}
                axisLabel="Share of students meeting the metric"
                valueName="Share meeting it"
                domain={[0, 1]}
                {...(overallRate === null
                  ? {}
                  : { reference: { value: overallRate, label: "all students" } })}
              />
            )}
            <ShowNumbers>
              <NumberTable
                caption={`${m.label}: share meeting it by ${label.toLowerCase()}`}
                headers={[
                  { label: "Group" },
                  { label: "Students", numeric: true },
                  { label: "Met", numeric: true },
                  { label: "Share", numeric: true },
                  { label: "95% interval", numeric: true },
                  { label: "Difference from the rest (95% interval)", numeric: true },
                ]}
                rows={rows.map((r) =>
                  r.shown
                    ? {
                        key: r.key,
                        cells: [
                          r.label,
                          r.value.n,
                          r.value.met,
                          share(r.value.rate),
                          `${share(r.value.low)} to ${share(r.value.high)}`,
                          gapText(r.value.gap, share),
                        ],
                      }
                    : { key: r.key, cells: [r.label], wide: r.withheld },
                )}
              />
            </ShowNumbers>
          </div>
        );
      })}
      <ImpactBySubgroup rows={pick(impactRows)} label={label} />
    </section>
  );
}
