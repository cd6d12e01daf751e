import { describe, expect, it } from "vitest";
import { cents } from "../money.js";
import { ratio } from "../ratio.js";
import type { IsoDate } from "../date.js";
import { scoreContract, type ContractFacts, type StatementFigures } from "./contract-score.js";
import { totalScores, totalsBy } from "./scorecard-totals.js";
import { fiscalYearOf, isSchoolYear, schoolYearOf } from "./school-year.js";
import { matchesFilter } from "./scorecard-filter.js";
import { contractScoreJson, totalsJson } from "../../shared/scorecard-json.js";

const day = (s: string) => s as IsoDate;

function statement(over: Partial<StatementFigures>): StatementFigures {
  return {
    statementId: "1",
    kind: "final",
    asOf: day("2025-05-23"),
    final: true,
    status: "issued",
    served: 0,
    outcomeCents: cents(0n),
    reductionCents: cents(0n),
    metrics: [],
    obligations: [],
    studentsMeetingAny: 0,
    ...over,
  };
}

function contract(over: Partial<ContractFacts>): ContractFacts {
  return {
    districtId: "d1",
    districtName: "District d1",
    contractId: "c",
    title: "Tutoring",
    vendorId: "v1",
    vendorName: "Vendor v1",
    stage: "active",
    termsVersion: 1,
    period: { start: day("2024-09-03"), end: day("2025-05-23") },
    maxValueCents: cents(700000n),
    contingentAtStakeCents: cents(352000n),
    metrics: [
      { id: "growth", label: "Met projected growth", kind: "growth", targetRate: null },
      { id: "proficient", label: "Reached level 3", kind: "proficiency", targetRate: null },
    ],
    obligations: [
      { id: "enroll", party: "district" },
      { id: "same-tutor", party: "vendor" },
    ],
    statement: null,
    paidCents: cents(0n),
    disputes: { raised: 0, open: 0 },
    ...over,
  };
}

// A: $7,000.00 committed, $3,520.00 contingent, $3,000.00 paid; a final statement with 7
// served, outcome $1,925.00 less a $192.50 reduction, 5 students meeting a metric.
const A = contract({
  contractId: "a",
  paidCents: cents(300000n),
  statement: statement({
    served: 7,
    outcomeCents: cents(192500n),
    reductionCents: cents(19250n),
    metrics: [
      { id: "growth", met: 3, denominator: 7 },
      { id: "proficient", met: 4, denominator: 7 },
    ],
    obligations: [
      { id: "enroll", status: "met" },
      { id: "same-tutor", status: "met" },
    ],
    studentsMeetingAny: 5,
  }),
  disputes: { raised: 1, open: 0 },
});

// B: a pool contract of another vendor: $10,000.00, $5,000.00 contingent, $1,000.01 paid; an
// interim statement before the period end, 2 served, nobody meeting the 0.6 target rate.
const B = contract({
  contractId: "b",
  vendorId: "v2",
  vendorName: "Vendor v2",
  maxValueCents: cents(1000000n),
  contingentAtStakeCents: cents(500000n),
  paidCents: cents(100001n),
  metrics: [{ id: "growth", label: "Growth", kind: "growth", targetRate: ratio(3n, 5n) }],
  obligations: [
    { id: "logs", party: "vendor" },
    { id: "report", party: "vendor" },
  ],
  statement: statement({
    kind: "interim",
    asOf: day("2025-01-15"),
    final: false,
    status: "disputed",
    served: 2,
    metrics: [{ id: "growth", met: 0, denominator: 2 }],
    obligations: [
      { id: "logs", status: "pending" },
      { id: "report", status: "pending" },
    ],
  }),
  disputes: { raised: 2, open: 1 },
});

// C: no statement yet: $2,000.00 committed and contingent, $500.00 paid.
const C = contract({
  contractId: "c",
  stage: "settled",
  period: { start: day("2025-07-01"), end: day("2026-05-29") },
  maxValueCents: cents(200000n),
  contingentAtStakeCents: cents(200000n),
  paidCents: cents(50000n),
});

describe("school and fiscal years", () => {
  it("runs a year from July 1 to June 30, a fiscal year named by its end", () => {
    expect([schoolYearOf(day("2024-09-03")), fiscalYearOf(day("2024-09-03"))]).toEqual(["2024-2025", 2025]);
    expect([schoolYearOf(day("2025-06-30")), fiscalYearOf(day("2025-06-30"))]).toEqual(["2024-2025", 2025]);
    expect([schoolYearOf(day("2025-07-01")), fiscalYearOf(day("2025-07-01"))]).toEqual(["2025-2026", 2026]);
    expect([isSchoolYear("2024-2025"), isSchoolYear("2024-2026"), isSchoolYear("2024")]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it("filters contracts by year and stage", () => {
    const all = { schoolYear: null, fiscalYear: null, stages: [] };
    expect([A, B, C].filter((f) => matchesFilter(f, all)).map((f) => f.contractId)).toEqual(["a", "b", "c"]);
    expect([A, B, C].filter((f) => matchesFilter(f, { ...all, schoolYear: "2024-2025" })).length).toBe(2);
    expect(
      [A, B, C].filter((f) => matchesFilter(f, { ...all, fiscalYear: 2026 })).map((f) => f.contractId),
    ).toEqual(["c"]);
    expect(
      [A, B, C].filter((f) => matchesFilter(f, { ...all, stages: ["settled"] })).map((f) => f.contractId),
    ).toEqual(["c"]);
  });
});

describe("a contract's scorecard line", () => {
  it("divides what was paid by the students served and by those meeting a target, exactly", () => {
    const line = contractScoreJson(scoreContract(A));
    // earned = 1925.00 - 192.50 = 1732.50; share = 1732.50 / 3520.00 = 0.4921875 -> 0.4922
    expect([line.contingentEarned, line.contingentEarnedShare]).toEqual(["1732.50", "0.4922"]);
    // 3000.00 / 7 = 428.571428... -> 428.57; 3000.00 / 5 = 600.00
    expect([line.costPerStudentServed, line.costPerStudentMeetingOutcomes]).toEqual(["428.57", "600.00"]);
    // per metric: 3000.00 / 3 = 1000.00 (3 of 7 = 0.428571... -> 0.4286); 3000.00 / 4 = 750.00
    expect(line.metrics.map((m) => [m.id, m.rate, m.costPerStudentMet, m.attained])).toEqual([
      ["growth", "0.4286", "1000.00", null],
      ["proficient", "0.5714", "750.00", null],
    ]);
    // the vendor's one obligation, met in a statement as of the period end: on time
    expect(line.obligations).toEqual({ vendorObligations: 1, metOnTime: 1, missed: 0, notYetDue: 0 });
    expect(line.statement).toEqual({
      statementId: "1",
      kind: "final",
      asOf: "2025-05-23",
      final: true,
      status: "issued",
    });
  });

  it("rounds a cost that falls on half a cent away from zero, and gives no cost per student when nobody met a target", () => {
    const line = contractScoreJson(scoreContract(B));
    // 1000.01 / 2 = 500.005 -> 500.01 (half away from zero, as every figure)
    expect([line.costPerStudentServed, line.costPerStudentMeetingOutcomes]).toEqual(["500.01", null]);
    expect([line.contingentEarned, line.contingentEarnedShare]).toEqual(["0.00", "0.0000"]);
    // 0 of 2 against a 0.6 target: not attained; no student met it, so no cost per student
    expect(line.metrics).toEqual([
      {
        id: "growth",
        label: "Growth",
        kind: "growth",
        met: 0,
        denominator: 2,
        rate: "0.0000",
        targetRate: "0.6000",
        attained: false,
        costPerStudentMet: null,
      },
    ]);
    // an interim statement before the period end: the vendor's obligations are not yet due
    expect(line.obligations).toEqual({ vendorObligations: 2, metOnTime: 0, missed: 2 - 2, notYetDue: 2 });
  });

  it("counts a vendor obligation not met or still pending at the period end as missed", () => {
    const late = contract({
      statement: statement({ obligations: [{ id: "same-tutor", status: "pending" }] }),
    });
    expect(scoreContract(late).obligations).toEqual({
      vendorObligations: 1,
      metOnTime: 0,
      missed: 1,
      notYetDue: 0,
    });
  });

  it("leaves every statement figure empty for a contract without a statement", () => {
    const line = contractScoreJson(scoreContract(C));
    expect([line.statement, line.contingentEarned, line.studentsServed, line.costPerStudentServed]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect([line.committed, line.paid, line.contingentAtStake, line.schoolYear, line.fiscalYear]).toEqual([
      "2000.00",
      "500.00",
      "2000.00",
      "2025-2026",
      2026,
    ]);
  });
});

describe("scorecard totals", () => {
  it("adds cents and counts exactly and divides the sums, over the contracts with a statement", () => {
    const totals = totalsJson(totalScores([A, B, C].map(scoreContract)));
    expect(totals).toEqual({
      contracts: 3,
      contractsWithStatement: 2,
      // 7000.00 + 10000.00 + 2000.00
      committed: "19000.00",
      // 3000.00 + 1000.01 + 500.00
      paid: "4500.01",
      // 3520.00 + 5000.00 + 2000.00
      contingentAtStake: "10520.00",
      contingentEarned: "1732.50",
      // 1732.50 / (3520.00 + 5000.00) = 0.203345... -> 0.2033 (C has no statement)
      contingentEarnedShare: "0.2033",
      studentsServed: 9,
      studentsMeetingAnyTarget: 5,
      // (3000.00 + 1000.01) / 9 = 444.445555... -> 444.45; 4000.01 / 5 = 800.002 -> 800.00
      costPerStudentServed: "444.45",
      costPerStudentMeetingOutcomes: "800.00",
      obligations: { vendorObligations: 4, metOnTime: 1, missed: 0, notYetDue: 3 },
      onTimeShare: "1.0000",
      disputes: { raised: 3, open: 1 },
    });
  });

  it("totals per vendor over that vendor's lines only", () => {
    const groups = totalsBy([A, B, C].map(scoreContract), (l) => l.facts.vendorId);
    expect(
      groups.map((g) => [g.key, totalsJson(g.totals).paid, totalsJson(g.totals).costPerStudentServed]),
    ).toEqual([
      // v1: A and C paid 3500.00; cost per served over A only: 3000.00 / 7
      ["v1", "3500.00", "428.57"],
      // v2: 1000.01 / 2 = 500.005 -> 500.01
      ["v2", "1000.01", "500.01"],
    ]);
  });

  it("gives no ratio over an empty portfolio", () => {
    const totals = totalsJson(totalScores([]));
    expect([
      totals.committed,
      totals.contingentEarnedShare,
      totals.costPerStudentServed,
      totals.onTimeShare,
    ]).toEqual(["0.00", null, null, null]);
  });
});
