import { describe, expect, it } from "vitest";
import { count, summarizeTerms, termsMoney } from "../../web/src/components/contract/terms-summary.js";

const TERMS = {
  format: "obc-terms/1",
  contractId: "duval-2024-math",
  title: "High-dosage math tutoring, grade 8",
  district: { id: "duval", name: "Duval County Public Schools" },
  vendor: { id: "acme-tutoring", name: "Acme Tutoring" },
  service: "tutoring",
  currency: "USD",
  period: { start: "2024-09-03", end: "2025-05-23" },
  maxValue: "639000.00",
  expectedStudents: 1200,
  eligibility: { grades: ["8"] },
  service_threshold: { minSessions: 20 },
  windows: {
    fall: { assessment: "MAP Growth", subject: "math", window: "2024-fall" },
    spring: { assessment: "MAP Growth", subject: "math", window: "2025-spring" },
  },
  base: { kind: "perStudent", amount: "670", per: "served" },
  outcomes: {
    kind: "perStudent",
    cap: "100000.5",
    metrics: [
      {
        id: "growth",
        label: "Met MAP projected growth",
        kind: "growth",
        from: "fall",
        to: "spring",
        target: { fromRow: true, percent: "100" },
        amount: "500.00",
      },
      { id: "dosage", label: "Attended 40 sessions", kind: "dosage", minSessions: 40, amount: "50" },
    ],
  },
  obligations: [
    {
      id: "enroll",
      party: "district",
      description: "Enroll at least 405 eligible students",
      measure: { kind: "enrolledStudents", min: 405 },
      consequence: "payFull",
    },
    {
      id: "same-tutor",
      party: "vendor",
      description: "Keep students with one tutor",
      measure: { kind: "manual" },
      consequence: { reduceOutcomePercent: "10" },
    },
  ],
};

describe("terms in plain language", () => {
  it("says each rule of the terms in one sentence, amounts exact", () => {
    expect(summarizeTerms(TERMS)).toEqual({
      what: [
        "Acme Tutoring provides tutoring.",
        "Service runs from Sep 3, 2024 to May 23, 2025.",
        "The contract pays at most $639,000.00.",
        "The plan is to enrol 1,200 students.",
        "Students count when they are in grade 8.",
        "A student is served after 20 sessions.",
      ],
      base: "Base: $670.00 for each served student.",
      outcomes: [
        "Met MAP projected growth: a student grows 100% of the student's growth target from MAP Growth math (2024-fall) to MAP Growth math (2025-spring) ($500.00 per student).",
        "Attended 40 sessions: a student attends at least 40 sessions in the period ($50.00 per student).",
        "Outcome payments are capped at $100,000.50.",
      ],
      obligations: [
        "District: Enroll at least 405 eligible students (if not met, the district pays the full contract value).",
        "Vendor: Keep students with one tutor (if not met, outcome payments drop by 10%).",
      ],
    });
  });

  it("describes a pool contract's shares and leaves out what it cannot read", () => {
    const pool = {
      ...TERMS,
      base: { kind: "share", percent: "60", prorate: true },
      outcomes: {
        kind: "pool",
        pool: { percent: "40" },
        metrics: [
          {
            id: "c",
            label: "Same tutor",
            kind: "consistency",
            minShare: "0.75",
            weight: "1",
            targetRate: "0.8",
          },
        ],
      },
      obligations: "not a list",
    };
    const s = summarizeTerms(pool);
    expect(s.base).toBe("Base: 60% of the maximum value, prorated by served students against the plan.");
    expect(s.outcomes).toEqual([
      "An outcome pool of 40% of the maximum value is shared by the metrics below.",
      "Same tutor: a student has at least 75% of their sessions with the same tutor (weight 1, full share at 80% of students).",
    ]);
    expect(s.obligations).toEqual([]);
    expect(summarizeTerms(null)).toEqual({ what: [], base: null, outcomes: [], obligations: [] });
  });

  it("reads terms amounts exactly and refuses what is not one", () => {
    expect(termsMoney("1200000.5", "USD")).toBe("$1,200,000.50");
    expect(termsMoney("0.07", "EUR")).toBe("EUR 0.07");
    expect(termsMoney("670.001", "USD")).toBeNull();
    expect(termsMoney(670, "USD")).toBeNull();
    expect(count(1234567)).toBe("1,234,567");
  });
});
