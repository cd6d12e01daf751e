/**
 * Targets and results through the OCDS Metrics extension: `contracts[].agreedMetrics`
 * holds what the terms ask (each metric's per-student criterion, and its target rate or
 * per-student amount), `contracts[].implementation.metrics` what a statement found.
 *
 * Only aggregates are published, per metric: the students measured (the metric's
 * denominator) and the share of them meeting it. The figures go through the product's
 * small-cell rule (src/core/evidence/suppression.ts, audience `public`): a metric
 * measured on fewer than MIN_CELL_STUDENTS students publishes neither figure, only a
 * note that they are withheld. Each metric is its own dimension with one cell (the
 * metrics do not split a population, so there is nothing to subtract one from another).
 */
import { minDate } from "../date.js";
import { MIN_CELL_STUDENTS, sealTable, suppressSmallCells } from "../evidence/suppression.js";
import { HUNDRED, formatTrimmed, mul, type Ratio } from "../ratio.js";
import type { Metric, Terms } from "../terms/types.js";
import { criterionText, metricPayText } from "./ocds-criteria.js";
import type { OcdsMetric, OcdsObservation, StatementFacts, StatementMetricFacts } from "./ocds-types.js";
import { moneyValue, percentOf, periodOf } from "./ocds-values.js";

const PERCENT_UNIT = { name: "percent", scheme: "UNCEFACT", id: "P1" } as const;
const STUDENTS_UNIT = { name: "students" } as const;

/** The figures a metric may publish, or null when they are withheld (small cell). */
export type PublishedFigures = ReadonlyMap<
  string,
  { readonly denominator: number; readonly met: number } | null
>;

/** Per metric id of the statement, its figures when the small-cell rule lets them out. */
export function publishedFigures(metrics: readonly StatementMetricFacts[]): PublishedFigures {
  const table = sealTable(
    "OCDS metric results",
    metrics.map((m) => ({
      dimension: m.id,
      cells: [{ key: "all", basis: [m.denominator], value: { denominator: m.denominator, met: m.met } }],
    })),
  );
  const view = suppressSmallCells(table, "public");
  return new Map(
    view.dimensions.map((d) => {
      const cell = d.cells[0];
      return [d.dimension, cell === undefined || cell.suppressed ? null : cell.value];
    }),
  );
}

function percentMeasure(share: Ratio): number {
  return Number(formatTrimmed(mul(share, HUNDRED), 4));
}

function targetObservations(terms: Terms, metric: Metric): OcdsObservation[] {
  const period = periodOf(terms.period.start, terms.period.end);
  const criterion = { id: `${metric.id}-criterion`, period, measure: criterionText(terms, metric) };
  const pay = metric.pay;
  if (pay.kind === "pool") {
    const rate: OcdsObservation = {
      id: `${metric.id}-target-rate`,
      period,
      measure: percentMeasure(pay.targetRate),
      unit: PERCENT_UNIT,
      notes:
        "Share of measured students meeting the criterion that earns the metric's full share of the pool.",
    };
    const minimum: OcdsObservation[] =
      pay.minRate.n === 0n
        ? []
        : [
            {
              id: `${metric.id}-minimum-rate`,
              period,
              measure: percentMeasure(pay.minRate),
              unit: PERCENT_UNIT,
              notes: "Below this share of measured students meeting the criterion the metric earns nothing.",
            },
          ];
    return [criterion, rate, ...minimum];
  }
  if (pay.amountCents === null) return [criterion];
  return [
    criterion,
    {
      id: `${metric.id}-amount-per-student`,
      period,
      value: moneyValue(pay.amountCents, terms.currency),
      notes: "Paid for each measured student who meets the criterion.",
    },
  ];
}

/** `contracts[].agreedMetrics`: one metric per outcome metric of the terms. */
export function agreedMetrics(terms: Terms): OcdsMetric[] {
  return terms.outcomes.metrics.map((metric) => ({
    id: metric.id,
    title: metric.label,
    description: `Target (minimum per student): ${criterionText(terms, metric)}. Pays ${metricPayText(terms, metric)}.`,
    observations: targetObservations(terms, metric),
  }));
}

/** `contracts[].implementation.metrics` from the statement, or none without one. */
export function resultMetrics(
  terms: Terms,
  statement: StatementFacts,
  milestoneOf: (metric: Metric) => { readonly id: string; readonly title: string },
): OcdsMetric[] {
  const figures = publishedFigures(statement.metrics);
  const period = periodOf(terms.period.start, minDate(statement.asOf, terms.period.end));
  const dimensions = { statementKind: statement.kind, statementAsOf: statement.asOf };
  return terms.outcomes.metrics.map((metric) => {
    const shown = figures.get(metric.id);
    if (shown === undefined) throw new Error(`statement ${statement.statementId} has no metric ${metric.id}`);
    const observations: OcdsObservation[] =
      shown === null
        ? [
            {
              id: `${metric.id}-withheld`,
              period,
              dimensions,
              notes: `Fewer than ${MIN_CELL_STUDENTS} students were measured: the figures are withheld.`,
            },
          ]
        : [
            {
              id: `${metric.id}-students-measured`,
              period,
              measure: shown.denominator,
              unit: STUDENTS_UNIT,
              dimensions,
            },
            {
              id: `${metric.id}-share-met`,
              period,
              measure: percentOf(shown.met, shown.denominator),
              unit: PERCENT_UNIT,
              dimensions,
              notes: "Share of the students measured who met the criterion (rounded to 0.1).",
              relatedImplementationMilestone: milestoneOf(metric),
            },
          ];
    return { id: metric.id, title: metric.label, observations };
  });
}
