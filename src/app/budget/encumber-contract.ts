/**
 * Use case: the district encumbers a contract's maxValue (of its current approved terms,
 * or of the draft's) on one or more funding sources. The splits must add up to exactly the
 * maxValue, each within its source's available money, on sources that do not end before
 * the contract (src/core/budget/encumber.ts). A contract is encumbered once: to change the
 * splits (after an amendment, say), reverse its encumbrance entries and encumber again.
 * Payments recorded before are charged to the new encumbrance in the same transaction.
 */
import type { SqlRunner } from "../ports/db.js";
import { utcDay } from "../ports/clock.js";
import { actorName } from "../contracts/contract-change.js";
import type { IsoDate } from "../../core/date.js";
import type { JsonProblem } from "../../core/problem.js";
import { formatCents, parseMoney } from "../../core/money.js";
import { planEncumbrance, type SourceFacts, type SplitInput } from "../../core/budget/encumber.js";
import { contractPositions } from "../../core/budget/ledger.js";
import { chargeUnchargedPayments } from "./charge-payments.js";
import { audit, listFundingSources, type Context } from "./funding-sources.js";
import { contractMoneyTerms, insertEntry, ledgerLines, lockContract } from "./ledger-store.js";
import { readContractFunding, type ContractFunding } from "./contract-funding.js";

export interface EncumberRequest {
  readonly districtId: string;
  readonly contractId: string;
  readonly splits: readonly SplitInput[];
  readonly reference: string | null;
}

export type EncumberResult =
  | { readonly kind: "not-found" }
  | { readonly kind: "already-encumbered"; readonly encumbered: string }
  | { readonly kind: "invalid"; readonly problems: readonly JsonProblem[] }
  | { readonly kind: "encumbered"; readonly funding: ContractFunding };

export async function encumberContract(
  tx: SqlRunner,
  request: EncumberRequest,
  context: Context,
): Promise<EncumberResult> {
  const { districtId, contractId } = request;
  if (!(await lockContract(tx, districtId, contractId))) return { kind: "not-found" };
  const terms = await contractMoneyTerms(tx, districtId, contractId);
  if (terms === null) return { kind: "not-found" };
  const maxValueCents = parseMoney(terms.maxValue);
  if (typeof maxValueCents === "string")
    throw new Error(`contract ${contractId}: stored maxValue is not money`);
  const positions = contractPositions(await ledgerLines(tx, districtId, { contractId }), contractId);
  const encumbered = positions.reduce((sum, p) => sum + p.encumberedTotalCents, 0n);
  if (encumbered !== 0n) return { kind: "already-encumbered", encumbered: formatCents(encumbered) };
  // Lock the sources named, in id order, so concurrent encumbrances cannot both spend the same money.
  const ids = [...new Set(request.splits.map((s) => s.sourceId))]
    .filter((id) => /^\d{1,18}$/.test(id))
    .sort();
  for (const id of ids)
    await tx.query(
      "SELECT 1 FROM funding_sources WHERE district_id = $1 AND funding_source_id = $2 FOR UPDATE",
      [districtId, BigInt(id)],
    );
  const sources = new Map<string, SourceFacts>();
  for (const s of await listFundingSources(tx, districtId))
    sources.set(s.fundingSourceId, {
      sourceId: s.fundingSourceId,
      code: s.code,
      endsOn: s.endsOn as IsoDate,
      availableCents: s.balance.availableCents,
    });
  const plan = planEncumbrance(
    { maxValueCents, contractEndsOn: terms.periodEnd as IsoDate, splits: request.splits },
    sources,
    "$.body.splits",
  );
  if (!plan.ok) return { kind: "invalid", problems: plan.problems };
  const entryIds: string[] = [];
  for (const line of plan.lines)
    entryIds.push(
      (
        await insertEntry(tx, {
          districtId,
          sourceId: line.sourceId,
          contractId,
          kind: "encumbrance",
          countsAs: "encumbrance",
          amountCents: line.amountCents,
          entryDate: utcDay(context.at),
          recordedBy: actorName(context.actor),
          recordedAt: context.at,
          reference: request.reference ?? `terms version ${terms.version}`,
        })
      ).toString(),
    );
  const charged = await chargeUnchargedPayments(tx, districtId, contractId, {
    recordedBy: actorName(context.actor),
    at: context.at,
  });
  await audit(
    tx,
    districtId,
    contractId,
    "contract.encumber",
    context,
    {
      contractId,
      termsVersion: terms.version,
      maxValue: formatCents(maxValueCents),
      splits: plan.lines.map((l) => ({ fundingSourceId: l.sourceId, amount: formatCents(l.amountCents) })),
      entryIds,
      paymentsCharged: charged,
    },
    "contract",
  );
  const funding = await readContractFunding(tx, districtId, contractId);
  if (funding === null) throw new Error(`contract ${contractId} vanished while encumbered`);
  return { kind: "encumbered", funding };
}
