/**
 * Ledger entries, newest first: date, kind, contract, source, amount, reference and
 * reversals; with `action`, a last column of what may be done with each entry.
 */
import type { ReactNode } from "react";
import { ENTRY_LABELS, type LedgerEntry } from "../../lib/api/budget.js";
import { formatMoney } from "../../lib/money.js";

export function LedgerTable(props: {
  entries: readonly LedgerEntry[];
  caption: string;
  action?: (entry: LedgerEntry) => ReactNode;
}) {
  const { action } = props;
  const captionId = `ledger-${props.caption.replace(/[^A-Za-z0-9]+/g, "-")}`;
  return (
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="ledger">
        <caption id={captionId}>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Entry</th>
            <th scope="col">Date</th>
            <th scope="col">Kind</th>
            <th scope="col">Contract</th>
            <th scope="col">Source</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Reference</th>
            {action !== undefined && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {props.entries.map((e) => (
            <tr key={e.entryId}>
              <td>{e.entryId}</td>
              <td>{e.entryDate}</td>
              <td>
                {ENTRY_LABELS[e.kind]}
                {e.reversesEntryId !== null && <span className="sub"> of entry {e.reversesEntryId}</span>}
                {e.reversedByEntryId !== null && (
                  <span className="sub"> (reversed by {e.reversedByEntryId})</span>
                )}
              </td>
              <td>{e.contractId ?? "—"}</td>
              <td>{e.fundingSourceCode}</td>
              <td className="num">{formatMoney(e.amount)}</td>
              <td>{e.reference ?? ""}</td>
              {action !== undefined && <td className="actions">{action(e)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
