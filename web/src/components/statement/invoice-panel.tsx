/**
 * The statement's invoice: the one in force (number, amount due, issue and due dates,
 * downloads), the voided ones with their reasons, and the district administrator's
 * actions, each behind a confirmation dialog: issue the invoice of an approved statement
 * (payment terms 0 to 90 days, 30 unless changed) and void one with a reason. The server
 * decides in the end; its refusal is shown in the dialog.
 */
import { useState } from "react";
import type { ApiClient } from "../../lib/api-client.js";
import type { Session, StatementDetail } from "../../lib/api-types.js";
import { formatIsoDate, formatTimestamp } from "../../lib/dates.js";
import { formatMoney, parseMoneyCents } from "../../lib/money.js";
import {
  DEFAULT_NET_DAYS,
  MAX_NET_DAYS,
  invoiceFileUrl,
  issueInvoice,
  listInvoices,
  voidInvoice,
  type Invoice,
} from "../../lib/api/invoices.js";
import { useLoad } from "../../use-load.js";
import { ConfirmDialog } from "../confirm-dialog.js";
import { LoadView } from "../load-view.js";

interface Props {
  readonly api: ApiClient;
  readonly detail: StatementDetail;
  readonly session: Session | null;
}

/** Why the statement cannot be invoiced, or null when it can. */
function whyNotInvoiceable(detail: StatementDetail): string | null {
  const s = detail.statement;
  if (s.supersededByStatementId !== null) return `Statement ${s.supersededByStatementId} replaced this one.`;
  if (s.status !== "approved") return "An invoice is issued once the statement is approved.";
  if ((parseMoneyCents(s.due) ?? 0n) <= 0n)
    return "Nothing is due on this statement, so there is nothing to invoice.";
  return null;
}

function IssueDialog(props: Props & { onDone: (notice: string) => void }) {
  const { detail } = props;
  const s = detail.statement;
  const [netDays, setNetDays] = useState(String(DEFAULT_NET_DAYS));
  const [tried, setTried] = useState(false);
  const days = /^\d{1,2}$/.test(netDays) ? Number(netDays) : Number.NaN;
  const valid = Number.isInteger(days) && days >= 0 && days <= MAX_NET_DAYS;
  return (
    <ConfirmDialog
      label="Issue invoice"
      primary
      title={`Issue the invoice for statement ${s.statementId}`}
      validate={() => {
        setTried(true);
        return valid;
      }}
      onDone={props.onDone}
      confirm={() =>
        issueInvoice(props.api, detail.districtId, detail.contractId, s.statementId, days).then(
          (invoice) =>
            `Invoice ${invoice.invoiceNumber} issued for ${formatMoney(invoice.amountDue, invoice.currency)}.`,
        )
      }
    >
      <p>
        The vendor's invoice bills <strong>{formatMoney(s.due, detail.waterfall.currency)}</strong>, what this{" "}
        {s.kind} statement (as of {formatIsoDate(s.asOf)}) says is due now. It gets the next invoice number
        and is kept as issued; it can later be voided, not changed.
      </p>
      <div className="field">
        <label htmlFor="invoice-net-days">Payment terms (days from today, 0 to {MAX_NET_DAYS})</label>
        <input
          id="invoice-net-days"
          inputMode="numeric"
          value={netDays}
          aria-invalid={tried && !valid}
          aria-describedby={tried && !valid ? "invoice-net-days-error" : undefined}
          onChange={(e) => setNetDays(e.target.value)}
          onBlur={() => setTried(true)}
        />
        {tried && !valid && (
          <p className="field-error" id="invoice-net-days-error">
            Give a whole number of days from 0 to {MAX_NET_DAYS}.
          </p>
        )}
      </div>
    </ConfirmDialog>
  );
}

function VoidDialog(props: { api: ApiClient; invoice: Invoice; onDone: (notice: string) => void }) {
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const empty = reason.trim() === "";
  return (
    <ConfirmDialog
      label="Void invoice"
      title={`Void invoice ${props.invoice.invoiceNumber}`}
      validate={() => {
        setTried(true);
        return !empty;
      }}
      onDone={props.onDone}
      confirm={() =>
        voidInvoice(props.api, props.invoice, reason).then(() => {
          setReason("");
          return `Invoice ${props.invoice.invoiceNumber} voided.`;
        })
      }
    >
      <p>
        The invoice stays on file marked void; the statement can then be invoiced again under a new number.
      </p>
      <div className="field">
        <label htmlFor="void-reason">Reason (required)</label>
        <textarea
          id="void-reason"
          aria-required="true"
          maxLength={2000}
          rows={3}
          value={reason}
          aria-invalid={tried && empty}
          aria-describedby={tried && empty ? "void-reason-error" : undefined}
          onChange={(e) => setReason(e.target.value)}
          onBlur={() => setTried(true)}
        />
        {tried && empty && (
          <p className="field-error" id="void-reason-error">
            Say why the invoice is voided: a reason is required.
          </p>
        )}
      </div>
    </ConfirmDialog>
  );
}

function InForce(props: {
  api: ApiClient;
  invoice: Invoice;
  admin: boolean;
  onDone: (notice: string) => void;
}) {
  const { invoice } = props;
  return (
    <>
      <dl className="facts">
        <div>
          <dt>Invoice number</dt>
          <dd>{invoice.invoiceNumber}</dd>
        </div>
        <div>
          <dt>Amount due</dt>
          <dd>{formatMoney(invoice.amountDue, invoice.currency)}</dd>
        </div>
        <div>
          <dt>Issued</dt>
          <dd>{formatIsoDate(invoice.issueDate)}</dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>
            {formatIsoDate(invoice.dueDate)} <span className="sub">(net {invoice.netDays} days)</span>
          </dd>
        </div>
      </dl>
      <ul className="export-links">
        <li>
          <a href={invoiceFileUrl(invoice, "pdf")} download>
            Invoice {invoice.invoiceNumber} as PDF
          </a>
        </li>
        <li>
          <a href={invoiceFileUrl(invoice, "csv")} download>
            Invoice {invoice.invoiceNumber} as CSV
          </a>
        </li>
      </ul>
      {props.admin && <VoidDialog api={props.api} invoice={invoice} onDone={props.onDone} />}
    </>
  );
}

export function InvoicePanel(props: Props) {
  const { api, detail, session } = props;
  const s = detail.statement;
  const { result, retry } = useLoad(`${detail.districtId}/${detail.contractId}/invoices`, () =>
    listInvoices(api, detail.districtId, detail.contractId),
  );
  const [notice, setNotice] = useState<string | null>(null);
  const admin = session?.role === "district_admin";
  const done = (text: string) => {
    setNotice(text);
    retry();
  };
  return (
    <section aria-labelledby="invoice-heading">
      <h2 id="invoice-heading">Invoice</h2>
      <p className="notice" role="status">
        {notice}
      </p>
      <LoadView result={result} retry={retry} what="the invoices">
        {(all) => {
          const mine = all.filter((i) => i.statementId === s.statementId);
          const inForce = mine.find((i) => i.status === "issued");
          const voided = mine.filter((i) => i.status === "void");
          const why = whyNotInvoiceable(detail);
          return (
            <>
              {inForce !== undefined ? (
                <InForce api={api} invoice={inForce} admin={admin} onDone={done} />
              ) : (
                <>
                  <p className="empty">No invoice is in force for this statement.</p>
                  {why !== null && <p className="hint">{why}</p>}
                  {why === null && admin && <IssueDialog {...props} onDone={done} />}
                </>
              )}
              {voided.length > 0 && (
                <>
                  <h3>Voided invoices</h3>
                  <ul>
                    {voided.map((i) => (
                      <li key={i.invoiceId}>
                        {i.invoiceNumber} ({formatMoney(i.amountDue, i.currency)}), voided{" "}
                        {i.voidedAt === null ? "" : formatTimestamp(i.voidedAt)}: {i.voidReason}{" "}
                        <a href={invoiceFileUrl(i, "pdf")} download>
                          PDF
                        </a>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </>
          );
        }}
      </LoadView>
    </section>
  );
}
