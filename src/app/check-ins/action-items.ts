/**
 * Action items raised at a check-in: a description, an owner (the district's or the
 * vendor's side, and a person as written), a due day and a status (open, done,
 * cancelled). Every status it has had is kept with who set it, when and why. An item is
 * raised, and its description, owner or due day changed, only while the minutes of its
 * check-in are not finalised; its status changes at any time (it is usually closed at a
 * later check-in, whose agenda carries it while it is open).
 */
import type { SqlRunner } from "../ports/db.js";
import { storedTime } from "../ports/clock.js";
import type { IsoDate } from "../../core/date.js";
import { auditCheckIn, writerOf, type CheckInChange } from "./check-in-audit.js";
import { readCheckIn, readCheckInRow, type ActionItem } from "./read-check-ins.js";

export type ActionItemResult =
  | { readonly kind: "not-found" }
  | { readonly kind: "conflict"; readonly reason: string }
  | { readonly kind: "done"; readonly item: ActionItem };

type Request = CheckInChange & { readonly checkInId: bigint };

export interface ActionItemFields {
  readonly description: string;
  readonly ownerParty: "district" | "vendor";
  readonly ownerName: string;
  readonly dueOn: IsoDate;
}

async function itemOf(tx: SqlRunner, request: Request, actionItemId: bigint): Promise<ActionItem> {
  const detail = await readCheckIn(tx, request.districtId, request.contractId, request.checkInId);
  const item = detail?.actionItems.find((a) => a.actionItemId === actionItemId);
  if (item === undefined) throw new Error(`action item ${actionItemId} vanished while it was written`);
  return item;
}

async function addEvent(
  tx: SqlRunner,
  request: Request,
  actionItemId: bigint,
  status: ActionItem["status"],
  note: string | null,
): Promise<void> {
  await tx.query(
    `INSERT INTO check_in_action_item_events (district_id, contract_id, action_item_id, event_no, status, note,
                                              changed_by, changed_at)
     SELECT $1, $2, $3, coalesce(max(event_no), 0) + 1, $4, $5, $6, $7 FROM check_in_action_item_events
      WHERE district_id = $1 AND action_item_id = $3`,
    [
      request.districtId,
      request.contractId,
      actionItemId,
      status,
      note,
      writerOf(request.actor),
      storedTime(request.at),
    ],
  );
}

export async function addActionItem(
  tx: SqlRunner,
  request: Request & { readonly fields: ActionItemFields },
): Promise<ActionItemResult> {
  const { districtId, contractId, checkInId, fields } = request;
  const row = await readCheckInRow(tx, districtId, contractId, checkInId, true);
  if (row === null) return { kind: "not-found" };
  if (row.state === "cancelled") return { kind: "conflict", reason: `check-in ${checkInId} is cancelled` };
  if (row.state === "finalised")
    return {
      kind: "conflict",
      reason: `the minutes of check-in ${checkInId} are finalised: raise it at the next one`,
    };
  const [created] = await tx.query<{ action_item_id: bigint }>(
    `INSERT INTO check_in_action_items (district_id, contract_id, check_in_id, description, owner_party, owner_name,
                                        due_on, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING action_item_id`,
    [
      districtId,
      contractId,
      checkInId,
      fields.description,
      fields.ownerParty,
      fields.ownerName,
      fields.dueOn,
      writerOf(request.actor),
      storedTime(request.at),
    ],
  );
  if (created === undefined) throw new Error("check_in_action_items returned no action_item_id");
  await addEvent(tx, request, created.action_item_id, "open", null);
  await auditCheckIn(tx, request, "action-item.create", String(created.action_item_id), {
    checkInId: String(checkInId),
    ownerParty: fields.ownerParty,
    dueOn: fields.dueOn,
  });
  return { kind: "done", item: await itemOf(tx, request, created.action_item_id) };
}

export interface ActionItemChange extends Partial<ActionItemFields> {
  readonly status?: ActionItem["status"] | undefined;
  /** Why the status changed (kept in its history). */
  readonly note?: string | undefined;
}

export async function updateActionItem(
  tx: SqlRunner,
  request: Request & { readonly actionItemId: bigint; readonly change: ActionItemChange },
): Promise<ActionItemResult> {
  const { districtId, contractId, checkInId, actionItemId, change } = request;
  const row = await readCheckInRow(tx, districtId, contractId, checkInId, true);
  if (row === null) return { kind: "not-found" };
  const [item] = await tx.query<{ status: ActionItem["status"] }>(
    `SELECT status FROM check_in_action_items
      WHERE district_id = $1 AND contract_id = $2 AND check_in_id = $3 AND action_item_id = $4 FOR UPDATE`,
    [districtId, contractId, checkInId, actionItemId],
  );
  if (item === undefined) return { kind: "not-found" };
  const fields = (["description", "ownerParty", "ownerName", "dueOn"] as const).filter(
    (f) => change[f] !== undefined,
  );
  if (fields.length > 0 && row.state === "finalised")
    return {
      kind: "conflict",
      reason: `the minutes of check-in ${checkInId} are finalised: only the action item's status can change`,
    };
  if (fields.length > 0)
    await tx.query(
      `UPDATE check_in_action_items SET description = coalesce($5, description),
              owner_party = coalesce($6, owner_party), owner_name = coalesce($7, owner_name),
              due_on = coalesce($8::date, due_on)
        WHERE district_id = $1 AND contract_id = $2 AND check_in_id = $3 AND action_item_id = $4`,
      [
        districtId,
        contractId,
        checkInId,
        actionItemId,
        change.description ?? null,
        change.ownerParty ?? null,
        change.ownerName ?? null,
        change.dueOn ?? null,
      ],
    );
  const statusChanged = change.status !== undefined && change.status !== item.status;
  if (statusChanged && change.status !== undefined) {
    await tx.query(
      `UPDATE check_in_action_items SET status = $5
        WHERE district_id = $1 AND contract_id = $2 AND check_in_id = $3 AND action_item_id = $4`,
      [districtId, contractId, checkInId, actionItemId, change.status],
    );
    await addEvent(tx, request, actionItemId, change.status, change.note ?? null);
  }
  if (fields.length > 0 || statusChanged)
    await auditCheckIn(tx, request, "action-item.update", String(actionItemId), {
      checkInId: String(checkInId),
      fields,
      ...(statusChanged ? { from: item.status, to: change.status } : {}),
    });
  return { kind: "done", item: await itemOf(tx, request, actionItemId) };
}
