/**
 * Sets a contract's check-in schedule: a cadence from a start day to the contract's period
 * end (its latest terms), and the check-ins it generates (core/check-ins/cadence.ts).
 *
 * A new schedule replaces the check-ins of the previous one that are still untouched
 * (generated, not cancelled, no agenda, minutes or action items) on or after the new
 * start; check-ins that were added, prepared or held stay. A generated day that already
 * has a check-in that is not cancelled gets no second one.
 */
import type { SqlRunner } from "../ports/db.js";
import { storedTime } from "../ports/clock.js";
import type { IsoDate } from "../../core/date.js";
import { MAX_SCHEDULED, cadenceText, meetingDays, type Cadence } from "../../core/check-ins/cadence.js";
import { auditCheckIn, writerOf, type CheckInChange } from "./check-in-audit.js";
import {
  contractEnd,
  contractExists,
  listCheckIns,
  type CheckInSummary,
  type Schedule,
} from "./read-check-ins.js";

export interface ScheduleRequest extends CheckInChange {
  readonly cadence: Cadence;
  readonly startsOn: IsoDate;
}

export type ScheduleResult =
  | { readonly kind: "not-found" }
  | { readonly kind: "conflict"; readonly reason: string }
  | {
      readonly kind: "scheduled";
      readonly schedule: Schedule;
      readonly created: number;
      readonly removed: number;
      readonly checkIns: readonly CheckInSummary[];
    };

export async function scheduleCheckIns(tx: SqlRunner, request: ScheduleRequest): Promise<ScheduleResult> {
  const { districtId, contractId, cadence, startsOn } = request;
  if (!(await contractExists(tx, districtId, contractId))) return { kind: "not-found" };
  const endsOn = await contractEnd(tx, districtId, contractId);
  if (endsOn === null)
    return { kind: "conflict", reason: `contract ${contractId} has no terms, so no end to schedule to` };
  if (startsOn > endsOn)
    return {
      kind: "conflict",
      reason: `the schedule starts on ${startsOn}, after the contract's end (${endsOn})`,
    };
  const days = meetingDays(cadence, startsOn, endsOn);
  if (days.length > MAX_SCHEDULED)
    return {
      kind: "conflict",
      reason: `${cadenceText(cadence)} from ${startsOn} to ${endsOn} is more than ${MAX_SCHEDULED} check-ins`,
    };
  const at = storedTime(request.at);
  const by = writerOf(request.actor);
  await tx.query(
    `INSERT INTO check_in_schedules (district_id, contract_id, every, unit, starts_on, ends_on, set_by, set_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (district_id, contract_id) DO UPDATE SET every = excluded.every, unit = excluded.unit,
       starts_on = excluded.starts_on, ends_on = excluded.ends_on, set_by = excluded.set_by, set_at = excluded.set_at`,
    [districtId, contractId, cadence.every, cadence.unit, startsOn, endsOn, by, at],
  );
  const removed = await tx.query(
    `DELETE FROM check_ins k WHERE k.district_id = $1 AND k.contract_id = $2 AND k.origin = 'schedule'
        AND k.status = 'scheduled' AND k.agenda IS NULL AND k.minutes IS NULL AND k.scheduled_on >= $3
        AND NOT EXISTS (SELECT 1 FROM check_in_action_items a
                         WHERE a.district_id = k.district_id AND a.check_in_id = k.check_in_id)
      RETURNING check_in_id`,
    [districtId, contractId, startsOn],
  );
  const taken = new Set(
    (
      await tx.query<{ scheduled_on: string }>(
        `SELECT scheduled_on FROM check_ins WHERE district_id = $1 AND contract_id = $2 AND status = 'scheduled'`,
        [districtId, contractId],
      )
    ).map((r) => r.scheduled_on),
  );
  const fresh = days.filter((d) => !taken.has(d));
  for (const day of fresh)
    await tx.query(
      `INSERT INTO check_ins (district_id, contract_id, scheduled_on, origin, created_by, created_at)
       VALUES ($1, $2, $3, 'schedule', $4, $5)`,
      [districtId, contractId, day, by, at],
    );
  await auditCheckIn(tx, request, "check-in.schedule", "schedule", {
    every: cadence.every,
    unit: cadence.unit,
    startsOn,
    endsOn,
    created: fresh.length,
    removed: removed.length,
  });
  const listed = await listCheckIns(tx, districtId, contractId);
  if (listed === null) throw new Error(`contract ${contractId} vanished while scheduling`);
  return {
    kind: "scheduled",
    schedule: { every: cadence.every, unit: cadence.unit, startsOn, endsOn },
    created: fresh.length,
    removed: removed.length,
    checkIns: listed.checkIns,
  };
}
