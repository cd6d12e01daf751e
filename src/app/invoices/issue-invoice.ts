/**
 * Use case: the district issues the vendor's invoice for an approved statement. The
 * amount is what the statement says is due now (settlement-v1 section 3.7: the total less
 * the payments with `paid_on <= asOf`), for an interim statement as for a final one; its
 * lines are the statement's waterfall. One invoice is in force per statement: asking again
 * answers that one. Refused: a statement not approved (issued or disputed), one a later
 * run replaced, one with nothing due (zero, or a refund owed to the district), and one
 * whose contract has payments dated after its as-of date (its due would bill them again:
 * run a new statement first).
 *
 * The number is the next of the district's, vendor's and issue year's sequence, taken
 * while the transaction holds the vendor's row locked: concurrent issues for one vendor
 * run one after another (each then reads the numbers committed before it), and an issue
 * that rolls back takes its number with it, so the sequence has no gaps.
 */
import type { SqlRunner } from "../ports/db.js";
import type { Actor } from "../auth/actor.js";
import { appendAudit } from "../audit-log.js";
import { storedTime, utcDay } from "../ports/clock.js";
import { actorName } from "../contracts/contract-change.js";
import { canonicalJson, sha256Hex } from "../statements/canonical-json.js";
import { readStatementDetail, type StatementStatus } from "../statements/read-statements.js";
import { parseTerms } from "../../core/terms/parse-terms.js";
import type { Terms } from "../../core/terms/types.js";
import { addDays } from "../../core/date.js";
import { invoiceNumber, yearOf } from "../../core/invoices/invoice-terms.js";
import { formatCents } from "../../core/money.js";
import type { StatementJson } from "../../shared/statement-json.js";
import { documentCents } from "../../shared/statement-waterfall.js";
import { invoiceDocument } from "../../shared/invoice-document.js";
import { invoiceOfStatement, readInvoice, type InvoiceRow } from "./read-invoices.js";

export interface IssueInvoiceRequest {
  readonly districtId: string;
  readonly contractId: string;
  readonly statementId: bigint;
  /** Days from the issue date to the due date (validated by the caller: 0 to MAX_NET_DAYS). */
  readonly netDays: number;
}

export type IssueInvoiceResult =
  | { readonly kind: "not-found" }
  | { readonly kind: "not-approved"; readonly status: StatementStatus }
  | { readonly kind: "superseded"; readonly by: bigint }
  | { readonly kind: "nothing-due"; readonly due: string }
  | { readonly kind: "paid-since"; readonly asOf: string; readonly payments: number; readonly amount: string }
  | { readonly kind: "existing"; readonly invoice: InvoiceRow }
  | { readonly kind: "created"; readonly invoice: InvoiceRow };

async function termsVersion(tx: SqlRunner, districtId: string, contractId: string, version: number) {
  const [row] = await tx.query<{ terms_source: string }>(
    `SELECT terms_source FROM contract_terms_versions
      WHERE district_id = $1 AND contract_id = $2 AND version = $3`,
    [districtId, contractId, version],
  );
  if (row === undefined) throw new Error(`terms version ${version} of ${contractId} is missing`);
  const parsed = parseTerms(JSON.parse(row.terms_source) as unknown);
  // Terms are validated when recorded: a version that no longer parses is a bug.
  if (!parsed.ok) throw new Error(`terms version ${version} of ${contractId} does not parse`);
  return parsed.terms;
}

/** Locks the contract's vendor (the invoice sequence's owner) and names it; null when the contract is not seen. */
async function lockVendor(tx: SqlRunner, districtId: string, contractId: string): Promise<string | null> {
  const [row] = await tx.query<{ vendor_id: string }>(
    `SELECT v.vendor_id FROM vendors v
       JOIN contracts c ON c.district_id = v.district_id AND c.vendor_id = v.vendor_id
      WHERE c.district_id = $1 AND c.contract_id = $2
        FOR UPDATE OF v`,
    [districtId, contractId],
  );
  return row?.vendor_id ?? null;
}

async function nextSeq(tx: SqlRunner, districtId: string, vendorId: string, year: number): Promise<number> {
  const [row] = await tx.query<{ next: number }>(
    `SELECT (coalesce(max(invoice_seq), 0) + 1)::integer AS next FROM invoices
      WHERE district_id = $1 AND vendor_id = $2 AND invoice_year = $3`,
    [districtId, vendorId, year],
  );
  return row?.next ?? 1;
}

async function paymentsAfter(tx: SqlRunner, districtId: string, contractId: string, asOf: string) {
  const [row] = await tx.query<{ n: number; cents: bigint | null }>(
    `SELECT count(*)::integer AS n, sum(amount_cents)::bigint AS cents FROM payments
      WHERE district_id = $1 AND contract_id = $2 AND paid_on > $3`,
    [districtId, contractId, asOf],
  );
  return { count: row?.n ?? 0, cents: row?.cents ?? 0n };
}

function labels(terms: Terms): Map<string, string> {
  return new Map(terms.outcomes.metrics.map((m) => [m.id, m.label]));
}

export async function issueInvoice(
  tx: SqlRunner,
  request: IssueInvoiceRequest,
  context: { readonly actor: Actor; readonly at: Date },
): Promise<IssueInvoiceResult> {
  const { districtId, contractId, statementId } = request;
  const vendorId = await lockVendor(tx, districtId, contractId);
  if (vendorId === null) return { kind: "not-found" };
  const detail = await readStatementDetail(tx, districtId, contractId, statementId);
  if (detail === null) return { kind: "not-found" };
  const existing = await invoiceOfStatement(tx, districtId, statementId);
  if (existing !== null) return { kind: "existing", invoice: existing };
  const s = detail.statement;
  if (s.status !== "approved") return { kind: "not-approved", status: s.status };
  if (s.supersededByStatementId !== null) return { kind: "superseded", by: s.supersededByStatementId };
  const figures = JSON.parse(detail.documentSource) as Omit<StatementJson, "students">;
  const due = documentCents(figures.due, "due");
  if (due <= 0n) return { kind: "nothing-due", due: figures.due };
  const later = await paymentsAfter(tx, districtId, contractId, s.asOf);
  if (later.count > 0)
    return { kind: "paid-since", asOf: s.asOf, payments: later.count, amount: formatCents(later.cents) };

  const terms = await termsVersion(tx, districtId, contractId, s.termsVersion);
  const issueDate = utcDay(context.at);
  const year = yearOf(issueDate);
  const seq = await nextSeq(tx, districtId, vendorId, year);
  const number = invoiceNumber(districtId, vendorId, year, seq);
  const document = invoiceDocument({
    invoiceNumber: number,
    issueDate,
    dueDate: addDays(issueDate, request.netDays),
    netDays: request.netDays,
    district: { id: districtId, name: terms.district.name },
    vendor: { id: vendorId, name: terms.vendor.name },
    contract: {
      contractId,
      title: terms.title,
      termsVersion: s.termsVersion,
      periodStart: terms.period.start,
      periodEnd: terms.period.end,
    },
    statement: {
      statementId: statementId.toString(),
      kind: s.kind,
      asOf: s.asOf,
      final: figures.final,
      inputDigest: s.inputDigest,
    },
    currency: figures.currency,
    figures,
    metricLabels: labels(terms),
  });
  const source = canonicalJson(document);
  const [inserted] = await tx.query<{ invoice_id: bigint }>(
    `INSERT INTO invoices (district_id, contract_id, vendor_id, statement_id, invoice_year, invoice_seq,
                           invoice_number, issue_date, due_date, amount_cents, currency, document_source,
                           document, content_sha256, issued_by, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $16)
     RETURNING invoice_id`,
    [
      districtId,
      contractId,
      vendorId,
      statementId,
      year,
      seq,
      number,
      document.issueDate,
      document.dueDate,
      due,
      document.currency,
      source,
      source,
      sha256Hex(source),
      actorName(context.actor),
      storedTime(context.at),
    ],
  );
  if (inserted === undefined) throw new Error("the invoice insert returned no id");
  await appendAudit(
    tx,
    {
      actorUserId: context.actor.userId,
      actorTokenId: context.actor.tokenId,
      organizationId: context.actor.organizationId,
      districtId,
      action: "invoice.create",
      objectType: "invoice",
      objectId: inserted.invoice_id.toString(),
      detail: {
        districtId,
        contractId,
        statementId: statementId.toString(),
        invoiceNumber: number,
        amount: document.amountDue,
        dueDate: document.dueDate,
      },
    },
    context.at,
  );
  const invoice = await readInvoice(tx, districtId, contractId, inserted.invoice_id);
  if (invoice === null) throw new Error("the invoice just issued is not visible");
  return { kind: "created", invoice };
}
