/**
 * The per-student table's rows: a student's service status, search by id, a status
 * filter and a sort by any column. Amounts are compared as bigint cents. Rows are
 * prepared once (cents parsed, status derived) so that a search or a sort over 50,000
 * students is a filter and a sort of plain values.
 */
import { parseMoneyCents } from "./money.js";
import type { StudentLine } from "./api/statements.js";

export type StudentStatus = "served" | "not-served" | "ineligible";

export const STATUS_LABELS: Readonly<Record<StudentStatus, string>> = {
  served: "Served",
  "not-served": "Eligible, not served",
  ineligible: "Ineligible",
};

export interface StudentRow {
  readonly line: StudentLine;
  readonly status: StudentStatus;
  readonly baseCents: bigint;
  readonly metricCents: ReadonlyMap<string, bigint>;
  /** The id in lower case, for search. */
  readonly searchId: string;
}

/** A column key: a fixed column or `metric:<id>` (sorted by the metric's amount). */
export type SortKey = "studentId" | "status" | "sessions" | "minutes" | "base" | `metric:${string}`;

export interface TableQuery {
  readonly search: string;
  readonly status: StudentStatus | "all";
  readonly sort: SortKey;
  readonly direction: "ascending" | "descending";
}

export const DEFAULT_QUERY: TableQuery = {
  search: "",
  status: "all",
  sort: "studentId",
  direction: "ascending",
};

function cents(value: string, what: string): bigint {
  const parsed = parseMoneyCents(value);
  if (parsed === null) throw new Error(`${what} is not money: ${JSON.stringify(value)}`);
  return parsed;
}

export function studentStatus(line: StudentLine): StudentStatus {
  if (!line.eligible) return "ineligible";
  return line.served ? "served" : "not-served";
}

export function prepareRows(lines: readonly StudentLine[]): StudentRow[] {
  return lines.map((line) => {
    const metricCents = new Map<string, bigint>();
    for (const [id, m] of Object.entries(line.metrics))
      metricCents.set(id, cents(m.amount, `${id} amount of ${line.studentId}`));
    return {
      line,
      status: studentStatus(line),
      baseCents: cents(line.base, `base of ${line.studentId}`),
      metricCents,
      searchId: line.studentId.toLowerCase(),
    };
  });
}

const STATUS_ORDER: Readonly<Record<StudentStatus, number>> = { served: 0, "not-served": 1, ineligible: 2 };

function compareBy(key: SortKey): (a: StudentRow, b: StudentRow) => number {
  const order = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
  switch (key) {
    case "studentId":
      return (a, b) =>
        a.line.studentId < b.line.studentId ? -1 : a.line.studentId > b.line.studentId ? 1 : 0;
    case "status":
      return (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
    case "sessions":
      return (a, b) => a.line.sessions - b.line.sessions;
    case "minutes":
      return (a, b) => a.line.minutes - b.line.minutes;
    case "base":
      return (a, b) => order(a.baseCents, b.baseCents);
    default: {
      const id = key.slice("metric:".length);
      // A student without the metric (ineligible) sorts below every amount.
      const none = -(1n << 62n);
      return (a, b) => order(a.metricCents.get(id) ?? none, b.metricCents.get(id) ?? none);
    }
  }
}

/** The rows matching the search and filter, in the order asked (ties keep the statement's order). */
export function queryRows(rows: readonly StudentRow[], query: TableQuery): StudentRow[] {
  const needle = query.search.trim().toLowerCase();
  const matched = rows.filter(
    (r) =>
      (query.status === "all" || r.status === query.status) && (needle === "" || r.searchId.includes(needle)),
  );
  const compare = compareBy(query.sort);
  const flip = query.direction === "ascending" ? 1 : -1;
  return matched.sort((a, b) => flip * compare(a, b));
}
