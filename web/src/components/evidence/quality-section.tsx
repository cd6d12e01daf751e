/**
 * Data quality, first on the page: the verdict (provisional or not) with its reasons, the
 * findings and the freshness of each kind of file. A vendor's counts of 1 to 9 come
 * withheld (null) and read "fewer than 10".
 */
import type { ContractEvidence } from "../../lib/api/evidence.js";
import { countText } from "../../lib/evidence/impact-text.js";
import { FILE_KIND_LABEL, freshnessText, qualityVerdict } from "../../lib/evidence/report-text.js";
import { formatTimestamp } from "../../lib/dates.js";
import { NumberTable } from "../outcomes/numbers.js";

const SEVERITY_LABEL = { error: "Error", warning: "Warning", info: "Note" } as const;

export function QualitySection(props: { evidence: ContractEvidence }) {
  const q = props.evidence.quality;
  const district = props.evidence.audience === "district";
  return (
    <section className="evidence-section" aria-labelledby="evidence-quality-heading">
      <h2 id="evidence-quality-heading">Data quality</h2>
      <div className={q.provisional ? "verdict verdict-provisional" : "verdict verdict-sound"}>
        <p className="verdict-line">{qualityVerdict(q)}</p>
        {q.reasons.length > 0 && (
          <ul aria-label="Why the figures are provisional">
            {q.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
      </div>
      {q.findings.length === 0 ? (
        <p className="empty">No findings: every check on the imported data passed.</p>
      ) : (
        <NumberTable
          caption="Findings of the data quality checks"
          headers={[
            { label: "Severity" },
            { label: "Check" },
            { label: "About" },
            { label: "What was found" },
            { label: "Rows", numeric: true },
            { label: "Students", numeric: true },
            ...(district ? [{ label: "Example students" }] : []),
          ]}
          rows={q.findings.map((f, i) => ({
            key: `${f.code}-${f.subject ?? ""}-${i}`,
            cells: [
              <span key="s" className={`severity severity-${f.severity}`}>
                {SEVERITY_LABEL[f.severity]}
              </span>,
              <code key="c">{f.code}</code>,
              f.subject ?? "",
              f.message,
              countText(f.count),
              countText(f.students),
              ...(district
                ? [f.exampleStudentIds.length === 0 ? "none" : f.exampleStudentIds.join(", ")]
                : []),
            ],
          }))}
        />
      )}
      <NumberTable
        caption="The last import of each kind of file"
        headers={[
          { label: "File" },
          { label: "Freshness" },
          { label: "Last imported" },
          ...(district ? [{ label: "File name" }] : []),
        ]}
        rows={q.freshness.map((f) => ({
          key: f.kind,
          cells: [
            FILE_KIND_LABEL[f.kind] ?? f.kind,
            freshnessText(f),
            f.lastImportedAt === null ? "never" : formatTimestamp(f.lastImportedAt),
            ...(district ? [f.fileName ?? "none"] : []),
          ],
        }))}
      />
    </section>
  );
}
