/**
 * The statistics section as JSON. Estimates are plain numbers (a non-finite one is
 * null). For anyone outside the district, each student count of 1 to 9 is withheld
 * (null) and so is every figure computed from a group that small, so that no one learns
 * about a handful of identifiable students.
 */
import type { JsonProblem } from "../../core/problem.js";
import type { ImpactEstimate } from "../../core/evidence/impact-types.js";
import { equityView } from "../../core/evidence/equity.js";
import { MIN_CELL_STUDENTS, suppressSmallCells } from "../../core/evidence/suppression.js";
import type { EvidenceStatistics } from "./evidence-statistics.js";

type Audience = "district" | "vendor";

export interface ImpactJson {
  verdict: ImpactEstimate["verdict"];
  reasons: { code: string; message: string }[];
  sample: Record<keyof ImpactEstimate["sample"], number | null>;
  suppressed: boolean;
  meanGrowth: { served: number | null; comparison: number | null; difference: number | null } | null;
  baseline: { hedgesG: number | null; equivalence: string } | null;
  regression: {
    estimate: number | null;
    standardError: number | null;
    ciLow: number | null;
    ciHigh: number | null;
    df: number;
    n: number;
  } | null;
  effectSize: { hedgesG: number | null; ciLow: number | null; ciHigh: number | null } | null;
  /** Shares of the students with a baseline score who have no outcome score (What Works Clearinghouse). */
  attrition: {
    servedRate: number | null;
    comparisonRate: number | null;
    overallRate: number | null;
    differentialRate: number | null;
  } | null;
}

/** A table of subgroup cells as the suppression module shows it to an audience (figures as JSON values). */
export interface TableJson {
  title: string;
  audience: string;
  dimensions: {
    dimension: string;
    cells: ({ key: string; suppressed: boolean; n?: number; reason?: "smallCell" | "complementary" } & Record<
      string,
      unknown
    >)[];
  }[];
}

export type StatisticsJson =
  | { kind: "unavailable"; problems: JsonProblem[] }
  | {
      kind: "computed";
      subject: string;
      windows: { baseline: string; outcome: string; followUp: string | null };
      impact: ImpactJson;
      equity: {
        metrics: {
          metricId: string;
          label: string;
          studentsWithoutRecord: number | null;
          table: TableJson;
        }[];
        impact: TableJson;
      };
      persistence: { status: string; followUpWindow: string | null; table: TableJson };
    };

/** Plain JSON of a view: a non-finite number (an empty cell's mean) becomes null. */
function plain<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v)),
  ) as T;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * A reason's message, which names the matched counts: outside the district a count of 1
 * to 9 is said as "fewer than 10" (the count itself is withheld from `sample`).
 */
function reasonMessage(
  reason: ImpactEstimate["reasons"][number],
  counts: ImpactEstimate["sample"],
  small: (n: number) => boolean,
): string {
  if (reason.code === "tooFewServed" && small(counts.servedMatched))
    return `fewer than ${MIN_CELL_STUDENTS} served students have both scores and a comparison match: too few for an estimate`;
  if (reason.code === "tooFewComparison" && small(counts.comparisonMatched))
    return `fewer than ${MIN_CELL_STUDENTS} comparison students match a served student: too few for an estimate`;
  return reason.message;
}

function impactJson(impact: ImpactEstimate, audience: Audience): ImpactJson {
  const counts = impact.sample;
  const small = (n: number) => audience === "vendor" && n > 0 && n < MIN_CELL_STUDENTS;
  const sample = Object.fromEntries(
    Object.entries(counts).map(([k, v]) => [k, small(v) ? null : v]),
  ) as ImpactJson["sample"];
  // The estimates describe the matched groups: withheld whole when either is small.
  const suppressed = small(counts.servedMatched) || small(counts.comparisonMatched);
  const r = impact.regression;
  const e = impact.effectSize;
  return {
    verdict: impact.verdict,
    reasons: impact.reasons.map((x) => ({ code: x.code, message: reasonMessage(x, counts, small) })),
    sample,
    suppressed,
    meanGrowth:
      impact.meanGrowth === null || suppressed
        ? null
        : {
            served: finite(impact.meanGrowth.served),
            comparison: finite(impact.meanGrowth.comparison),
            difference: finite(impact.meanGrowth.difference),
          },
    baseline:
      impact.baseline === null || suppressed
        ? null
        : { hedgesG: finite(impact.baseline.hedgesG), equivalence: impact.baseline.equivalence },
    regression:
      r === null || suppressed
        ? null
        : {
            estimate: finite(r.estimate),
            standardError: finite(r.standardError),
            ciLow: finite(r.ci.low),
            ciHigh: finite(r.ci.high),
            df: r.df,
            n: r.n,
          },
    effectSize:
      e === null || suppressed
        ? null
        : { hedgesG: finite(e.hedgesG), ciLow: finite(e.ci.low), ciHigh: finite(e.ci.high) },
    // Rates of the groups at baseline: withheld for a vendor when either group is small.
    attrition:
      small(impact.attrition.baselineServed) || small(impact.attrition.baselineComparison)
        ? null
        : {
            servedRate: finite(impact.attrition.servedRate),
            comparisonRate: finite(impact.attrition.comparisonRate),
            overallRate: finite(impact.attrition.overallRate),
            differentialRate: finite(impact.attrition.differentialRate),
          },
  };
}

export function statisticsJson(statistics: EvidenceStatistics, audience: Audience): StatisticsJson {
  if (statistics.kind === "unavailable") return { kind: "unavailable", problems: [...statistics.problems] };
  const equity = equityView(statistics.equity, audience);
  const persistence = statistics.persistence;
  return {
    kind: "computed",
    subject: statistics.subject,
    windows: statistics.windows,
    impact: impactJson(statistics.impact, audience),
    equity: plain({
      metrics: equity.metrics.map((m) => ({ ...m, table: m.table as unknown as TableJson })),
      impact: equity.impact as unknown as TableJson,
    }),
    persistence: plain({
      status: persistence.status,
      followUpWindow: persistence.followUpWindow?.window ?? null,
      table: suppressSmallCells(persistence.table, audience) as unknown as TableJson,
    }),
  };
}
