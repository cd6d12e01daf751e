/**
 * Settlement runs through the API: a run issues the statement the offline `settle` gives
 * on the same terms and files; the same run again issues nothing; corrected data gives
 * a new statement that replaces the old; the parties review statements; each party sees
 * only its own contracts' statements; per-student lines and exports are audited.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeCsv } from "../../src/adapters/csv/write-data-dir.js";
import { generateDistrict } from "../../src/core/demo/generate-district.js";
import { OBLIGATION_COLUMNS, STUDENT_COLUMNS } from "../../src/core/demo/rows.js";
import { TEST_STORES } from "../db/stores.js";
import { openApiWorld, signInAs, type ApiWorld, type Client } from "./harness.js";
import {
  importGeneratedContract,
  importInto,
  offlineStatement,
  writeGeneratedContract,
  type GeneratedContract,
} from "./generated-contract.js";

const C1 = "/api/districts/d1/contracts/c1/statements";
const C2 = "/api/districts/d1/contracts/c2/statements";

/** The files of a generated district of 60 students: a year of data, all for contract c1 of d1. */
const KINDS = ["students", "enrollments", "assessments", "sessions", "obligations", "payments"] as const;

let keyNo = 0;
function run(client: Client, path: string, body: unknown): Promise<Response> {
  return client.request("POST", path, body, { "idempotency-key": `statements-test-${++keyNo}` });
}

type Detail = {
  statement: {
    statementId: string;
    status: string;
    supersedesStatementId: string | null;
    total: string;
    asOf: string;
  };
  waterfall: { total: string; due: string; paid: string; students?: unknown };
};

async function auditCount(world: ApiWorld, action: string): Promise<number> {
  const rows = await world.db.query<{ n: string }>(
    "SELECT count(*)::text AS n FROM audit_events WHERE action = $1",
    [action],
  );
  return Number(rows[0]?.n);
}

const dir = mkdtempSync(join(tmpdir(), "accord-statements-api-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(TEST_STORES)("statements API ($name)", (store) => {
  let world: ApiWorld;
  let admin: Client;
  let generated: GeneratedContract;
  beforeAll(async () => {
    world = await openApiWorld(store);
    generated = await writeGeneratedContract(join(dir, store.name), 60, KINDS);
    await importGeneratedContract(world, generated);
    admin = await signInAs(world, "district_admin", "d1");
  }, 120_000);
  afterAll(async () => world.close());

  let first: Detail;

  it("issues the statement that the offline settlement gives on the same terms and files", async () => {
    const response = await run(admin, C1, { kind: "final" });
    expect(response.status).toBe(201);
    first = (await response.json()) as Detail;
    const expected = await offlineStatement(generated);
    expect(Number(expected.total)).toBeGreaterThan(0);
    expect(expected.students.length).toBeGreaterThan(0);
    const document = await admin.request("GET", `${C1}/${first.statement.statementId}/document`);
    expect(document.status).toBe(200);
    expect(await document.text()).toBe(JSON.stringify(expected, null, 2) + "\n");
    const { students: _students, format: _f, contractId: _c, asOf: _a, ...waterfall } = expected;
    expect(first.waterfall).toEqual(waterfall);
    expect(first.statement).toMatchObject({
      status: "issued",
      supersedesStatementId: null,
      total: expected.total,
      issuedByName: "district_admin of d1",
    });
  });

  it("runs the data quality check with the settlement and keeps its verdict with the statement", async () => {
    type Quality = {
      provisional: boolean;
      reasons: string[];
      findings: { code: string; severity: string; count: number; students: number }[];
    };
    const quality = (first.statement as unknown as { dataQuality: Quality }).dataQuality;
    const evidence = (await (
      await admin.request("GET", `/api/districts/d1/contracts/c1/evidence?asOf=${first.statement.asOf}`)
    ).json()) as { quality: Quality };
    expect(quality.findings.map((f) => [f.code, f.severity, f.count, f.students])).toEqual(
      evidence.quality.findings.map((f) => [f.code, f.severity, f.count, f.students]),
    );
    expect(quality.provisional).toBe(evidence.quality.provisional);
    expect(quality.provisional).toBe(quality.findings.some((f) => f.severity === "error"));
    expect(quality.reasons).toHaveLength(quality.findings.filter((f) => f.severity === "error").length);
    expect(JSON.stringify(quality)).not.toMatch(/exampleStudentIds/);
    const [audit] = await world.db.query<{ detail: string }>(
      "SELECT detail FROM audit_events WHERE action = 'statement.create' ORDER BY seq DESC LIMIT 1",
    );
    expect((JSON.parse(audit?.detail ?? "{}") as { provisional?: boolean }).provisional).toBe(
      quality.provisional,
    );
  });

  it("gives the latest statement back with 200, issuing nothing, when the inputs are unchanged", async () => {
    const again = await run(admin, C1, { kind: "final" });
    expect(again.status).toBe(200);
    expect(((await again.json()) as Detail).statement.statementId).toBe(first.statement.statementId);
    const list = (await (await admin.request("GET", C1)).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(1);
  });

  it("issues a new statement naming the one it replaces after corrected data is imported", async () => {
    // The district corrects one student's English-learner flag.
    const fixed = join(dir, store.name, "fixed");
    await mkdir(fixed, { recursive: true });
    const students = [...generateDistrict({ students: 60, seed: "api", contracts: 1 }).students()];
    students[0] = {
      ...students[0]!,
      english_learner: students[0]!.english_learner === "true" ? "false" : "true",
    };
    await writeCsv(join(fixed, "students.csv"), STUDENT_COLUMNS, students);
    await importInto(world, join(fixed, "students.csv"));
    const response = await run(admin, C1, { kind: "final" });
    expect(response.status).toBe(201);
    const second = (await response.json()) as Detail;
    expect(second.statement.supersedesStatementId).toBe(first.statement.statementId);
    const list = (await (await admin.request("GET", C1)).json()) as {
      items: { statementId: string; supersededByStatementId: string | null; total: string; due: string }[];
    };
    expect(list.items.map((s) => s.statementId)).toEqual([
      second.statement.statementId,
      first.statement.statementId,
    ]);
    expect(list.items[1]?.supersededByStatementId).toBe(second.statement.statementId);
    expect(list.items[0]?.total).toMatch(/^-?\d+\.\d\d$/);
    expect(list.items[0]?.due).toMatch(/^-?\d+\.\d\d$/);
  });

  it("keeps summaries free of per-student lines and audits the read of those lines", async () => {
    const [latest] = ((await (await admin.request("GET", C1)).json()) as { items: { statementId: string }[] })
      .items;
    const summary = (await (await admin.request("GET", `${C1}/${latest!.statementId}`)).json()) as Detail;
    expect(summary.waterfall.students).toBeUndefined();
    const before = await auditCount(world, "statement-students.read");
    const analyst = await signInAs(world, "district_analyst", "d1");
    const lines = await analyst.request("GET", `${C1}/${latest!.statementId}/students`);
    expect(lines.status).toBe(200);
    expect(((await lines.json()) as { students: unknown[] }).students.length).toBeGreaterThan(0);
    expect(await auditCount(world, "statement-students.read")).toBe(before + 1);
    const [entry] = await world.db.query<{ detail: string }>(
      "SELECT detail FROM audit_events WHERE action = 'statement-students.read' ORDER BY seq DESC LIMIT 1",
    );
    expect(JSON.parse(entry!.detail)).toEqual({
      districtId: "d1",
      contractId: "c1",
      students: expect.any(Number),
    });
  });

  it("shows a vendor its own contract's statements and answers 404 for another vendor's", async () => {
    const v1 = await signInAs(world, "vendor_user", "v1");
    const v2 = await signInAs(world, "vendor_user", "v2");
    const mine = await v1.request("GET", C1);
    expect(mine.status).toBe(200);
    expect(((await mine.json()) as { items: unknown[] }).items).toHaveLength(2);
    expect((await v2.request("GET", C1)).status).toBe(404);
    expect((await v2.request("GET", `${C1}/${first.statement.statementId}`)).status).toBe(404);
    expect((await v2.request("GET", `${C1}/${first.statement.statementId}/students`)).status).toBe(404);
    expect((await v2.request("GET", `${C1}/${first.statement.statementId}/document`)).status).toBe(404);
  });

  it("refuses to review a replaced statement, and lets the vendor dispute the current one with a comment", async () => {
    const v1 = await signInAs(world, "vendor_user", "v1");
    const [latest] = ((await (await v1.request("GET", C1)).json()) as { items: { statementId: string }[] })
      .items;
    const old = await v1.request("POST", `${C1}/${first.statement.statementId}/dispute`, {
      comment: "too low",
    });
    expect(old.status).toBe(409);
    const noComment = await v1.request("POST", `${C1}/${latest!.statementId}/dispute`, { comment: "" });
    expect(noComment.status).toBe(400);
    expect(await noComment.json()).toMatchObject({ problems: [{ path: "$.body.comment" }] });
    const disputed = await v1.request("POST", `${C1}/${latest!.statementId}/dispute`, {
      comment: "Sessions of March are missing",
    });
    expect(disputed.status).toBe(201);
    expect(await disputed.json()).toMatchObject({
      review: { reviewNo: 1, action: "dispute", organizationId: "v1" },
      statement: { status: "disputed" },
      contractSettled: false,
    });
  });

  it("does not let an analyst approve (403)", async () => {
    const analyst = await signInAs(world, "district_analyst", "d1");
    const [latest] = (
      (await (await analyst.request("GET", C1)).json()) as { items: { statementId: string }[] }
    ).items;
    const response = await analyst.request("POST", `${C1}/${latest!.statementId}/approve`);
    expect(response.status).toBe(403);
  });

  it("refuses a final statement as of a date before the period end", async () => {
    const response = await run(admin, C1, { kind: "final", asOf: "2024-12-31" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      problems: [{ path: "$.body.asOf", code: "before-period-end" }],
    });
  });

  it("issues an interim statement as of a date, apart from the final ones", async () => {
    const response = await run(admin, C1, { kind: "interim", asOf: "2024-12-31" });
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      statement: { kind: string; asOf: string; supersedesStatementId: null };
    };
    expect(body.statement).toMatchObject({
      kind: "interim",
      asOf: "2024-12-31",
      supersedesStatementId: null,
    });
  });

  it("settles the contract when the district approves its final statement", async () => {
    const latest = (
      (await (await admin.request("GET", C1)).json()) as { items: { statementId: string; kind: string }[] }
    ).items.find((item) => item.kind === "final");
    const before = await auditCount(world, "statement.approve");
    const approved = await admin.request("POST", `${C1}/${latest!.statementId}/approve`);
    expect(approved.status).toBe(201);
    expect(await approved.json()).toMatchObject({
      // The reviewer by name (a user's display name), beside their user id.
      review: { reviewNo: 2, action: "approve", organizationId: "d1", reviewedByName: expect.any(String) },
      statement: { status: "approved" },
      contractSettled: true,
    });
    expect(await auditCount(world, "statement.approve")).toBe(before + 1);
    const contract = (await (await admin.request("GET", "/api/districts/d1/contracts/c1")).json()) as {
      contract: { stage: string };
    };
    expect(contract.contract.stage).toBe("settled");
    const detail = (await (await admin.request("GET", `${C1}/${latest!.statementId}`)).json()) as {
      reviews: { action: string; reviewedByName: string | null }[];
    };
    expect(detail.reviews.map((r) => r.action)).toEqual(["dispute", "approve"]);
    expect(detail.reviews.every((r) => typeof r.reviewedByName === "string" && r.reviewedByName !== "")).toBe(
      true,
    );
    const again = await run(admin, C1, { kind: "final" });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: "stage-conflict" });
  });

  it("answers 400 invalid-data naming the file, line and column of each stored row at fault", async () => {
    const bad = join(dir, store.name, "bad");
    await mkdir(bad, { recursive: true });
    await writeCsv(join(bad, "obligations.csv"), OBLIGATION_COLUMNS, [
      { contract_id: "c2", obligation_id: "no-such-obligation", status: "met", evidence: "" },
    ]);
    await importInto(world, join(bad, "obligations.csv"));
    const response = await run(admin, C2, { kind: "final" });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; problems: { path: string; code: string }[] };
    expect(body.code).toBe("invalid-data");
    expect(body.problems).toEqual([
      expect.objectContaining({
        path: expect.stringMatching(/obligations\.csv:2:0$/),
        code: "unknown-obligation",
      }),
    ]);
  });

  it("documents every statement and payment route in the OpenAPI document", async () => {
    const doc = (await (await admin.request("GET", "/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(ids).toEqual(
      expect.arrayContaining([
        "runSettlement",
        "listStatements",
        "getStatement",
        "listStatementStudents",
        "getStatementDocument",
        "approveStatement",
        "disputeStatement",
        "recordPayment",
        "listPayments",
      ]),
    );
  });

  it("keeps statements immutable in the store", async () => {
    await expect(world.db.query("UPDATE statements SET kind = 'interim'")).rejects.toThrow(/immutable/);
    await expect(world.db.query("DELETE FROM statements")).rejects.toThrow(/immutable/);
  });
});
