/**
 * Downloads of the statement as files. They are plain links: the browser sends the
 * session cookie with a GET, and the server names the file (Content-Disposition).
 */
import type { StatementDetail } from "../../lib/api-types.js";
import { exportUrl, type ExportFormat } from "../../lib/api/statements.js";

const FORMATS: readonly { format: ExportFormat; label: string; hint: string }[] = [
  { format: "pdf", label: "PDF", hint: "for filing: header, approvals, waterfall, student annex" },
  { format: "xlsx", label: "Excel (XLSX)", hint: "summary and students sheets" },
  { format: "csv", label: "CSV", hint: "per-student lines" },
];

export function ExportLinks(props: { detail: StatementDetail }) {
  return (
    <section aria-labelledby="exports-heading">
      <h2 id="exports-heading">Download</h2>
      <ul className="export-links">
        {FORMATS.map((f) => (
          <li key={f.format}>
            <a href={exportUrl(props.detail, f.format)} download>
              Statement {props.detail.statement.statementId} as {f.label}
            </a>{" "}
            <span className="sub">({f.hint})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
