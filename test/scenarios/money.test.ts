import { describe, it, expect } from "vitest";
import {
  terms,
  perStudent,
  students,
  enrollments,
  sessions,
  scores,
  statementOf,
  line,
  ids,
  growth,
} from "../scenario.js";

/** S1..Sn served; the first `met` grow 10 points, the rest 0. */
function cohort(n: number, met: number, studentLine?: (i: number) => string) {
  return {
    students: students(n, studentLine),
    enrollments: enrollments(ids(n)),
    sessions: sessions(ids(n)),
    assessments: scores(ids(n).map((id, i): [string, number, number] => [id, 200, i < met ? 210 : 200])),
  };
}

describe("settlement-v1 section 3: base", () => {
  it("pays a perStudent base for each served student, or each eligible one with per enrolled", async () => {
    const files = { ...cohort(3, 0), sessions: sessions(["S1", "S2"]) };
    const threshold = { service_threshold: { minSessions: 1 } };
    const served = await statementOf({ terms: terms(threshold), files });
    expect(served.base).toBe("200.00");
    expect(served.students.map((l) => l.base)).toEqual(["100.00", "100.00", "0.00"]);
    const enrolled = await statementOf({
      terms: terms({ ...threshold, base: { kind: "perStudent", amount: "100.00", per: "enrolled" } }),
      files,
    });
    expect(enrolled.base).toBe("300.00");
    expect(enrolled.students.map((l) => l.base)).toEqual(["100.00", "100.00", "100.00"]);
  });

  it("prorates a share base by served / expectedStudents, at most 1, rounded once", async () => {
    const s = await statementOf({
      terms: terms({
        maxValue: "1000.01",
        expectedStudents: 3,
        base: { kind: "share", percent: "33.3", prorate: true },
      }),
      files: cohort(2, 0),
    });
    // 1000.01 x 0.333 x 2/3 = 222.00222 -> 222.00
    expect(s.base).toBe("222.00");
    const full = await statementOf({
      terms: terms({
        maxValue: "1000.00",
        expectedStudents: 1,
        base: { kind: "share", percent: "60", prorate: true },
      }),
      files: cohort(2, 0),
    });
    expect(full.base).toBe("600.00");
  });

  it("splits a fixed base equally over served students, the leftover cents to the first ids", async () => {
    const s = await statementOf({
      terms: terms({ service_threshold: { minSessions: 1 }, base: { kind: "fixed", amount: "100.00" } }),
      files: { ...cohort(4, 0), sessions: sessions(["S1", "S2", "S4"]) },
    });
    expect(s.students.map((l) => l.base)).toEqual(["33.34", "33.33", "0.00", "33.33"]);
  });

  it("orders students and leftover cents by the UTF-8 bytes of the id", async () => {
    const s = await statementOf({
      terms: terms({ base: { kind: "fixed", amount: "0.02" } }),
      files: {
        students: students(3, (i) => [`b,A,5,,,f,f,f`, `B,A,5,,,f,f,f`, `a,A,5,,,f,f,f`][i - 1]!),
        enrollments: enrollments(["b", "B", "a"]),
        sessions: sessions(["b", "B", "a"]),
      },
    });
    expect(s.students.map((l) => [l.studentId, l.base])).toEqual([
      ["B", "0.01"],
      ["a", "0.01"],
      ["b", "0.00"],
    ]);
  });
});

describe("settlement-v1 section 3: perStudent outcomes", () => {
  it("pays the subgroup amount of the first flag in the terms' key order", async () => {
    const s = await statementOf({
      terms: terms({
        outcomes: perStudent([
          growth({ amountBySubgroup: { englishLearner: "70.00", economicallyDisadvantaged: "60.00" } }),
        ]),
      }),
      files: cohort(
        3,
        3,
        (i) => [`S1,A,5,,,true,true,false`, `S2,A,5,,,true,false,false`, `S3,A,5,,,false,false,true`][i - 1]!,
      ),
    });
    expect(s.students.map((l) => l.metrics["growth"]?.amount)).toEqual(["70.00", "60.00", "50.00"]);
    expect(s.metrics[0]?.amount).toBe("180.00");
  });

  it("deducts decline for each measured student with negative growth, in the student's amount", async () => {
    const s = await statementOf({
      terms: terms({ outcomes: perStudent([growth({ decline: "20.00" })]) }),
      files: {
        ...cohort(3, 1),
        assessments: scores([
          ["S1", 200, 210],
          ["S2", 200, 199],
          ["S3", 200, 200],
        ]),
      },
    });
    expect(s.students.map((l) => l.metrics["growth"]?.amount)).toEqual(["50.00", "-20.00", "0.00"]);
    expect(s.metrics[0]?.amount).toBe("30.00");
  });

  it("caps a metric's positive total and flags it, keeping the students' uncapped amounts", async () => {
    const s = await statementOf({
      terms: terms({ outcomes: perStudent([growth({ cap: "120.00" })]) }),
      files: cohort(3, 3),
    });
    expect(s.metrics[0]).toMatchObject({ amount: "120.00", capped: true });
    expect(s.students.map((l) => l.metrics["growth"]?.amount)).toEqual(["50.00", "50.00", "50.00"]);
    const under = await statementOf({
      terms: terms({ outcomes: perStudent([growth({ cap: "150.00" })]) }),
      files: cohort(3, 3),
    });
    expect(under.metrics[0]).toMatchObject({ amount: "150.00", capped: false });
  });

  it("does not cap a negative metric total", async () => {
    const s = await statementOf({
      terms: terms({ outcomes: perStudent([growth({ decline: "20.00", cap: "10.00" })]) }),
      files: { ...cohort(1, 0), assessments: scores([["S1", 200, 190]]) },
    });
    expect(s.metrics[0]).toMatchObject({ amount: "-20.00", capped: false });
    expect(s.outcome).toBe("-20.00");
    expect(s.total).toBe("80.00");
  });

  it("caps the outcome total at outcomes.cap", async () => {
    const s = await statementOf({
      terms: terms({
        outcomes: perStudent(
          [growth(), { id: "dose", label: "d", kind: "dosage", minSessions: 1, amount: "30.00" }],
          { cap: "200.00" },
        ),
      }),
      files: cohort(3, 3),
    });
    expect(s.metrics.map((m) => m.amount)).toEqual(["150.00", "90.00"]);
    expect(s.outcome).toBe("200.00");
  });
});

describe("settlement-v1 section 3: pool outcomes", () => {
  const pool = (metrics: Record<string, unknown>[], size: Record<string, unknown> = { percent: "40" }) => ({
    kind: "pool",
    pool: size,
    metrics,
  });
  const g = (extra: Record<string, unknown>) => ({ ...growth(), amount: undefined, weight: "1", ...extra });

  it("pays pool x share x min(1, rate / targetRate), rounded once per metric, split over the met students", async () => {
    const s = await statementOf({
      terms: terms({
        maxValue: "1000.00",
        base: { kind: "fixed", amount: "0" },
        outcomes: pool([
          g({ weight: "2", targetRate: "0.5" }),
          { id: "dose", label: "d", kind: "dosage", minSessions: 11, weight: "1" },
        ]),
      }),
      files: cohort(3, 1),
    });
    // pool 400; growth share 2/3, rate 1/3, earned 2/3: 177.777... -> 177.78 split over 1 student.
    expect(s.metrics).toEqual([
      expect.objectContaining({ id: "growth", met: 1, rate: "0.333333", amount: "177.78" }),
      expect.objectContaining({ id: "dose", met: 0, rate: "0.000000", amount: "0.00" }),
    ]);
    expect(line(s, "S1").metrics["growth"]?.amount).toBe("177.78");
  });

  it("earns nothing below minRate and the full share at or above targetRate", async () => {
    const below = await statementOf({
      terms: terms({ maxValue: "1000.00", outcomes: pool([g({ minRate: "0.5" })]) }),
      files: cohort(3, 1),
    });
    expect(below.metrics[0]?.amount).toBe("0.00");
    const above = await statementOf({
      terms: terms({ maxValue: "1000.00", outcomes: pool([g({ targetRate: "0.6" })], { amount: "300.00" }) }),
      files: cohort(3, 2),
    });
    expect(above.metrics[0]?.amount).toBe("300.00");
    expect(above.students.map((l) => l.metrics["growth"]?.amount)).toEqual(["150.00", "150.00", "0.00"]);
  });

  it("splits a pool metric over met students with the leftover cents to the first ids", async () => {
    const s = await statementOf({
      terms: terms({ maxValue: "1000.00", outcomes: pool([g({})], { amount: "100.00" }) }),
      files: cohort(3, 3),
    });
    expect(s.students.map((l) => l.metrics["growth"]?.amount)).toEqual(["33.34", "33.33", "33.33"]);
  });
});

describe("settlement-v1 section 3: obligations, bounds, breach and payments", () => {
  const obligation = (o: Record<string, unknown>) => ({ description: "d", ...o });

  it("reduces a positive outcome by the sum of notMet vendor percents, at most 100, rounded once", async () => {
    const s = await statementOf({
      terms: terms({
        obligations: [
          obligation({
            id: "a",
            party: "vendor",
            measure: { kind: "manual" },
            consequence: { reduceOutcomePercent: "12.5" },
          }),
          obligation({
            id: "b",
            party: "vendor",
            measure: { kind: "servedStudents", min: 99 },
            consequence: { reduceOutcomePercent: "0.1" },
          }),
          obligation({
            id: "c",
            party: "vendor",
            measure: { kind: "manual" },
            consequence: { reduceOutcomePercent: "50" },
          }),
        ],
      }),
      files: { ...cohort(3, 3), obligations: "contract_id,obligation_id,status\nc1,a,notMet\nc1,c,met\n" },
    });
    // outcome 150.00 x 12.6% = 18.90
    expect(s.reduction).toBe("18.90");
    expect(s.obligations).toEqual([
      { id: "a", party: "vendor", status: "notMet", value: null, consequenceApplied: true },
      { id: "b", party: "vendor", status: "notMet", value: 3, consequenceApplied: true },
      { id: "c", party: "vendor", status: "met", value: null, consequenceApplied: false },
    ]);
    expect(s.subtotal).toBe("431.10");
  });

  it("caps reductions at 100 percent and does not reduce a zero outcome", async () => {
    const ob = (id: string) =>
      obligation({
        id,
        party: "vendor",
        measure: { kind: "servedStudents", min: 99 },
        consequence: { reduceOutcomePercent: "60" },
      });
    const s = await statementOf({ terms: terms({ obligations: [ob("a"), ob("b")] }), files: cohort(2, 2) });
    expect(s.reduction).toBe("100.00");
    const none = await statementOf({ terms: terms({ obligations: [ob("a")] }), files: cohort(2, 0) });
    expect(none.reduction).toBe("0.00");
    expect(none.obligations[0]?.consequenceApplied).toBe(true);
  });

  it("holds the subtotal at zero and at maxValue", async () => {
    const low = await statementOf({
      terms: terms({
        base: { kind: "fixed", amount: "10.00" },
        outcomes: perStudent([growth({ decline: "30.00" })]),
      }),
      files: { ...cohort(1, 0), assessments: scores([["S1", 200, 190]]) },
    });
    expect(low.subtotal).toBe("0.00");
    const high = await statementOf({ terms: terms({ maxValue: "250.00" }), files: cohort(3, 3) });
    expect(high.subtotal).toBe("250.00");
  });

  it("makes the total maxValue when a payFull district obligation is not met", async () => {
    const s = await statementOf({
      terms: terms({
        obligations: [
          obligation({
            id: "enroll",
            party: "district",
            measure: { kind: "enrolledStudents", min: 4 },
            consequence: "payFull",
          }),
        ],
      }),
      files: cohort(3, 0),
    });
    expect(s).toMatchObject({ subtotal: "300.00", payFull: true, total: "100000.00", due: "100000.00" });
    expect(s.obligations[0]).toMatchObject({ status: "notMet", value: 3, consequenceApplied: true });
  });

  it("subtracts payments made on or before asOf, and may owe a refund", async () => {
    const s = await statementOf({
      terms: terms(),
      files: {
        ...cohort(2, 0),
        payments:
          "contract_id,paid_on,amount,reference\nc1,2025-01-10,250.00,INV-1\nc1,2025-07-01,100,late\nc2,2025-01-10,999,other\nc1,2025-02-01,-10.5,refund\n",
      },
    });
    expect(s).toMatchObject({ total: "200.00", paid: "239.50", due: "-39.50" });
  });

  it("is provisional before the period ends or while a manual obligation is pending, final otherwise", async () => {
    const withManual = terms({
      obligations: [
        obligation({ id: "m", party: "vendor", measure: { kind: "manual" }, consequence: "none" }),
      ],
    });
    const pending = await statementOf({ terms: withManual, files: cohort(1, 0) });
    expect(pending.final).toBe(false);
    expect(pending.obligations[0]).toMatchObject({ status: "pending", consequenceApplied: false });
    const early = await statementOf({ terms: terms(), files: cohort(1, 0), asOf: "2025-06-29" });
    expect(early).toMatchObject({ final: false, asOf: "2025-06-29" });
    const final = await statementOf({
      terms: withManual,
      files: { ...cohort(1, 0), obligations: "contract_id,obligation_id,status\nc1,m,met\n" },
      asOf: "2025-07-15",
    });
    expect(final.final).toBe(true);
  });
});
