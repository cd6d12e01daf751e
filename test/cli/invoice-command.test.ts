/**
 * `accord invoice`: writes a statement's invoice in force as PDF and CSV, read back with
 * the exact amount; a statement without one exits 2 naming it.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/adapters/db/open-store.js";
import { actAs } from "../../src/app/act-as.js";
import { issueInvoice } from "../../src/app/invoices/issue-invoice.js";
import { recordContract } from "../../src/app/record-contract.js";
import { termsFor } from "../api/harness.js";
import { largeStatementDocument } from "../browser/statement-fixture.js";
import { parseCsv, pdfPageTexts } from "../documents/read-back.js";
import { runAccord } from "../support/capture-output.js";

const accord = (dir: string, args: string[]) => runAccord(args, { ACCORD_DATA_DIR: dir });

describe("accord invoice", () => {
  let dir: string;
  let due = "";
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "accord-invoice-"));
    const db = await openStore({ ACCORD_DATA_DIR: dir });
    try {
      const text = JSON.stringify(termsFor("d1", "c1", "v1"), null, 2);
      const recorded = await recordContract(db, {
        source: { path: "c1.json", text, document: JSON.parse(text) as unknown, syntaxError: null },
        districtId: "d1",
        recordedBy: "test",
        reason: "signed",
      });
      if (recorded.kind === "invalid") throw new Error("terms invalid");
      const document = largeStatementDocument(text, "c1", 30);
      due = document.due;
      const source = JSON.stringify(document);
      for (const statementId of [1, 2])
        await db.query(
          `INSERT INTO statements (district_id, statement_id, contract_id, terms_version, as_of, document_source,
                                   document, input_digest, issued_at, kind, issued_by)
           VALUES ('d1', $1, 'c1', 1, $2, $3, $4::jsonb, $5, '2025-07-01T12:00:00Z', 'final', 'test')`,
          [statementId, document.asOf, source, source, "ef".repeat(32)],
        );
      await db.query(
        `INSERT INTO statement_reviews (district_id, statement_id, review_no, action, organization_id, reviewed_by,
                                        reviewed_at) VALUES ('d1', 1, 1, 'approve', 'd1', 'test', now())`,
      );
      const actor = {
        userId: "admin-1",
        tokenId: null,
        organizationId: "d1",
        orgKind: "district" as const,
        role: "district_admin" as const,
        session: null,
      };
      const issued = await actAs(db, { organizationId: "d1", orgKind: "district" }, (tx) =>
        issueInvoice(
          tx,
          { districtId: "d1", contractId: "c1", statementId: 1n, netDays: 30 },
          { actor, at: new Date("2025-07-10T15:00:00Z") },
        ),
      );
      if (issued.kind !== "created") throw new Error(`not issued: ${issued.kind}`);
    } finally {
      await db.close();
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the invoice in force as PDF and CSV with its exact amount", async () => {
    const out = join(dir, "out");
    const result = await accord(dir, ["invoice", "--statement", "1", "--district", "d1", "--out", out]);
    expect(result).toMatchObject({ code: 0, out: `INV-d1-v1-2025-0001: USD ${due} due 2025-08-09\n` });
    const [header, ...rows] = parseCsv(readFileSync(join(out, "invoice-INV-d1-v1-2025-0001.csv"), "utf8"));
    expect(rows.at(-1)?.[header!.indexOf("amount")]).toBe(due);
    const pdf = await pdfPageTexts(
      new Uint8Array(readFileSync(join(out, "invoice-INV-d1-v1-2025-0001.pdf"))),
    );
    expect(pdf.join(" ")).toContain("INV-d1-v1-2025-0001");
  });

  it("exits 2 for a statement without an invoice, and for a bad statement number", async () => {
    expect(await accord(dir, ["invoice", "--statement", "2", "--district", "d1"])).toMatchObject({
      code: 2,
      err: "accord: statement 2 of district d1 has no invoice in force\n",
    });
    expect((await accord(dir, ["invoice", "--statement", "x", "--district", "d1"])).code).toBe(2);
  });
});
