/**
 * Minutes of a check-in: attendees (names and roles as written), notes per agenda item,
 * decisions and a summary, saved as often as needed until either party finalises them.
 * Finalised minutes are locked: they are never edited again, and what needs adding is a
 * follow-up note (append only).
 */
import type { SqlRunner } from "../ports/db.js";
import { storedTime } from "../ports/clock.js";
import { auditCheckIn, writerOf, type CheckInChange } from "./check-in-audit.js";
import { readCheckIn, readCheckInRow, type CheckInDetail, type Minutes } from "./read-check-ins.js";

export type MinutesResult =
  | { readonly kind: "not-found" }
  | { readonly kind: "conflict"; readonly reason: string }
  | {
      readonly kind: "invalid";
      readonly problems: readonly { path: string; code: string; message: string }[];
    }
  | { readonly kind: "done"; readonly checkIn: CheckInDetail };

type Request = CheckInChange & { readonly checkInId: bigint };

async function done(tx: SqlRunner, request: Request): Promise<MinutesResult> {
  const found = await readCheckIn(tx, request.districtId, request.contractId, request.checkInId);
  if (found === null)
    throw new Error(`check-in ${request.checkInId} vanished while its minutes were written`);
  return { kind: "done", checkIn: found };
}

/** Saves the minutes (replacing the draft); every note must name an item of the agenda. */
export async function saveMinutes(
  tx: SqlRunner,
  request: Request & { readonly minutes: Minutes },
): Promise<MinutesResult> {
  const { districtId, contractId, checkInId, minutes } = request;
  const row = await readCheckInRow(tx, districtId, contractId, checkInId, true);
  if (row === null) return { kind: "not-found" };
  if (row.state === "cancelled") return { kind: "conflict", reason: `check-in ${checkInId} is cancelled` };
  if (row.state === "finalised")
    return {
      kind: "conflict",
      reason: `the minutes of check-in ${checkInId} are finalised: add a follow-up note instead`,
    };
  const current = await readCheckIn(tx, districtId, contractId, checkInId);
  const itemIds = new Set((current?.agenda?.items ?? []).map((i) => i.itemId));
  const seen = new Set<string>();
  const problems = minutes.itemNotes.flatMap((n, i) => {
    const path = `$.body.itemNotes[${i}].itemId`;
    if (!itemIds.has(n.itemId))
      return [{ path, code: "unknown-item", message: `the agenda has no item ${n.itemId}` }];
    if (seen.has(n.itemId))
      return [{ path, code: "duplicate-item", message: `item ${n.itemId} has notes twice` }];
    seen.add(n.itemId);
    return [];
  });
  if (problems.length > 0) return { kind: "invalid", problems };
  await tx.query(
    `UPDATE check_ins SET minutes = $4::jsonb, minutes_saved_at = $5, minutes_saved_by = $6
      WHERE district_id = $1 AND contract_id = $2 AND check_in_id = $3`,
    [
      districtId,
      contractId,
      checkInId,
      JSON.stringify(minutes),
      storedTime(request.at),
      writerOf(request.actor),
    ],
  );
  await auditCheckIn(tx, request, "check-in.minutes-save", String(checkInId), {
    attendees: minutes.attendees.length,
    itemNotes: minutes.itemNotes.length,
    decisions: minutes.decisions.length,
  });
  return done(tx, request);
}

export async function finaliseMinutes(tx: SqlRunner, request: Request): Promise<MinutesResult> {
  const { districtId, contractId, checkInId } = request;
  const row = await readCheckInRow(tx, districtId, contractId, checkInId, true);
  if (row === null) return { kind: "not-found" };
  if (row.state === "cancelled") return { kind: "conflict", reason: `check-in ${checkInId} is cancelled` };
  if (row.state === "finalised")
    return { kind: "conflict", reason: `the minutes of check-in ${checkInId} are already finalised` };
  if (!row.hasMinutes)
    return { kind: "conflict", reason: `check-in ${checkInId} has no minutes to finalise: save them first` };
  await tx.query(
    `UPDATE check_ins SET finalised_at = $4, finalised_by = $5
      WHERE district_id = $1 AND contract_id = $2 AND check_in_id = $3`,
    [districtId, contractId, checkInId, storedTime(request.at), writerOf(request.actor)],
  );
  await auditCheckIn(tx, request, "check-in.minutes-finalise", String(checkInId), {});
  return done(tx, request);
}

/** A follow-up note: how finalised minutes are amended (any check-in that is not cancelled). */
export async function addNote(
  tx: SqlRunner,
  request: Request & { readonly body: string },
): Promise<MinutesResult> {
  const { districtId, contractId, checkInId } = request;
  const row = await readCheckInRow(tx, districtId, contractId, checkInId, true);
  if (row === null) return { kind: "not-found" };
  if (row.state === "cancelled") return { kind: "conflict", reason: `check-in ${checkInId} is cancelled` };
  const [next] = await tx.query<{ note_no: number }>(
    `SELECT coalesce(max(note_no), 0) + 1 AS note_no FROM check_in_notes WHERE district_id = $1 AND check_in_id = $2`,
    [districtId, checkInId],
  );
  await tx.query(
    `INSERT INTO check_in_notes (district_id, contract_id, check_in_id, note_no, body, written_by, written_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      districtId,
      contractId,
      checkInId,
      next?.note_no ?? 1,
      request.body,
      writerOf(request.actor),
      storedTime(request.at),
    ],
  );
  await auditCheckIn(tx, request, "check-in.note-add", String(checkInId), { noteNo: next?.note_no ?? 1 });
  return done(tx, request);
}
