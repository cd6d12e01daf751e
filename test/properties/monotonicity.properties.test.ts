/**
 * Monotonicity of settlement-v1: which changes to the data never lower the total.
 *
 * The spec is monotone only in part. What holds, each as a property below (each also
 * checks the reason: no metric's met count or amount before its cap goes down):
 *
 * - Raising a student's scores in a window W that is no growth metric's `from` window and
 *   not the `baselineMaxScore` window never lowers the total, when tier amounts never go
 *   down from one tier to the next (decline, pool, caps, reductions and payFull
 *   included). All of the student's W rows move up together, so the same row is picked
 *   (the latest-date / highest-score / last-read order among them is unchanged);
 *   statuses only move notMet -> met, tiers only go up, a negative growth only gets less
 *   negative, and missing stays missing, so no denominator changes and pool rates only
 *   rise.
 * - Giving a score in W (not the baseline window) to a student with no row in W never
 *   lowers the total when there is no `decline` and either the outcomes are perStudent
 *   or `missingOutcome` is `notMet`: statuses only move out of `missing`.
 * - More attended sessions, with the student's most frequent tutor, for a student who is
 *   already measured never lower the total when no district obligation has consequence
 *   payFull.
 * - In a perStudent contract without `decline` and without payFull, more such sessions for
 *   any enrolled student never lower the total.
 *
 * What does not hold, because the spec itself is not monotone (worked examples at the
 * end): a higher tier may pay less than a lower one (terms-v1 requires only increasing
 * `atLeast`), so more growth can pay less; serving one more student can lower a pool
 * payment (a new student in the denominator who does not meet the metric lowers the
 * rate) or a perStudent one with `decline` (the newly measured student's growth may be
 * negative); giving a score to a student missing it can lower a pool payment under
 * `missingOutcome: exclude` (the student joins the denominator as notMet); serving one
 * more student can meet a district `servedStudents` obligation with consequence
 * payFull, dropping the total from maxValue to the subtotal. And, plainly: raising a
 * score in a growth `from` window lowers that growth, in the baseline window it can make
 * the student ineligible, and a session with another tutor can lower the tutor share.
 */
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  type DataRows,
  type Scenario,
  type TermsDoc,
  type WindowName,
  WINDOW_NAMES,
  CONTRACT,
  PERIOD_START,
  scenario,
  parseOk,
  settleRows,
  effectiveAsOf,
  inWindow,
  assessmentRecord,
  weighted,
  addDays,
  isoDate,
} from "./arbitraries.js";
import type { Terms } from "../../src/core/terms/types.js";
import type { AssessmentRecord, SessionRecord, StudentRecord } from "../../src/core/data/records.js";
import type { Statement } from "../../src/core/settlement/statement.js";
import { type IsoDate, minDate } from "../../src/core/date.js";
import { add, formatTrimmed, parseDecimal, ratio } from "../../src/core/ratio.js";

const RUNS = 300;

function pick<T>(list: readonly T[], n: number): T {
  const item = list[n % list.length];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

/** Windows whose scores only ever push a student up: no growth `from`, not the baseline. */
function upwardWindows(terms: Terms): WindowName[] {
  const from = new Set(
    terms.outcomes.metrics.flatMap((m) => (m.measure.kind === "growth" ? [m.measure.from] : [])),
  );
  return WINDOW_NAMES.filter((w) => !from.has(w) && terms.eligibility.baselineMaxScore?.window !== w);
}

function raise(score: string, tenths: number): string {
  const value = parseDecimal(score);
  if (value === null) throw new Error(`not a decimal: ${score}`);
  return formatTrimmed(add(value, ratio(BigInt(tenths), 10n)), 6);
}

/** Attended, counted sessions of the student, after session-id replacement (data-v1). */
function countedSessions(terms: Terms, data: DataRows, studentId: string, asOf: IsoDate): SessionRecord[] {
  const last = new Map<string, number>();
  data.sessions.forEach((s, i) => {
    if (s.contractId === CONTRACT && s.sessionId !== null) last.set(s.sessionId, i);
  });
  const to = minDate(terms.period.end, asOf);
  return data.sessions.filter(
    (s, i) =>
      s.contractId === CONTRACT &&
      (s.sessionId === null || last.get(s.sessionId) === i) &&
      s.studentId === studentId &&
      s.attended &&
      s.sessionDate >= terms.period.start &&
      s.sessionDate <= to,
  );
}

/** Sessions to add: a day offset into the period (clamped to the counted range) and minutes. */
const extraSessions = fc.array(
  fc.record({ day: fc.integer({ min: 0, max: 300 }), minutes: fc.integer({ min: 0, max: 90 }) }),
  { minLength: 1, maxLength: 4 },
);

/**
 * The data with more attended, counted sessions for each student, all with the student's
 * most frequent tutor (so that the tutor share cannot drop: (top + k) / (n + k) >= top / n).
 */
function withSessions(
  terms: Terms,
  s: Scenario,
  statement: Statement,
  studentIds: readonly string[],
  extra: readonly { day: number; minutes: number }[],
): DataRows {
  const asOf = effectiveAsOf(terms, s.asOf);
  const end = minDate(terms.period.end, asOf);
  const added = studentIds.flatMap((studentId): SessionRecord[] => {
    const counted = countedSessions(terms, s.data, studentId, asOf);
    // Our model of the counted sessions agrees with the settlement's.
    expect(statement.students.find((l) => l.studentId === studentId)?.sessions).toBe(counted.length);
    const perTutor = new Map<string, number>();
    for (const x of counted)
      if (x.tutorId !== null) perTutor.set(x.tutorId, (perTutor.get(x.tutorId) ?? 0) + 1);
    const top = [...perTutor].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "T1";
    return extra.map(({ day, minutes }) => ({
      sessionId: null,
      contractId: CONTRACT,
      studentId,
      tutorId: top,
      sessionDate: minDate(addDays(PERIOD_START, day), end),
      minutes,
      attended: true,
      groupSize: null,
    }));
  });
  return { ...s.data, sessions: [...s.data.sessions, ...added] };
}

function hasPayFull(doc: TermsDoc): boolean {
  return ((doc["obligations"] as TermsDoc[] | undefined) ?? []).some((o) => o["consequence"] === "payFull");
}

/** Windows a metric reads upward: a growth `to` window or a proficiency window. */
function scoredWindows(terms: Terms): Set<string> {
  return new Set(
    terms.outcomes.metrics.flatMap((m) =>
      m.measure.kind === "growth"
        ? [m.measure.to]
        : m.measure.kind === "proficiency"
          ? [m.measure.window]
          : [],
    ),
  );
}

/** The preferred items when there are any, else all of them. */
function prefer<T>(all: readonly T[], preferred: (item: T) => boolean): readonly T[] {
  const some = all.filter(preferred);
  return some.length > 0 ? some : all;
}

/** Distinct items picked by index (the change is applied to each; shrinking keeps one). */
function pickSome<T>(list: readonly T[], picks: readonly number[]): T[] {
  return [...new Set(picks.map((n) => pick(list, n)))];
}

const isMeasured = (terms: Terms, l: Statement["students"][number]): boolean =>
  l.eligible && (l.served || terms.outcomes.denominator === "enrolled");

/**
 * The total does not drop, and (the reason why) neither does any metric's met count or
 * amount before its cap.
 */
function expectNotLower(before: Statement, after: Statement): void {
  expect(after.totalCents >= before.totalCents).toBe(true);
  after.metrics.forEach((m, i) => {
    const b = before.metrics[i];
    expect(b !== undefined && m.met >= b.met && m.uncappedCents >= b.uncappedCents).toBe(true);
  });
}

/** Score raises in tenths of a point: small ones and ones that flip statuses. */
const tenths = weighted([1, fc.integer({ min: 1, max: 20 })], [3, fc.integer({ min: 50, max: 800 })]);
/**
 * Which students get the change. Each single change is monotone, so several at once are
 * too; several make a change of the total likelier, and shrinking brings it down to one.
 */
const picks = fc.array(fc.nat(), { minLength: 1, maxLength: 6 });

describe("settlement-v1: monotonicity that holds", () => {
  it("raising students' scores in a window that is no growth `from` and not the baseline window never lowers the total, when tier amounts never go down (decline, pool and payFull included)", () => {
    fc.assert(
      fc.property(scenario({ monotoneTiers: true }), fc.nat(), picks, tenths, (s, w, k, delta) => {
        const terms = parseOk(s.doc);
        const upward = upwardWindows(terms);
        fc.pre(upward.length > 0);
        const scored = scoredWindows(terms);
        const window = pick(
          prefer(upward, (x) => scored.has(x)),
          w,
        );
        const before = settleRows(terms, s.data, s.asOf);
        const candidates = before.students.filter((l) =>
          s.data.assessments.some((a) => a.studentId === l.studentId && inWindow(terms, a, window)),
        );
        fc.pre(candidates.length > 0);
        // Prefer measured students, and among them those not yet meeting a metric.
        const measured = prefer(candidates, (l) => isMeasured(terms, l));
        const notMet = prefer(measured, (l) => [...l.metrics.values()].some((m) => m.status === "notMet"));
        const raised = new Set(pickSome(notMet, k).map((l) => l.studentId));
        // All of a student's rows in the window move up together: the same row is picked.
        const assessments = s.data.assessments.map((a) =>
          raised.has(a.studentId) && inWindow(terms, a, window)
            ? { ...a, scaleScore: raise(a.scaleScore, delta) }
            : a,
        );
        expectNotLower(before, settleRows(terms, { ...s.data, assessments }, s.asOf));
      }),
      { numRuns: RUNS },
    );
  });

  it("giving a score in a window (not the baseline window) to students with no row there never lowers the total, without decline, when outcomes are perStudent or missingOutcome is notMet", () => {
    const extra = fc.constantFrom(...WINDOW_NAMES).chain((window) =>
      fc.record({
        window: fc.constant(window),
        k: picks,
        rows: fc.array(assessmentRecord("?", window), { minLength: 6, maxLength: 6 }),
      }),
    );
    fc.assert(
      fc.property(scenario({ decline: false }), extra, (s, { window, k, rows }) => {
        const terms = parseOk(s.doc);
        fc.pre(terms.outcomes.kind === "perStudent" || terms.outcomes.missingOutcome === "notMet");
        fc.pre(terms.eligibility.baselineMaxScore?.window !== window);
        const before = settleRows(terms, s.data, s.asOf);
        const candidates = before.students.filter(
          (l) => !s.data.assessments.some((a) => a.studentId === l.studentId && inWindow(terms, a, window)),
        );
        fc.pre(candidates.length > 0);
        const added = pickSome(
          prefer(candidates, (l) => isMeasured(terms, l)),
          k,
        ).map((l, i): AssessmentRecord => ({ ...pick(rows, i), studentId: l.studentId }));
        const after = settleRows(
          terms,
          { ...s.data, assessments: [...s.data.assessments, ...added] },
          s.asOf,
        );
        expectNotLower(before, after);
      }),
      { numRuns: RUNS },
    );
  });

  it("more attended sessions (with the student's most frequent tutor) for measured students never lowers the total, without a payFull obligation", () => {
    fc.assert(
      fc.property(scenario({ payFull: false }), picks, extraSessions, (s, k, extra) => {
        expect(hasPayFull(s.doc)).toBe(false);
        const terms = parseOk(s.doc);
        const before = settleRows(terms, s.data, s.asOf);
        const measured = before.students.filter((l) => isMeasured(terms, l));
        fc.pre(measured.length > 0);
        const studentIds = pickSome(measured, k).map((l) => l.studentId);
        const after = settleRows(terms, withSessions(terms, s, before, studentIds, extra), s.asOf);
        expectNotLower(before, after);
      }),
      { numRuns: RUNS },
    );
  });

  it("in a perStudent contract without decline or payFull, more attended sessions (with the student's most frequent tutor) for any enrolled students never lowers the total", () => {
    fc.assert(
      fc.property(
        scenario({ payFull: false, decline: false, outcomesKind: "perStudent" }),
        picks,
        extraSessions,
        (s, k, extra) => {
          expect(hasPayFull(s.doc)).toBe(false);
          const terms = parseOk(s.doc);
          const before = settleRows(terms, s.data, s.asOf);
          fc.pre(before.students.length > 0);
          // Prefer students the session can change most: eligible but not yet served.
          const studentIds = pickSome(
            prefer(before.students, (l) => l.eligible && !l.served),
            k,
          ).map((l) => l.studentId);
          const after = settleRows(terms, withSessions(terms, s, before, studentIds, extra), s.asOf);
          expectNotLower(before, after);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------
// Where the spec is not monotone: small worked counterexamples.

const student = (studentId: string): StudentRecord => ({
  studentId,
  schoolId: "A",
  grade: "5",
  gender: null,
  raceEthnicity: null,
  economicallyDisadvantaged: false,
  englishLearner: false,
  specialEducation: false,
});
const session = (studentId: string): SessionRecord => ({
  sessionId: null,
  contractId: CONTRACT,
  studentId,
  tutorId: "T1",
  sessionDate: isoDate("2024-10-01"),
  minutes: 30,
  attended: true,
  groupSize: null,
});
const score = (studentId: string, window: "2024-fall" | "2025-spring", value: string): AssessmentRecord => ({
  studentId,
  assessment: "MAP Growth",
  subject: "math",
  window,
  testDate: isoDate(window === "2024-fall" ? "2024-09-20" : "2025-05-01"),
  scaleScore: value,
  performanceLevel: null,
  percentile: null,
  growthTarget: null,
  rapidGuessPercent: null,
});

/** S1 and S2 enrolled; S1 attended one session and scored 200 in fall and 210 in spring. */
function twoStudents(extra: Partial<DataRows> = {}): DataRows {
  return {
    students: [student("S1"), student("S2")],
    enrollments: ["S1", "S2"].map((id) => ({
      contractId: CONTRACT,
      studentId: id,
      enrolledOn: isoDate("2024-09-05"),
      exitedOn: null,
    })),
    assessments: [score("S1", "2024-fall", "200"), score("S1", "2025-spring", "210")],
    sessions: [session("S1")],
    obligationStatuses: [],
    payments: [],
    ...extra,
  };
}

function smallTerms(overrides: TermsDoc): Terms {
  return parseOk({
    format: "obc-terms/1",
    contractId: CONTRACT,
    title: "Counterexample",
    district: { id: "d", name: "District" },
    vendor: { id: "v", name: "Vendor" },
    service: "tutoring",
    currency: "USD",
    period: { start: PERIOD_START, end: "2025-06-30" },
    maxValue: "1000",
    expectedStudents: 2,
    service_threshold: { minSessions: 1 },
    windows: {
      fall: { assessment: "MAP Growth", subject: "math", window: "2024-fall" },
      spring: { assessment: "MAP Growth", subject: "math", window: "2025-spring" },
    },
    base: { kind: "fixed", amount: "0" },
    ...overrides,
  });
}

const proficiencyPool = (missingOutcome: string): TermsDoc => ({
  kind: "pool",
  missingOutcome,
  pool: { percent: "100" },
  metrics: [
    { id: "prof", label: "proficient", kind: "proficiency", window: "spring", minScore: "205", weight: "1" },
  ],
});

const total = (terms: Terms, data: DataRows): bigint => settleRows(terms, data, undefined).totalCents;

describe("settlement-v1: where the spec is not monotone (worked counterexamples)", () => {
  it("more growth can pay less when a higher tier pays less than a lower one", () => {
    const terms = smallTerms({
      outcomes: {
        kind: "perStudent",
        metrics: [
          {
            id: "growth",
            label: "growth",
            kind: "growth",
            from: "fall",
            to: "spring",
            target: { points: "10" },
            tiers: [
              { atLeast: "50", amount: "100" },
              { atLeast: "100", amount: "40" },
            ],
          },
        ],
      },
    });
    const before = twoStudents(); // S1 grows 10 of 10: tier 100
    const lower = twoStudents({
      assessments: [score("S1", "2024-fall", "200"), score("S1", "2025-spring", "206")],
    });
    expect(total(terms, lower)).toBe(10_000n); // grows 6: tier 50 pays 100
    expect(total(terms, before)).toBe(4_000n); // grows 10: tier 100 pays 40
  });

  it("serving one more student can lower a pool payment: the student joins the denominator without meeting", () => {
    const terms = smallTerms({ outcomes: proficiencyPool("notMet") });
    const before = twoStudents();
    const after = twoStudents({ sessions: [session("S1"), session("S2")] });
    expect(total(terms, before)).toBe(100_000n); // rate 1/1
    expect(total(terms, after)).toBe(50_000n); // rate 1/2
  });

  it("serving one more student can lower a perStudent payment with decline: the student's growth is negative", () => {
    const terms = smallTerms({
      outcomes: {
        kind: "perStudent",
        metrics: [
          {
            id: "growth",
            label: "growth",
            kind: "growth",
            from: "fall",
            to: "spring",
            target: { points: "5" },
            amount: "50",
            decline: "20",
          },
        ],
      },
    });
    const assessments = [
      ...twoStudents().assessments,
      score("S2", "2024-fall", "200"),
      score("S2", "2025-spring", "190"),
    ];
    const before = twoStudents({ assessments });
    const after = twoStudents({ assessments, sessions: [session("S1"), session("S2")] });
    expect(total(terms, before)).toBe(5_000n);
    expect(total(terms, after)).toBe(3_000n);
  });

  it("giving a score to a student missing it can lower a pool payment under missingOutcome exclude", () => {
    const terms = smallTerms({ outcomes: proficiencyPool("exclude") });
    const sessions = [session("S1"), session("S2")];
    const before = twoStudents({ sessions });
    const after = twoStudents({
      sessions,
      assessments: [...twoStudents().assessments, score("S2", "2025-spring", "190")],
    });
    expect(total(terms, before)).toBe(100_000n); // S2 missing, excluded: rate 1/1
    expect(total(terms, after)).toBe(50_000n); // S2 notMet: rate 1/2
  });

  it("serving one more student can meet a district servedStudents obligation with payFull, lowering the total", () => {
    const terms = smallTerms({
      base: { kind: "perStudent", amount: "100", per: "served" },
      outcomes: { ...proficiencyPool("notMet"), pool: { percent: "10" } },
      obligations: [
        {
          id: "serve",
          party: "district",
          description: "serve two",
          measure: { kind: "servedStudents", min: 2 },
          consequence: "payFull",
        },
      ],
    });
    const before = twoStudents();
    const after = twoStudents({
      sessions: [session("S1"), session("S2")],
      assessments: [...twoStudents().assessments, score("S2", "2025-spring", "210")],
    });
    expect(total(terms, before)).toBe(100_000n); // breach: maxValue
    expect(total(terms, after)).toBe(30_000n); // 200 base + 100 outcome
  });
});
