/**
 * What proposed terms would pay: a bootstrap over the students of a like-performing
 * population (a prior year's data). Each draw resamples the enrolled students with
 * replacement (as many as there are), prices the drawn population with the settlement's
 * money rules (payment-model.ts: the exact equivalent of settling it, checked against
 * `settle` in the tests), and the draws give P10/P50/P90 of the total payment (exact
 * cents) and of the share of the contingent money earned.
 *
 * Reproducible: the draws come from the seeded generator of src/core/demo/prng.ts, one
 * stream per seed (`Prng(seed, "bootstrap")`). Percentiles are nearest-rank: the P-th
 * percentile of N sorted draws is the value at rank ceil(P/100 x N).
 */
import type { Terms } from "../terms/types.js";
import type { ContractData, Enrolled } from "../data/data-set.js";
import type { IsoDate } from "../date.js";
import { settle } from "../settlement/settle.js";
import type { Statement } from "../settlement/statement.js";
import type { Cents } from "../money.js";
import { compare, type Ratio } from "../ratio.js";
import { Prng, type Seed } from "../demo/prng.js";
import { paymentModel, priceDraw, type DrawTotals, type PaymentModel } from "./payment-model.js";

export const MIN_DRAWS = 1_000;
export const MAX_DRAWS = 20_000;
export const DEFAULT_DRAWS = 1_000;

export interface Percentiles<T> {
  readonly p10: T;
  readonly p50: T;
  readonly p90: T;
}

export interface SimulationResult {
  readonly draws: number;
  readonly seed: string;
  /** Students drawn per draw: the population's enrolled students. */
  readonly students: number;
  /** The statement of the population as it is (no resampling). */
  readonly observed: Statement;
  readonly totalCents: Percentiles<Cents>;
  readonly contingentCents: Percentiles<Cents>;
  readonly contingentShare: Percentiles<Ratio>;
  /** Per metric of the terms, in their order. */
  readonly metricCents: readonly { readonly id: string; readonly cents: Percentiles<Cents> }[];
}

/** The value at rank ceil(p x N) of `sorted` (N >= 1). */
export function nearestRank<T>(sorted: readonly T[], p: number): T {
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  const value = sorted[Math.min(sorted.length, rank) - 1];
  if (value === undefined) throw new RangeError("a percentile of no values");
  return value;
}

function percentiles<T>(values: T[], order: (a: T, b: T) => number): Percentiles<T> {
  values.sort(order);
  return { p10: nearestRank(values, 0.1), p50: nearestRank(values, 0.5), p90: nearestRank(values, 0.9) };
}

const byCents = (a: Cents, b: Cents) => (a < b ? -1 : a > b ? 1 : 0);

/** `n` indexes in [0, n), drawn with replacement. */
export function drawPicks(prng: Prng, n: number, into: Int32Array = new Int32Array(n)): Int32Array {
  for (let k = 0; k < n; k++) into[k] = Math.floor(prng.uniform() * n);
  return into;
}

export function simulatePayments(
  terms: Terms,
  data: ContractData,
  asOf: IsoDate,
  options: { readonly draws: number; readonly seed: Seed },
): SimulationResult {
  if (!Number.isInteger(options.draws) || options.draws < 1)
    throw new RangeError(`draws must be a positive integer, got ${options.draws}`);
  const observed = settle(terms, data, asOf);
  const model = paymentModel(terms, data, observed);
  const n = model.studentIds.length;
  const prng = new Prng(options.seed, "bootstrap");
  const picks = new Int32Array(n);
  const draws: DrawTotals[] = [];
  for (let d = 0; d < options.draws; d++) draws.push(priceDraw(model, drawPicks(prng, n, picks)));
  return {
    draws: options.draws,
    seed: String(options.seed),
    students: n,
    observed,
    totalCents: percentiles(
      draws.map((x) => x.totalCents),
      byCents,
    ),
    contingentCents: percentiles(
      draws.map((x) => x.contingentCents),
      byCents,
    ),
    contingentShare: percentiles(
      draws.map((x) => x.contingentShare),
      compare,
    ),
    metricCents: terms.outcomes.metrics.map((m, mi) => ({
      id: m.id,
      cents: percentiles(
        draws.map((x) => x.metricCents[mi] as Cents),
        byCents,
      ),
    })),
  };
}

/**
 * The drawn population as settlement input: each pick becomes its own enrolled student
 * (`<id>#<k>`, so a student drawn twice counts twice) with the original's record, tests
 * and sessions. `settle` on it gives the statement `priceDraw` prices without settling.
 */
export function drawnContractData(model: PaymentModel, picks: ArrayLike<number>): ContractData {
  const byId = new Map<string, Enrolled>(model.data.enrollments.map((e) => [e.student.studentId, e]));
  const original = new Map<string, string>();
  const enrollments: Enrolled[] = [];
  for (let k = 0; k < picks.length; k++) {
    const id = model.studentIds[picks[k] as number] as string;
    const e = byId.get(id);
    if (e === undefined) throw new Error(`student ${id} of the statement has no enrollment`);
    const copy = `${id}#${k}`;
    original.set(copy, id);
    enrollments.push({
      enrollment: { ...e.enrollment, studentId: copy },
      student: { ...e.student, studentId: copy },
      tests: e.tests.map((t) => ({ ...t, studentId: copy })),
    });
  }
  return {
    enrollments,
    sessionStats: (id) => model.data.sessionStats(original.get(id) ?? id),
    obligationStatus: (id) => model.data.obligationStatus(id),
    payments: model.data.payments,
  };
}
