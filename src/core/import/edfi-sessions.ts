/**
 * Ed-Fi `StudentInterventionAttendanceEvent` to a canonical `SessionRecord`.
 *
 * - contract_id: passed by the caller (Ed-Fi interventions are not contracts).
 * - student_id <- `studentReference.studentUniqueId`; session_date <- `eventDate`.
 * - minutes <- `interventionDuration` (whole minutes 0..1440, required: a session
 *   without minutes counts for nothing and is rejected rather than guessed).
 * - attended <- `attendanceEventCategoryDescriptor`: In Attendance, Tardy, Early
 *   departure = attended; Excused Absence, Unexcused Absence = not; other codes are
 *   rejected. The event has no id, tutor or group size: they are null.
 */
import type { SessionRecord } from "../data/records.js";
import { CellError, parseDateCell, show } from "../data/cells.js";
import { EdfiError, EdfiReader } from "./edfi-json.js";

export const EDFI_ATTENDANCE: ReadonlyMap<string, boolean> = new Map([
  ["In Attendance", true],
  ["Tardy", true],
  ["Early departure", true],
  ["Excused Absence", false],
  ["Unexcused Absence", false],
]);

export function mapEdfiAttendanceEvent(value: unknown, contractId: string): SessionRecord | EdfiError {
  const r = new EdfiReader(value);
  const studentId = r.text("$.studentReference.studentUniqueId", true);
  if (studentId instanceof EdfiError) return studentId;
  const rawDate = r.text("$.eventDate", true);
  if (rawDate instanceof EdfiError) return rawDate;
  const sessionDate = parseDateCell(rawDate);
  if (sessionDate instanceof CellError)
    return new EdfiError("$.eventDate", sessionDate.code, sessionDate.message);
  const minutes = r.value("$.interventionDuration");
  if (minutes === undefined || minutes === null) {
    return new EdfiError("$.interventionDuration", "required", "$.interventionDuration is required");
  }
  if (typeof minutes !== "number" || !Number.isInteger(minutes) || minutes < 0 || minutes > 1440) {
    return new EdfiError(
      "$.interventionDuration",
      "bad-integer",
      "$.interventionDuration must be whole minutes in 0..1440",
    );
  }
  const category = r.descriptor("$.attendanceEventCategoryDescriptor", true);
  if (category instanceof EdfiError) return category;
  const attended = EDFI_ATTENDANCE.get(category);
  if (attended === undefined) {
    return new EdfiError(
      "$.attendanceEventCategoryDescriptor",
      "bad-status",
      `attendance category ${show(category)} is not one of: ${[...EDFI_ATTENDANCE.keys()].join(", ")}`,
    );
  }
  return {
    sessionId: null,
    contractId,
    studentId,
    tutorId: null,
    sessionDate,
    minutes,
    attended,
    groupSize: null,
  };
}
