/** Request and response schemas of the check-in routes (check-in-routes.ts). */
import { z } from "@hono/zod-openapi";
import { ID } from "../schemas.js";
import { parseIsoDate, type IsoDate } from "../../core/date.js";
import type {
  ActionItem,
  CheckInDetail,
  CheckInSummary,
  Schedule,
} from "../../app/check-ins/read-check-ins.js";

export const CalendarDay = z
  .string()
  .refine((s) => parseIsoDate(s) !== null, "a real calendar day as YYYY-MM-DD")
  .transform((s) => s as IsoDate)
  .openapi({ example: "2025-01-15", type: "string", format: "date" });

const NUMBER = z.string().regex(/^[1-9]\d{0,17}$/, "a positive whole number");

export const ContractParams = z.object({
  districtId: ID.openapi({ param: { name: "districtId", in: "path" } }),
  contractId: ID.openapi({ param: { name: "contractId", in: "path" } }),
});
export const CheckInParams = ContractParams.extend({
  checkInId: NUMBER.openapi({ param: { name: "checkInId", in: "path" } }),
});
export const ActionItemParams = CheckInParams.extend({
  actionItemId: NUMBER.openapi({ param: { name: "actionItemId", in: "path" } }),
});

const text = (max: number) => z.string().trim().min(1).max(max);
const PARTY = z.enum(["district", "vendor"]);
const SECTION = z.enum(["progress", "metrics", "obligations", "action-items", "data", "other"]);

export const ScheduleBody = z
  .strictObject({
    every: z.number().int().min(1).max(12),
    unit: z.enum(["week", "month"]),
    startsOn: CalendarDay,
  })
  .openapi("CheckInScheduleChange", {
    description:
      "Every 2 weeks: {every: 2, unit: week}; monthly: {every: 1, unit: month}. Runs to the contract's end.",
  });

export const AddBody = z.strictObject({ scheduledOn: CalendarDay }).openapi("CheckInCreate");

export const ChangeBody = z
  .strictObject({
    scheduledOn: CalendarDay.optional(),
    cancelReason: text(500).optional(),
  })
  .refine((b) => (b.scheduledOn === undefined) !== (b.cancelReason === undefined), {
    message: "give either scheduledOn (to move the check-in) or cancelReason (to cancel it)",
  })
  .openapi("CheckInChange");

export const AgendaBody = z
  .strictObject({
    items: z
      .array(
        z.strictObject({
          itemId: z.string().min(1).max(120).optional(),
          section: SECTION,
          title: text(300),
          detail: z.string().max(4000),
        }),
      )
      .max(200),
  })
  .openapi("CheckInAgendaChange");

export const MinutesBody = z
  .strictObject({
    attendees: z
      .array(
        z.strictObject({
          name: text(200),
          role: z.string().max(200),
          party: z.enum(["district", "vendor", "other"]),
        }),
      )
      .max(100),
    itemNotes: z
      .array(z.strictObject({ itemId: z.string().min(1).max(120), notes: z.string().max(10000) }))
      .max(200),
    decisions: z.array(text(2000)).max(100),
    summary: z.string().max(20000),
  })
  .openapi("CheckInMinutes");

export const NoteBody = z.strictObject({ body: text(10000) }).openapi("CheckInNoteCreate");

export const ActionItemBody = z
  .strictObject({
    description: text(1000),
    ownerParty: PARTY,
    ownerName: text(200),
    dueOn: CalendarDay,
  })
  .openapi("ActionItemCreate");

export const ActionItemChangeBody = z
  .strictObject({
    description: text(1000).optional(),
    ownerParty: PARTY.optional(),
    ownerName: text(200).optional(),
    dueOn: CalendarDay.optional(),
    status: z.enum(["open", "done", "cancelled"]).optional(),
    note: text(1000).optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== "note"), { message: "change at least one field" })
  .openapi("ActionItemChange");

const STATE = z.enum(["scheduled", "agenda-ready", "minutes-draft", "finalised", "cancelled"]);

const SummarySchema = z
  .object({
    checkInId: z.string(),
    scheduledOn: z.string(),
    origin: z.enum(["schedule", "added"]),
    state: STATE,
    cancelReason: z.string().nullable(),
    rescheduledFrom: z.string().nullable(),
    finalisedAt: z.string().nullable(),
  })
  .openapi("CheckInSummary");

const ScheduleSchema = z
  .object({
    every: z.number().int(),
    unit: z.enum(["week", "month"]),
    startsOn: z.string(),
    endsOn: z.string(),
  })
  .openapi("CheckInSchedule");

export const ListSchema = z
  .object({ schedule: ScheduleSchema.nullable(), items: z.array(SummarySchema) })
  .openapi("CheckInList");

export const ScheduledSchema = ListSchema.extend({
  created: z.number().int(),
  removed: z.number().int(),
}).openapi("CheckInScheduleResult");

export const ActionItemSchema = z
  .object({
    actionItemId: z.string(),
    checkInId: z.string(),
    raisedOn: z.string(),
    description: z.string(),
    ownerParty: PARTY,
    ownerName: z.string(),
    dueOn: z.string(),
    status: z.enum(["open", "done", "cancelled"]),
    history: z.array(
      z.object({
        status: z.enum(["open", "done", "cancelled"]),
        note: z.string().nullable(),
        changedBy: z.string(),
        changedAt: z.string(),
      }),
    ),
  })
  .openapi("ActionItem");

export const DetailSchema = SummarySchema.extend({
  agenda: z
    .object({
      asOf: z.string(),
      preparedAt: z.string(),
      preparedBy: z.string(),
      items: z.array(
        z.object({ itemId: z.string(), section: SECTION, title: z.string(), detail: z.string() }),
      ),
    })
    .nullable(),
  minutes: z
    .object({
      attendees: z.array(
        z.object({ name: z.string(), role: z.string(), party: z.enum(["district", "vendor", "other"]) }),
      ),
      itemNotes: z.array(z.object({ itemId: z.string(), notes: z.string() })),
      decisions: z.array(z.string()),
      summary: z.string(),
      savedAt: z.string(),
      savedBy: z.string(),
    })
    .nullable(),
  finalisedBy: z.string().nullable(),
  notes: z.array(z.object({ body: z.string(), writtenBy: z.string(), writtenAt: z.string() })),
  actionItems: z.array(ActionItemSchema),
  carriedActionItems: z.array(ActionItemSchema),
}).openapi("CheckIn");

export const summaryJson = (s: CheckInSummary) => ({
  checkInId: String(s.checkInId),
  scheduledOn: s.scheduledOn,
  origin: s.origin,
  state: s.state,
  cancelReason: s.cancelReason,
  rescheduledFrom: s.rescheduledFrom,
  finalisedAt: s.finalisedAt,
});

export const scheduleJson = (s: Schedule | null) => s;

export const actionItemJson = (a: ActionItem) => ({
  ...a,
  actionItemId: String(a.actionItemId),
  checkInId: String(a.checkInId),
  history: [...a.history],
});

export const detailJson = (d: CheckInDetail) => ({
  ...summaryJson(d),
  agenda: d.agenda === null ? null : { ...d.agenda, items: [...d.agenda.items] },
  minutes:
    d.minutes === null
      ? null
      : {
          attendees: [...d.minutes.attendees],
          itemNotes: [...d.minutes.itemNotes],
          decisions: [...d.minutes.decisions],
          summary: d.minutes.summary,
          savedAt: d.minutes.savedAt,
          savedBy: d.minutes.savedBy,
        },
  finalisedBy: d.finalisedBy,
  notes: [...d.notes],
  actionItems: d.actionItems.map(actionItemJson),
  carriedActionItems: d.carriedActionItems.map(actionItemJson),
});
