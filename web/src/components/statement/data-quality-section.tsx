/**
 * The data quality check run when the statement was issued: a provisional statement says
 * so first, with its reasons; every finding is listed with its counts.
 */
import type { StatementDataQuality } from "../../lib/api-types.js";

const SEVERITY: Readonly<Record<string, string>> = { error: "Error", warning: "Warning", info: "Note" };

export function DataQualitySection(props: { quality: StatementDataQuality | null }) {
  const { quality } = props;
  return (
    <section aria-labelledby="quality-heading">
      <h2 id="quality-heading">Data quality when issued</h2>
      {quality === null ? (
        <p>This statement was issued before data quality checks were kept with statements.</p>
      ) : (
        <>
          {quality.provisional ? (
            <div className="notice warning" role="note">
              <p>
                <strong>Provisional.</strong> The data this statement was settled on has problems; treat its
                amounts as not final until they are corrected and the settlement is run again:
              </p>
              <ul>
                {quality.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </div>
          ) : (
            <p>The check found no error in the data this statement was settled on.</p>
          )}
          {quality.findings.length > 0 && (
            <div className="table-wrap" role="region" aria-labelledby="quality-heading" tabIndex={0}>
              <table>
                <caption>Findings of the data quality check</caption>
                <thead>
                  <tr>
                    <th scope="col">Severity</th>
                    <th scope="col">Finding</th>
                    <th scope="col" className="num">
                      Rows
                    </th>
                    <th scope="col" className="num">
                      Students
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {quality.findings.map((f) => (
                    <tr key={`${f.code}:${f.subject ?? ""}`}>
                      <td>{SEVERITY[f.severity] ?? f.severity}</td>
                      <td>{f.message}</td>
                      <td className="num">{f.count.toLocaleString("en-US")}</td>
                      <td className="num">{f.students.toLocaleString("en-US")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
