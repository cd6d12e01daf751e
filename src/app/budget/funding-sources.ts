/**
 * A district's funding sources: created with an amount (a `funding` entry of the ledger),
 * edited (name, notes, end date, amount: a change of amount is a `funding` entry of the
 * difference), and listed with their balances, which the core computes from the ledger.
 * Every write is audited.
 */
import type { SqlRunner } from "../ports/db.js";
import type { Actor } from "../auth/actor.js";
import { appendAudit } from "../audit-log.js";
import { storedTime, utcDay } from "../ports/clock.js";
import { actorName } from "../contracts/contract-change.js";
import { cents, formatCents, type Cents } from "../../core/money.js";
import { sourceBalances, type SourceBalance } from "../../core/budget/ledger.js";
import { insertEntry, ledgerLines } from "./ledger-store.js";

export interface FundingSource {
  readonly fundingSourceId: string;
  readonly code: string;
  readonly name: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly notes: string | null;
  readonly revision: number;
  readonly balance: SourceBalance;
}

export interface Context {
  readonly actor: Actor;
  readonly at: Date;
}

type Raw = {
  funding_source_id: bigint;
  code: string;
  name: string;
  starts_on: string;
  ends_on: string;
  notes: string | null;
  revision: number;
};

export async function listFundingSources(
  tx: SqlRunner,
  districtId: string,
  only: string | null = null,
): Promise<FundingSource[]> {
  const rows = await tx.query<Raw>(
    `SELECT funding_source_id, code, name, starts_on, ends_on, notes, revision FROM funding_sources
      WHERE district_id = $1 AND ($2::bigint IS NULL OR funding_source_id = $2)
      ORDER BY ends_on, code`,
    [districtId, only === null ? null : BigInt(only)],
  );
  const ids = rows.map((r) => r.funding_source_id.toString());
  const balances = sourceBalances(
    await ledgerLines(tx, districtId, only === null ? {} : { sourceId: only }),
    ids,
  );
  return rows.map((r) => {
    const id = r.funding_source_id.toString();
    const balance = balances.get(id);
    if (balance === undefined) throw new Error(`no balance computed for funding source ${id}`);
    return {
      fundingSourceId: id,
      code: r.code,
      name: r.name,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      notes: r.notes,
      revision: r.revision,
      balance,
    };
  });
}

export async function readFundingSource(
  tx: SqlRunner,
  districtId: string,
  sourceId: string,
): Promise<FundingSource | null> {
  return (await listFundingSources(tx, districtId, sourceId))[0] ?? null;
}

export interface NewFundingSource {
  readonly districtId: string;
  readonly code: string;
  readonly name: string;
  readonly amountCents: Cents;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly notes: string | null;
}

export type CreateResult =
  | { readonly kind: "created"; readonly source: FundingSource }
  | { readonly kind: "duplicate-code" }
  | { readonly kind: "not-found" };

export async function createFundingSource(
  tx: SqlRunner,
  request: NewFundingSource,
  context: Context,
): Promise<CreateResult> {
  const { districtId } = request;
  const [district] = await tx.query("SELECT 1 FROM districts WHERE district_id = $1", [districtId]);
  if (district === undefined) return { kind: "not-found" };
  const [row] = await tx.query<{ funding_source_id: bigint }>(
    `INSERT INTO funding_sources (district_id, code, name, starts_on, ends_on, notes, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (district_id, code) DO NOTHING RETURNING funding_source_id`,
    [
      districtId,
      request.code,
      request.name,
      request.startsOn,
      request.endsOn,
      request.notes,
      actorName(context.actor),
      storedTime(context.at),
    ],
  );
  if (row === undefined) return { kind: "duplicate-code" };
  const sourceId = row.funding_source_id.toString();
  if (request.amountCents !== 0n)
    await fundingEntry(tx, districtId, sourceId, request.amountCents, "funding source created", context);
  await audit(tx, districtId, sourceId, "funding-source.create", context, {
    code: request.code,
    amount: formatCents(request.amountCents),
    startsOn: request.startsOn,
    endsOn: request.endsOn,
  });
  const source = await readFundingSource(tx, districtId, sourceId);
  if (source === null) throw new Error(`funding source ${sourceId} vanished after its insert`);
  return { kind: "created", source };
}

export interface FundingSourceChange {
  readonly districtId: string;
  readonly sourceId: string;
  readonly name?: string;
  readonly notes?: string | null;
  readonly endsOn?: string;
  readonly amountCents?: Cents;
}

export type UpdateResult =
  | { readonly kind: "updated"; readonly source: FundingSource }
  | { readonly kind: "not-found" }
  | { readonly kind: "refused"; readonly path: string; readonly code: string; readonly message: string };

export async function updateFundingSource(
  tx: SqlRunner,
  change: FundingSourceChange,
  context: Context,
): Promise<UpdateResult> {
  const { districtId, sourceId } = change;
  const [locked] = await tx.query(
    "SELECT 1 FROM funding_sources WHERE district_id = $1 AND funding_source_id = $2 FOR UPDATE",
    [districtId, BigInt(sourceId)],
  );
  const before = locked === undefined ? null : await readFundingSource(tx, districtId, sourceId);
  if (before === null) return { kind: "not-found" };
  const endsOn = change.endsOn ?? before.endsOn;
  if (endsOn < before.startsOn)
    return refused("$.body.endsOn", "ends-before-start", `the source starts on ${before.startsOn}`);
  if (change.endsOn !== undefined && change.endsOn < before.endsOn) {
    const late = await contractsEndingAfter(tx, districtId, sourceId, change.endsOn);
    if (late !== null)
      return refused(
        "$.body.endsOn",
        "encumbered-contract-ends-later",
        `contract ${late.contractId} is encumbered on this source and ends on ${late.endsOn}`,
      );
  }
  const delta = change.amountCents === undefined ? 0n : change.amountCents - before.balance.amountCents;
  if (before.balance.availableCents + delta < 0n)
    return refused(
      "$.body.amount",
      "below-committed",
      `${formatCents(before.balance.amountCents - before.balance.availableCents)} of the source is encumbered or paid; the amount cannot be less`,
    );
  await tx.query(
    `UPDATE funding_sources SET name = $3, notes = $4, ends_on = $5, revision = revision + 1
      WHERE district_id = $1 AND funding_source_id = $2`,
    [
      districtId,
      BigInt(sourceId),
      change.name ?? before.name,
      change.notes === undefined ? before.notes : change.notes,
      endsOn,
    ],
  );
  if (delta !== 0n)
    await fundingEntry(
      tx,
      districtId,
      sourceId,
      cents(delta),
      `amount changed from ${formatCents(before.balance.amountCents)} to ${formatCents(change.amountCents ?? 0n)}`,
      context,
    );
  await audit(tx, districtId, sourceId, "funding-source.update", context, {
    code: before.code,
    ...(delta !== 0n
      ? {
          amountFrom: formatCents(before.balance.amountCents),
          amountTo: formatCents(change.amountCents ?? 0n),
        }
      : {}),
    ...(endsOn !== before.endsOn ? { endsOnFrom: before.endsOn, endsOnTo: endsOn } : {}),
    nameChanged: change.name !== undefined && change.name !== before.name,
    notesChanged: change.notes !== undefined && change.notes !== before.notes,
  });
  const source = await readFundingSource(tx, districtId, sourceId);
  if (source === null) throw new Error(`funding source ${sourceId} vanished in its update`);
  return { kind: "updated", source };
}

function refused(path: string, code: string, message: string): UpdateResult {
  return { kind: "refused", path, code, message };
}

/** A contract still encumbered on the source whose terms end after `date`, if any. */
async function contractsEndingAfter(tx: SqlRunner, districtId: string, sourceId: string, date: string) {
  const [row] = await tx.query<{ contract_id: string; period_end: string }>(
    `SELECT e.contract_id, v.period_end FROM
       (SELECT contract_id FROM ledger_entries
         WHERE district_id = $1 AND funding_source_id = $2 AND counts_as = 'encumbrance'
         GROUP BY contract_id HAVING sum(amount_cents) > 0) e
       JOIN LATERAL (SELECT terms->'period'->>'end' AS period_end FROM contract_terms_versions t
                      WHERE t.district_id = $1 AND t.contract_id = e.contract_id
                      ORDER BY (t.status = 'approved') DESC, t.version DESC LIMIT 1) v ON true
      WHERE v.period_end > $3 ORDER BY e.contract_id LIMIT 1`,
    [districtId, BigInt(sourceId), date],
  );
  return row === undefined ? null : { contractId: row.contract_id, endsOn: row.period_end };
}

async function fundingEntry(
  tx: SqlRunner,
  districtId: string,
  sourceId: string,
  amountCents: Cents,
  reference: string,
  context: Context,
): Promise<void> {
  await insertEntry(tx, {
    districtId,
    sourceId,
    contractId: null,
    kind: "funding",
    countsAs: "funding",
    amountCents,
    entryDate: utcDay(context.at),
    recordedBy: actorName(context.actor),
    recordedAt: context.at,
    reference,
  });
}

export async function audit(
  tx: SqlRunner,
  districtId: string,
  objectId: string,
  action: string,
  context: Context,
  detail: Record<string, unknown>,
  objectType = "funding-source",
): Promise<void> {
  await appendAudit(
    tx,
    {
      actorUserId: context.actor.userId,
      actorTokenId: context.actor.tokenId,
      organizationId: context.actor.organizationId,
      districtId,
      action,
      objectType,
      objectId,
      detail: { districtId, ...detail },
    },
    context.at,
  );
}
