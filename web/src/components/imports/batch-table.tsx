import { formatTimestamp } from "../../lib/dates.js";
import type { ImportBatch } from "../../lib/api/imports.js";
import { importBatchPath } from "../../lib/routes.js";
import { Link } from "../link.js";
import { formatCount } from "./upload-queue.js";

/** A district's import batches, newest first, each linking to its page and rejects. */
export function BatchTable(props: { districtId: string; batches: readonly ImportBatch[]; caption: string }) {
  return (
    <div className="table-wrap" role="region" aria-label={props.caption} tabIndex={0}>
      <table className="batch-table">
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Format</th>
            <th scope="col">Imported by</th>
            <th scope="col">Imported at</th>
            <th scope="col" className="num">
              Accepted
            </th>
            <th scope="col" className="num">
              Rejected
            </th>
            <th scope="col" className="num">
              Unchanged
            </th>
            <th scope="col" className="num">
              Replaced
            </th>
          </tr>
        </thead>
        <tbody>
          {props.batches.map((b) => (
            <tr key={b.batchId}>
              <th scope="row">
                <Link to={importBatchPath(props.districtId, b.batchId)}>{b.fileName}</Link>
                <div className="sub">Batch {b.batchId}</div>
              </th>
              <td>
                <code>{b.format}</code>
              </td>
              <td>
                {b.importedByName ?? b.importedBy}
                {b.organizationId !== null && b.organizationId !== b.importedBy && (
                  <div className="sub">{b.organizationId}</div>
                )}
              </td>
              <td>{formatTimestamp(b.importedAt)}</td>
              <td className="num">{formatCount(b.accepted)}</td>
              <td className={b.rejected > 0 ? "num has-rejects" : "num"}>{formatCount(b.rejected)}</td>
              <td className="num">{formatCount(b.unchanged)}</td>
              <td className="num">{formatCount(b.replaced)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
