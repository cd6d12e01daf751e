/**
 * Settles one contract: terms + valid data rows + asOf -> statement (settlement-v1).
 * Pure and deterministic: the same inputs give the same statement, whatever the order
 * of the input rows.
 */
import type { Terms, AssessmentWindow } from "../terms/types.js";
import type { ContractData, DataSet } from "../data/data-set.js";
import type { AssessmentRecord, StudentRecord } from "../data/records.js";
import { type IsoDate, minDate } from "../date.js";
import { type Cents, cents, sumCents, splitEqually, ZERO_CENTS } from "../money.js";
import { compare } from "../ratio.js";
import { compareIds } from "../ids.js";
import { pickScore, scoreOf } from "./scores.js";
import { evaluateMetric, consistencyOf } from "./evaluate-metric.js";
import { settleMetric } from "./metric-totals.js";
import type { Row } from "./student-row.js";
import { settleObligations } from "./obligations.js";
import { baseTotal, poolTotal, sumWeights, applyCap, reduction, clampSubtotal } from "./payout.js";
import type {
  IneligibleReason,
  MetricResult,
  Statement,
  StudentLine,
  StudentMetricResult,
} from "./statement.js";

/** Settles `terms` on the data set as of `asOf` (default: the end of the period). */
export function settleContract(terms: Terms, data: DataSet, asOf: IsoDate = terms.period.end): Statement {
  return settle(
    terms,
    data.contractData(terms.contractId, terms.period.start, minDate(terms.period.end, asOf)),
    asOf,
  );
}

/** `data.sessionStats` must count sessions over `[period.start, min(period.end, asOf)]`. */
export function settle(terms: Terms, data: ContractData, asOf: IsoDate): Statement {
  const windows = new Map<string, AssessmentWindow>(terms.windows.map((w) => [w.name, w]));
  const enrolled = data.enrollments
    .filter((e) => e.enrollment.enrolledOn <= asOf)
    .sort((a, b) => compareIds(a.student.studentId, b.student.studentId));

  const rows: Row[] = enrolled.map(({ student, tests }) => {
    const studentId = student.studentId;
    const picked = new Map<string, AssessmentRecord | null>();
    const score = (name: string): AssessmentRecord | null => {
      if (!picked.has(name)) {
        const w = windows.get(name);
        picked.set(name, w === undefined ? null : pickScore(tests, w, asOf, terms.maxRapidGuessPercent));
      }
      return picked.get(name) ?? null;
    };
    const ineligibleReason = eligibilityFailure(terms, student, score);
    const eligible = ineligibleReason === null;
    const stats = data.sessionStats(studentId);
    const served =
      eligible &&
      stats.sessions >= terms.serviceThreshold.minSessions &&
      stats.minutes >= terms.serviceThreshold.minMinutes;
    const measured = served || (eligible && terms.outcomes.denominator === "enrolled");
    const evaluations = measured ? terms.outcomes.metrics.map((m) => evaluateMetric(m, stats, score)) : [];
    const amounts = terms.outcomes.metrics.map(() => ZERO_CENTS);
    return {
      studentId,
      student,
      stats,
      eligible,
      ineligibleReason,
      served,
      measured,
      evaluations,
      amounts,
      baseCents: ZERO_CENTS,
    };
  });

  const population = {
    enrolled: rows.length,
    eligible: rows.filter((r) => r.eligible).length,
    served: rows.filter((r) => r.served).length,
    measured: rows.filter((r) => r.measured).length,
  };
  const base = baseTotal(terms.base, terms.maxValueCents, population, terms.expectedStudents);
  splitBase(terms, rows, base.totalCents);

  const poolCents = poolTotal(terms.outcomes, terms.maxValueCents);
  const weightSum = sumWeights(terms.outcomes.metrics);
  const metrics: MetricResult[] = terms.outcomes.metrics.map((metric, mi) =>
    settleMetric(metric, mi, rows, terms.outcomes.missingOutcome, poolCents, weightSum),
  );

  const outcomeUncappedCents = sumCents(metrics.map((m) => m.amountCents));
  const outcome = applyCap(outcomeUncappedCents, terms.outcomes.capCents);
  const obligations = settleObligations(terms, population, data);
  const reductionPercents = terms.obligations.flatMap((o, i) =>
    o.consequence.kind === "reduceOutcomePercent" && obligations[i]?.status === "notMet"
      ? [o.consequence.percent]
      : [],
  );
  const reduced = reduction(outcome.amountCents, reductionPercents);
  const subtotalUnclampedCents = cents(base.totalCents + outcome.amountCents - reduced.reductionCents);
  const subtotalCents = clampSubtotal(terms, subtotalUnclampedCents);
  const payFull = terms.obligations.some(
    (o, i) =>
      o.party === "district" && o.consequence.kind === "payFull" && obligations[i]?.status === "notMet",
  );
  const totalCents = payFull ? terms.maxValueCents : subtotalCents;
  const paidCents = sumCents(data.payments.filter((p) => p.paidOn <= asOf).map((p) => p.amountCents));

  const students: StudentLine[] = rows.map((r) => {
    const stats = r.stats;
    const own = r.amounts;
    const lineMetrics = new Map<string, StudentMetricResult>();
    if (r.eligible) {
      terms.outcomes.metrics.forEach((m, mi) => {
        const e = r.evaluations[mi];
        lineMetrics.set(
          m.id,
          e === undefined
            ? { status: "notMeasured", value: null, target: null, amountCents: ZERO_CENTS }
            : { status: e.status, value: e.value, target: e.target, amountCents: own[mi] ?? ZERO_CENTS },
        );
      });
    }
    return {
      studentId: r.studentId,
      eligible: r.eligible,
      ineligibleReason: r.ineligibleReason,
      served: r.served,
      sessions: stats.sessions,
      minutes: stats.minutes,
      consistency: consistencyOf(stats),
      baseCents: r.baseCents,
      metrics: lineMetrics,
    };
  });

  return {
    contractId: terms.contractId,
    title: terms.title,
    currency: terms.currency,
    asOf,
    final: asOf >= terms.period.end && obligations.every((o) => o.status !== "pending"),
    population,
    maxValueCents: terms.maxValueCents,
    baseCents: base.totalCents,
    baseProrate: base.prorate,
    poolCents,
    metrics,
    outcomeUncappedCents,
    outcomeCents: outcome.amountCents,
    outcomeCapped: outcome.capped,
    reductionPercent: reduced.percent,
    reductionCents: reduced.reductionCents,
    obligations,
    subtotalUnclampedCents,
    subtotalCents,
    payFull,
    totalCents,
    paidCents,
    dueCents: cents(totalCents - paidCents),
    students,
  };
}

/** The first eligibility condition a student fails, in the order grades, schools, baseline score. */
function eligibilityFailure(
  terms: Terms,
  student: StudentRecord,
  score: (window: string) => AssessmentRecord | null,
): IneligibleReason | null {
  const e = terms.eligibility;
  if (e.grades !== undefined && !e.grades.includes(student.grade)) return "grade";
  if (e.schools !== undefined && !e.schools.includes(student.schoolId)) return "school";
  if (e.baselineMaxScore !== undefined) {
    const row = score(e.baselineMaxScore.window);
    if (row === null || compare(scoreOf(row), e.baselineMaxScore.score) > 0) return "baselineScore";
  }
  return null;
}

/** Per-student base: `amount` for a counted student, or an equal split over served students. */
function splitBase(terms: Terms, rows: readonly Row[], totalCents: Cents): void {
  const base = terms.base;
  if (base.kind === "perStudent") {
    for (const r of rows) if (base.per === "served" ? r.served : r.eligible) r.baseCents = base.amountCents;
    return;
  }
  const served = rows.filter((r) => r.served);
  const parts = splitEqually(totalCents, served.length);
  served.forEach((r, i) => (r.baseCents = parts[i] ?? ZERO_CENTS));
}
