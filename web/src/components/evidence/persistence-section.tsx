/**
 * Persistence: how much of their gain served students kept at the follow-up window, for
 * the contract and each subgroup (the median share kept and the share keeping half or more).
 */
import type { ComputedStatistics } from "../../lib/api/evidence.js";
import { share } from "../../lib/evidence/impact-text.js";
import { persistenceRow, tableRows } from "../../lib/evidence/subgroups.js";
import { NumberTable } from "../outcomes/numbers.js";

function statusText(status: string, window: string | null): string {
  const at = window === null ? "" : ` (${window})`;
  switch (status) {
    case "measured":
      return `Measured at the follow-up window${at}.`;
    case "noFollowUpWindow":
      return "Not measured: the contract names no follow-up window.";
    case "noShares":
      return `Not measured yet: no served student has a follow-up score${at}.`;
    default:
      return `${status}${at}.`;
  }
}

export function PersistenceSection(props: { statistics: ComputedStatistics }) {
  const p = props.statistics.persistence;
  const dims = tableRows(p.table, persistenceRow);
  const all = dims.find((d) => d.dimension === "all")?.rows[0];
  const summary =
    p.status === "measured" && all?.shown === true
      ? `Served students kept a median ${share(all.value.median)} of their gain; ${share(all.value.retainingHalf)} kept half or more (${all.value.n} students with a follow-up score).`
      : statusText(p.status, p.followUpWindow);
  return (
    <section className="evidence-section" aria-labelledby="evidence-persistence-heading">
      <h2 id="evidence-persistence-heading">Persistence</h2>
      <p className="chart-summary">{summary}</p>
      {p.status === "measured" && (
        <NumberTable
          caption="Share of the gain kept at the follow-up window, by subgroup"
          headers={[
            { label: "Group" },
            { label: "Served students", numeric: true },
            { label: "With a follow-up score", numeric: true },
            { label: "Median share kept", numeric: true },
            { label: "Kept half or more", numeric: true },
            { label: "95% interval", numeric: true },
          ]}
          rows={dims.flatMap((d) =>
            d.rows.map((r) =>
              r.shown
                ? {
                    key: `${d.dimension}/${r.key}`,
                    cells: [
                      d.dimension === "all" || r.label.includes(":") ? r.label : `${d.label}: ${r.label}`,
                      r.value.students,
                      r.value.n,
                      r.value.median === null ? "n/a" : share(r.value.median),
                      share(r.value.retainingHalf),
                      r.value.low === null ? "n/a" : `${share(r.value.low)} to ${share(r.value.high)}`,
                    ],
                  }
                : {
                    key: `${d.dimension}/${r.key}`,
                    cells: [
                      d.dimension === "all" || r.label.includes(":") ? r.label : `${d.label}: ${r.label}`,
                    ],
                    wide: r.withheld,
                  },
            ),
          )}
        />
      )}
    </section>
  );
}
