/** The dashboard's figures: contracts by stage and the money committed to them. */
import { STAGES, type ContractSummary, type Stage } from "./api-types.js";
import { sumMoneyCents } from "./money.js";

export interface StageGroup {
  readonly stage: Stage;
  readonly contracts: readonly ContractSummary[];
}

/** Stages in the order a contract moves through them; empty stages are left out. */
export function groupByStage(contracts: readonly ContractSummary[]): StageGroup[] {
  return STAGES.map((stage) => ({
    stage,
    contracts: contracts
      .filter((c) => c.stage === stage)
      .sort((a, b) => a.title.localeCompare(b.title) || a.contractId.localeCompare(b.contractId)),
  })).filter((group) => group.contracts.length > 0);
}

/** Stages whose maximum value the parties have committed to: agreed and running, or settled. */
const COMMITTED: ReadonlySet<Stage> = new Set<Stage>(["active", "settled"]);

/** The sum of maxValue over active and settled contracts, in cents (exact). */
export function committedCents(contracts: readonly ContractSummary[]): bigint {
  return sumMoneyCents(contracts.filter((c) => COMMITTED.has(c.stage)).map((c) => c.maxValue));
}

export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  draft: "Draft",
  proposed: "Proposed",
  active: "Active",
  settled: "Settled",
  closed: "Closed",
};

/** What the dashboard reads of a contract's progress (GET .../progress). */
export interface ProgressFigures {
  readonly enrolment: { readonly expectedStudents: number; readonly enrolled: number };
  readonly money: {
    readonly contingentAtStake: string;
    readonly outcome: string;
    readonly paid: string;
    readonly total: string;
  };
  readonly metrics: readonly {
    readonly label: string;
    readonly met: number;
    readonly denominator: number;
    readonly rate: string;
    readonly targetRate: string | null;
  }[];
}

/** A contract with its progress, or why there is none (a contract without approved terms, a failed load). */
export interface ContractFigures {
  readonly contract: ContractSummary;
  readonly progress: ProgressFigures | null;
  readonly problem: string | null;
}

/** Stages whose progress the dashboard shows: the contracts under way or done. */
export const MEASURED: ReadonlySet<Stage> = new Set<Stage>(["active", "settled"]);

/** Money paid so far under active and settled contracts, in cents (exact). */
export function paidCents(figures: readonly ContractFigures[]): bigint {
  return sumMoneyCents(
    figures
      .filter((f) => MEASURED.has(f.contract.stage) && f.progress !== null)
      .map((f) => f.progress?.money.paid ?? "0.00"),
  );
}

/** The outcome money still at stake: contingent money of active contracts, in cents (exact). */
export function contingentCents(figures: readonly ContractFigures[]): bigint {
  return sumMoneyCents(
    figures
      .filter((f) => f.contract.stage === "active" && f.progress !== null)
      .map((f) => f.progress?.money.contingentAtStake ?? "0.00"),
  );
}

/**
 * Outcomes attained against what was promised: the outcome money earned on today's data
 * out of the contingent money, as a whole percentage rounded down ("–" when nothing was at stake).
 */
export function attainedText(progress: ProgressFigures): string {
  const earned = sumMoneyCents([progress.money.outcome]);
  const promised = sumMoneyCents([progress.money.contingentAtStake]);
  if (promised <= 0n) return "–";
  return `${(earned * 100n) / promised}%`;
}
