/**
 * fast-check arbitraries for the settlement property tests: valid `obc-terms/1` documents
 * that reach every feature of terms-v1, and small random data sets (records of data-v1,
 * typed as in src/core/data/records.ts) fed straight into a `DataSet`.
 *
 * Every document uses contract `c1`, period start 2024-09-01 and the three windows of
 * `WINDOWS`, so the data generator does not depend on the terms. Data rows include what
 * settlement must ignore or override: rows of another contract, assessment rows of other
 * windows, rows after `asOf`, rapid-guessing rows, non-attended sessions, sessions outside
 * the period, repeated session ids, and earlier student and enrollment rows that later
 * rows replace.
 */
import fc from "fast-check";
import { parseTerms } from "../../src/core/terms/parse-terms.js";
import type { Terms } from "../../src/core/terms/types.js";
import { DataSet, windowKey } from "../../src/core/data/data-set.js";
import type {
  AssessmentRecord,
  EnrollmentRecord,
  ObligationStatusRecord,
  PaymentRecord,
  SessionRecord,
  StudentRecord,
} from "../../src/core/data/records.js";
import { type IsoDate, dayNumber, parseIsoDate } from "../../src/core/date.js";
import { cents } from "../../src/core/money.js";
import { formatFixed, formatTrimmed, parseDecimal, ratio } from "../../src/core/ratio.js";
import { settleContract } from "../../src/core/settlement/settle.js";
import type { Statement } from "../../src/core/settlement/statement.js";

export type TermsDoc = Record<string, unknown>;

export const CONTRACT = "c1";
export const OTHER_CONTRACT = "c2";
export const PERIOD_START = "2024-09-01";

export const WINDOW_NAMES = ["fall", "winter", "spring"] as const;
export type WindowName = (typeof WINDOW_NAMES)[number];
export const WINDOWS: Readonly<Record<WindowName, { assessment: string; subject: string; window: string }>> =
  {
    fall: { assessment: "MAP Growth", subject: "math", window: "2024-fall" },
    winter: { assessment: "MAP Growth", subject: "math", window: "2025-winter" },
    spring: { assessment: "MAP Growth", subject: "math", window: "2025-spring" },
  };
/** Test dates of each window's rows; spring runs past the period end and some `asOf`s. */
const WINDOW_DATES: Readonly<Record<WindowName, readonly [string, string]>> = {
  fall: ["2024-08-20", "2024-10-31"],
  winter: ["2025-01-06", "2025-02-14"],
  spring: ["2025-04-14", "2025-07-10"],
};

// ---------------------------------------------------------------------------------------
// Values

const DAY_MS = 86_400_000;

export function isoDate(text: string): IsoDate {
  const date = parseIsoDate(text);
  if (date === null) throw new Error(`not a date: ${text}`);
  return date;
}

export function addDays(date: string, days: number): IsoDate {
  return isoDate(new Date((dayNumber(isoDate(date)) + days) * DAY_MS).toISOString().slice(0, 10));
}

export function dateBetween(from: string, to: string): fc.Arbitrary<IsoDate> {
  const span = dayNumber(isoDate(to)) - dayNumber(isoDate(from));
  return fc.integer({ min: 0, max: span }).map((n) => addDays(from, n));
}

/** `units / 10^places` as a decimal string: all `places` decimals, or trailing zeros dropped. */
function decimalText(units: number, places: number, trim: boolean): string {
  const value = ratio(BigInt(units), 10n ** BigInt(places));
  return trim ? formatTrimmed(value, places) : formatFixed(value, places);
}

/** Decimal strings for `min/10^places .. max/10^places`, written either way. */
export function decimal(min: number, max: number, places: number): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min, max }), fc.boolean()).map(([u, trim]) => decimalText(u, places, trim));
}

/** Money up to `maxCents`: `"670.50"`, `"670.5"` or `"670"`. */
export const money = (maxCents: number): fc.Arbitrary<string> => decimal(0, maxCents, 2);
const percent = decimal(0, 1000, 1);
const percentOrMore = decimal(0, 2000, 1);
const share = decimal(0, 100, 2);
const rate = decimal(1, 100, 2);

/** An optional key: absent (undefined, dropped by the JSON round trip) half the time. */
function maybe<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined, freq: 2 });
}

export function weighted<T>(...entries: [number, fc.Arbitrary<T>][]): fc.Arbitrary<T> {
  return fc.oneof(...entries.map(([weight, arbitrary]) => ({ weight, arbitrary })));
}

// ---------------------------------------------------------------------------------------
// Terms documents

export interface TermsOptions {
  /** Allow `decline` on growth metrics (default true). */
  readonly decline?: boolean;
  /** Allow district obligations with consequence `payFull` (default true). */
  readonly payFull?: boolean;
  /** Only this outcomes kind (default both). */
  readonly outcomesKind?: "perStudent" | "pool";
  /**
   * Tier amounts that never go down from one tier to the next (default: any amounts, which
   * terms-v1 allows; a higher tier may then pay less than a lower one).
   */
  readonly monotoneTiers?: boolean;
}

const SUBGROUP_FLAGS = ["economicallyDisadvantaged", "englishLearner", "specialEducation"] as const;
const TERMS_GRADES = ["PK", "K", "3", "4", "5", "6"] as const;
const STUDENT_GRADES = ["K", "3", "4", "5"] as const;
const TERMS_SCHOOLS = ["A", "B", "C", "D"] as const;
const STUDENT_SCHOOLS = ["A", "B", "C"] as const;

type MetricKind = "growth" | "proficiency" | "dosage" | "consistency";

/** Growth from/to pairs; `spring -> fall` is legal and makes spring a `from` window. */
const growthWindows = fc.constantFrom<[WindowName, WindowName]>(
  ["fall", "spring"],
  ["fall", "spring"],
  ["fall", "spring"],
  ["fall", "winter"],
  ["winter", "spring"],
  ["spring", "fall"],
);

const growthTarget: fc.Arbitrary<TermsDoc> = fc.oneof(
  fc.record({ points: decimal(-50, 200, 1) }),
  fc.record({
    fromRow: fc.constant(true),
    percent: percentOrMore,
    prorateWeeks: maybe(fc.integer({ min: 1, max: 40 })),
  }),
);

function measure(kind: MetricKind): fc.Arbitrary<TermsDoc> {
  switch (kind) {
    case "growth":
      return fc
        .record({ windows: growthWindows, target: growthTarget })
        .map(({ windows: [from, to], target }) => ({ kind, from, to, target }));
    case "proficiency":
      return fc
        .record({
          window: fc.constantFrom(...WINDOW_NAMES),
          min: fc.oneof(
            fc.record({ minLevel: fc.integer({ min: 0, max: 5 }) }),
            fc.record({ minScore: decimal(1800, 2300, 1) }),
          ),
        })
        .map(({ window, min }) => ({ kind, window, ...min }));
    case "dosage":
      return fc
        .oneof(
          fc.record({ minSessions: fc.integer({ min: 0, max: 6 }) }),
          fc.record({ minMinutes: fc.integer({ min: 0, max: 200 }) }),
          fc.record({
            minSessions: fc.integer({ min: 0, max: 6 }),
            minMinutes: fc.integer({ min: 0, max: 200 }),
          }),
        )
        .map((min) => ({ kind, ...min }));
    case "consistency":
      return fc.record({ minShare: share }).map((m) => ({ kind, ...m }));
  }
}

const subgroupAmounts: fc.Arbitrary<TermsDoc> = fc
  .shuffledSubarray([...SUBGROUP_FLAGS], { minLength: 1 })
  .chain((flags) =>
    fc
      .tuple(...flags.map(() => money(40_000)))
      .map((amounts) => Object.fromEntries(flags.map((f, i) => [f, amounts[i]]))),
  );

const TIER_STEPS = ["0", "25", "50", "62.5", "75", "100", "125", "150", "200"];
function tiers(monotone: boolean): fc.Arbitrary<TermsDoc[]> {
  return fc.subarray(TIER_STEPS, { minLength: 1, maxLength: 4 }).chain((steps) =>
    fc.tuple(...steps.map(() => fc.integer({ min: 0, max: 40_000 }))).map((amounts) => {
      if (monotone) amounts.sort((a, b) => a - b);
      return steps.map((atLeast, i) => ({ atLeast, amount: decimalText(amounts[i] ?? 0, 2, true) }));
    }),
  );
}

function perStudentPay(kind: MetricKind, options: TermsOptions): fc.Arbitrary<TermsDoc> {
  const byAmount = fc.record({ amount: money(30_000), amountBySubgroup: maybe(subgroupAmounts) });
  const byTiers: fc.Arbitrary<TermsDoc> = fc.record({ tiers: tiers(options.monotoneTiers === true) });
  const pay: fc.Arbitrary<TermsDoc> =
    kind === "growth" ? weighted<TermsDoc>([2, byAmount], [1, byTiers]) : byAmount;
  const decline =
    kind === "growth" && options.decline !== false ? maybe(money(10_000)) : fc.constant(undefined);
  return fc.record({ pay, decline }).map(({ pay: p, decline: d }) => ({ ...p, decline: d }));
}

const poolPay: fc.Arbitrary<TermsDoc> = fc.record({
  weight: decimal(1, 50, 1),
  targetRate: maybe(rate),
  minRate: maybe(share),
});

function metricBody(outcomesKind: "perStudent" | "pool", options: TermsOptions): fc.Arbitrary<TermsDoc> {
  const kind = weighted<MetricKind>(
    [3, fc.constant("growth")],
    [2, fc.constant("proficiency")],
    [1, fc.constant("dosage")],
    [1, fc.constant("consistency")],
  );
  return kind.chain((k) =>
    fc
      .record({
        measure: measure(k),
        pay: outcomesKind === "pool" ? poolPay : perStudentPay(k, options),
        cap: maybe(money(400_000)),
      })
      .map(({ measure: m, pay, cap }) => ({ ...m, ...pay, cap })),
  );
}

function outcomes(options: TermsOptions): fc.Arbitrary<TermsDoc> {
  const kind =
    options.outcomesKind === undefined
      ? fc.constantFrom<"perStudent" | "pool">("perStudent", "pool")
      : fc.constant(options.outcomesKind);
  return kind.chain((k) =>
    fc.record({
      kind: fc.constant(k),
      denominator: maybe(fc.constantFrom("served", "enrolled")),
      missingOutcome: maybe(fc.constantFrom("notMet", "exclude")),
      pool:
        k === "pool"
          ? fc.oneof(fc.record({ percent }), fc.record({ amount: money(5_000_000) }))
          : fc.constant(undefined),
      cap: maybe(money(800_000)),
      metrics: fc
        .array(metricBody(k, options), { minLength: 1, maxLength: 4 })
        .map((list) => list.map((m, i) => ({ id: `m${i}`, label: `metric ${i}`, ...m }))),
    }),
  );
}

const base: fc.Arbitrary<TermsDoc> = fc.oneof(
  fc.record({
    kind: fc.constant("perStudent"),
    amount: money(50_000),
    per: fc.constantFrom("served", "enrolled"),
  }),
  fc.record({ kind: fc.constant("share"), percent, prorate: maybe(fc.boolean()) }),
  fc.record({ kind: fc.constant("fixed"), amount: money(2_000_000) }),
);

const eligibility: fc.Arbitrary<TermsDoc> = fc.record({
  // Mostly lists that admit some students; "PK", "6" and "D" admit none.
  grades: maybe(
    weighted(
      [1, fc.shuffledSubarray([...TERMS_GRADES], { minLength: 1 })],
      [3, fc.shuffledSubarray([...TERMS_GRADES], { minLength: 3 })],
    ),
  ),
  schools: maybe(
    weighted(
      [1, fc.shuffledSubarray([...TERMS_SCHOOLS], { minLength: 1 })],
      [3, fc.shuffledSubarray([...TERMS_SCHOOLS], { minLength: 2 })],
    ),
  ),
  baselineMaxScore: fc.option(
    fc.record({
      window: fc.constantFrom(...WINDOW_NAMES),
      score: weighted([1, decimal(1800, 2400, 1)], [2, fc.constantFrom("215", "225.5", "240")]),
    }),
    { nil: undefined, freq: 4 },
  ),
});

function obligationBody(options: TermsOptions): fc.Arbitrary<TermsDoc> {
  const measureArb: fc.Arbitrary<TermsDoc> = fc.oneof(
    fc.record({ kind: fc.constant("enrolledStudents"), min: fc.integer({ min: 0, max: 45 }) }),
    fc.record({ kind: fc.constant("servedStudents"), min: fc.integer({ min: 0, max: 45 }) }),
    fc.constant({ kind: "manual" }),
  );
  const district: fc.Arbitrary<unknown> = fc.constantFrom(
    ...(options.payFull === false ? ["none"] : ["payFull", "payFull", "none"]),
  );
  const vendor: fc.Arbitrary<unknown> = weighted<unknown>(
    [1, fc.constant("none")],
    [3, fc.record({ reduceOutcomePercent: percent })],
  );
  return fc.constantFrom("district", "vendor").chain((party) =>
    fc.record({
      party: fc.constant(party),
      measure: measureArb,
      consequence: party === "district" ? district : vendor,
    }),
  );
}

/** Obligations `o0`, `o1`, ... (the data generator writes statuses for those ids). */
function obligations(options: TermsOptions): fc.Arbitrary<TermsDoc[]> {
  return fc
    .array(obligationBody(options), { maxLength: 3 })
    .map((list) => list.map((o, i) => ({ id: `o${i}`, description: `obligation ${i}`, ...o })));
}

/** A valid `obc-terms/1` document (as parsed JSON: absent optional keys are left out). */
export function termsDoc(options: TermsOptions = {}): fc.Arbitrary<TermsDoc> {
  return fc
    .record({
      format: fc.constant("obc-terms/1"),
      contractId: fc.constant(CONTRACT),
      title: fc.constant("Property contract"),
      district: fc.constant({ id: "d", name: "District" }),
      vendor: fc.constant({ id: "v", name: "Vendor" }),
      service: fc.constantFrom("tutoring", "edtech", "professional-learning", "curriculum", "other"),
      currency: fc.constantFrom("USD", "EUR", "GBP", "CAD"),
      period: fc.record({
        start: fc.constant(PERIOD_START),
        end: fc.constantFrom("2025-05-31", "2025-06-30"),
      }),
      maxValue: money(10_000_000),
      expectedStudents: fc.integer({ min: 1, max: 60 }),
      eligibility: maybe(eligibility),
      service_threshold: maybe(
        fc.record({
          minSessions: maybe(fc.integer({ min: 0, max: 3 })),
          minMinutes: maybe(fc.integer({ min: 0, max: 90 })),
        }),
      ),
      windows: fc.constant(WINDOWS),
      maxRapidGuessPercent: maybe(weighted([3, decimal(200, 1000, 1)], [1, percent])),
      base,
      outcomes: outcomes(options),
      obligations: maybe(obligations(options)),
    })
    .map((doc) => JSON.parse(JSON.stringify(doc)) as TermsDoc);
}

/** Parses a generated document; a generated document that does not parse is a test bug. */
export function parseOk(doc: TermsDoc): Terms {
  const result = parseTerms(doc);
  if (!result.ok) {
    throw new Error(`generated terms do not parse: ${JSON.stringify(result.problems, null, 1)}`);
  }
  return result.terms;
}

// ---------------------------------------------------------------------------------------
// Data rows

export interface DataRows {
  readonly students: readonly StudentRecord[];
  readonly enrollments: readonly EnrollmentRecord[];
  readonly assessments: readonly AssessmentRecord[];
  readonly sessions: readonly SessionRecord[];
  /** For obligations `o0`..`o2`; only those naming a manual obligation reach the data set. */
  readonly obligationStatuses: readonly ObligationStatusRecord[];
  readonly payments: readonly PaymentRecord[];
}

const flag = weighted([3, fc.constant(false)], [1, fc.constant(true)]);

function studentRecord(studentId: string): fc.Arbitrary<StudentRecord> {
  return fc.record({
    studentId: fc.constant(studentId),
    schoolId: fc.constantFrom(...STUDENT_SCHOOLS),
    grade: fc.constantFrom(...STUDENT_GRADES),
    gender: fc.constant(null),
    raceEthnicity: fc.constant(null),
    economicallyDisadvantaged: flag,
    englishLearner: flag,
    specialEducation: flag,
  });
}

function enrollmentRecord(studentId: string, contractId: string): fc.Arbitrary<EnrollmentRecord> {
  return fc
    .record({
      enrolledOn: weighted(
        [4, dateBetween("2024-08-15", "2024-09-30")],
        [1, dateBetween("2024-10-01", "2025-07-15")],
      ),
      exitDays: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
    })
    .map(({ enrolledOn, exitDays }) => ({
      contractId,
      studentId,
      enrolledOn,
      exitedOn: exitDays === null ? null : addDays(enrolledOn, exitDays),
    }));
}

/** Scores 180..230 in halves, written `200`, `200.0` or `200.5`: equal values tie whatever the text. */
const scaleScore = fc
  .tuple(fc.integer({ min: 180, max: 230 }), fc.boolean(), fc.boolean())
  .map(([whole, half, trim]) => decimalText(whole * 10 + (half ? 5 : 0), 1, trim && !half));

export function assessmentRecord(studentId: string, window: WindowName): fc.Arbitrary<AssessmentRecord> {
  const w = WINDOWS[window];
  const [from, to] = WINDOW_DATES[window];
  return fc.record({
    studentId: fc.constant(studentId),
    assessment: fc.constant(w.assessment),
    subject: fc.constantFrom("math", "math", "Math", "MATH"),
    window: fc.constant(w.window),
    // Few distinct dates, so that rows often tie on the date and sometimes on the score too.
    testDate: weighted([3, fc.constantFrom(isoDate(from), addDays(from, 14))], [2, dateBetween(from, to)]),
    scaleScore,
    performanceLevel: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null, freq: 4 }),
    percentile: fc.option(fc.integer({ min: 1, max: 99 }), { nil: null }),
    growthTarget: fc.option(decimal(-30, 200, 1), { nil: null, freq: 6 }),
    rapidGuessPercent: weighted<string | null>(
      [4, fc.constant(null)],
      [3, decimal(0, 300, 1)],
      [1, decimal(0, 1000, 1)],
    ),
  });
}

/** Rows no contract window matches: another assessment, subject or window. */
function unrelatedAssessment(studentId: string): fc.Arbitrary<AssessmentRecord> {
  return fc
    .record({
      row: assessmentRecord(studentId, "spring"),
      which: fc.constantFrom(
        { assessment: "i-Ready", subject: "math", window: "2025-spring" },
        { assessment: "MAP Growth", subject: "reading", window: "2025-spring" },
        { assessment: "MAP Growth", subject: "math", window: "2025-Spring" },
      ),
    })
    .map(({ row, which }) => ({ ...row, ...which }));
}

function sessionRecord(studentId: string): fc.Arbitrary<SessionRecord> {
  return fc.record({
    // A small pool of ids shared by all students: a repeated id replaces the earlier row.
    sessionId: fc.option(
      fc.integer({ min: 0, max: 20 }).map((n) => `X${n}`),
      { nil: null, freq: 2 },
    ),
    contractId: weighted([6, fc.constant(CONTRACT)], [1, fc.constant(OTHER_CONTRACT)]),
    studentId: fc.constant(studentId),
    tutorId: fc.option(fc.constantFrom("T1", "T2", "T3"), { nil: null, freq: 5 }),
    sessionDate: dateBetween("2024-08-15", "2025-07-15"),
    minutes: fc.integer({ min: 0, max: 90 }),
    attended: weighted([6, fc.constant(true)], [1, fc.constant(false)]),
    groupSize: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  });
}

interface StudentBlock {
  readonly students: StudentRecord[];
  readonly enrollments: EnrollmentRecord[];
  readonly assessments: AssessmentRecord[];
  readonly sessions: SessionRecord[];
}

function studentBlock(studentId: string): fc.Arbitrary<StudentBlock> {
  const rows = (window: WindowName) =>
    weighted<AssessmentRecord[]>(
      [1, fc.constant([])],
      [5, fc.array(assessmentRecord(studentId, window), { minLength: 1, maxLength: 3 })],
    );
  return fc
    .record({
      stale: fc.option(studentRecord(studentId), { nil: null, freq: 6 }),
      student: studentRecord(studentId),
      staleEnrollment: fc.option(enrollmentRecord(studentId, CONTRACT), { nil: null, freq: 8 }),
      enrollment: fc.option(enrollmentRecord(studentId, CONTRACT), { nil: null, freq: 10 }),
      otherEnrollment: fc.option(enrollmentRecord(studentId, OTHER_CONTRACT), { nil: null, freq: 2 }),
      fall: rows("fall"),
      winter: rows("winter"),
      spring: rows("spring"),
      unrelated: fc.array(unrelatedAssessment(studentId), { maxLength: 1 }),
      sessions: weighted(
        [1, fc.array(sessionRecord(studentId), { maxLength: 2 })],
        [3, fc.array(sessionRecord(studentId), { minLength: 2, maxLength: 8 })],
      ),
    })
    .map((b) => ({
      students: [b.stale, b.student].filter((s) => s !== null),
      enrollments: [b.otherEnrollment, b.staleEnrollment, b.enrollment].filter((e) => e !== null),
      assessments: [...b.fall, ...b.winter, ...b.spring, ...b.unrelated],
      sessions: b.sessions,
    }));
}

const payment: fc.Arbitrary<PaymentRecord> = fc.record({
  contractId: weighted([4, fc.constant(CONTRACT)], [1, fc.constant(OTHER_CONTRACT)]),
  paidOn: dateBetween("2024-08-01", "2025-09-30"),
  amountCents: fc.integer({ min: -2_000_000, max: 5_000_000 }).map((n) => cents(BigInt(n))),
  reference: fc.constant(null),
});

const obligationStatus: fc.Arbitrary<ObligationStatusRecord> = fc.record({
  contractId: fc.constant(CONTRACT),
  obligationId: fc.constantFrom("o0", "o1", "o2"),
  status: fc.constantFrom<"met" | "notMet">("met", "notMet"),
  evidence: fc.constant(null),
});

/**
 * Id prefixes: mostly `S`, so that id order is not numeric order; a few non-ASCII ones,
 * where UTF-8 byte order differs from UTF-16 order (U+FF21 sorts before U+1F600 by bytes
 * but after it by UTF-16 code units).
 */
const idPrefix = weighted([8, fc.constant("S")], [1, fc.constantFrom("s", "\u00c9", "\uff21", "\u{1f600}")]);

/** 0..40 students (ids `<prefix><n>` with distinct n) and their rows. */
export const dataRows: fc.Arbitrary<DataRows> = fc
  .record({
    blocks: fc
      .oneof(
        fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { maxLength: 40 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { maxLength: 40, size: "max" }),
      )
      .chain((ns) => fc.tuple(...ns.map((n) => idPrefix.chain((p) => studentBlock(`${p}${n}`))))),
    obligationStatuses: fc.array(obligationStatus, { maxLength: 4 }),
    payments: fc.array(payment, { maxLength: 5 }),
  })
  .map(({ blocks, obligationStatuses, payments }) => ({
    students: blocks.flatMap((b) => b.students),
    enrollments: blocks.flatMap((b) => b.enrollments),
    assessments: blocks.flatMap((b) => b.assessments),
    sessions: blocks.flatMap((b) => b.sessions),
    obligationStatuses,
    payments,
  }));

export interface Scenario {
  readonly doc: TermsDoc;
  readonly data: DataRows;
  /** Undefined: the default, `period.end`. */
  readonly asOf: IsoDate | undefined;
}

export function scenario(options: TermsOptions = {}): fc.Arbitrary<Scenario> {
  return fc.record({
    doc: termsDoc(options),
    data: dataRows,
    // Mostly late enough for spring scores to count.
    asOf: weighted<IsoDate | undefined>(
      [2, fc.constant(undefined)],
      [2, dateBetween("2025-05-01", "2025-08-31")],
      [1, dateBetween("2024-10-01", "2025-08-31")],
    ),
  });
}

// ---------------------------------------------------------------------------------------
// Settling

/** The rows in a fresh `DataSet`, in list order (students first, as the reader does). */
export function buildDataSet(terms: Terms, data: DataRows): DataSet {
  const set = new DataSet([terms]);
  for (const s of data.students) set.addStudent(s);
  for (const e of data.enrollments) {
    const error = set.addEnrollment(e);
    if (error !== null) throw new Error(`generated enrollment rejected: ${error.message}`);
  }
  for (const a of data.assessments) set.addAssessment(a);
  for (const s of data.sessions) set.addSession(s);
  for (const o of data.obligationStatuses) {
    const obligation = terms.obligations.find((x) => x.id === o.obligationId);
    if (obligation?.measure.kind !== "manual") continue; // the reader rejects such a row
    const error = set.addObligationStatus(o);
    if (error !== null) throw new Error(`generated obligation status rejected: ${error.message}`);
  }
  for (const p of data.payments) set.addPayment(p);
  return set;
}

export function settleRows(terms: Terms, data: DataRows, asOf: IsoDate | undefined): Statement {
  return settleContract(terms, buildDataSet(terms, data), asOf);
}

/** `asOf` as the settlement uses it. */
export function effectiveAsOf(terms: Terms, asOf: IsoDate | undefined): IsoDate {
  return asOf ?? terms.period.end;
}

/** Whether an assessment row is one of the named contract window's rows. */
export function inWindow(terms: Terms, row: AssessmentRecord, name: string): boolean {
  const w = terms.windows.find((x) => x.name === name);
  return (
    w !== undefined &&
    windowKey(row.assessment, row.subject, row.window) === windowKey(w.assessment, w.subject, w.window)
  );
}

// ---------------------------------------------------------------------------------------
// Row order

/** A small deterministic PRNG (mulberry32), for shuffles driven by a generated seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random permutation of `rows` that keeps the relative order of rows sharing a non-null
 * `key` (rows whose order the data rules give a meaning to: the later one replaces, or
 * wins a tie). Rows with a null key move freely.
 */
export function shuffleKeepingTies<T>(
  rows: readonly T[],
  key: (row: T) => string | null,
  random: () => number,
): T[] {
  const order = rows.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = a;
  }
  const out = order.map((i) => rows[i] as T);
  const slots = new Map<string, number[]>();
  out.forEach((row, position) => {
    const k = key(row);
    if (k !== null) slots.set(k, [...(slots.get(k) ?? []), position]);
  });
  for (const [k, positions] of slots) {
    const members = rows.filter((row) => key(row) === k);
    positions.forEach((position, i) => {
      out[position] = members[i] as T;
    });
  }
  return out;
}

const exactValue = (text: string): string => {
  const value = parseDecimal(text);
  if (value === null) throw new Error(`not a decimal: ${text}`);
  return `${value.n}/${value.d}`;
};

/** Assessment rows tie when they match the same window of the same student on date and score. */
export const assessmentTieKey = (a: AssessmentRecord): string =>
  [a.studentId, windowKey(a.assessment, a.subject, a.window), a.testDate, exactValue(a.scaleScore)].join(
    "\u0000",
  );
export const sessionKey = (s: SessionRecord): string | null =>
  s.sessionId === null ? null : `${s.contractId}\u0000${s.sessionId}`;
export const studentKey = (s: StudentRecord): string => s.studentId;
export const enrollmentKey = (e: EnrollmentRecord): string => `${e.contractId}\u0000${e.studentId}`;
export const obligationStatusKey = (o: ObligationStatusRecord): string =>
  `${o.contractId}\u0000${o.obligationId}`;
