/**
 * Totals over scorecard lines, computed from the exact parts and never from rounded
 * lines: sums of cents, sums of counts, and ratios of those sums.
 *
 * Committed, paid and contingent at stake add up over every line. The figures that need
 * a statement (contingent earned, students served, students meeting a target) add up
 * over the lines that have one, and so do the money in their ratios: the share of
 * contingent earned is earned / at stake over those lines, and the costs per student
 * are the payments of those lines over their students. A contract without a statement
 * yet would otherwise count its payments against nobody.
 */
import { cents, sumCents, type Cents } from "../money.js";
import type { Ratio } from "../ratio.js";
import { perUnit, type ContractScore, type ObligationScore } from "./contract-score.js";

export interface ScorecardTotals {
  readonly contracts: number;
  readonly contractsWithStatement: number;
  readonly committedCents: Cents;
  readonly paidCents: Cents;
  readonly contingentAtStakeCents: Cents;
  readonly contingentEarnedCents: Cents;
  readonly contingentEarnedShare: Ratio | null;
  readonly studentsServed: number;
  readonly studentsMeetingAny: number;
  readonly costPerStudentServedCents: Ratio | null;
  readonly costPerStudentMeetingCents: Ratio | null;
  readonly obligations: ObligationScore;
  /** metOnTime / (metOnTime + missed); null when none was due. */
  readonly onTimeShare: Ratio | null;
  readonly disputes: { readonly raised: number; readonly open: number };
}

const count = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

export function totalScores(lines: readonly ContractScore[]): ScorecardTotals {
  const settled = lines.filter((l) => l.facts.statement !== null);
  const paidSettled = sumCents(settled.map((l) => l.facts.paidCents));
  const atStakeSettled = sumCents(settled.map((l) => l.facts.contingentAtStakeCents));
  const earned = sumCents(settled.map((l) => l.contingentEarnedCents ?? cents(0n)));
  const served = count(settled.map((l) => l.studentsServed ?? 0));
  const meeting = count(settled.map((l) => l.studentsMeetingAny ?? 0));
  const obligations: ObligationScore = {
    vendorObligations: count(lines.map((l) => l.obligations.vendorObligations)),
    metOnTime: count(lines.map((l) => l.obligations.metOnTime)),
    missed: count(lines.map((l) => l.obligations.missed)),
    notYetDue: count(lines.map((l) => l.obligations.notYetDue)),
  };
  return {
    contracts: lines.length,
    contractsWithStatement: settled.length,
    committedCents: sumCents(lines.map((l) => l.facts.maxValueCents)),
    paidCents: sumCents(lines.map((l) => l.facts.paidCents)),
    contingentAtStakeCents: sumCents(lines.map((l) => l.facts.contingentAtStakeCents)),
    contingentEarnedCents: earned,
    contingentEarnedShare: perUnit(earned, atStakeSettled),
    studentsServed: served,
    studentsMeetingAny: meeting,
    costPerStudentServedCents: perUnit(paidSettled, served),
    costPerStudentMeetingCents: perUnit(paidSettled, meeting),
    obligations,
    onTimeShare: perUnit(BigInt(obligations.metOnTime), obligations.metOnTime + obligations.missed),
    disputes: {
      raised: count(lines.map((l) => l.facts.disputes.raised)),
      open: count(lines.map((l) => l.facts.disputes.open)),
    },
  };
}

/** Lines grouped by a key (vendor, district) in the order keys first appear, each with its totals. */
export function totalsBy<K extends string>(
  lines: readonly ContractScore[],
  keyOf: (line: ContractScore) => K,
): { readonly key: K; readonly lines: readonly ContractScore[]; readonly totals: ScorecardTotals }[] {
  const groups = new Map<K, ContractScore[]>();
  for (const line of lines) {
    const key = keyOf(line);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [line]);
    else group.push(line);
  }
  return [...groups].map(([key, group]) => ({ key, lines: group, totals: totalScores(group) }));
}
