/**
 * Scorecards as JSON (the API's answer, the web app's input). Money is a decimal string
 * of exact cents. Ratios are exact until here and rounded once, half away from zero like every figure Accord
 * shows (ADR 0003, ADR 0009): a cost per
 * student to the cent, a share to four decimals (0.4922 is 49.22 %). Totals are computed
 * from the exact parts (src/core/scorecards/scorecard-totals.ts), never from rounded lines.
 */
import { formatCents } from "../core/money.js";
import { formatFixed, mul, ratio, type Ratio } from "../core/ratio.js";
import { fiscalYearOf, schoolYearOf } from "../core/scorecards/school-year.js";
import type { ContractScore, ObligationScore } from "../core/scorecards/contract-score.js";
import type { ScorecardTotals } from "../core/scorecards/scorecard-totals.js";

/** Digits of a displayed share (a fraction of 1). */
export const SHARE_PLACES = 4;

export interface ObligationsJson {
  readonly vendorObligations: number;
  readonly metOnTime: number;
  readonly missed: number;
  readonly notYetDue: number;
}

export interface MetricScoreJson {
  readonly id: string;
  readonly label: string;
  readonly kind: "growth" | "proficiency" | "dosage" | "consistency";
  readonly met: number | null;
  readonly denominator: number | null;
  readonly rate: string | null;
  readonly targetRate: string | null;
  readonly attained: boolean | null;
  readonly costPerStudentMet: string | null;
}

export interface ContractScoreJson {
  readonly districtId: string;
  readonly districtName: string;
  readonly contractId: string;
  readonly title: string;
  readonly vendorId: string;
  readonly vendorName: string;
  readonly stage: "active" | "settled" | "closed";
  readonly termsVersion: number;
  readonly schoolYear: string;
  readonly fiscalYear: number;
  readonly period: { readonly start: string; readonly end: string };
  readonly statement: {
    readonly statementId: string;
    readonly kind: "interim" | "final";
    readonly asOf: string;
    readonly final: boolean;
    readonly status: "issued" | "approved" | "disputed";
  } | null;
  readonly committed: string;
  readonly paid: string;
  readonly contingentAtStake: string;
  readonly contingentEarned: string | null;
  readonly contingentEarnedShare: string | null;
  readonly studentsServed: number | null;
  readonly studentsMeetingAnyTarget: number | null;
  readonly costPerStudentServed: string | null;
  readonly costPerStudentMeetingOutcomes: string | null;
  readonly metrics: readonly MetricScoreJson[];
  readonly obligations: ObligationsJson;
  readonly disputes: { readonly raised: number; readonly open: number };
}

export interface TotalsJson {
  readonly contracts: number;
  readonly contractsWithStatement: number;
  readonly committed: string;
  readonly paid: string;
  readonly contingentAtStake: string;
  readonly contingentEarned: string;
  readonly contingentEarnedShare: string | null;
  readonly studentsServed: number;
  readonly studentsMeetingAnyTarget: number;
  readonly costPerStudentServed: string | null;
  readonly costPerStudentMeetingOutcomes: string | null;
  readonly obligations: ObligationsJson;
  readonly onTimeShare: string | null;
  readonly disputes: { readonly raised: number; readonly open: number };
}

export interface GroupTotalsJson {
  readonly id: string;
  readonly name: string;
  readonly totals: TotalsJson;
}

export interface ScorecardFilterJson {
  readonly schoolYear: string | null;
  readonly fiscalYear: number | null;
  readonly stages: readonly string[];
}

export interface DistrictScorecardJson {
  readonly districtId: string;
  readonly districtName: string;
  readonly filter: ScorecardFilterJson;
  readonly contracts: readonly ContractScoreJson[];
  readonly totals: TotalsJson;
  readonly vendors: readonly GroupTotalsJson[];
}

export interface VendorScorecardJson {
  readonly vendorId: string;
  readonly vendorName: string;
  readonly view: "vendor" | "district";
  readonly filter: ScorecardFilterJson;
  readonly contracts: readonly ContractScoreJson[];
  readonly totals: TotalsJson;
  readonly districts: readonly GroupTotalsJson[];
}

const share = (r: Ratio | null) => (r === null ? null : formatFixed(r, SHARE_PLACES));
/** Cents per unit as a money string ("123.46"), to the cent. */
const perStudent = (r: Ratio | null) => (r === null ? null : formatFixed(mul(r, ratio(1n, 100n)), 2));

function obligationsJson(o: ObligationScore): ObligationsJson {
  return {
    vendorObligations: o.vendorObligations,
    metOnTime: o.metOnTime,
    missed: o.missed,
    notYetDue: o.notYetDue,
  };
}

export function contractScoreJson(line: ContractScore): ContractScoreJson {
  const f = line.facts;
  const s = f.statement;
  return {
    districtId: f.districtId,
    districtName: f.districtName,
    contractId: f.contractId,
    title: f.title,
    vendorId: f.vendorId,
    vendorName: f.vendorName,
    stage: f.stage,
    termsVersion: f.termsVersion,
    schoolYear: schoolYearOf(f.period.start),
    fiscalYear: fiscalYearOf(f.period.start),
    period: { start: f.period.start, end: f.period.end },
    statement:
      s === null
        ? null
        : { statementId: s.statementId, kind: s.kind, asOf: s.asOf, final: s.final, status: s.status },
    committed: formatCents(f.maxValueCents),
    paid: formatCents(f.paidCents),
    contingentAtStake: formatCents(f.contingentAtStakeCents),
    contingentEarned: line.contingentEarnedCents === null ? null : formatCents(line.contingentEarnedCents),
    contingentEarnedShare: share(line.contingentEarnedShare),
    studentsServed: line.studentsServed,
    studentsMeetingAnyTarget: line.studentsMeetingAny,
    costPerStudentServed: perStudent(line.costPerStudentServedCents),
    costPerStudentMeetingOutcomes: perStudent(line.costPerStudentMeetingCents),
    metrics: line.metrics.map((m) => ({
      id: m.id,
      label: m.label,
      kind: m.kind,
      met: m.met,
      denominator: m.denominator,
      rate: share(m.rate),
      targetRate: share(m.targetRate),
      attained: m.attained,
      costPerStudentMet: perStudent(m.costPerStudentMetCents),
    })),
    obligations: obligationsJson(line.obligations),
    disputes: { ...f.disputes },
  };
}

export function totalsJson(t: ScorecardTotals): TotalsJson {
  return {
    contracts: t.contracts,
    contractsWithStatement: t.contractsWithStatement,
    committed: formatCents(t.committedCents),
    paid: formatCents(t.paidCents),
    contingentAtStake: formatCents(t.contingentAtStakeCents),
    contingentEarned: formatCents(t.contingentEarnedCents),
    contingentEarnedShare: share(t.contingentEarnedShare),
    studentsServed: t.studentsServed,
    studentsMeetingAnyTarget: t.studentsMeetingAny,
    costPerStudentServed: perStudent(t.costPerStudentServedCents),
    costPerStudentMeetingOutcomes: perStudent(t.costPerStudentMeetingCents),
    obligations: obligationsJson(t.obligations),
    onTimeShare: share(t.onTimeShare),
    disputes: { ...t.disputes },
  };
}
