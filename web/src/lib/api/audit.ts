/**
 * The audit log API (GET /api/audit-events): entries newest first, filtered by user,
 * object, action and a range of UTC days, a page at a time.
 */
import type { ApiClient } from "../api-client.js";

export interface AuditEvent {
  readonly seq: string;
  readonly occurredAt: string;
  readonly actorUserId: string | null;
  readonly actorName: string | null;
  readonly actorTokenId: string | null;
  readonly organizationId: string | null;
  readonly districtId: string | null;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string;
  readonly detail: unknown;
  readonly entrySha256: string;
}

export interface AuditPage {
  readonly items: readonly AuditEvent[];
  readonly nextCursor: string | null;
}

/** The filter form's values, as typed: empty means "any"; days are YYYY-MM-DD (UTC). */
export interface AuditFilters {
  readonly user: string;
  readonly objectType: string;
  readonly objectId: string;
  readonly action: string;
  readonly fromDay: string;
  readonly toDay: string;
}

export const NO_FILTERS: AuditFilters = {
  user: "",
  objectType: "",
  objectId: "",
  action: "",
  fromDay: "",
  toDay: "",
};

export interface FilterProblem {
  readonly field: keyof AuditFilters;
  readonly message: string;
}

const DAY = /^(\d{4})-(\d\d)-(\d\d)$/;

/** The day after a YYYY-MM-DD day, or null when it is not a calendar day. */
export function nextDay(day: string): string | null {
  const match = DAY.exec(day);
  if (match === null) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = new Date(Date.UTC(year, month - 1, date));
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== date) return null;
  at.setUTCDate(date + 1);
  return at.toISOString().slice(0, 10);
}

/**
 * The query string for the filters (from the start of `fromDay` to the end of `toDay`,
 * UTC), or the problems that stop it, each naming its field.
 */
export function auditQuery(
  filters: AuditFilters,
  cursor: string | null,
  limit = 50,
): { readonly query: string } | { readonly problems: readonly FilterProblem[] } {
  const problems: FilterProblem[] = [];
  const params = new URLSearchParams({ limit: String(limit) });
  const text: [keyof AuditFilters, string][] = [
    ["user", "user"],
    ["objectType", "objectType"],
    ["objectId", "objectId"],
    ["action", "action"],
  ];
  for (const [field, name] of text) {
    const value = filters[field].trim();
    if (value !== "") params.set(name, value);
  }
  const from = filters.fromDay.trim();
  const to = filters.toDay.trim();
  if (from !== "") {
    if (nextDay(from) === null)
      problems.push({ field: "fromDay", message: "give the first day as YYYY-MM-DD" });
    else params.set("from", `${from}T00:00:00Z`);
  }
  if (to !== "") {
    const after = nextDay(to);
    if (after === null) problems.push({ field: "toDay", message: "give the last day as YYYY-MM-DD" });
    else params.set("to", `${after}T00:00:00Z`);
  }
  if (problems.length === 0 && from !== "" && to !== "" && to < from)
    problems.push({ field: "toDay", message: "the last day comes before the first day" });
  if (problems.length > 0) return { problems };
  if (cursor !== null) params.set("cursor", cursor);
  return { query: params.toString() };
}

export function listAuditEvents(api: ApiClient, query: string): Promise<AuditPage> {
  return api.request("GET", `/api/audit-events?${query}`);
}

/** An entry's detail as "key: value" lines for people (values as JSON unless plain text or numbers). */
export function detailLines(detail: unknown): string[] {
  if (detail === null || detail === undefined) return [];
  if (typeof detail !== "object" || Array.isArray(detail)) return [JSON.stringify(detail)];
  return Object.entries(detail as Record<string, unknown>).map(([key, value]) => {
    const shown =
      typeof value === "string" || typeof value === "number" || typeof value === "boolean"
        ? String(value)
        : JSON.stringify(value);
    return `${key}: ${shown}`;
  });
}

/** Who acted: a user, an API token, or the system itself. */
export function actorOf(event: AuditEvent): string {
  if (event.actorUserId !== null) return event.actorName ?? event.actorUserId;
  if (event.actorTokenId !== null) return `API token ${event.actorTokenId}`;
  return "Accord (no user)";
}
