/**
 * A check-in's agenda: prepared from the contract's current figures (its progress as of
 * today, read-contract-progress.ts; the action items still open from earlier check-ins)
 * and stored as a snapshot, so that later data never changes it; then edited item by
 * item. Preparing again replaces the snapshot (and any edits) with today's figures.
 *
 * Both are possible while the check-in is scheduled and has no minutes: once minutes are
 * recorded the agenda is what the meeting discussed and stays as it is.
 */
import type { SqlRunner } from "../ports/db.js";
import { storedTime, utcDay } from "../ports/clock.js";
import type { IsoDate } from "../../core/date.js";
import {
  buildAgenda,
  type AgendaItem,
  type AgendaSection,
  type ProgressFigures,
} from "../../core/check-ins/agenda.js";
import { readContractProgress, type ContractProgress } from "../contract-progress/read-contract-progress.js";
import { auditCheckIn, writerOf, type CheckInChange } from "./check-in-audit.js";
import {
  openActionItemsBefore,
  readCheckIn,
  readCheckInRow,
  type Agenda,
  type CheckInDetail,
} from "./read-check-ins.js";

export type AgendaResult =
  | { readonly kind: "not-found" }
  | { readonly kind: "conflict"; readonly reason: string }
  | {
      readonly kind: "invalid";
      readonly problems: readonly { path: string; code: string; message: string }[];
    }
  | { readonly kind: "done"; readonly checkIn: CheckInDetail };

/** The aggregates of a contract's progress an agenda states (no student-level value). */
export function progressFigures(p: ContractProgress): ProgressFigures {
  const label = (id: string) => p.terms.outcomes.metrics.find((m) => m.id === id)?.label ?? id;
  return {
    enrolled: p.statement.population.enrolled,
    plannedStudents: p.terms.expectedStudents,
    expectedByNow: p.expectedByNow,
    dosage: p.dosage.map((d) => ({
      metricId: d.metricId,
      label: label(d.metricId),
      onPace: d.onPace,
      eligible: d.eligible,
      minSessions: d.required.minSessions,
      minMinutes: d.required.minMinutes,
      targetPercent: String((d.target.n * 100n) / d.target.d),
    })),
    metrics: p.statement.metrics.map((m) => ({
      metricId: m.id,
      label: m.label,
      measured: m.denominator,
      met: m.met,
    })),
    obligations: p.obligations.map((o) => ({
      obligationId: o.id,
      party: o.party,
      description: o.description,
      status: o.status,
      alert: p.alerts.find((a) => a.code.startsWith("obligation-") && a.subject === o.id)?.message ?? null,
      ownerName: o.ownerName,
      dueOn: o.dueOn,
    })),
    freshness: p.freshness.map((f) => ({
      kind: f.kind,
      latestOn: f.latest?.importedOn ?? null,
      stale: f.stale,
      staleAfterDays: f.staleAfterDays,
    })),
  };
}

async function editable(tx: SqlRunner, request: CheckInChange & { readonly checkInId: bigint }) {
  const row = await readCheckInRow(tx, request.districtId, request.contractId, request.checkInId, true);
  if (row === null) return { kind: "not-found" } as const;
  if (row.state === "cancelled")
    return { kind: "conflict", reason: `check-in ${request.checkInId} is cancelled` } as const;
  if (row.hasMinutes)
    return {
      kind: "conflict",
      reason: `check-in ${request.checkInId} has minutes: its agenda is kept as the meeting had it`,
    } as const;
  return { kind: "ok", row } as const;
}

async function store(
  tx: SqlRunner,
  request: CheckInChange & { readonly checkInId: bigint },
  agenda: Agenda,
  action: string,
): Promise<AgendaResult> {
  const { districtId, contractId, checkInId } = request;
  await tx.query(
    `UPDATE check_ins SET agenda = $4::jsonb, agenda_prepared_at = $5, agenda_prepared_by = $6
      WHERE district_id = $1 AND contract_id = $2 AND check_in_id = $3`,
    [
      districtId,
      contractId,
      checkInId,
      JSON.stringify(agenda),
      storedTime(request.at),
      writerOf(request.actor),
    ],
  );
  await auditCheckIn(tx, request, action, String(checkInId), {
    asOf: agenda.asOf,
    items: agenda.items.length,
  });
  const found = await readCheckIn(tx, districtId, contractId, checkInId);
  if (found === null) throw new Error(`check-in ${checkInId} vanished while its agenda was stored`);
  return { kind: "done", checkIn: found };
}

export async function prepareAgenda(
  tx: SqlRunner,
  request: CheckInChange & { readonly checkInId: bigint },
): Promise<AgendaResult> {
  const open = await editable(tx, request);
  if (open.kind !== "ok") return open;
  const today = utcDay(request.at);
  const progress = await readContractProgress(tx, {
    districtId: request.districtId,
    contractId: request.contractId,
    today,
  });
  const figures =
    progress.kind === "ready"
      ? progressFigures(progress.progress)
      : progress.kind === "no-approved-terms"
        ? { unavailable: "No approved terms yet: progress against the plan is not available." }
        : progress.kind === "invalid-data"
          ? {
              unavailable:
                `The stored data cannot be settled (${progress.problems.length} problem(s) in the imports): ` +
                "progress against the plan is not available.",
            }
          : { unavailable: "The contract's progress is not available." };
  const carried = await openActionItemsBefore(
    tx,
    request.districtId,
    request.contractId,
    open.row.scheduledOn,
    request.checkInId,
  );
  const items = buildAgenda({
    asOf: today,
    progress: figures,
    openActionItems: carried.map((a) => ({
      actionItemId: String(a.actionItemId),
      description: a.description,
      ownerParty: a.ownerParty,
      ownerName: a.ownerName,
      dueOn: a.dueOn,
      raisedOn: a.raisedOn,
    })),
  });
  return store(tx, request, { asOf: today, items }, "check-in.agenda-prepare");
}

export interface AgendaItemInput {
  readonly itemId?: string | undefined;
  readonly section: AgendaSection;
  readonly title: string;
  readonly detail: string;
}

/**
 * Replaces the agenda's items with `items`, in that order: an item with an `itemId` keeps
 * it (it must be unique), one without gets a new `custom:N`. An agenda never prepared
 * starts here, as of today.
 */
export async function editAgenda(
  tx: SqlRunner,
  request: CheckInChange & { readonly checkInId: bigint; readonly items: readonly AgendaItemInput[] },
): Promise<AgendaResult> {
  const open = await editable(tx, request);
  if (open.kind !== "ok") return open;
  const seen = new Set<string>();
  const problems = request.items.flatMap((item, i) => {
    if (item.itemId === undefined) return [];
    if (seen.has(item.itemId))
      return [
        {
          path: `$.body.items[${i}].itemId`,
          code: "duplicate-item",
          message: `item id ${item.itemId} is given twice`,
        },
      ];
    seen.add(item.itemId);
    return [];
  });
  if (problems.length > 0) return { kind: "invalid", problems };
  const current = await readCheckIn(tx, request.districtId, request.contractId, request.checkInId);
  let next = Math.max(
    0,
    ...[...seen].map((id) => (/^custom:\d+$/.test(id) ? Number(id.slice(7)) : 0)),
    ...(current?.agenda?.items ?? []).map((i) =>
      /^custom:\d+$/.test(i.itemId) ? Number(i.itemId.slice(7)) : 0,
    ),
  );
  const items: AgendaItem[] = request.items.map((item) => ({
    itemId: item.itemId ?? `custom:${++next}`,
    section: item.section,
    title: item.title,
    detail: item.detail,
  }));
  const asOf = (current?.agenda?.asOf ?? utcDay(request.at)) as IsoDate;
  return store(tx, request, { asOf, items }, "check-in.agenda-edit");
}
