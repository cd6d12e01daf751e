/**
 * Reading check-ins: a contract's list (with its schedule) and one check-in with its
 * agenda, minutes, follow-up notes and action items (each with its status history).
 * Row-level security narrows every query to the contracts the acting organization is a
 * party to, so another organization's contract or check-in reads as missing.
 */
import type { SqlRunner } from "../ports/db.js";
import type { IsoDate } from "../../core/date.js";
import type { AgendaItem } from "../../core/check-ins/agenda.js";
import type { CadenceUnit } from "../../core/check-ins/cadence.js";

export type CheckInState = "scheduled" | "agenda-ready" | "minutes-draft" | "finalised" | "cancelled";

export interface Agenda {
  readonly asOf: IsoDate;
  readonly items: readonly AgendaItem[];
}

export interface Attendee {
  readonly name: string;
  readonly role: string;
  readonly party: "district" | "vendor" | "other";
}

export interface Minutes {
  readonly attendees: readonly Attendee[];
  readonly itemNotes: readonly { readonly itemId: string; readonly notes: string }[];
  readonly decisions: readonly string[];
  readonly summary: string;
}

export interface CheckInSummary {
  readonly districtId: string;
  readonly contractId: string;
  readonly checkInId: bigint;
  readonly scheduledOn: IsoDate;
  readonly origin: "schedule" | "added";
  readonly state: CheckInState;
  readonly cancelReason: string | null;
  readonly rescheduledFrom: IsoDate | null;
  readonly finalisedAt: string | null;
}

export interface ActionItemEvent {
  readonly status: "open" | "done" | "cancelled";
  readonly note: string | null;
  readonly changedBy: string;
  readonly changedAt: string;
}

export interface ActionItem {
  readonly actionItemId: bigint;
  readonly checkInId: bigint;
  readonly raisedOn: IsoDate;
  readonly description: string;
  readonly ownerParty: "district" | "vendor";
  readonly ownerName: string;
  readonly dueOn: IsoDate;
  readonly status: "open" | "done" | "cancelled";
  readonly history: readonly ActionItemEvent[];
}

export interface CheckInDetail extends CheckInSummary {
  readonly agenda: (Agenda & { readonly preparedAt: string; readonly preparedBy: string }) | null;
  readonly minutes: (Minutes & { readonly savedAt: string; readonly savedBy: string }) | null;
  readonly finalisedBy: string | null;
  readonly notes: readonly {
    readonly body: string;
    readonly writtenBy: string;
    readonly writtenAt: string;
  }[];
  /** Raised at this check-in. */
  readonly actionItems: readonly ActionItem[];
  /** Still open, raised at earlier check-ins of the contract (they carry to this one). */
  readonly carriedActionItems: readonly ActionItem[];
}

export interface Schedule {
  readonly every: number;
  readonly unit: CadenceUnit;
  readonly startsOn: IsoDate;
  readonly endsOn: IsoDate;
}

type CheckInRow = {
  district_id: string;
  contract_id: string;
  check_in_id: bigint;
  scheduled_on: string;
  origin: "schedule" | "added";
  status: "scheduled" | "cancelled";
  cancel_reason: string | null;
  rescheduled_from: string | null;
  agenda: string | null;
  agenda_prepared_at: string | null;
  agenda_prepared_by: string | null;
  minutes: string | null;
  minutes_saved_at: string | null;
  minutes_saved_by: string | null;
  finalised_at: string | null;
  finalised_by: string | null;
};

const COLUMNS = `district_id, contract_id, check_in_id, scheduled_on, origin, status, cancel_reason,
  rescheduled_from, agenda::text AS agenda, agenda_prepared_at, agenda_prepared_by, minutes::text AS minutes,
  minutes_saved_at, minutes_saved_by, finalised_at, finalised_by`;

function stateOf(r: CheckInRow): CheckInState {
  if (r.status === "cancelled") return "cancelled";
  if (r.finalised_at !== null) return "finalised";
  if (r.minutes !== null) return "minutes-draft";
  if (r.agenda !== null) return "agenda-ready";
  return "scheduled";
}

function summaryOf(r: CheckInRow): CheckInSummary {
  return {
    districtId: r.district_id,
    contractId: r.contract_id,
    checkInId: r.check_in_id,
    scheduledOn: r.scheduled_on as IsoDate,
    origin: r.origin,
    state: stateOf(r),
    cancelReason: r.cancel_reason,
    rescheduledFrom: r.rescheduled_from as IsoDate | null,
    finalisedAt: r.finalised_at,
  };
}

export async function contractExists(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
): Promise<boolean> {
  const rows = await tx.query("SELECT 1 FROM contracts WHERE district_id = $1 AND contract_id = $2", [
    districtId,
    contractId,
  ]);
  return rows.length > 0;
}

/** The contract's period end in its latest terms version, or null without terms. */
export async function contractEnd(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
): Promise<IsoDate | null> {
  const [row] = await tx.query<{ ends_on: string | null }>(
    `SELECT terms->'period'->>'end' AS ends_on FROM contract_terms_versions
      WHERE district_id = $1 AND contract_id = $2 ORDER BY version DESC LIMIT 1`,
    [districtId, contractId],
  );
  return (row?.ends_on ?? null) as IsoDate | null;
}

export async function readSchedule(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
): Promise<Schedule | null> {
  const [row] = await tx.query<{ every: number; unit: CadenceUnit; starts_on: string; ends_on: string }>(
    "SELECT every, unit, starts_on, ends_on FROM check_in_schedules WHERE district_id = $1 AND contract_id = $2",
    [districtId, contractId],
  );
  return row === undefined
    ? null
    : {
        every: row.every,
        unit: row.unit,
        startsOn: row.starts_on as IsoDate,
        endsOn: row.ends_on as IsoDate,
      };
}

export async function listCheckIns(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
): Promise<{ schedule: Schedule | null; checkIns: CheckInSummary[] } | null> {
  if (!(await contractExists(tx, districtId, contractId))) return null;
  const rows = await tx.query<CheckInRow>(
    `SELECT ${COLUMNS} FROM check_ins WHERE district_id = $1 AND contract_id = $2
      ORDER BY scheduled_on, check_in_id`,
    [districtId, contractId],
  );
  return { schedule: await readSchedule(tx, districtId, contractId), checkIns: rows.map(summaryOf) };
}

/** The check-in's row, locked for the transaction when `lock`; null when not seen. */
export async function readCheckInRow(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
  checkInId: bigint,
  lock = false,
): Promise<(CheckInSummary & { readonly hasAgenda: boolean; readonly hasMinutes: boolean }) | null> {
  const [row] = await tx.query<CheckInRow>(
    `SELECT ${COLUMNS} FROM check_ins WHERE district_id = $1 AND contract_id = $2 AND check_in_id = $3
     ${lock ? "FOR UPDATE" : ""}`,
    [districtId, contractId, checkInId],
  );
  return row === undefined
    ? null
    : { ...summaryOf(row), hasAgenda: row.agenda !== null, hasMinutes: row.minutes !== null };
}

type ItemRow = {
  action_item_id: bigint;
  check_in_id: bigint;
  raised_on: string;
  description: string;
  owner_party: "district" | "vendor";
  owner_name: string;
  due_on: string;
  status: "open" | "done" | "cancelled";
};

/** Action items of a contract matching `where` (SQL over `a` and `k`, the raising check-in). */
async function actionItems(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
  where: string,
  params: readonly (string | bigint)[],
): Promise<ActionItem[]> {
  const items = await tx.query<ItemRow>(
    `SELECT a.action_item_id, a.check_in_id, k.scheduled_on AS raised_on, a.description, a.owner_party,
            a.owner_name, a.due_on, a.status
       FROM check_in_action_items a
       JOIN check_ins k ON k.district_id = a.district_id AND k.check_in_id = a.check_in_id
      WHERE a.district_id = $1 AND a.contract_id = $2 AND ${where}
      ORDER BY a.due_on, a.action_item_id`,
    [districtId, contractId, ...params],
  );
  if (items.length === 0) return [];
  const events = await tx.query<{
    action_item_id: bigint;
    status: ActionItemEvent["status"];
    note: string | null;
    changed_by: string;
    changed_at: string;
  }>(
    `SELECT action_item_id, status, note, changed_by, changed_at FROM check_in_action_item_events
      WHERE district_id = $1 AND contract_id = $2 ORDER BY action_item_id, event_no`,
    [districtId, contractId],
  );
  return items.map((i) => ({
    actionItemId: i.action_item_id,
    checkInId: i.check_in_id,
    raisedOn: i.raised_on as IsoDate,
    description: i.description,
    ownerParty: i.owner_party,
    ownerName: i.owner_name,
    dueOn: i.due_on as IsoDate,
    status: i.status,
    history: events
      .filter((e) => e.action_item_id === i.action_item_id)
      .map((e) => ({ status: e.status, note: e.note, changedBy: e.changed_by, changedAt: e.changed_at })),
  }));
}

/** Open action items raised at check-ins of the contract held before `before` (not cancelled ones). */
export function openActionItemsBefore(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
  before: IsoDate,
  excludeCheckIn: bigint,
): Promise<ActionItem[]> {
  return actionItems(
    tx,
    districtId,
    contractId,
    "a.status = 'open' AND k.scheduled_on <= $3 AND k.check_in_id <> $4",
    [before, excludeCheckIn],
  );
}

export async function readCheckIn(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
  checkInId: bigint,
): Promise<CheckInDetail | null> {
  const [row] = await tx.query<CheckInRow>(
    `SELECT ${COLUMNS} FROM check_ins WHERE district_id = $1 AND contract_id = $2 AND check_in_id = $3`,
    [districtId, contractId, checkInId],
  );
  if (row === undefined) return null;
  const notes = await tx.query<{ body: string; written_by: string; written_at: string }>(
    `SELECT body, written_by, written_at FROM check_in_notes WHERE district_id = $1 AND check_in_id = $2
      ORDER BY note_no`,
    [districtId, checkInId],
  );
  const agenda = row.agenda === null ? null : (JSON.parse(row.agenda) as Agenda);
  const minutes = row.minutes === null ? null : (JSON.parse(row.minutes) as Minutes);
  return {
    ...summaryOf(row),
    agenda:
      agenda === null
        ? null
        : { ...agenda, preparedAt: row.agenda_prepared_at ?? "", preparedBy: row.agenda_prepared_by ?? "" },
    minutes:
      minutes === null
        ? null
        : { ...minutes, savedAt: row.minutes_saved_at ?? "", savedBy: row.minutes_saved_by ?? "" },
    finalisedBy: row.finalised_by,
    notes: notes.map((n) => ({ body: n.body, writtenBy: n.written_by, writtenAt: n.written_at })),
    actionItems: await actionItems(tx, districtId, contractId, "a.check_in_id = $3", [checkInId]),
    carriedActionItems: await openActionItemsBefore(
      tx,
      districtId,
      contractId,
      row.scheduled_on as IsoDate,
      checkInId,
    ),
  };
}

/** Open action items of active contracts due before `today` (for the alerts). */
export async function overdueActionItems(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
  today: IsoDate,
): Promise<ActionItem[]> {
  return actionItems(tx, districtId, contractId, "a.status = 'open' AND a.due_on < $3", [today]);
}
