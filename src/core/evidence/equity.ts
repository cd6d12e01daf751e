/**
 * Results by subgroup (economically disadvantaged, English learner, special education,
 * race/ethnicity, gender, school): for every metric, the rate of students meeting it with
 * a Wilson 95% interval; for the impact estimate, the estimate within the subgroup. Each
 * subgroup is compared with the rest of the students, and a gap is flagged when the 95%
 * interval of the difference excludes 0, i.e. excludes parity with the rest: Newcombe's
 * interval for rates (the rest = every other student with the metric); for impact
 * estimates, subgroup minus the pooled estimate of the other subgroups of the dimension
 * (see `pooledEstimate`), +- 1.96 sqrt(se^2 + se_rest^2), the samples being disjoint.
 *
 * The tables come sealed (./suppression.ts): read them with `equityView(report, audience)`
 * or `suppressSmallCells`, which hide cells under 10 students outside the district.
 */
import type { EvidenceInput, EvidenceStudent } from "./evidence-input.js";
import { estimateImpact } from "./impact.js";
import type { ImpactEstimate } from "./impact-types.js";
import {
  SUBGROUP_DIMENSIONS,
  subgroupValue,
  subgroupValues,
  type SubgroupDimension,
} from "./equity-subgroups.js";
import {
  MIN_CELL_STUDENTS,
  sealTable,
  suppressSmallCells,
  type Audience,
  type RawDimension,
} from "./suppression.js";
import { rateDifferenceInterval, wilsonInterval } from "./stats/wilson.js";
import { gapOf, pooledEstimate } from "./equity-gaps.js";
import type {
  EquityOptions,
  EquityReport,
  Gap,
  ImpactCell,
  MetricEquity,
  MetricOutcomes,
  RateCell,
} from "./equity-types.js";

export function equityBySubgroup(
  input: EvidenceInput,
  metrics: readonly MetricOutcomes[],
  options: EquityOptions = {},
): EquityReport {
  const dimensions = options.dimensions ?? SUBGROUP_DIMENSIONS;
  const byId = new Map(input.students.map((s) => [s.id, s]));
  return {
    contractId: input.contractId,
    dimensions,
    metrics: metrics.map((m) => metricEquity(m, byId, dimensions)),
    impact: impactTable(input, dimensions, options),
  };
}

function metricEquity(
  metric: MetricOutcomes,
  byId: ReadonlyMap<string, EvidenceStudent>,
  dimensions: readonly SubgroupDimension[],
): MetricEquity {
  const rows: { student: EvidenceStudent; met: boolean }[] = [];
  let studentsWithoutRecord = 0;
  for (const [id, met] of metric.byStudent) {
    const student = byId.get(id);
    if (student === undefined) studentsWithoutRecord++;
    else rows.push({ student, met });
  }
  const total = rows.length;
  const totalMet = rows.filter((r) => r.met).length;
  const table: RawDimension<RateCell>[] = dimensions.map((dimension) => {
    const counts = new Map<string, { n: number; met: number }>();
    for (const r of rows) {
      const key = subgroupValue(r.student, dimension);
      let c = counts.get(key);
      if (c === undefined) counts.set(key, (c = { n: 0, met: 0 }));
      c.n++;
      if (r.met) c.met++;
    }
    const cells = subgroupValues(
      rows.map((r) => r.student),
      dimension,
    ).map((key) => {
      const c = counts.get(key) ?? { n: 0, met: 0 };
      const restN = total - c.n;
      const restMet = totalMet - c.met;
      let gap: Gap | null = null;
      if (dimension !== "all" && restN > 0) {
        const d = rateDifferenceInterval(c.met, c.n, restMet, restN);
        gap = {
          difference: d.difference,
          ci: { low: d.low, high: d.high },
          flagged: d.low > 0 || d.high < 0,
        };
      }
      const value: RateCell = { n: c.n, met: c.met, rate: c.met / c.n, ci: wilsonInterval(c.met, c.n), gap };
      return { key, basis: gap === null ? [c.n] : [c.n, restN], value };
    });
    return { dimension, cells };
  });
  return {
    metricId: metric.metricId,
    label: metric.label,
    studentsWithoutRecord,
    table: sealTable(`metric ${metric.metricId}`, table),
  };
}

function impactTable(input: EvidenceInput, dimensions: readonly SubgroupDimension[], options: EquityOptions) {
  const table: RawDimension<ImpactCell>[] = dimensions.map((dimension) => {
    const values = subgroupValues(input.students, dimension);
    const groups = new Map<string, EvidenceStudent[]>(values.map((v) => [v, []]));
    for (const s of input.students) groups.get(subgroupValue(s, dimension))?.push(s);
    const estimates = new Map(
      values.map((v) => [
        v,
        dimension === "all" && options.overallImpact !== undefined
          ? options.overallImpact
          : estimateImpact({ ...input, students: groups.get(v) ?? [] }, options.impact),
      ]),
    );
    const cells = values.map((key) => {
      const own = estimates.get(key) as ImpactEstimate;
      const others = values.filter((v) => v !== key).map((v) => estimates.get(v) as ImpactEstimate);
      const rest = dimension === "all" ? null : pooledEstimate(others);
      const gap = gapOf(own, rest);
      const value: ImpactCell = {
        verdict: own.verdict,
        servedMatched: own.sample.servedMatched,
        comparisonMatched: own.sample.comparisonMatched,
        estimate: own.regression?.estimate ?? null,
        ci: own.regression?.ci ?? null,
        hedgesG: own.effectSize?.hedgesG ?? null,
        gap,
      };
      const basis = [own.sample.servedMatched, own.sample.comparisonMatched];
      if (gap !== null && rest !== null) basis.push(rest.servedMatched, rest.comparisonMatched);
      return { key, basis, value };
    });
    return { dimension, cells };
  });
  return sealTable("impact", table);
}

/** The whole report for one audience: every table through `suppressSmallCells`. */
export function equityView(report: EquityReport, audience: Audience) {
  return {
    contractId: report.contractId,
    audience,
    metrics: report.metrics.map((m) => ({
      metricId: m.metricId,
      label: m.label,
      // A count of students is itself a figure: outside the district, shown only when 0 or >= 10.
      studentsWithoutRecord:
        audience === "district" ||
        m.studentsWithoutRecord === 0 ||
        m.studentsWithoutRecord >= MIN_CELL_STUDENTS
          ? m.studentsWithoutRecord
          : null,
      table: suppressSmallCells(m.table, audience),
    })),
    impact: suppressSmallCells(report.impact, audience),
  };
}
