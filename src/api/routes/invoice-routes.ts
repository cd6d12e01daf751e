/**
 * Vendor invoices: issued by the district's administrator for an approved statement
 * (approve:money, district only: the vendor's approve:money is for statements), read and
 * downloaded (PDF, CSV) by both parties to the contract, voided with a reason. A party
 * that does not see the contract gets 404, as for a missing invoice.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { needs, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { IsoDateSchema, Money, problems } from "../schemas.js";
import { IdempotencyHeaders, asRouteResponse, runIdempotent } from "../idempotency.js";
import { attachmentResponse, fileAnswer } from "../attachment.js";
import { ContractParams } from "./contract-routes.js";
import { actAs } from "../../app/act-as.js";
import { actorScope, type Actor } from "../../app/auth/actor.js";
import { canonicalJson, sha256Hex } from "../../app/statements/canonical-json.js";
import { contractVisible } from "../../app/statements/read-statements.js";
import { issueInvoice } from "../../app/invoices/issue-invoice.js";
import { listInvoices, readInvoice, type InvoiceRow } from "../../app/invoices/read-invoices.js";
import { voidInvoice } from "../../app/invoices/void-invoice.js";
import { DEFAULT_NET_DAYS, MAX_NET_DAYS } from "../../core/invoices/invoice-terms.js";
import { formatCents } from "../../core/money.js";
import { invoiceCsv } from "../../adapters/documents/invoice-csv.js";
import { invoiceFileName } from "../../adapters/documents/invoice-file.js";
import { invoicePdf } from "../../adapters/documents/invoice-pdf.js";

const Number_ = (what: string) => z.string().regex(/^[1-9]\d{0,17}$/, what);

const StatementParams = ContractParams.extend({
  statementId: Number_("a statement number").openapi({ param: { name: "statementId", in: "path" } }),
});
const InvoiceParams = ContractParams.extend({
  invoiceId: Number_("an invoice number (its id)").openapi({ param: { name: "invoiceId", in: "path" } }),
});

const LineSchema = z.object({
  key: z.string(),
  kind: z.enum(["line", "total"]),
  description: z.string(),
  amount: Money,
});

const InvoiceSchema = z
  .object({
    invoiceId: z.string(),
    invoiceNumber: z.string(),
    districtId: z.string(),
    contractId: z.string(),
    vendorId: z.string(),
    statementId: z.string(),
    status: z.enum(["issued", "void"]),
    issueDate: IsoDateSchema,
    dueDate: IsoDateSchema,
    netDays: z.number().int(),
    currency: z.string(),
    amountDue: Money,
    billTo: z.object({ districtId: z.string(), name: z.string() }),
    remitTo: z.object({ vendorId: z.string(), name: z.string() }),
    statement: z.object({
      statementId: z.string(),
      kind: z.enum(["interim", "final"]),
      asOf: IsoDateSchema,
      final: z.boolean(),
      inputDigest: z.string().openapi({ description: "SHA-256 of the statement's terms and data" }),
    }),
    lines: z.array(LineSchema),
    contentSha256: z.string().openapi({
      description: "SHA-256 of the canonical accord-invoice/1 document (keys sorted, no spaces)",
    }),
    issuedAt: z.string(),
    issuedBy: z.string(),
    voidedAt: z.string().nullable(),
    voidedBy: z.string().nullable(),
    voidReason: z.string().nullable(),
  })
  .openapi("Invoice");

const NetDays = z
  .number()
  .int()
  .min(0)
  .max(MAX_NET_DAYS)
  .openapi({ description: `Days from the issue date to the due date (default ${DEFAULT_NET_DAYS})` });
const CreateBody = z.strictObject({ netDays: NetDays.optional() }).openapi("InvoiceRequest");
const VoidBody = z
  .strictObject({
    reason: z
      .string()
      .max(2000)
      .refine((s) => /\S/.test(s), "a reason of 1 to 2000 characters, not only spaces"),
  })
  .openapi("InvoiceVoid");

const contractBase = "/api/districts/{districtId}/contracts/{contractId}";
const tags = ["Invoices"];
const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const createInvoiceRoute = createRoute({
  method: "post",
  path: `${contractBase}/statements/{statementId}/invoice`,
  operationId: "createInvoice",
  tags,
  summary: "Issue the vendor's invoice for an approved statement (district administrators)",
  description:
    "Bills what the statement says is due now (its total less payments received by its as-of date), with its waterfall as line items. 201 with a new invoice; 200 with the statement's invoice in force when it has one. 409 when the statement is not approved, was replaced, has nothing due, or payments were made after its as-of date. Exactly once per Idempotency-Key.",
  request: {
    params: StatementParams,
    headers: IdempotencyHeaders,
    body: { content: { "application/json": { schema: CreateBody } }, required: false },
  },
  responses: {
    201: json(InvoiceSchema, "A new invoice"),
    200: json(InvoiceSchema, "The statement's invoice in force"),
    ...problems(400, 401, 403, 404, 409, 422),
  },
});

const listInvoicesRoute = createRoute({
  method: "get",
  path: `${contractBase}/invoices`,
  operationId: "listInvoices",
  tags,
  summary: "The contract's invoices, newest first (void ones too)",
  request: { params: ContractParams },
  responses: {
    200: json(z.object({ items: z.array(InvoiceSchema) }).openapi("InvoiceList"), "Invoices"),
    ...problems(400, 401, 403, 404),
  },
});

const getInvoiceRoute = createRoute({
  method: "get",
  path: `${contractBase}/invoices/{invoiceId}`,
  operationId: "getInvoice",
  tags,
  summary: "One invoice with its line items and digests",
  request: { params: InvoiceParams },
  responses: { 200: json(InvoiceSchema, "The invoice"), ...problems(400, 401, 403, 404) },
});

const voidInvoiceRoute = createRoute({
  method: "post",
  path: `${contractBase}/invoices/{invoiceId}/void`,
  operationId: "voidInvoice",
  tags,
  summary: "Void an invoice, with a reason (district administrators); it stays stored",
  description: "The statement can then be invoiced again, under the next number. A void invoice answers 409.",
  request: {
    params: InvoiceParams,
    body: { content: { "application/json": { schema: VoidBody } }, required: true },
  },
  responses: { 200: json(InvoiceSchema, "The void invoice"), ...problems(400, 401, 403, 404, 409) },
});

interface Format {
  readonly extension: "pdf" | "csv";
  readonly operationId: string;
  readonly contentType: string;
  readonly what: string;
  readonly write: (invoice: InvoiceRow) => Promise<Uint8Array | string>;
}

const FORMATS: readonly Format[] = [
  {
    extension: "pdf",
    operationId: "exportInvoicePdf",
    contentType: "application/pdf",
    what: "The invoice for filing: parties, numbers, line items, totals, digests, page numbers",
    write: invoicePdf,
  },
  {
    extension: "csv",
    operationId: "exportInvoiceCsv",
    contentType: "text/csv; charset=utf-8",
    what: "The invoice's line items and totals as CSV, one row each, exact decimals",
    write: (invoice) => Promise.resolve(invoiceCsv(invoice)),
  },
];

function exportRoute(format: Format) {
  return createRoute({
    method: "get",
    path: `${contractBase}/invoices/{invoiceId}/invoice.${format.extension}`,
    operationId: format.operationId,
    tags,
    summary: format.what,
    request: { params: InvoiceParams },
    responses: {
      200: fileAnswer(format.contentType, `The ${format.extension.toUpperCase()} file, as an attachment`),
      ...problems(400, 401, 403, 404),
    },
  });
}

export function presentInvoice(row: InvoiceRow): z.infer<typeof InvoiceSchema> {
  const d = row.document;
  return {
    invoiceId: row.invoiceId.toString(),
    invoiceNumber: row.invoiceNumber,
    districtId: row.districtId,
    contractId: row.contractId,
    vendorId: row.vendorId,
    statementId: row.statementId.toString(),
    status: row.status,
    issueDate: row.issueDate,
    dueDate: row.dueDate,
    netDays: d.netDays,
    currency: row.currency,
    amountDue: formatCents(row.amountCents),
    billTo: { ...d.billTo },
    remitTo: { ...d.remitTo },
    statement: { ...d.statement },
    lines: d.lines.map((l) => ({ ...l })),
    contentSha256: row.contentSha256,
    issuedAt: row.issuedAt,
    issuedBy: row.issuedBy,
    voidedAt: row.voidedAt,
    voidedBy: row.voidedBy,
    voidReason: row.voidReason,
  };
}

/** approve:money is the vendor's too (it approves statements); an invoice is the district's to issue and void. */
function districtOnly(actor: Actor, what: string): void {
  if (actor.orgKind !== "district")
    throw new ApiProblem("forbidden", `only the district ${what} invoices of its contracts`);
}

const statementConflict = (message: string, code: string) =>
  new ApiProblem("conflict", message, [{ path: "$.path.statementId", code, message }]);

const invoiceNotFound = (p: { invoiceId: string; contractId: string }) =>
  new ApiProblem("not-found", `no invoice ${p.invoiceId} of contract ${p.contractId}`);

export function registerInvoiceRoutes(routes: Routes): void {
  routes.add(createInvoiceRoute, needs("approve:money"), async (c) => {
    const actor = c.get("actor");
    districtOnly(actor, "issues");
    const p = c.req.valid("param");
    // An empty body is allowed: the default terms.
    const body = (c.req.valid("json") as z.infer<typeof CreateBody> | undefined) ?? {};
    const request = {
      districtId: p.districtId,
      contractId: p.contractId,
      statementId: BigInt(p.statementId),
      netDays: body.netDays ?? DEFAULT_NET_DAYS,
    };
    const context = { actor, at: c.get("deps").clock.now() };
    const response = await runIdempotent(c, sha256Hex(canonicalJson(body)), async (tx) => {
      const result = await issueInvoice(tx, request, context);
      switch (result.kind) {
        case "not-found":
          throw new ApiProblem("not-found", `no statement ${p.statementId} of contract ${p.contractId}`);
        case "not-approved":
          throw statementConflict(
            `statement ${p.statementId} is ${result.status}: only an approved statement is invoiced`,
            "statement-not-approved",
          );
        case "superseded":
          throw statementConflict(
            `statement ${p.statementId} was replaced by statement ${result.by}: invoice that one`,
            "statement-superseded",
          );
        case "nothing-due":
          throw statementConflict(
            `statement ${p.statementId} has ${result.due} due: an invoice bills a positive amount`,
            "nothing-due",
          );
        case "paid-since":
          throw statementConflict(
            `${result.payments} payment(s) of ${result.amount} were made after the statement's as-of date ${result.asOf}; its due would bill them again: run a new statement and invoice that`,
            "paid-after-as-of",
          );
        case "existing":
          return { status: 200, body: presentInvoice(result.invoice) };
        case "created":
          return { status: 201, body: presentInvoice(result.invoice) };
      }
    });
    return asRouteResponse(response);
  });

  routes.add(listInvoicesRoute, needs("read:contracts"), async (c) => {
    const { districtId, contractId } = c.req.valid("param");
    const items = await actAs(c.get("deps").db, actorScope(c.get("actor")), async (tx) =>
      (await contractVisible(tx, districtId, contractId)) ? listInvoices(tx, districtId, contractId) : null,
    );
    if (items === null)
      throw new ApiProblem("not-found", `no contract ${contractId} in district ${districtId}`);
    return c.json({ items: items.map(presentInvoice) }, 200);
  });

  routes.add(getInvoiceRoute, needs("read:contracts"), async (c) => {
    const p = c.req.valid("param");
    const invoice = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
      readInvoice(tx, p.districtId, p.contractId, BigInt(p.invoiceId)),
    );
    if (invoice === null) throw invoiceNotFound(p);
    return c.json(presentInvoice(invoice), 200);
  });

  for (const format of FORMATS)
    routes.add(exportRoute(format), needs("read:contracts"), async (c) => {
      const p = c.req.valid("param");
      const invoice = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
        readInvoice(tx, p.districtId, p.contractId, BigInt(p.invoiceId)),
      );
      if (invoice === null) throw invoiceNotFound(p);
      const body = await format.write(invoice);
      return attachmentResponse(body, format.contentType, invoiceFileName(invoice, format.extension));
    });

  routes.add(voidInvoiceRoute, needs("approve:money"), async (c) => {
    const actor = c.get("actor");
    districtOnly(actor, "voids");
    const p = c.req.valid("param");
    const { reason } = c.req.valid("json");
    const context = { actor, at: c.get("deps").clock.now() };
    const request = { ...p, invoiceId: BigInt(p.invoiceId), reason: reason.trim() };
    const result = await actAs(c.get("deps").db, actorScope(actor), (tx) =>
      voidInvoice(tx, request, context),
    );
    if (result.kind === "not-found") throw invoiceNotFound(p);
    if (result.kind === "already-void")
      throw new ApiProblem("conflict", `invoice ${result.invoice.invoiceNumber} is void already`, [
        { path: "$.path.invoiceId", code: "invoice-void", message: "a void invoice is not voided again" },
      ]);
    return c.json(presentInvoice(result.invoice), 200);
  });
}
