/**
 * The demo district's budget: three funding sources, the settled contract encumbered on
 * ESSER III and released at its approved final statement, the active contract split 60/40
 * over ESSER III and Title I. The draft is left unencumbered, for the district to try. The
 * payments already imported are charged to the sources as the contracts are encumbered.
 */
import type { SqlRunner } from "../ports/db.js";
import type { Actor } from "../auth/actor.js";
import { cents, formatCents, parseMoney } from "../../core/money.js";
import { createFundingSource } from "../budget/funding-sources.js";
import { encumberContract } from "../budget/encumber-contract.js";
import { releaseUnearnedEncumbrance } from "../budget/release-at-settlement.js";
import { contractMoneyTerms } from "../budget/ledger-store.js";

/** Sources big enough for what they fund (amounts follow the generated maxValues), rounded up to $100,000. */
function sourcesFor(settledMax: bigint, activeMax: bigint) {
  const esserOfActive = (activeMax * 3n) / 5n;
  const roundUp = (c: bigint) => ((c + 10_000_000n - 1n) / 10_000_000n) * 10_000_000n;
  return [
    {
      code: "ESSER-III",
      name: "ESSER III",
      amountCents: roundUp(settledMax + esserOfActive),
      endsOn: "2025-09-30",
    },
    {
      code: "TITLE-I",
      name: "Title I, Part A",
      amountCents: roundUp(activeMax - esserOfActive) + 10_000_000n,
      endsOn: "2025-09-30",
    },
    { code: "GENERAL", name: "General fund", amountCents: 150_000_000n, endsOn: "2025-06-30" },
  ] as const;
}

async function maxValueCents(tx: SqlRunner, districtId: string, contractId: string): Promise<bigint> {
  const terms = await contractMoneyTerms(tx, districtId, contractId);
  const parsed = terms === null ? "missing" : parseMoney(terms.maxValue);
  if (typeof parsed === "string") throw new Error(`the demo contract ${contractId} has no maxValue`);
  return parsed;
}

export async function seedDemoBudget(
  tx: SqlRunner,
  request: {
    readonly districtId: string;
    readonly adminUserId: string;
    readonly settled: { readonly contractId: string; readonly statementId: bigint };
    readonly activeContractId: string;
    readonly at: Date;
  },
): Promise<void> {
  const { districtId, at } = request;
  const actor: Actor = {
    userId: request.adminUserId,
    tokenId: null,
    organizationId: districtId,
    orgKind: "district",
    role: "district_admin",
    session: null,
  };
  const context = { actor, at };
  const settledMax = await maxValueCents(tx, districtId, request.settled.contractId);
  const activeMax = await maxValueCents(tx, districtId, request.activeContractId);
  const ids: Record<string, string> = {};
  for (const s of sourcesFor(settledMax, activeMax)) {
    const created = await createFundingSource(
      tx,
      { districtId, ...s, amountCents: cents(s.amountCents), startsOn: "2024-07-01", notes: null },
      context,
    );
    if (created.kind !== "created") throw new Error(`the demo funding source ${s.code} was not created`);
    ids[s.code] = created.source.fundingSourceId;
  }
  const encumber = async (contractId: string, splits: [string, string][]) => {
    const result = await encumberContract(
      tx,
      {
        districtId,
        contractId,
        splits: splits.map(([code, amount]) => ({ sourceId: ids[code] ?? "", amount })),
        reference: null,
      },
      context,
    );
    if (result.kind !== "encumbered")
      throw new Error(`the demo contract ${contractId} was not encumbered: ${JSON.stringify(result)}`);
  };
  await encumber(request.settled.contractId, [["ESSER-III", formatCents(settledMax)]]);
  await releaseUnearnedEncumbrance(tx, { districtId, ...request.settled }, context);
  const esserOfActive = (activeMax * 3n) / 5n;
  await encumber(request.activeContractId, [
    ["ESSER-III", formatCents(esserOfActive)],
    ["TITLE-I", formatCents(activeMax - esserOfActive)],
  ]);
}
