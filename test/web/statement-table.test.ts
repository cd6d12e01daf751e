/**
 * The per-student table's search, filter and sort, over the statement's lines; and what
 * each role may do with a statement. A 50,000-student statement is searched and sorted
 * within a frame budget the page can live with.
 */
import { describe, expect, it } from "vitest";
import type { StatementDetail } from "../../web/src/lib/api-types.js";
import type { StudentLine } from "../../web/src/lib/api/statements.js";
import { DEFAULT_QUERY, prepareRows, queryRows } from "../../web/src/lib/student-table.js";
import { statementActions } from "../../web/src/lib/statement-actions.js";

/** Milliseconds for a log line (one decimal). */
const ms = (value: number): string => value.toLocaleString("en-US", { maximumFractionDigits: 1 });

function line(i: number, over: Partial<StudentLine> = {}): StudentLine {
  const served = i % 3 !== 0;
  return {
    studentId: `S${String(i).padStart(6, "0")}`,
    eligible: i % 7 !== 0,
    ineligibleReason: i % 7 === 0 ? "grade" : null,
    served: i % 7 !== 0 && served,
    sessions: i % 40,
    minutes: (i % 40) * 30,
    consistency: "1.000000",
    base: i % 7 !== 0 && served ? "670.00" : "0.00",
    metrics:
      i % 7 === 0
        ? {}
        : {
            growth: {
              status: i % 2 === 0 ? "met" : "notMet",
              value: "10",
              target: "9",
              amount: i % 2 === 0 ? `${i % 900}.50` : "0.00",
            },
          },
    ...over,
  };
}

const ids = (rows: ReturnType<typeof queryRows>) => rows.map((r) => r.line.studentId);

describe("student table", () => {
  const rows = prepareRows([line(3), line(1), line(2), line(7), line(14, { studentId: "X-14" })]);

  it("finds students by any part of the id, ignoring case", () => {
    expect(ids(queryRows(rows, { ...DEFAULT_QUERY, search: "x-1" }))).toEqual(["X-14"]);
    expect(ids(queryRows(rows, { ...DEFAULT_QUERY, search: " s00000 " }))).toEqual([
      "S000001",
      "S000002",
      "S000003",
      "S000007",
    ]);
  });

  it("filters by status: served, eligible but not served, ineligible", () => {
    expect(ids(queryRows(rows, { ...DEFAULT_QUERY, status: "ineligible" }))).toEqual(["S000007", "X-14"]);
    expect(ids(queryRows(rows, { ...DEFAULT_QUERY, status: "not-served" }))).toEqual(["S000003"]);
    expect(ids(queryRows(rows, { ...DEFAULT_QUERY, status: "served" }))).toEqual(["S000001", "S000002"]);
  });

  it("sorts amounts as cents either way, ties in the statement's order, students without the metric last", () => {
    const byGrowth = queryRows(rows, { ...DEFAULT_QUERY, sort: "metric:growth", direction: "descending" });
    expect(ids(byGrowth)).toEqual(["S000002", "S000003", "S000001", "S000007", "X-14"]);
    const byBase = queryRows(rows, { ...DEFAULT_QUERY, sort: "base", direction: "ascending" });
    expect(byBase.map((r) => r.baseCents)).toEqual([0n, 0n, 0n, 67000n, 67000n]);
  });

  it("refuses a line whose amount is not money rather than sorting it as zero", () => {
    expect(() => prepareRows([line(1, { base: "12" })])).toThrow(/base of S000001 is not money/);
  });

  it("searches and sorts 50,000 students quickly", () => {
    const many = Array.from({ length: 50_000 }, (_, i) => line(i + 1));
    let started = performance.now();
    const prepared = prepareRows(many);
    const prepareMs = performance.now() - started;
    started = performance.now();
    const sorted = queryRows(prepared, { ...DEFAULT_QUERY, sort: "metric:growth", direction: "descending" });
    const sortMs = performance.now() - started;
    started = performance.now();
    const found = queryRows(prepared, { ...DEFAULT_QUERY, search: "S0499", status: "served" });
    const searchMs = performance.now() - started;
    console.log(
      `50,000 students: prepare ${ms(prepareMs)} ms, sort ${ms(sortMs)} ms, search ${ms(searchMs)} ms`,
    );
    expect(sorted).toHaveLength(50_000);
    expect(found.every((r) => r.line.studentId.startsWith("S0499") && r.status === "served")).toBe(true);
    expect(sortMs).toBeLessThan(1_000);
    expect(searchMs).toBeLessThan(200);
  });
});

function detail(
  over: Partial<StatementDetail["statement"]> = {},
  reviews: StatementDetail["reviews"] = [],
): StatementDetail {
  return {
    statement: {
      statementId: "5",
      kind: "final",
      asOf: "2025-06-30",
      termsVersion: 1,
      issuedAt: "2025-07-01T00:00:00Z",
      issuedBy: "u1",
      issuedByName: null,
      status: "issued",
      total: "10.00",
      due: "10.00",
      supersedesStatementId: null,
      supersededByStatementId: null,
      dataQuality: null,
      ...over,
    },
    districtId: "d1",
    contractId: "c1",
    inputDigest: "x",
    waterfall: {} as StatementDetail["waterfall"],
    reviews,
  };
}

describe("statement actions", () => {
  const admin = { role: "district_admin", organizationId: "d1" } as const;
  const analyst = { role: "district_analyst", organizationId: "d1" } as const;
  const vendor = { role: "vendor_user", organizationId: "v1" } as const;
  const auditor = { role: "auditor", organizationId: "d1" } as const;

  it("lets a district administrator approve, dispute and re-run an active contract's statement", () => {
    expect(statementActions(admin, detail(), "active")).toEqual({
      approve: true,
      dispute: true,
      rerun: true,
      note: null,
    });
    expect(statementActions(admin, detail(), "settled").rerun).toBe(false);
  });

  it("lets an analyst re-run but never approve money", () => {
    const a = statementActions(analyst, detail(), "active");
    expect([a.approve, a.dispute, a.rerun]).toEqual([false, false, true]);
    expect(statementActions(analyst, detail(), "settled").note).toMatch(/Analysts do not approve money/);
  });

  it("lets the vendor approve or dispute, not re-run; an auditor only reads", () => {
    const v = statementActions(vendor, detail(), "active");
    expect([v.approve, v.dispute, v.rerun]).toEqual([true, true, false]);
    const a = statementActions(auditor, detail(), "active");
    expect([a.approve, a.dispute, a.rerun]).toEqual([false, false, false]);
  });

  it("offers no second approval from the organization that approved last, but one after its own dispute", () => {
    const review = (action: "approve" | "dispute", organizationId: string, reviewNo: number) => ({
      reviewNo,
      action,
      comment: action === "dispute" ? "why" : null,
      organizationId,
      reviewedBy: "u",
      reviewedByName: null,
      reviewedAt: "2025-07-02T00:00:00Z",
    });
    expect(statementActions(admin, detail({}, [review("approve", "d1", 1)]), "active").approve).toBe(false);
    expect(statementActions(vendor, detail({}, [review("approve", "d1", 1)]), "active").approve).toBe(true);
    expect(
      statementActions(admin, detail({}, [review("approve", "d1", 1), review("dispute", "d1", 2)]), "active")
        .approve,
    ).toBe(true);
  });

  it("offers nothing on a statement a later run replaced, and says which one to review", () => {
    const replaced = statementActions(admin, detail({ supersededByStatementId: "6" }), "active");
    expect(replaced).toEqual({
      approve: false,
      dispute: false,
      rerun: false,
      note: expect.stringContaining("Statement 6"),
    });
  });
});
