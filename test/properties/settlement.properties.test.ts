/**
 * Property tests of settlement-v1 over random valid terms (every feature of terms-v1) and
 * random small data sets. Monotonicity lives in ./monotonicity.properties.test.ts.
 */
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  type Scenario,
  type TermsDoc,
  scenario,
  termsDoc,
  parseOk,
  settleRows,
  effectiveAsOf,
  prng,
  shuffleKeepingTies,
  studentKey,
  enrollmentKey,
  assessmentTieKey,
  sessionKey,
  obligationStatusKey,
  CONTRACT,
} from "./arbitraries.js";
import { sumCents, ZERO_CENTS, type Cents } from "../../src/core/money.js";
import { statementToJson, type StatementJson } from "../../src/shared/statement-json.js";
import type { Statement } from "../../src/core/settlement/statement.js";
import type { Terms } from "../../src/core/terms/types.js";

const RUNS = 200;

function settle(s: Scenario): { terms: Terms; statement: Statement } {
  const terms = parseOk(s.doc);
  return { terms, statement: settleRows(terms, s.data, s.asOf) };
}

/** Parts of an equal split in id order: at most one cent apart, larger ones first. */
function expectEqualSplit(parts: readonly Cents[]): void {
  for (let i = 1; i < parts.length; i++) {
    const diff = (parts[i - 1] ?? 0n) - (parts[i] ?? 0n);
    expect(diff === 0n || diff === 1n).toBe(true);
  }
}

describe("generated terms", () => {
  it("every generated terms document is valid obc-terms/1", () => {
    fc.assert(
      fc.property(termsDoc(), (doc) => {
        parseOk(doc);
      }),
      { numRuns: 300 },
    );
  });

  it("the generators reach every feature of terms-v1 and every branch of the money rules", () => {
    const seen = new Set<string>();
    const note = (feature: string, when: boolean): void => {
      if (when) seen.add(feature);
    };
    for (const s of fc.sample(scenario(), { numRuns: 600, seed: 42 })) {
      const { terms, statement } = settle(s);
      const doc = s.doc as { base: { kind: string; prorate?: boolean }; outcomes: Record<string, unknown> };
      note(`base ${terms.base.kind}${terms.base.kind === "perStudent" ? ` ${terms.base.per}` : ""}`, true);
      note("base share prorated", doc.base.prorate === true);
      note(`outcomes ${terms.outcomes.kind}`, true);
      note(`denominator ${terms.outcomes.denominator}`, true);
      note(`missingOutcome ${terms.outcomes.missingOutcome}`, true);
      note(`pool ${terms.outcomes.pool?.kind ?? "none"}`, true);
      note("outcome cap", terms.outcomes.capCents !== null);
      for (const m of terms.outcomes.metrics) {
        note(`metric ${m.measure.kind}`, true);
        note("metric cap", m.capCents !== null);
        if (m.measure.kind === "growth") {
          note(`growth target ${m.measure.target.kind}`, true);
          note(
            "growth prorateWeeks",
            m.measure.target.kind === "fromRow" && m.measure.target.prorateWeeks !== null,
          );
        }
        if (m.measure.kind === "proficiency")
          note(`proficiency ${m.measure.minLevel === null ? "minScore" : "minLevel"}`, true);
        if (m.pay.kind === "perStudent") {
          note("tiers", m.pay.tiers.length > 0);
          note("amountBySubgroup", m.pay.amountBySubgroup.length > 0);
          note("decline", m.pay.declineCents !== null);
        } else {
          note("weights", true);
          note("targetRate < 1", m.pay.targetRate.n < m.pay.targetRate.d);
          note("minRate > 0", m.pay.minRate.n > 0n);
        }
      }
      note("eligibility grades", terms.eligibility.grades !== undefined);
      note("eligibility schools", terms.eligibility.schools !== undefined);
      note("eligibility baselineMaxScore", terms.eligibility.baselineMaxScore !== undefined);
      note("maxRapidGuessPercent", terms.maxRapidGuessPercent !== null);
      for (const o of terms.obligations)
        note(`obligation ${o.party} ${o.measure.kind} ${o.consequence.kind}`, true);
      // What the statements show, so that no property holds only vacuously.
      for (const r of ["grade", "school", "baselineScore"])
        note(
          `ineligible ${r}`,
          statement.students.some((l) => l.ineligibleReason === r),
        );
      note("served student", statement.population.served > 0);
      note(
        "student ids beyond U+FFFF and in U+E000..U+FFFF",
        statement.students.some((l) => l.studentId.startsWith("\u{1f600}")) &&
          statement.students.some((l) => l.studentId.startsWith("\uff21")),
      );
      note(
        "no served student, share or fixed base > 0",
        statement.population.served === 0 && terms.base.kind !== "perStudent" && statement.baseCents > 0n,
      );
      for (const m of statement.metrics) {
        note(`metric met ${m.kind}`, m.met > 0);
        note("metric missing", m.missing > 0);
        note("metric capped", m.capped);
        note("metric negative (decline)", m.uncappedCents < 0n);
        note("pool below minRate", m.pool?.belowMinRate === true);
        note(
          "pool split with leftover",
          m.pool !== null && m.met > 1 && m.uncappedCents % BigInt(m.met) !== 0n,
        );
      }
      note("outcome capped", statement.outcomeCapped);
      note("reduction", statement.reductionCents > 0n);
      note("subtotal clamped at 0", statement.subtotalUnclampedCents < 0n);
      note("subtotal clamped at maxValue", statement.subtotalUnclampedCents > statement.maxValueCents);
      note("payFull", statement.payFull);
      note(
        "pending obligation",
        statement.obligations.some((o) => o.status === "pending"),
      );
      note("final", statement.final);
      note(
        "payment after asOf",
        s.data.payments.some((p) => p.contractId === CONTRACT && p.paidOn > statement.asOf),
      );
      note("due negative", statement.dueCents < 0n);
    }
    const expected = [
      "base perStudent served",
      "base perStudent enrolled",
      "base share",
      "base share prorated",
      "base fixed",
      "outcomes perStudent",
      "outcomes pool",
      "denominator served",
      "denominator enrolled",
      "missingOutcome notMet",
      "missingOutcome exclude",
      "pool percent",
      "pool amount",
      "outcome cap",
      "metric growth",
      "metric proficiency",
      "metric dosage",
      "metric consistency",
      "metric cap",
      "growth target points",
      "growth target fromRow",
      "growth prorateWeeks",
      "proficiency minScore",
      "proficiency minLevel",
      "tiers",
      "amountBySubgroup",
      "decline",
      "weights",
      "targetRate < 1",
      "minRate > 0",
      "eligibility grades",
      "eligibility schools",
      "eligibility baselineMaxScore",
      "maxRapidGuessPercent",
      ...["district", "vendor"].flatMap((party) =>
        ["enrolledStudents", "servedStudents", "manual"].flatMap((measure) =>
          (party === "district" ? ["payFull", "none"] : ["reduceOutcomePercent", "none"]).map(
            (c) => `obligation ${party} ${measure} ${c}`,
          ),
        ),
      ),
      "ineligible grade",
      "ineligible school",
      "ineligible baselineScore",
      "served student",
      "student ids beyond U+FFFF and in U+E000..U+FFFF",
      "no served student, share or fixed base > 0",
      "metric met growth",
      "metric met proficiency",
      "metric met dosage",
      "metric met consistency",
      "metric missing",
      "metric capped",
      "metric negative (decline)",
      "pool below minRate",
      "pool split with leftover",
      "outcome capped",
      "reduction",
      "subtotal clamped at 0",
      "subtotal clamped at maxValue",
      "payFull",
      "pending obligation",
      "final",
      "payment after asOf",
      "due negative",
    ];
    expect(expected.filter((f) => !seen.has(f))).toEqual([]);
  });
});

describe("settlement-v1 section 4: per-student lines add up", () => {
  it("for every metric, the per-student amounts add up to the metric's amount before its cap", () => {
    fc.assert(
      fc.property(scenario(), (s) => {
        const { terms, statement } = settle(s);
        for (const m of statement.metrics) {
          const lines = statement.students.map((l) => l.metrics.get(m.id)?.amountCents ?? ZERO_CENTS);
          expect(sumCents(lines)).toBe(m.uncappedCents);
          // The metric's amount is that sum capped (a cap limits a positive total only).
          const cap = terms.outcomes.metrics.find((x) => x.id === m.id)?.capCents ?? null;
          const capped = cap !== null && m.uncappedCents > cap;
          expect(m.capped).toBe(capped);
          expect(m.amountCents).toBe(capped ? cap : m.uncappedCents);
          // A pool metric is split equally over its met students, leftover cents to the first ids.
          if (m.pool !== null) {
            const met = statement.students.filter((l) => l.metrics.get(m.id)?.status === "met");
            expect(met.length).toBe(m.met);
            expectEqualSplit(met.map((l) => l.metrics.get(m.id)?.amountCents ?? ZERO_CENTS));
            for (const l of statement.students)
              if (l.metrics.get(m.id)?.status !== "met")
                expect(l.metrics.get(m.id)?.amountCents ?? ZERO_CENTS).toBe(ZERO_CENTS);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  // Exception: a share or fixed base with no served student has nobody to split over, so
  // the lines are all zero while the base itself (a share of maxValue, or the fixed
  // amount) need not be.
  it("the per-student base lines add up to the base whenever a student is served or the base is perStudent", () => {
    fc.assert(
      fc.property(scenario(), (s) => {
        const { terms, statement } = settle(s);
        const lines = statement.students.map((l) => l.baseCents);
        if (statement.population.served > 0 || terms.base.kind === "perStudent") {
          expect(sumCents(lines)).toBe(statement.baseCents);
        } else {
          expect(lines.every((c) => c === 0n)).toBe(true);
        }
        if (terms.base.kind !== "perStudent") {
          expectEqualSplit(statement.students.filter((l) => l.served).map((l) => l.baseCents));
          for (const l of statement.students) if (!l.served) expect(l.baseCents).toBe(ZERO_CENTS);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("settlement-v1 section 5: student order", () => {
  it("every enrolled student has one line, in UTF-8 byte order of student_id", () => {
    fc.assert(
      fc.property(scenario(), (s) => {
        const { terms, statement } = settle(s);
        const asOf = effectiveAsOf(terms, s.asOf);
        const enrolled = new Set(
          s.data.enrollments
            .filter((e) => e.contractId === CONTRACT)
            .map((e) => e.studentId)
            .filter((id) => {
              const last = s.data.enrollments
                .filter((e) => e.contractId === CONTRACT && e.studentId === id)
                .at(-1);
              return last !== undefined && last.enrolledOn <= asOf;
            }),
        );
        const expected = [...enrolled].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
        expect(statement.students.map((l) => l.studentId)).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("settlement-v1 section 3: totals", () => {
  it("the total and the subtotal are within [0, maxValue]; the total is maxValue on a payFull breach, else the subtotal", () => {
    fc.assert(
      fc.property(scenario(), (s) => {
        const { terms, statement } = settle(s);
        const max = terms.maxValueCents;
        expect(statement.totalCents >= 0n && statement.totalCents <= max).toBe(true);
        expect(statement.subtotalCents >= 0n && statement.subtotalCents <= max).toBe(true);
        const breach = terms.obligations.some(
          (o, i) =>
            o.party === "district" &&
            o.consequence.kind === "payFull" &&
            statement.obligations[i]?.status === "notMet",
        );
        expect(statement.payFull).toBe(breach);
        expect(statement.totalCents).toBe(breach ? max : statement.subtotalCents);
      }),
      { numRuns: RUNS },
    );
  });

  it("a notMet district obligation with consequence payFull makes the total exactly maxValue", () => {
    const breach = fc.oneof(
      fc.integer({ min: 41, max: 100 }).map((min) => ({ kind: "enrolledStudents", min })),
      fc.integer({ min: 41, max: 100 }).map((min) => ({ kind: "servedStudents", min })),
      fc.constant({ kind: "manual" }),
    );
    fc.assert(
      fc.property(scenario(), breach, fc.nat(), (s, measure, at) => {
        // At most 40 students: a minimum above 40 is never met; a manual one gets a notMet row.
        const list = (s.doc["obligations"] as TermsDoc[] | undefined) ?? [];
        const obligation = {
          id: "breach",
          party: "district",
          description: "district breach",
          measure,
          consequence: "payFull",
        };
        const position = at % (list.length + 1);
        const doc = {
          ...s.doc,
          obligations: [...list.slice(0, position), obligation, ...list.slice(position)],
        };
        const statuses = [
          ...s.data.obligationStatuses,
          { contractId: CONTRACT, obligationId: "breach", status: "notMet" as const, evidence: null },
        ];
        const { terms, statement } = settle({ ...s, doc, data: { ...s.data, obligationStatuses: statuses } });
        const json = statementToJson(statement);
        expect(json.obligations[position]).toMatchObject({
          id: "breach",
          status: "notMet",
          consequenceApplied: true,
        });
        expect(statement.payFull).toBe(true);
        expect(statement.totalCents).toBe(terms.maxValueCents);
      }),
      { numRuns: RUNS },
    );
  });

  it("due = total - paid, and paid is the sum of the contract's payments on or before asOf", () => {
    fc.assert(
      fc.property(scenario(), (s) => {
        const { terms, statement } = settle(s);
        const asOf = effectiveAsOf(terms, s.asOf);
        const paid = sumCents(
          s.data.payments
            .filter((p) => p.contractId === CONTRACT && p.paidOn <= asOf)
            .map((p) => p.amountCents),
        );
        expect(statement.paidCents).toBe(paid);
        expect(statement.dueCents).toBe(statement.totalCents - paid);
        const json = statementToJson(statement);
        expect(BigInt(json.due.replace(".", ""))).toBe(
          BigInt(json.total.replace(".", "")) - BigInt(json.paid.replace(".", "")),
        );
      }),
      { numRuns: RUNS },
    );
  });
});

describe("settlement-v1: row order", () => {
  it("the statement does not depend on the order of input rows (ties and replacements keep their order)", () => {
    fc.assert(
      fc.property(scenario(), fc.integer(), (s, seed) => {
        const random = prng(seed);
        const d = s.data;
        const shuffled = {
          students: shuffleKeepingTies(d.students, studentKey, random),
          enrollments: shuffleKeepingTies(d.enrollments, enrollmentKey, random),
          assessments: shuffleKeepingTies(d.assessments, assessmentTieKey, random),
          sessions: shuffleKeepingTies(d.sessions, sessionKey, random),
          obligationStatuses: shuffleKeepingTies(d.obligationStatuses, obligationStatusKey, random),
          payments: shuffleKeepingTies(d.payments, () => null, random),
        };
        const terms = parseOk(s.doc);
        const before = statementToJson(settleRows(terms, d, s.asOf));
        const after = statementToJson(settleRows(terms, shuffled, s.asOf));
        expect(after).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("settlement-v1 section 5: statement JSON number formats", () => {
  const MONEY = /^-?\d+\.\d{2}$/;
  const SIX = /^\d+\.\d{6}$/;
  /** At most six decimals, no trailing zero, no "-0". */
  const DISPLAY = /^(-?[1-9]\d*|0|-?\d+\.\d{0,5}[1-9])$/;

  function moneyStrings(j: StatementJson): string[] {
    return [
      j.base,
      j.outcome,
      j.reduction,
      j.subtotal,
      j.total,
      j.paid,
      j.due,
      ...j.metrics.map((m) => m.amount),
      ...j.students.flatMap((l) => [l.base, ...Object.values(l.metrics).map((m) => m.amount)]),
    ];
  }

  it("every money string has exactly two decimals; rates and consistencies have exactly six", () => {
    fc.assert(
      fc.property(scenario(), (s) => {
        const j = statementToJson(settle(s).statement);
        for (const text of moneyStrings(j)) expect(text).toMatch(MONEY);
        for (const m of j.metrics) expect(m.rate).toMatch(SIX);
        for (const l of j.students) expect(l.consistency).toMatch(SIX);
        for (const l of j.students)
          for (const m of Object.values(l.metrics))
            for (const text of [m.value, m.target]) if (text !== null) expect(text).toMatch(DISPLAY);
      }),
      { numRuns: RUNS },
    );
  });
});
