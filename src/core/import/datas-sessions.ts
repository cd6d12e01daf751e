/**
 * DATAS tutoring sessions (`student_id,session_topic,session_date,session_duration,
 * session_ratio,tutor_id`, plus the optional columns of the earlier DATAS draft) to
 * canonical `SessionRecord`s. Pure: the adapter feeds rows; each row becomes a record
 * or one `RowProblem` naming the column and the reason.
 *
 * Mapping (decisions, see test/importers/datas.test.ts for the golden cases):
 * - contract_id: DATAS has none; the caller assigns one (`accord import --contract`).
 * - session_date: `YYYY-MM-DD`, optionally with a time (`2026-09-08 10:30:00`,
 *   `...T10:30:00Z`); the date is taken as written, with no time-zone shift. US dates
 *   (`9/8/2026`) are rejected, not guessed.
 * - minutes: `session_duration` (whole minutes, 0..1440); when it is empty, the
 *   difference of `session_start_time` and `session_end_time` (HH:MM[:SS] or a date-time
 *   on the session date), which must be whole minutes. A duration wins over times.
 * - attended: `attendance_status` (or `session_status`, `attendance`, `status`), see
 *   `DATAS_ATTENDANCE`; an empty cell or no column = attended (data-v1 default).
 *   `scheduled` and any other value are rejected: a session not yet held is not a
 *   delivered one, and an unknown word is not guessed at.
 * - group_size: `group_size`, else `session_ratio` read as tutors:students with one
 *   tutor (`1:3` = three students). A ratio with more than one tutor is rejected: the
 *   DATAS dictionary calls the ratio student:tutor, so its direction is ambiguous there.
 * - session_id, tutor_id: passed through when present (empty = null).
 * - session_topic is not part of a session record and is not checked.
 */
import type { SessionRecord } from "../data/records.js";
import type { RowProblem } from "../problem.js";
import type { IsoDate } from "../date.js";
import { CellError, parseClockCell, parseDateTimeCell, parseIntegerCell, show } from "../data/cells.js";
import { datasCell, datasColumn, type DatasColumn, type DatasIndex } from "./datas-header.js";

export const DATAS_SESSION_COLUMNS: readonly DatasColumn[] = [
  { name: "student_id", required: true },
  { name: "session_date", aliases: ["session_datetime"], required: true },
  { name: "session_duration", aliases: ["attended_minutes"] },
  { name: "session_start_time", aliases: ["actual_session_start_time"] },
  { name: "session_end_time", aliases: ["actual_session_end_time"] },
  { name: "session_ratio" },
  { name: "group_size" },
  { name: "tutor_id" },
  { name: "session_id" },
  { name: "attendance_status", aliases: ["session_status", "attendance", "status"] },
];

/** Attendance words (case-insensitive) and what they mean for `attended`. */
export const DATAS_ATTENDANCE: ReadonlyMap<string, boolean> = new Map([
  ["present", true],
  ["attended", true],
  ["in attendance", true],
  ["completed", true],
  ["tardy", true],
  ["late", true],
  ["absent", false],
  ["no-show", false],
  ["no show", false],
  ["excused absence", false],
  ["unexcused absence", false],
  ["canceled", false],
  ["cancelled", false],
]);

export interface DatasSessionContext {
  readonly file: string;
  readonly contractId: string;
  readonly index: DatasIndex;
}

class Reject {
  constructor(
    readonly name: string,
    readonly code: string,
    readonly message: string,
  ) {}
}

export function mapDatasSessionRow(
  ctx: DatasSessionContext,
  fields: readonly string[],
  line: number,
): SessionRecord | RowProblem {
  const result = mapRow(ctx, (name) => datasCell(ctx.index, fields, name));
  if (!(result instanceof Reject)) return result;
  return {
    file: ctx.file,
    line,
    column: datasColumn(ctx.index, result.name),
    code: result.code,
    message: result.message,
  };
}

function mapRow(ctx: DatasSessionContext, cell: (name: string) => string): SessionRecord | Reject {
  const studentId = cell("student_id");
  if (studentId === "") return new Reject("student_id", "required", "student_id is required");
  const when = parseDateTimeCell(cell("session_date"));
  if (when instanceof CellError) return fail("session_date", when, cell("session_date") === "");
  const minutes = sessionMinutes(cell, when.date);
  if (minutes instanceof Reject) return minutes;
  const attended = attendance(cell("attendance_status"));
  if (attended instanceof Reject) return attended;
  const groupSize = groupSizeOf(cell);
  if (groupSize instanceof Reject) return groupSize;
  const tutorId = cell("tutor_id");
  const sessionId = cell("session_id");
  return {
    sessionId: sessionId === "" ? null : sessionId,
    contractId: ctx.contractId,
    studentId,
    tutorId: tutorId === "" ? null : tutorId,
    sessionDate: when.date,
    minutes,
    attended,
    groupSize,
  };
}

function fail(name: string, error: CellError, empty = false): Reject {
  return empty
    ? new Reject(name, "required", `${name} is required`)
    : new Reject(name, error.code, `${name}: ${error.message}`);
}

function sessionMinutes(cell: (name: string) => string, date: IsoDate): number | Reject {
  const duration = cell("session_duration");
  if (duration !== "") {
    const minutes = parseIntegerCell(duration, 0, 1440);
    return minutes instanceof CellError ? fail("session_duration", minutes) : minutes;
  }
  const start = cell("session_start_time");
  const end = cell("session_end_time");
  if (start === "" || end === "") {
    return new Reject(
      "session_duration",
      "required",
      "session_duration is required (or both session_start_time and session_end_time)",
    );
  }
  const from = secondOfSessionDay("session_start_time", start, date);
  if (from instanceof Reject) return from;
  const to = secondOfSessionDay("session_end_time", end, date);
  if (to instanceof Reject) return to;
  if (to < from)
    return new Reject("session_end_time", "time-order", "session_end_time is before session_start_time");
  if ((to - from) % 60 !== 0) {
    return new Reject(
      "session_end_time",
      "not-whole-minutes",
      "session_end_time - session_start_time is not a whole number of minutes",
    );
  }
  return (to - from) / 60;
}

function secondOfSessionDay(name: string, value: string, date: IsoDate): number | Reject {
  if (value.length <= 8) {
    const clock = parseClockCell(value);
    return clock instanceof CellError ? fail(name, clock) : clock;
  }
  const at = parseDateTimeCell(value);
  if (at instanceof CellError) return fail(name, at);
  if (at.date !== date || at.secondOfDay === null) {
    return new Reject(name, "bad-time", `${name} must be a time on the session date ${date}`);
  }
  return at.secondOfDay;
}

function attendance(value: string): boolean | Reject {
  if (value === "") return true;
  const attended = DATAS_ATTENDANCE.get(value.toLowerCase());
  if (attended !== undefined) return attended;
  const known = [...DATAS_ATTENDANCE.keys()].join(", ");
  return new Reject(
    "attendance_status",
    "bad-status",
    `attendance_status ${show(value)} is not one of: ${known}`,
  );
}

function groupSizeOf(cell: (name: string) => string): number | null | Reject {
  const size = cell("group_size");
  if (size !== "") {
    const n = parseIntegerCell(size, 1, 1_000_000);
    return n instanceof CellError ? fail("group_size", n) : n;
  }
  const ratio = cell("session_ratio");
  if (ratio === "") return null;
  const m = /^(\d+) ?: ?(\d+)$/.exec(ratio);
  const students = m?.[1] === "1" ? parseIntegerCell(m[2] ?? "", 1, 1_000_000) : null;
  if (typeof students === "number") return students;
  return new Reject(
    "session_ratio",
    "bad-ratio",
    `session_ratio ${show(ratio)} is not one tutor to N students, like "1:3"`,
  );
}
