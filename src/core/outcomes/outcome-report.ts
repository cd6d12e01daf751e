/**
 * The outcomes of a contract, computed from its settlement (the same statement the
 * settlement gives for the same inputs): attainment per metric, growth distributions,
 * results by subgroup, dosage against growth per student, and tutor consistency.
 *
 * Decisions (bins, who met what) use exact values; the report carries display strings:
 * rates with six decimals, values with at most six, rounded half away from zero.
 * For a reader outside the district (`suppressSmallCells`), subgroup cells follow the
 * small-cell rule of suppression.ts; the rest is about the reader's own students.
 */
import type { StudentRecord } from "../data/records.js";
import type { Statement, StudentLine } from "../settlement/statement.js";
import type { Metric, Terms } from "../terms/types.js";
import { type Ratio, formatFixed, formatTrimmed, ratio, sub, ZERO } from "../ratio.js";
import { criterionOf } from "./criteria.js";
import { type Bin, fixedBins, niceBins } from "./histogram.js";
import { MIN_CELL_STUDENTS } from "./suppression.js";
import { subgroupResults, type CountedStudent, type DimensionResult } from "./subgroups.js";

export interface BinView {
  readonly from: string;
  readonly to: string;
  readonly count: number;
}

export interface GrowthDistribution {
  readonly metricId: string;
  readonly label: string;
  /** `growth`: points gained, with the target as the line; `growthMinusTarget`: points above each student's own target, the line at 0. */
  readonly axis: "growth" | "growthMinusTarget";
  readonly line: string;
  readonly students: number;
  readonly met: number;
  readonly bins: readonly BinView[];
}

export interface DosagePoint {
  readonly studentId: string;
  readonly sessions: number;
  readonly minutes: number;
  readonly growth: string;
  readonly met: boolean;
}

export interface OutcomeReport {
  readonly contractId: string;
  readonly title: string;
  readonly asOf: string;
  readonly period: { readonly start: string; readonly end: string };
  readonly suppressSmallCells: boolean;
  readonly minCellStudents: number;
  readonly population: Statement["population"];
  /** Whether any measured student has a score a growth or proficiency metric could use. */
  readonly hasAssessments: boolean;
  readonly metrics: readonly {
    readonly id: string;
    readonly label: string;
    readonly kind: Metric["measure"]["kind"];
    readonly criterion: string;
    readonly denominator: number;
    readonly met: number;
    readonly missing: number;
    readonly rate: string;
  }[];
  readonly growth: readonly GrowthDistribution[];
  readonly subgroups: readonly {
    readonly metricId: string;
    readonly label: string;
    readonly dimensions: readonly DimensionResult[];
  }[];
  readonly dosage: readonly {
    readonly metricId: string;
    readonly label: string;
    readonly points: readonly DosagePoint[];
  }[];
  readonly consistency: {
    /** Measured students with at least one attended session (the binned ones). */
    readonly students: number;
    readonly withoutSessions: number;
    /** The consistency metric's minimum share, when the terms have one. */
    readonly minShare: string | null;
    readonly bins: readonly BinView[];
  };
}

const view = (bins: readonly Bin[]): BinView[] =>
  bins.map((b) => ({ from: formatTrimmed(b.from), to: formatTrimmed(b.to), count: b.count }));

const isMeasured = (terms: Terms, line: StudentLine): boolean =>
  line.eligible && (line.served || terms.outcomes.denominator === "enrolled");

/** The students in a metric's denominator (settlement-v1 section 2), with whether each met it. */
function counted(
  terms: Terms,
  statement: Statement,
  metricId: string,
  students: ReadonlyMap<string, StudentRecord>,
): CountedStudent[] {
  const keepMissing = terms.outcomes.missingOutcome === "notMet";
  return statement.students.flatMap((line) => {
    const result = line.metrics.get(metricId);
    const student = students.get(line.studentId);
    if (result === undefined || student === undefined || result.status === "notMeasured") return [];
    if (result.status === "missing" && !keepMissing) return [];
    return [{ student, met: result.status === "met" }];
  });
}

function growthOf(statement: Statement, metric: Metric) {
  const measure = metric.measure;
  if (measure.kind !== "growth") return null;
  const axis = measure.target.kind === "points" ? ("growth" as const) : ("growthMinusTarget" as const);
  const line: Ratio = measure.target.kind === "points" ? measure.target.points : ZERO;
  const points: DosagePoint[] = [];
  const plotted: Ratio[] = [];
  for (const s of statement.students) {
    const r = s.metrics.get(metric.id);
    if (
      r === undefined ||
      r.value === null ||
      r.target === null ||
      (r.status !== "met" && r.status !== "notMet")
    )
      continue;
    plotted.push(axis === "growth" ? r.value : sub(r.value, r.target));
    const met = r.status === "met";
    points.push({
      studentId: s.studentId,
      sessions: s.sessions,
      minutes: s.minutes,
      growth: formatTrimmed(r.value),
      met,
    });
  }
  const distribution: GrowthDistribution = {
    metricId: metric.id,
    label: metric.label,
    axis,
    line: formatTrimmed(line),
    students: points.length,
    met: points.filter((p) => p.met).length,
    bins: view(niceBins(plotted, line)),
  };
  return { distribution, dosage: { metricId: metric.id, label: metric.label, points } };
}

export function outcomeReport(
  terms: Terms,
  statement: Statement,
  students: ReadonlyMap<string, StudentRecord>,
  options: { readonly suppressSmallCells: boolean },
): OutcomeReport {
  const metrics = terms.outcomes.metrics;
  const growth = metrics.flatMap((m) => {
    const g = growthOf(statement, m);
    return g === null ? [] : [g];
  });
  const measured = statement.students.filter((line) => isMeasured(terms, line));
  const withSessions = measured.filter((l) => l.sessions > 0);
  const consistencyMetric = metrics.find((m) => m.measure.kind === "consistency");
  const scored = metrics.filter((m) => m.measure.kind === "growth" || m.measure.kind === "proficiency");
  return {
    contractId: terms.contractId,
    title: terms.title,
    asOf: statement.asOf,
    period: { start: terms.period.start, end: terms.period.end },
    suppressSmallCells: options.suppressSmallCells,
    minCellStudents: MIN_CELL_STUDENTS,
    population: statement.population,
    hasAssessments: measured.some((l) => scored.some((m) => (l.metrics.get(m.id)?.value ?? null) !== null)),
    metrics: statement.metrics.map((r, i) => ({
      id: r.id,
      label: r.label,
      kind: r.kind,
      criterion: metrics[i] === undefined ? "" : criterionOf(metrics[i]),
      denominator: r.denominator,
      met: r.met,
      missing: r.missing,
      rate: formatFixed(r.rate, 6),
    })),
    growth: growth.map((g) => g.distribution),
    subgroups: metrics.map((m) => ({
      metricId: m.id,
      label: m.label,
      dimensions: subgroupResults(counted(terms, statement, m.id, students), options.suppressSmallCells),
    })),
    dosage: growth.map((g) => g.dosage),
    consistency: {
      students: withSessions.length,
      withoutSessions: measured.length - withSessions.length,
      minShare:
        consistencyMetric?.measure.kind === "consistency"
          ? formatTrimmed(consistencyMetric.measure.minShare)
          : null,
      bins: view(
        withSessions.length === 0
          ? []
          : fixedBins(
              withSessions.map((l) => l.consistency),
              ZERO,
              ratio(1n, 10n),
              10,
            ),
      ),
    },
  };
}
