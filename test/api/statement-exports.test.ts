/**
 * Statement exports through the API: CSV, XLSX and PDF read back with the statement's
 * exact figures, each download is audited, a vendor gets its own contract's files and
 * another vendor gets 404; the explanation gives each adjusted line its reason.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../../src/adapters/csv/import-file.js";
import { writeCsv } from "../../src/adapters/csv/write-data-dir.js";
import { importCanonicalFile } from "../../src/app/import-canonical-file.js";
import { generateDistrict } from "../../src/core/demo/generate-district.js";
import {
  ASSESSMENT_COLUMNS,
  ENROLLMENT_COLUMNS,
  OBLIGATION_COLUMNS,
  PAYMENT_COLUMNS,
  SESSION_COLUMNS,
  STUDENT_COLUMNS,
} from "../../src/core/demo/rows.js";
import type { StatementJson } from "../../src/shared/statement-json.js";
import { statementDocumentsToCsv } from "../../src/shared/statement-csv.js";
import { TEST_STORES } from "../db/stores.js";
import { cents, parseCsv, pdfPageTexts } from "../documents/read-back.js";
import { openApiWorld, signInAs, type ApiWorld, type Client } from "./harness.js";

const C1 = "/api/districts/d1/contracts/c1/statements";

async function importData(world: ApiWorld, dir: string): Promise<void> {
  const district = generateDistrict({ students: 60, seed: "exports", contracts: 1 });
  const asC1 = <R extends { contract_id: string }>(rows: Iterable<R>) =>
    [...rows].map((r) => ({ ...r, contract_id: "c1" }));
  await mkdir(dir, { recursive: true });
  const files: [string, readonly string[], Iterable<Record<string, string>>][] = [
    ["students", STUDENT_COLUMNS, district.students()],
    ["enrollments", ENROLLMENT_COLUMNS, asC1(district.enrollments())],
    ["assessments", ASSESSMENT_COLUMNS, district.assessments()],
    ["sessions", SESSION_COLUMNS, asC1(district.sessions())],
    ["obligations", OBLIGATION_COLUMNS, asC1(district.obligations())],
    ["payments", PAYMENT_COLUMNS, asC1(district.payments())],
  ];
  for (const [kind, columns, rows] of files) {
    const path = join(dir, `${kind}.csv`);
    await writeCsv(path, columns as never, rows as never);
    const result = await importCanonicalFile(world.db, importFile(path), {
      districtId: "d1",
      format: null,
      importedBy: "test",
    });
    if (result.kind !== "imported" || result.rejected > 0) throw new Error(`${kind}: ${result.kind}`);
  }
}

async function bytes(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer());
}

const dir = mkdtempSync(join(tmpdir(), "accord-statement-exports-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(TEST_STORES)("statement exports ($name)", (store) => {
  let world: ApiWorld;
  let admin: Client;
  let id: string;
  let document: StatementJson;
  beforeAll(async () => {
    world = await openApiWorld(store);
    await importData(world, join(dir, store.name));
    admin = await signInAs(world, "district_admin", "d1");
    const run = await admin.request("POST", C1, { kind: "final" }, { "idempotency-key": "exports-run-1" });
    if (run.status !== 201) throw new Error(`run: ${run.status} ${await run.text()}`);
    id = ((await run.json()) as { statement: { statementId: string } }).statement.statementId;
    document = (await (await admin.request("GET", `${C1}/${id}/document`)).json()) as StatementJson;
  }, 120_000);
  afterAll(async () => world.close());

  it("exports the per-student CSV whose amounts add up to the statement's base and metrics", async () => {
    const response = await admin.request("GET", `${C1}/${id}/export.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="statement-d1-c1-${id}.csv"`,
    );
    const text = await response.text();
    expect(text).toBe(statementDocumentsToCsv([document]));
    const [header, ...rows] = parseCsv(text);
    expect(rows).toHaveLength(document.students.length);
    const column = (name: string) => header!.indexOf(name);
    const sum = (name: string) =>
      rows.reduce((s, r) => s + (r[column(name)] === "" ? 0n : cents(r[column(name)]!)), 0n);
    expect(sum("base")).toBe(cents(document.base));
    for (const m of document.metrics) if (!m.capped) expect(sum(`${m.id}.amount`)).toBe(cents(m.amount));
  });

  it("exports an XLSX whose summary total and student cells are the statement's", async () => {
    const response = await admin.request("GET", `${C1}/${id}/export.xlsx`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain(`statement-d1-c1-${id}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await bytes(response)) as unknown as ArrayBuffer);
    let total: unknown;
    book.getWorksheet("Summary")!.eachRow((row) => {
      if (row.getCell(1).value === "Total") total = row.getCell(2).value;
    });
    expect(total).toBe(Number(document.total));
    const students = book.getWorksheet("Students")!;
    expect(students.rowCount).toBe(document.students.length + 1);
    expect(students.getRow(2).getCell(1).value).toBe(document.students[0]!.studentId);
  });

  it("exports a PDF that names the statement and prints its exact total", async () => {
    const response = await admin.request("GET", `${C1}/${id}/export.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const pages = await pdfPageTexts(await bytes(response));
    const text = pages.join("\n");
    expect(text).toContain(`Statement ${id}`);
    const total = cents(document.total);
    const grouped =
      `${total / 100n}`.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + `.${`${total % 100n}`.padStart(2, "0")}`;
    expect(text).toContain(grouped);
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
  });

  it("audits each download as an export of the statement", async () => {
    const count = async () =>
      Number(
        (
          await world.db.query<{ n: string }>(
            "SELECT count(*)::text AS n FROM audit_events WHERE action = 'statement.export' AND object_id = $1",
            [id],
          )
        )[0]?.n,
      );
    const before = await count();
    await admin.request("GET", `${C1}/${id}/export.pdf`);
    expect(await count()).toBe(before + 1);
  });

  it("gives the contract's vendor its files and answers 404 to another vendor", async () => {
    const v1 = await signInAs(world, "vendor_user", "v1");
    const v2 = await signInAs(world, "vendor_user", "v2");
    for (const extension of ["csv", "xlsx", "pdf"]) {
      expect((await v1.request("GET", `${C1}/${id}/export.${extension}`)).status).toBe(200);
      const other = await v2.request("GET", `${C1}/${id}/export.${extension}`);
      expect(other.status).toBe(404);
      expect(other.headers.get("content-type")).toContain("problem+json");
    }
    expect((await v2.request("GET", `${C1}/${id}/explanation`)).status).toBe(404);
  });

  it("explains the base and each metric line", async () => {
    const response = await admin.request("GET", `${C1}/${id}/explanation`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { why: { line: string; text: string }[] };
    expect(body.why.map((w) => w.line)).toEqual(
      expect.arrayContaining(["base", ...document.metrics.map((m) => `metric:${m.id}`)]),
    );
  });
});
