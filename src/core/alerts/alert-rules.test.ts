import { describe, expect, it } from "vitest";
import type { IsoDate } from "../date.js";
import { ratio } from "../ratio.js";
import { bySeverity, type Alert } from "./alert.js";
import { assessmentDataAlert, windowClosesOn } from "./data-rules.js";
import { dataFreshness } from "./data-freshness.js";
import { obligationAlert, type ObligationFacts } from "./obligation-rules.js";
import { statementAlert, type StatementFacts } from "./statement-rules.js";
import { contingentAtStakeCents } from "./money-at-stake.js";
import { parseTerms } from "../terms/parse-terms.js";

const d = (s: string) => s as IsoDate;
const ref = { districtId: "d1", contractId: "c1" };
const period = { start: d("2024-09-01"), end: d("2025-05-31") };

describe("assessment data missing", () => {
  const coverage = (withScore: number) => ({
    name: "spring",
    assessment: "MAP Growth",
    subject: "math",
    window: "2025-spring",
    withScore,
  });

  it("closes windows on fixed days of their year and knows no other names", () => {
    expect(windowClosesOn("2024-fall")).toBe("2024-11-15");
    expect(windowClosesOn("2025-winter")).toBe("2025-03-01");
    expect(windowClosesOn("2025-spring")).toBe("2025-06-30");
    expect(windowClosesOn("2025-summer")).toBe("2025-08-31");
    expect(windowClosesOn("BOY 2024")).toBeNull();
  });

  it("is due 14 days after the close: critical with no result, a warning under 80% of enrolled", () => {
    expect(assessmentDataAlert(ref, coverage(0), 100, d("2025-07-14"))).toBeNull();
    expect(assessmentDataAlert(ref, coverage(0), 100, d("2025-07-15"))).toEqual({
      ...ref,
      code: "assessment-data-missing",
      severity: "critical",
      subject: "spring",
      message:
        'No MAP Growth math 2025-spring ("spring") results have been imported for any enrolled student; the window closed on Jun 30, 2025, 15 days ago.',
      target: { page: "contract", section: "freshness" },
    });
    expect(assessmentDataAlert(ref, coverage(79), 100, d("2025-07-15"))?.severity).toBe("warning");
    expect(assessmentDataAlert(ref, coverage(80), 100, d("2025-07-15"))).toBeNull();
    expect(assessmentDataAlert(ref, coverage(0), 0, d("2025-07-15"))).toBeNull();
  });
});

describe("obligations", () => {
  const manual = (recorded: ObligationFacts["recorded"], consequence: ObligationFacts["consequence"]) => ({
    id: "same-tutor",
    party: "vendor" as const,
    description: "Keep students with one tutor",
    measure: { kind: "manual" as const },
    consequence,
    recorded,
    value: null,
  });
  const reduce = { kind: "reduceOutcomePercent" as const, percent: ratio(10n) };
  const enroll = (value: number): ObligationFacts => ({
    id: "enroll",
    party: "district",
    description: "Enroll at least 405 eligible students",
    measure: { kind: "enrolledStudents", min: 405 },
    consequence: { kind: "payFull" },
    recorded: null,
    value,
  });

  it("makes a manual obligation due soon in its last 30 days and overdue after the period ends", () => {
    expect(obligationAlert(ref, manual(null, reduce), period, d("2025-04-30"))).toBeNull();
    expect(obligationAlert(ref, manual(null, reduce), period, d("2025-05-01"))).toMatchObject({
      code: "obligation-due-soon",
      severity: "warning",
      message:
        'The vendor\'s obligation "Keep students with one tutor" is due on May 31, 2025, in 30 days, and has no status recorded yet.',
    });
    expect(obligationAlert(ref, manual(null, { kind: "none" }), period, d("2025-05-31"))?.severity).toBe(
      "info",
    );
    expect(obligationAlert(ref, manual(null, reduce), period, d("2025-06-01"))).toMatchObject({
      code: "obligation-overdue",
      severity: "critical",
    });
    expect(obligationAlert(ref, manual(null, { kind: "none" }), period, d("2025-06-01"))?.severity).toBe(
      "warning",
    );
    expect(obligationAlert(ref, manual("met", reduce), period, d("2025-06-01"))).toBeNull();
    expect(obligationAlert(ref, manual("notMet", reduce), period, d("2025-01-01"))).toMatchObject({
      code: "obligation-not-met",
      severity: "critical",
    });
  });

  it("puts a measured obligation at risk below its pace, and not met below its minimum after the end", () => {
    // Oct 1: 30 of 60 ramp days, so 202 of 405 are expected.
    expect(obligationAlert(ref, enroll(202), period, d("2024-10-01"))).toBeNull();
    expect(obligationAlert(ref, enroll(201), period, d("2024-10-01"))).toMatchObject({
      code: "obligation-at-risk",
      severity: "warning",
      message:
        'The district\'s obligation "Enroll at least 405 eligible students" is at risk: 201 eligible students enrolled, below the 202 expected by Oct 1, 2024 on the way to 405 by May 31, 2025.',
    });
    expect(obligationAlert(ref, enroll(404), period, d("2025-06-01"))).toMatchObject({
      code: "obligation-not-met",
      severity: "critical",
    });
    expect(obligationAlert(ref, enroll(405), period, d("2025-06-01"))).toBeNull();
  });

  it("takes the due date of the obligation's plan over the period's end", () => {
    const planned = { ...manual(null, reduce), dueOn: d("2025-01-31") };
    expect(obligationAlert(ref, planned, period, d("2024-12-31"))).toBeNull();
    expect(obligationAlert(ref, planned, period, d("2025-01-01"))).toMatchObject({
      code: "obligation-due-soon",
      message:
        'The vendor\'s obligation "Keep students with one tutor" is due on Jan 31, 2025, in 30 days, and has no status recorded yet.',
    });
    expect(obligationAlert(ref, planned, period, d("2025-02-03"))).toMatchObject({
      code: "obligation-overdue",
      severity: "critical",
      message:
        'The vendor\'s obligation "Keep students with one tutor" was due on Jan 31, 2025 and has no status recorded, 3 days later.',
    });
    expect(obligationAlert(ref, { ...planned, dueOn: null }, period, d("2025-02-03"))).toBeNull();
    expect(obligationAlert(ref, { ...planned, recorded: "met" }, period, d("2025-02-03"))).toBeNull();
  });

  it("paces a measured obligation towards its planned due date, and finds it not met after that date", () => {
    // Due Nov 2: by Oct 1, 202 of 405 are expected either way (the 60-day ramp ends by Nov 2);
    // after Nov 2 it is not met below 405, where without a plan it is only at risk.
    const early = (value: number): ObligationFacts => ({ ...enroll(value), dueOn: d("2024-11-02") });
    expect(obligationAlert(ref, early(201), period, d("2024-10-01"))?.code).toBe("obligation-at-risk");
    expect(obligationAlert(ref, early(404), period, d("2024-11-03"))).toMatchObject({
      code: "obligation-not-met",
      message:
        'The district\'s obligation "Enroll at least 405 eligible students" was not met: 404 eligible students enrolled of the 405 required by Nov 2, 2024.',
    });
    expect(obligationAlert(ref, enroll(404), period, d("2024-11-03"))?.code).toBe("obligation-at-risk");
  });
});

describe("statements awaiting approval", () => {
  const statement = (over: Partial<StatementFacts>): StatementFacts => ({
    statementId: "7",
    kind: "interim",
    status: "issued",
    superseded: false,
    asOf: d("2025-01-31"),
    issuedOn: d("2025-02-01"),
    totalText: "$1,000.00",
    ...over,
  });

  it("lists a standing statement without review: final a warning, interim info until 14 days pass", () => {
    expect(statementAlert(ref, statement({}), d("2025-02-15"))).toEqual({
      ...ref,
      code: "statement-awaiting-approval",
      severity: "info",
      subject: "7",
      message:
        "Interim statement 7 (as of Jan 31, 2025, total $1,000.00) is awaiting approval; issued 14 days ago.",
      target: { page: "statement", statementId: "7" },
    });
    expect(statementAlert(ref, statement({}), d("2025-02-16"))?.severity).toBe("warning");
    expect(statementAlert(ref, statement({ kind: "final" }), d("2025-02-01"))?.severity).toBe("warning");
    expect(statementAlert(ref, statement({ status: "approved" }), d("2025-03-01"))).toBeNull();
    expect(statementAlert(ref, statement({ superseded: true }), d("2025-03-01"))).toBeNull();
  });

  it("orders alerts critical, warning, info", () => {
    const a = (severity: Alert["severity"], subject: string) =>
      ({
        ...ref,
        code: "obligation-overdue",
        severity,
        subject,
        message: "",
        target: { page: "outcomes" },
      }) as Alert;
    expect(
      bySeverity([a("info", "1"), a("critical", "2"), a("warning", "3"), a("critical", "4")]).map(
        (x) => x.subject,
      ),
    ).toEqual(["2", "4", "3", "1"]);
  });
});

describe("data freshness", () => {
  const batch = (kind: "students" | "sessions", importedOn: string, batchId = "1") => ({
    kind,
    batchId,
    fileName: `${kind}.csv`,
    importedOn: d(importedOn),
    importedAt: `${importedOn}T10:00:00.000000Z`,
  });

  it("takes the latest import of each kind and flags it stale past the kind's limit", () => {
    const today = d("2025-01-31");
    const rows = dataFreshness(
      [
        batch("sessions", "2025-01-10", "1"),
        batch("sessions", "2025-01-17", "2"),
        batch("students", "2024-12-02"),
      ],
      period,
      today,
    );
    expect(rows.map((r) => [r.kind, r.latest?.batchId ?? null, r.ageDays, r.stale])).toEqual([
      ["students", "1", 60, false],
      ["enrollments", null, null, true],
      ["assessments", null, null, true],
      ["sessions", "2", 14, false],
      ["obligations", null, null, false],
      ["payments", null, null, false],
    ]);
    const later = dataFreshness([batch("sessions", "2025-01-17")], period, d("2025-02-01"));
    expect(later.find((r) => r.kind === "sessions")?.stale).toBe(true);
  });

  it("measures staleness up to the period's end only", () => {
    const rows = dataFreshness([batch("sessions", "2025-05-20")], period, d("2025-09-01"));
    expect(rows.find((r) => r.kind === "sessions")).toMatchObject({ ageDays: 104, stale: false });
  });
});

/** The example of terms-v1.md, without its obligations. */
const SPEC_EXAMPLE = {
  format: "obc-terms/1",
  contractId: "duval-2024-math",
  title: "High-dosage math tutoring, grade 8",
  district: { id: "duval", name: "Duval County Public Schools" },
  vendor: { id: "acme-tutoring", name: "Acme Tutoring" },
  service: "tutoring",
  currency: "USD",
  period: { start: "2024-09-03", end: "2025-05-23" },
  windows: {
    fall: { assessment: "MAP Growth", subject: "math", window: "2024-fall" },
    spring: { assessment: "MAP Growth", subject: "math", window: "2025-spring" },
  },
  outcomes: {
    kind: "perStudent",
    metrics: [
      {
        id: "proficient",
        label: "Reached proficiency",
        kind: "proficiency",
        window: "spring",
        minLevel: 3,
        amount: "250.00",
      },
    ],
  },
};

describe("money at stake", () => {
  const terms = (base: unknown, maxValue = "639000.00", expectedStudents = 450) => {
    const parsed = parseTerms({ ...SPEC_EXAMPLE, base, maxValue, expectedStudents });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return parsed.terms;
  };

  it("is the maximum value less the base paid at the planned enrolment, within [0, maxValue]", () => {
    expect(contingentAtStakeCents(terms({ kind: "perStudent", amount: "670.00", per: "served" }))).toBe(
      33_750_000n,
    );
    expect(contingentAtStakeCents(terms({ kind: "share", percent: "33.333" }, "1000.01"))).toBe(66_668n);
    expect(contingentAtStakeCents(terms({ kind: "fixed", amount: "700000" }))).toBe(0n);
    expect(contingentAtStakeCents(terms({ kind: "perStudent", amount: "0", per: "served" }))).toBe(
      63_900_000n,
    );
  });
});
