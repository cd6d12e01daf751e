/**
 * Single check-ins: add one on a day, move one to another day, or cancel one with a
 * reason. A check-in can be moved or cancelled only while no minutes are recorded for it
 * (a meeting that has minutes was held); a cancelled one stays listed with its reason.
 */
import type { SqlRunner } from "../ports/db.js";
import { storedTime } from "../ports/clock.js";
import type { IsoDate } from "../../core/date.js";
import { auditCheckIn, writerOf, type CheckInChange } from "./check-in-audit.js";
import { contractExists, readCheckIn, readCheckInRow, type CheckInDetail } from "./read-check-ins.js";

export type ChangeResult =
  | { readonly kind: "not-found" }
  | { readonly kind: "conflict"; readonly reason: string }
  | { readonly kind: "done"; readonly checkIn: CheckInDetail };

async function detail(tx: SqlRunner, change: CheckInChange, checkInId: bigint): Promise<ChangeResult> {
  const found = await readCheckIn(tx, change.districtId, change.contractId, checkInId);
  if (found === null) throw new Error(`check-in ${checkInId} vanished while it was changed`);
  return { kind: "done", checkIn: found };
}

export async function addCheckIn(
  tx: SqlRunner,
  request: CheckInChange & { readonly scheduledOn: IsoDate },
): Promise<ChangeResult> {
  const { districtId, contractId, scheduledOn } = request;
  if (!(await contractExists(tx, districtId, contractId))) return { kind: "not-found" };
  const [row] = await tx.query<{ check_in_id: bigint }>(
    `INSERT INTO check_ins (district_id, contract_id, scheduled_on, origin, created_by, created_at)
     VALUES ($1, $2, $3, 'added', $4, $5) RETURNING check_in_id`,
    [districtId, contractId, scheduledOn, writerOf(request.actor), storedTime(request.at)],
  );
  if (row === undefined) throw new Error("check_ins returned no check_in_id");
  await auditCheckIn(tx, request, "check-in.create", String(row.check_in_id), { scheduledOn });
  return detail(tx, request, row.check_in_id);
}

export type CheckInChangeKind =
  | { readonly kind: "reschedule"; readonly scheduledOn: IsoDate }
  | { readonly kind: "cancel"; readonly reason: string };

export async function changeCheckIn(
  tx: SqlRunner,
  request: CheckInChange & { readonly checkInId: bigint; readonly change: CheckInChangeKind },
): Promise<ChangeResult> {
  const { districtId, contractId, checkInId, change } = request;
  const row = await readCheckInRow(tx, districtId, contractId, checkInId, true);
  if (row === null) return { kind: "not-found" };
  if (row.state === "cancelled") return { kind: "conflict", reason: `check-in ${checkInId} is cancelled` };
  if (row.hasMinutes)
    return {
      kind: "conflict",
      reason: `check-in ${checkInId} has minutes: it was held and cannot be ${change.kind}d`,
    };
  if (change.kind === "reschedule") {
    if (change.scheduledOn === row.scheduledOn) return detail(tx, request, checkInId);
    await tx.query(
      `UPDATE check_ins SET scheduled_on = $4, rescheduled_from = coalesce(rescheduled_from, scheduled_on)
        WHERE district_id = $1 AND contract_id = $2 AND check_in_id = $3`,
      [districtId, contractId, checkInId, change.scheduledOn],
    );
    await auditCheckIn(tx, request, "check-in.reschedule", String(checkInId), {
      from: row.scheduledOn,
      to: change.scheduledOn,
    });
  } else {
    await tx.query(
      `UPDATE check_ins SET status = 'cancelled', cancel_reason = $4
        WHERE district_id = $1 AND contract_id = $2 AND check_in_id = $3`,
      [districtId, contractId, checkInId, change.reason],
    );
    await auditCheckIn(tx, request, "check-in.cancel", String(checkInId), { scheduledOn: row.scheduledOn });
  }
  return detail(tx, request, checkInId);
}
