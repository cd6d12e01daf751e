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
