/**
 * The impact estimate within each subgroup of one dimension: a chart of the adjusted
 * differences with their 95% intervals (flagged gaps in the warning colour) and the table
 * of verdicts, matched counts, estimates and gaps with the rest.
 */
import { VERDICT_LABEL, effect, points } from "../../lib/evidence/impact-text.js";
import { gapText, type ImpactRow, type Row } from "../../lib/evidence/subgroups.js";
import { NumberTable, ShowNumbers } from "../outcomes/numbers.js";
import { LazyIntervalBars } from "./lazy-charts.js";

export function ImpactBySubgroup(props: { rows: readonly Row<ImpactRow>[]; label: string }) {
  const shown = props.rows.flatMap((r) =>
    r.shown && r.value.estimate !== null && r.value.low !== null && r.value.high !== null
      ? [
          {
            name: r.label,
            value: r.value.estimate,
            low: r.value.low,
            high: r.value.high,
            flagged: r.value.gap?.flagged === true,
          },
        ]
      : [],
  );
  const dimension = props.label.toLowerCase();
  return (
    <div className="evidence-subsection">
      <h3>Impact by {dimension}</h3>
      {shown.length > 0 ? (
        <LazyIntervalBars
          label={`Chart of the adjusted difference in growth by ${dimension}, with 95% intervals: ${shown.map((r) => `${r.name} ${points(r.value)} points`).join(", ")}.`}
          rows={shown}
          format={points}
          axisLabel="Difference in growth (points)"
          reference={{ value: 0, label: "no difference" }}
        />
      ) : (
        <p className="empty">No group of this dimension has an estimate to chart.</p>
      )}
      <ShowNumbers>
        <NumberTable
          caption={`Impact on growth by ${dimension}`}
          headers={[
            { label: "Group" },
            { label: "Verdict" },
            { label: "Served, matched", numeric: true },
            { label: "Comparison, matched", numeric: true },
            { label: "Estimate (points)", numeric: true },
            { label: "95% interval", numeric: true },
            { label: "Hedges' g", numeric: true },
            { label: "Difference from the rest (95% interval)", numeric: true },
          ]}
          rows={props.rows.map((r) =>
            r.shown
              ? {
                  key: r.key,
                  cells: [
                    r.label,
                    VERDICT_LABEL[r.value.verdict],
                    r.value.servedMatched,
                    r.value.comparisonMatched,
                    points(r.value.estimate),
                    r.value.low === null ? "n/a" : `${points(r.value.low)} to ${points(r.value.high)}`,
                    effect(r.value.hedgesG),
                    gapText(r.value.gap, points),
                  ],
                }
              : { key: r.key, cells: [r.label], wide: r.withheld },
          )}
        />
      </ShowNumbers>
    </div>
  );
}
