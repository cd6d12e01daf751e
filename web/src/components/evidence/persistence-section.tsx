/**
 * Persistence: how much of their gain served students kept at the follow-up window, for
 * the contract and each subgroup (the median share kept and the share keeping half or more).
 * The follow-up window is named here (e.g. the next fall's test); empty, the API takes the
 * fall after the outcome window.
 */
import { useState, type FormEvent } from "react";
import type { ComputedStatistics } from "../../lib/api/evidence.js";
import { parseFollowUp } from "../../lib/evidence/report-text.js";
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

function FollowUpForm(props: { followUp: string | null; onChange: (window: string | null) => void }) {
  const [draft, setDraft] = useState(props.followUp ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseFollowUp(draft);
    setProblem(parsed.ok ? null : parsed.message);
    if (parsed.ok) props.onChange(parsed.window);
  };
  return (
    <>
      <form className="as-of" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="evidence-follow-up">
            Follow-up window (empty: the fall after the outcome window)
          </label>
          <input
            id="evidence-follow-up"
            value={draft}
            placeholder="2025-fall"
            aria-invalid={problem !== null}
            aria-describedby={problem === null ? undefined : "evidence-follow-up-problem"}
            onChange={(e) => setDraft(e.target.value)}
          />
        </div>
        <button type="submit">Measure at this window</button>
      </form>
      {problem !== null && (
        <p id="evidence-follow-up-problem" className="field-error" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}

export function PersistenceSection(props: {
  statistics: ComputedStatistics;
  followUp: string | null;
  onFollowUp: (window: string | null) => void;
}) {
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
      <FollowUpForm followUp={props.followUp} onChange={props.onFollowUp} />
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
