/**
 * Vendor invoices through the API, on both stores: issued only for an approved statement,
 * for exactly what the statement says is due now, with its waterfall as lines; one in
 * force per statement; voided with a reason and issued again under the next number;
 * read and downloaded by both parties, refused to others; numbered without gaps under
 * concurrent issues.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../../src/adapters/csv/import-file.js";
import { writeCsv } from "../../src/adapters/csv/write-data-dir.js";
import { importCanonicalFile } from "../../src/app/import-canonical-file.js";
import { sha256Hex } from "../../src/app/statements/canonical-json.js";
import { generateDistrict } from "../../src/core/demo/generate-district.js";
import {
  ASSESSMENT_COLUMNS,
  ENROLLMENT_COLUMNS,
  OBLIGATION_COLUMNS,
  PAYMENT_COLUMNS,
  SESSION_COLUMNS,
  STUDENT_COLUMNS,
} from "../../src/core/demo/rows.js";
import { formatCents } from "../../src/core/money.js";
import { statementWaterfall } from "../../src/shared/statement-waterfall.js";
import { TEST_STORES } from "../db/stores.js";
import { cents, parseCsv, pdfPageTexts } from "../documents/read-back.js";
import { openApiWorld, signInAs, termsFor, type ApiWorld, type Client } from "./harness.js";

const C1 = "/api/districts/d1/contracts/c1";

async function writeData(dir: string): Promise<string> {
  const district = generateDistrict({ students: 60, seed: "api", contracts: 1 });
  const asC1 = <R extends { contract_id: string }>(rows: Iterable<R>) =>
    [...rows].map((r) => ({ ...r, contract_id: "c1" }));
  await mkdir(dir, { recursive: true });
  await writeCsv(join(dir, "students.csv"), STUDENT_COLUMNS, district.students());
  await writeCsv(join(dir, "enrollments.csv"), ENROLLMENT_COLUMNS, asC1(district.enrollments()));
  await writeCsv(join(dir, "assessments.csv"), ASSESSMENT_COLUMNS, district.assessments());
  await writeCsv(join(dir, "sessions.csv"), SESSION_COLUMNS, asC1(district.sessions()));
  await writeCsv(join(dir, "obligations.csv"), OBLIGATION_COLUMNS, asC1(district.obligations()));
  await writeCsv(join(dir, "payments.csv"), PAYMENT_COLUMNS, asC1(district.payments()));
  await writeFile(join(dir, "c1.json"), JSON.stringify(termsFor("d1", "c1", "v1"), null, 2));
  return dir;
}

const KINDS = ["students", "enrollments", "assessments", "sessions", "obligations", "payments"];

let keyNo = 0;
const key = () => ({ "idempotency-key": `invoices-test-${++keyNo}` });

type Waterfall = {
  base: string;
  metrics: { id: string; amount: string; capped: boolean }[];
  outcome: string;
  reduction: string;
  subtotal: string;
  total: string;
  paid: string;
  due: string;
  currency: string;
};
type Detail = {
  statement: { statementId: string; kind: string; asOf: string; status: string };
  inputDigest: string;
  waterfall: Waterfall;
};
type Invoice = {
  invoiceId: string;
  invoiceNumber: string;
  statementId: string;
  status: string;
  issueDate: string;
  dueDate: string;
  netDays: number;
  amountDue: string;
  currency: string;
  billTo: { districtId: string; name: string };
  remitTo: { vendorId: string; name: string };
  statement: { statementId: string; kind: string; asOf: string; inputDigest: string };
  lines: { key: string; kind: string; description: string; amount: string }[];
  contentSha256: string;
  voidReason: string | null;
};
type Problem = { code: string; problems?: { path: string; code: string }[] };

const dir = mkdtempSync(join(tmpdir(), "accord-invoices-api-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(TEST_STORES)(
  "invoices API ($name)",
  (store) => {
    let world: ApiWorld;
    let admin: Client;
    let statement: Detail;
    let invoice: Invoice;
    const invoicePath = (statementId: string) => `${C1}/statements/${statementId}/invoice`;

    beforeAll(async () => {
      world = await openApiWorld(store);
      const data = await writeData(join(dir, store.name));
      for (const kind of KINDS) {
        const result = await importCanonicalFile(world.db, importFile(join(data, `${kind}.csv`)), {
          districtId: "d1",
          format: null,
          importedBy: "test",
        });
        if (result.kind !== "imported" || result.rejected > 0) throw new Error(`${kind}: ${result.kind}`);
      }
      admin = await signInAs(world, "district_admin", "d1");
      const run = await admin.request("POST", `${C1}/statements`, { kind: "final" }, key());
      expect(run.status).toBe(201);
      statement = (await run.json()) as Detail;
    }, 180_000);
    afterAll(async () => world.close());

    it("refuses to invoice a statement that is not approved, naming its status", async () => {
      const response = await admin.request("POST", invoicePath(statement.statement.statementId), {}, key());
      expect(response.status).toBe(409);
      const problem = (await response.json()) as Problem;
      expect(problem.code).toBe("conflict");
      expect(problem.problems).toEqual([
        expect.objectContaining({ path: "$.path.statementId", code: "statement-not-approved" }),
      ]);
    });

    it("invoices an approved statement for exactly its due amount, with its waterfall as lines", async () => {
      const id = statement.statement.statementId;
      expect((await admin.request("POST", `${C1}/statements/${id}/approve`, {})).status).toBe(201);
      const w = statement.waterfall;
      // The generated year has payments: the invoice bills the total less what was paid.
      expect(cents(w.paid)).toBeGreaterThan(0n);
      expect(cents(w.due)).toBe(cents(w.total) - cents(w.paid));
      const response = await admin.request("POST", invoicePath(id), { netDays: 45 }, key());
      expect(response.status).toBe(201);
      invoice = (await response.json()) as Invoice;
      expect(invoice).toMatchObject({
        invoiceNumber: "INV-d1-v1-2025-0001",
        statementId: id,
        status: "issued",
        issueDate: "2025-01-15",
        dueDate: "2025-03-01",
        netDays: 45,
        amountDue: w.due,
        currency: w.currency,
        billTo: { districtId: "d1", name: "District d1" },
        remitTo: { vendorId: "v1", name: "Vendor v1" },
        statement: {
          statementId: id,
          kind: "final",
          asOf: statement.statement.asOf,
          inputDigest: statement.inputDigest,
        },
      });
      const waterfall = statementWaterfall(w);
      expect(invoice.lines.map((l) => [l.key, l.kind, l.amount])).toEqual(
        waterfall.map((s) => [s.key, s.kind === "sum" ? "total" : "line", formatCents(s.cents)]),
      );
      expect(invoice.lines.at(-1)).toEqual({
        key: "due",
        kind: "total",
        description: "Amount due",
        amount: w.due,
      });
      expect(invoice.lines.find((l) => l.key === "paid")?.amount).toBe(formatCents(-cents(w.paid)));
      const items = invoice.lines.filter((l) => l.kind === "line").map((l) => cents(l.amount));
      expect(items.reduce((a, b) => a + b, 0n)).toBe(cents(w.due));
    });

    it("keeps the invoice as canonical JSON whose SHA-256 is the digest it shows, and audits the issue", async () => {
      const [row] = await world.db.query<{
        document_source: string;
        content_sha256: string;
        amount_cents: bigint;
      }>("SELECT document_source, content_sha256, amount_cents FROM invoices WHERE invoice_id = $1", [
        BigInt(invoice.invoiceId),
      ]);
      expect(row?.content_sha256).toBe(invoice.contentSha256);
      expect(sha256Hex(row!.document_source)).toBe(invoice.contentSha256);
      expect(row?.amount_cents).toBe(cents(statement.waterfall.due));
      const [audit] = await world.db.query<{ detail: string; object_id: string }>(
        "SELECT detail, object_id FROM audit_events WHERE action = 'invoice.create' ORDER BY seq DESC LIMIT 1",
      );
      expect(audit?.object_id).toBe(invoice.invoiceId);
      expect(JSON.parse(audit!.detail)).toMatchObject({
        invoiceNumber: "INV-d1-v1-2025-0001",
        amount: invoice.amountDue,
      });
    });

    it("answers the invoice in force to a second request, and replays a retried key", async () => {
      const again = await admin.request("POST", invoicePath(statement.statement.statementId), {}, key());
      expect(again.status).toBe(200);
      expect(((await again.json()) as Invoice).invoiceId).toBe(invoice.invoiceId);
      const sameKey = { "idempotency-key": "invoices-test-retry" };
      const first = await admin.request("POST", invoicePath(statement.statement.statementId), {}, sameKey);
      const retry = await admin.request("POST", invoicePath(statement.statement.statementId), {}, sameKey);
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      expect(await retry.text()).toBe(await first.text());
      const [count] = await world.db.query<{ n: number }>("SELECT count(*)::integer AS n FROM invoices");
      expect(count?.n).toBe(1);
    });

    it("documents every invoice route in the OpenAPI document", async () => {
      const doc = (await (await admin.request("GET", "/api/openapi.json")).json()) as {
        paths: Record<string, Record<string, { operationId: string }>>;
      };
      const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
      expect(ids).toEqual(
        expect.arrayContaining([
          "createInvoice",
          "listInvoices",
          "getInvoice",
          "exportInvoicePdf",
          "exportInvoiceCsv",
          "voidInvoice",
        ]),
      );
    });

    it("refuses net days outside 0 to 90 with the body's path", async () => {
      const response = await admin.request(
        "POST",
        invoicePath(statement.statement.statementId),
        { netDays: 91 },
        key(),
      );
      expect(response.status).toBe(400);
      const problem = (await response.json()) as Problem;
      expect(problem.problems?.map((p) => p.path)).toEqual(["$.body.netDays"]);
    });

    it("gives the PDF with the parties, numbers, exact amounts, digests and page numbers", async () => {
      const response = await admin.request("GET", `${C1}/invoices/${invoice.invoiceId}/invoice.pdf`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/pdf");
      expect(response.headers.get("content-disposition")).toBe(
        'attachment; filename="invoice-INV-d1-v1-2025-0001.pdf"',
      );
      const pages = await pdfPageTexts(new Uint8Array(await response.arrayBuffer()));
      const text = pages.join("\n").replace(/\s+/g, " ");
      const grouped = (money: string) =>
        money.replace(
          /^(-?)(\d+)(\.\d\d)$/,
          (_m, sign: string, whole: string, frac: string) =>
            `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${frac}`,
        );
      for (const expected of [
        "INV-d1-v1-2025-0001",
        "Bill to",
        "District d1",
        "Remit to",
        "Vendor v1",
        "2025-01-15",
        "2025-03-01 (net 45 days)",
        `USD ${grouped(invoice.amountDue)}`,
        statement.inputDigest,
        invoice.contentSha256,
        `Page 1 of ${pages.length}`,
      ])
        expect(text).toContain(expected);
      for (const line of invoice.lines) expect(text).toContain(grouped(line.amount));
    });

    it("gives the CSV with one row per line and total, in exact decimals", async () => {
      const response = await admin.request("GET", `${C1}/invoices/${invoice.invoiceId}/invoice.csv`);
      expect(response.status).toBe(200);
      const [header, ...rows] = parseCsv(await response.text());
      expect(header?.slice(0, 3)).toEqual(["invoice_number", "status", "issue_date"]);
      const col = (name: string) => header!.indexOf(name);
      expect(rows.map((r) => [r[col("key")], r[col("kind")], r[col("amount")]])).toEqual(
        invoice.lines.map((l) => [l.key, l.kind, l.amount]),
      );
      expect(rows.at(-1)?.[col("amount")]).toBe(statement.waterfall.due);
      expect(new Set(rows.map((r) => r[col("invoice_content_sha256")]))).toEqual(
        new Set([invoice.contentSha256]),
      );
      expect(new Set(rows.map((r) => r[col("statement_input_sha256")]))).toEqual(
        new Set([statement.inputDigest]),
      );
    });

    it("lets the contract's vendor read and download it, and no one else", async () => {
      const v1 = await signInAs(world, "vendor_user", "v1");
      const v2 = await signInAs(world, "vendor_user", "v2");
      const auditor = await signInAs(world, "auditor", "d1");
      const list = (await (await v1.request("GET", `${C1}/invoices`)).json()) as { items: Invoice[] };
      expect(list.items.map((i) => i.invoiceNumber)).toEqual(["INV-d1-v1-2025-0001"]);
      expect((await v1.request("GET", `${C1}/invoices/${invoice.invoiceId}/invoice.pdf`)).status).toBe(200);
      expect((await auditor.request("GET", `${C1}/invoices/${invoice.invoiceId}/invoice.csv`)).status).toBe(
        200,
      );
      expect((await v2.request("GET", `${C1}/invoices`)).status).toBe(404);
      expect((await v2.request("GET", `${C1}/invoices/${invoice.invoiceId}`)).status).toBe(404);
      const vendorVoid = await v1.request("POST", `${C1}/invoices/${invoice.invoiceId}/void`, {
        reason: "no",
      });
      expect(vendorVoid.status).toBe(403);
      const vendorIssue = await v1.request("POST", invoicePath(statement.statement.statementId), {}, key());
      expect(vendorIssue.status).toBe(403);
      const analyst = await signInAs(world, "district_analyst", "d1");
      expect(
        (await analyst.request("POST", invoicePath(statement.statement.statementId), {}, key())).status,
      ).toBe(403);
    });

    it("voids with a reason, keeps the void invoice, and issues the next number for the same statement", async () => {
      const path = `${C1}/invoices/${invoice.invoiceId}/void`;
      const blank = await admin.request("POST", path, { reason: "  " });
      expect(blank.status).toBe(400);
      expect(((await blank.json()) as Problem).problems?.map((p) => p.path)).toEqual(["$.body.reason"]);
      world.clock.advance(60_000);
      const voided = await admin.request("POST", path, { reason: "Wrong remit-to address" });
      expect(voided.status).toBe(200);
      expect((await voided.json()) as Invoice).toMatchObject({
        status: "void",
        voidReason: "Wrong remit-to address",
      });
      expect((await admin.request("POST", path, { reason: "again" })).status).toBe(409);
      const [audit] = await world.db.query<{ detail: string }>(
        "SELECT detail FROM audit_events WHERE action = 'invoice.void' ORDER BY seq DESC LIMIT 1",
      );
      expect(JSON.parse(audit!.detail)).toEqual({
        districtId: "d1",
        contractId: "c1",
        invoiceNumber: "INV-d1-v1-2025-0001",
      });
      const pdf = await pdfPageTexts(
        new Uint8Array(
          await (await admin.request("GET", `${C1}/invoices/${invoice.invoiceId}/invoice.pdf`)).arrayBuffer(),
        ),
      );
      const first = pdf[0]!.replace(/\s+/g, " ");
      expect(first).toContain("VOID: this invoice was voided on 2025-01-15 15:01 UTC");
      expect(first).toContain("Reason: Wrong remit-to address. Do not pay it.");

      const next = await admin.request("POST", invoicePath(statement.statement.statementId), {}, key());
      expect(next.status).toBe(201);
      const second = (await next.json()) as Invoice;
      expect(second).toMatchObject({
        invoiceNumber: "INV-d1-v1-2025-0002",
        amountDue: invoice.amountDue,
        dueDate: "2025-02-14",
      });
      const list = (await (await admin.request("GET", `${C1}/invoices`)).json()) as { items: Invoice[] };
      expect(list.items.map((i) => [i.invoiceNumber, i.status])).toEqual([
        ["INV-d1-v1-2025-0002", "issued"],
        ["INV-d1-v1-2025-0001", "void"],
      ]);
    });

    it("never lets an invoice be deleted or changed but for its void", async () => {
      await expect(world.db.query("DELETE FROM invoices")).rejects.toThrow(/kept/);
      await expect(world.db.query("UPDATE invoices SET amount_cents = 1")).rejects.toThrow();
    });

    it("numbers 20 concurrent issues for different statements with 20 consecutive numbers", async () => {
      const copies = await copyStatement(world, statement.statement.statementId, 20);
      const answers = await Promise.all(
        copies.map((id) => admin.request("POST", invoicePath(id), {}, key())),
      );
      expect(answers.map((a) => a.status)).toEqual(copies.map(() => 201));
      const numbers = await Promise.all(
        answers.map(async (a) => ((await a.json()) as Invoice).invoiceNumber),
      );
      // 0001 is void and 0002 is in force: the next twenty follow without a gap.
      const expected = Array.from(
        { length: 20 },
        (_, i) => `INV-d1-v1-2025-${String(i + 3).padStart(4, "0")}`,
      );
      expect([...numbers].sort()).toEqual(expected);
    });

    it("refuses a statement with payments dated after its as-of date", async () => {
      const [payment] = await world.db.query<{ n: number }>("SELECT count(*)::integer AS n FROM payments");
      expect(payment?.n).toBeGreaterThan(0);
      // Runs last: the late payment stays, and refuses every statement as of an earlier day.
      const record = await admin.request(
        "POST",
        `${C1}/payments`,
        { paidOn: "2099-01-01", amount: "1.00", reference: "late" },
        key(),
      );
      expect(record.status).toBe(201);
      const [copy] = await copyStatement(world, statement.statement.statementId, 1);
      const response = await admin.request("POST", invoicePath(copy!), {}, key());
      expect(response.status).toBe(409);
      expect(((await response.json()) as Problem).problems?.[0]?.code).toBe("paid-after-as-of");
    });
  },
  600_000,
);

/**
 * Approved copies of a statement (same document, as of the same day), written as the
 * store's owner: each a separate statement to invoice.
 */
async function copyStatement(world: ApiWorld, statementId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const [row] = await world.db.query<{ statement_id: bigint }>(
      `INSERT INTO statements (district_id, contract_id, terms_version, as_of, document_source, document, input_digest,
                               issued_at, kind, issued_by, data_quality)
       SELECT district_id, contract_id, terms_version, as_of, document_source, document, input_digest,
              issued_at, kind, issued_by, data_quality
         FROM statements WHERE district_id = 'd1' AND statement_id = $1
       RETURNING statement_id`,
      [BigInt(statementId)],
    );
    await world.db.query(
      `INSERT INTO statement_reviews (district_id, statement_id, review_no, action, organization_id, reviewed_by, reviewed_at)
       VALUES ('d1', $1, 1, 'approve', 'd1', 'test', now())`,
      [row!.statement_id],
    );
    ids.push(row!.statement_id.toString());
  }
  return ids;
}
