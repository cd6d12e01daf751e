/**
 * A contract's funding as the district sees it: its maxValue, and per funding source what
 * the contract encumbered, paid and released there and what is still outstanding.
 */
import type { SqlRunner } from "../ports/db.js";
import { cents, parseMoney, type Cents } from "../../core/money.js";
import { contractPositions, outstandingCents, overrunCents } from "../../core/budget/ledger.js";
import { orderedPositions } from "../../core/budget/settle.js";
import { contractMoneyTerms, ledgerLines } from "./ledger-store.js";

export interface FundingSplit {
  readonly fundingSourceId: string;
  readonly code: string;
  readonly name: string;
  readonly encumberedCents: Cents;
  readonly paidCents: Cents;
  readonly releasedCents: Cents;
  readonly outstandingCents: Cents;
  readonly overrunCents: Cents;
}

export interface ContractFunding {
  readonly contractId: string;
  readonly termsVersion: number;
  readonly maxValueCents: Cents;
  readonly periodEnd: string;
  readonly encumberedCents: Cents;
  readonly splits: readonly FundingSplit[];
}

export async function readContractFunding(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
): Promise<ContractFunding | null> {
  const terms = await contractMoneyTerms(tx, districtId, contractId);
  if (terms === null) return null;
  const maxValueCents = parseMoney(terms.maxValue);
  if (typeof maxValueCents === "string")
    throw new Error(`contract ${contractId}: stored maxValue is not money`);
  const positions = orderedPositions(
    contractPositions(await ledgerLines(tx, districtId, { contractId }), contractId),
  );
  const names = new Map(
    (
      await tx.query<{ funding_source_id: bigint; code: string; name: string }>(
        "SELECT funding_source_id, code, name FROM funding_sources WHERE district_id = $1",
        [districtId],
      )
    ).map((r) => [r.funding_source_id.toString(), r]),
  );
  const splits = positions.map((p): FundingSplit => {
    const source = names.get(p.sourceId);
    return {
      fundingSourceId: p.sourceId,
      code: source?.code ?? p.sourceId,
      name: source?.name ?? p.sourceId,
      encumberedCents: p.encumberedTotalCents,
      paidCents: p.paidCents,
      releasedCents: p.releasedCents,
      outstandingCents: outstandingCents(p),
      overrunCents: overrunCents(p),
    };
  });
  return {
    contractId,
    termsVersion: terms.version,
    maxValueCents,
    periodEnd: terms.periodEnd,
    encumberedCents: cents(splits.reduce((sum, s) => sum + s.encumberedCents, 0n)),
    splits,
  };
}
