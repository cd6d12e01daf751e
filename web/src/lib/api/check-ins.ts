/**
 * Check-ins of a contract (src/api/routes/check-in-routes.ts): the list and schedule, one
 * check-in with its agenda, minutes, notes and action items, and the changes. Who may
 * change them mirrors the server's write:check-ins (district administrators and vendor
 * users); the server still checks every request.
 */
import type { ApiClient } from "../api-client.js";
import type { Role } from "../api-types.js";
import { contractApiPath } from "./contract.js";

export type CheckInState = "scheduled" | "agenda-ready" | "minutes-draft" | "finalised" | "cancelled";
export type AgendaSection = "progress" | "metrics" | "obligations" | "action-items" | "data" | "other";
export type Party = "district" | "vendor";
export type ActionStatus = "open" | "done" | "cancelled";

export interface CheckInSummary {
  readonly checkInId: string;
  readonly scheduledOn: string;
  readonly origin: "schedule" | "added";
  readonly state: CheckInState;
  readonly cancelReason: string | null;
  readonly rescheduledFrom: string | null;
  readonly finalisedAt: string | null;
}

export interface Schedule {
  readonly every: number;
  readonly unit: "week" | "month";
  readonly startsOn: string;
  readonly endsOn: string;
}

export interface CheckInList {
  readonly schedule: Schedule | null;
  readonly items: readonly CheckInSummary[];
}

export interface AgendaItem {
  readonly itemId: string;
  readonly section: AgendaSection;
  readonly title: string;
  readonly detail: string;
}

export interface Attendee {
  readonly name: string;
  readonly role: string;
  readonly party: Party | "other";
}

export interface Minutes {
  readonly attendees: readonly Attendee[];
  readonly itemNotes: readonly { readonly itemId: string; readonly notes: string }[];
  readonly decisions: readonly string[];
  readonly summary: string;
}

export interface ActionItem {
  readonly actionItemId: string;
  readonly checkInId: string;
  readonly raisedOn: string;
  readonly description: string;
  readonly ownerParty: Party;
  readonly ownerName: string;
  readonly dueOn: string;
  readonly status: ActionStatus;
  readonly history: readonly {
    status: ActionStatus;
    note: string | null;
    changedBy: string;
    changedAt: string;
  }[];
}

export interface CheckIn extends CheckInSummary {
  readonly agenda: {
    readonly asOf: string;
    readonly preparedAt: string;
    readonly preparedBy: string;
    readonly items: readonly AgendaItem[];
  } | null;
  readonly minutes: (Minutes & { readonly savedAt: string; readonly savedBy: string }) | null;
  readonly finalisedBy: string | null;
  readonly notes: readonly {
    readonly body: string;
    readonly writtenBy: string;
    readonly writtenAt: string;
  }[];
  readonly actionItems: readonly ActionItem[];
  readonly carriedActionItems: readonly ActionItem[];
}

export const STATE_LABELS: Readonly<Record<CheckInState, string>> = {
  scheduled: "Scheduled",
  "agenda-ready": "Agenda ready",
  "minutes-draft": "Minutes in draft",
  finalised: "Minutes finalised",
  cancelled: "Cancelled",
};

export const SECTION_LABELS: Readonly<Record<AgendaSection, string>> = {
  progress: "Progress against plan",
  metrics: "Metrics so far",
  obligations: "Obligations",
  "action-items": "Open action items",
  data: "Data freshness",
  other: "Other business",
};

export const PARTY_LABELS = { district: "District", vendor: "Vendor", other: "Other" } as const;

/** Whether the role may change check-ins (the server's write:check-ins). */
export function mayWriteCheckIns(role: Role): boolean {
  return role === "district_admin" || role === "vendor_user";
}

const seg = encodeURIComponent;
const base = (d: string, c: string) => `${contractApiPath(d, c)}/check-ins`;
const one = (d: string, c: string, id: string) => `${base(d, c)}/${seg(id)}`;

export const checkInCalls = {
  list: (api: ApiClient, d: string, c: string) => api.request<CheckInList>("GET", base(d, c)),
  schedule: (
    api: ApiClient,
    d: string,
    c: string,
    body: { every: number; unit: "week" | "month"; startsOn: string },
  ) =>
    api.request<CheckInList & { created: number; removed: number }>(
      "PUT",
      `${contractApiPath(d, c)}/check-in-schedule`,
      body,
    ),
  add: (api: ApiClient, d: string, c: string, scheduledOn: string) =>
    api.request<CheckIn>("POST", base(d, c), { scheduledOn }),
  get: (api: ApiClient, d: string, c: string, id: string) => api.request<CheckIn>("GET", one(d, c, id)),
  change: (
    api: ApiClient,
    d: string,
    c: string,
    id: string,
    body: { scheduledOn: string } | { cancelReason: string },
  ) => api.request<CheckIn>("PATCH", one(d, c, id), body),
  prepare: (api: ApiClient, d: string, c: string, id: string) =>
    api.request<CheckIn>("POST", `${one(d, c, id)}/agenda`),
  editAgenda: (
    api: ApiClient,
    d: string,
    c: string,
    id: string,
    items: readonly { itemId?: string; section: AgendaSection; title: string; detail: string }[],
  ) => api.request<CheckIn>("PUT", `${one(d, c, id)}/agenda`, { items }),
  saveMinutes: (api: ApiClient, d: string, c: string, id: string, minutes: Minutes) =>
    api.request<CheckIn>("PUT", `${one(d, c, id)}/minutes`, minutes),
  finalise: (api: ApiClient, d: string, c: string, id: string) =>
    api.request<CheckIn>("POST", `${one(d, c, id)}/minutes/finalise`),
  addNote: (api: ApiClient, d: string, c: string, id: string, body: string) =>
    api.request<CheckIn>("POST", `${one(d, c, id)}/notes`, { body }),
  addActionItem: (
    api: ApiClient,
    d: string,
    c: string,
    id: string,
    body: { description: string; ownerParty: Party; ownerName: string; dueOn: string },
  ) => api.request<ActionItem>("POST", `${one(d, c, id)}/action-items`, body),
  changeActionItem: (
    api: ApiClient,
    d: string,
    c: string,
    item: ActionItem,
    body: { status: ActionStatus; note?: string },
  ) =>
    api.request<ActionItem>(
      "PATCH",
      `${one(d, c, item.checkInId)}/action-items/${seg(item.actionItemId)}`,
      body,
    ),
};
