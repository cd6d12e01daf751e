import type { StatementSummary, TermsVersion } from "../../lib/api-types.js";
import type { Payment } from "../../lib/api/contract.js";
import { formatIsoDate, formatTimestamp } from "../../lib/dates.js";
import { formatMoney } from "../../lib/money.js";
import { statementPath } from "../../lib/routes.js";
import { Link } from "../link.js";
import { Badge } from "../page-heading.js";

/** Every terms version: the original and each amendment, with its reason, status, approvals and dates. */
export function AmendmentsTable(props: { versions: readonly TermsVersion[]; inForce: number }) {
  if (props.versions.length === 0) return <p className="empty">No terms versions are recorded.</p>;
  return (
    <div className="table-wrap" role="region" aria-labelledby="amendments-caption" tabIndex={0}>
      <table>
        <caption id="amendments-caption">Terms versions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col">Reason</th>
            <th scope="col">Recorded</th>
            <th scope="col">District approved</th>
            <th scope="col">Vendor approved</th>
          </tr>
        </thead>
        <tbody>
          {[...props.versions]
            .sort((a, b) => b.version - a.version)
            .map((v) => (
              <tr key={v.version}>
                <th scope="row">
                  {v.version === 1 ? "1 (original)" : `${v.version} (amendment)`}
                  {v.version === props.inForce && <div className="sub">In force</div>}
                </th>
                <td>
                  <Badge kind={v.status}>{v.status}</Badge>
                </td>
                <td>{v.reason}</td>
                <td>
                  {formatTimestamp(v.recordedAt)}
                  <div className="sub">by {v.recordedBy}</div>
                </td>
                <td>{v.districtApprovedAt === null ? "Not yet" : formatTimestamp(v.districtApprovedAt)}</td>
                <td>{v.vendorApprovedAt === null ? "Not yet" : formatTimestamp(v.vendorApprovedAt)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}

export function StatementsTable(props: {
  items: readonly StatementSummary[];
  districtId: string;
  contractId: string;
}) {
  if (props.items.length === 0)
    return <p className="empty">No statement has been issued for this contract yet.</p>;
  return (
    <div className="table-wrap" role="region" aria-labelledby="statements-caption" tabIndex={0}>
      <table>
        <caption id="statements-caption">Statements, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Statement</th>
            <th scope="col">Kind</th>
            <th scope="col">As of</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col" className="num">
              Due
            </th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((s) => (
            <tr key={s.statementId}>
              <td>
                <Link to={statementPath(props.districtId, props.contractId, s.statementId)}>
                  Statement {s.statementId}
                </Link>
                {s.supersededByStatementId !== null && (
                  <div className="sub">Superseded by statement {s.supersededByStatementId}</div>
                )}
              </td>
              <td>{s.kind === "final" ? "Final" : "Interim"}</td>
              <td>{formatIsoDate(s.asOf)}</td>
              <td>
                <Badge kind={s.status}>{s.status}</Badge>
              </td>
              <td className="num">{formatMoney(s.total)}</td>
              <td className="num">{formatMoney(s.due)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PaymentsTable(props: { items: readonly Payment[]; total: string }) {
  if (props.items.length === 0)
    return <p className="empty">No payment has been recorded for this contract.</p>;
  return (
    <div className="table-wrap" role="region" aria-labelledby="payments-caption" tabIndex={0}>
      <table>
        <caption id="payments-caption">Payments in the order paid (total {formatMoney(props.total)})</caption>
        <thead>
          <tr>
            <th scope="col">Paid on</th>
            <th scope="col">Reference</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col" className="num">
              Running total
            </th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((p) => (
            <tr key={`${p.batchId}:${p.sourceLine}`}>
              <td>{formatIsoDate(p.paidOn)}</td>
              <td>{p.reference ?? <span className="sub">None</span>}</td>
              <td className="num">{formatMoney(p.amount)}</td>
              <td className="num">{formatMoney(p.runningTotal)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
