/**
 * When the district approves a contract's final statement, what the contract encumbered
 * beyond what it will pay (the statement's total, or what was paid already if more) is
 * released back to its funding sources, pro rata to what is outstanding in each
 * (src/core/budget/settle.ts). The release names the statement and happens once per
 * statement, in the approval's transaction.
 */
import type { SqlRunner } from "../ports/db.js";
import type { Actor } from "../auth/actor.js";
import { utcDay } from "../ports/clock.js";
import { actorName } from "../contracts/contract-change.js";
import { formatCents, parseMoney } from "../../core/money.js";
import { contractPositions } from "../../core/budget/ledger.js";
import { releaseAtSettlement } from "../../core/budget/settle.js";
import { chargeUnchargedPayments } from "./charge-payments.js";
import { audit } from "./funding-sources.js";
import { insertEntry, ledgerLines, lockContract } from "./ledger-store.js";

export async function releaseUnearnedEncumbrance(
  tx: SqlRunner,
  request: { readonly districtId: string; readonly contractId: string; readonly statementId: bigint },
  context: { readonly actor: Actor; readonly at: Date },
): Promise<number> {
  const { districtId, contractId, statementId } = request;
  await lockContract(tx, districtId, contractId);
  const [done] = await tx.query(
    "SELECT 1 FROM ledger_entries WHERE district_id = $1 AND statement_id = $2 AND kind = 'release' LIMIT 1",
    [districtId, statementId],
  );
  if (done !== undefined) return 0;
  const [statement] = await tx.query<{ total: string }>(
    "SELECT document->>'total' AS total FROM statements WHERE district_id = $1 AND statement_id = $2",
    [districtId, statementId],
  );
  if (statement === undefined) return 0;
  const total = parseMoney(statement.total);
  if (typeof total === "string") throw new Error(`statement ${statementId}: total is not money`);
  // Payments not yet in the ledger would otherwise count as still to pay.
  await chargeUnchargedPayments(tx, districtId, contractId);
  const positions = contractPositions(await ledgerLines(tx, districtId, { contractId }), contractId);
  const parts = releaseAtSettlement(total, positions);
  for (const part of parts)
    await insertEntry(tx, {
      districtId,
      sourceId: part.sourceId,
      contractId,
      kind: "release",
      countsAs: "release",
      amountCents: part.amountCents,
      entryDate: utcDay(context.at),
      recordedBy: actorName(context.actor),
      recordedAt: context.at,
      reference: `final statement ${statementId}`,
      statementId,
    });
  if (parts.length > 0)
    await audit(
      tx,
      districtId,
      contractId,
      "contract.release-encumbrance",
      context,
      {
        contractId,
        statementId: statementId.toString(),
        released: parts.map((p) => ({ fundingSourceId: p.sourceId, amount: formatCents(p.amountCents) })),
      },
      "contract",
    );
  return parts.length;
}
