import { formatTimestamp } from "../../lib/dates.js";
import { actorOf, detailLines, type AuditEvent, type AuditFilters } from "../../lib/api/audit.js";

/**
 * Audit entries, newest first: when, who, action, object and details. A user's name and an
 * object are buttons that filter the log to that user or that object.
 */
export function AuditTable(props: {
  events: readonly AuditEvent[];
  onFilter: (change: Partial<AuditFilters>) => void;
}) {
  return (
    <div className="table-wrap" role="region" aria-label="Audit entries" tabIndex={0}>
      <table className="audit-table">
        <caption className="visually-hidden">Audit entries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Object</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {props.events.map((e) => {
            const lines = detailLines(e.detail);
            return (
              <tr key={e.seq}>
                <th scope="row">
                  {formatTimestamp(e.occurredAt)}
                  <div className="sub">Entry {e.seq}</div>
                </th>
                <td>
                  {e.actorUserId === null ? (
                    actorOf(e)
                  ) : (
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`${actorOf(e)}: show only this user's entries`}
                      onClick={() => props.onFilter({ user: e.actorUserId ?? "" })}
                    >
                      {actorOf(e)}
                    </button>
                  )}
                  {e.organizationId !== null && <div className="sub">{e.organizationId}</div>}
                </td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`${e.objectType} ${e.objectId}: show only this object's entries`}
                    onClick={() => props.onFilter({ objectType: e.objectType, objectId: e.objectId })}
                  >
                    {e.objectType} <code>{e.objectId}</code>
                  </button>
                  {e.districtId !== null && e.districtId !== e.organizationId && (
                    <div className="sub">District {e.districtId}</div>
                  )}
                </td>
                <td>
                  {lines.length === 0 ? (
                    <span className="sub">None</span>
                  ) : (
                    <ul className="detail-lines">
                      {lines.map((line, i) => (
                        <li key={i}>{line}</li>
                      ))}
                    </ul>
                  )}
                  <div className="sub hash" title="SHA-256 of this entry in the hash chain">
                    Hash {e.entrySha256.slice(0, 16)}…
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
