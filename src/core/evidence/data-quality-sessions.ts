/**
 * Data quality checks on a contract's sessions, from per-student counts: sessions dated
 * outside the contract period (they count for nothing), of students not in the roster,
 * of students not enrolled in the contract, and rows repeating a session id.
 */
import type { IsoDate } from "../date.js";
import type { DataQualityInput, Finding, SessionFact, SessionSummary } from "./data-quality-types.js";
import { finding } from "./data-quality-finding.js";

/** Session rows summed per student, in the order students first appear. */
export function summariseSessions(
  rows: readonly SessionFact[],
  period: { readonly start: IsoDate; readonly end: IsoDate },
): SessionSummary[] {
  const byStudent = new Map<string, { sessions: number; outsidePeriod: number; repeatedIds: number }>();
  const seen = new Set<string>();
  for (const row of rows) {
    let s = byStudent.get(row.studentId);
    if (s === undefined)
      byStudent.set(row.studentId, (s = { sessions: 0, outsidePeriod: 0, repeatedIds: 0 }));
    s.sessions++;
    if (row.sessionDate < period.start || row.sessionDate > period.end) s.outsidePeriod++;
    if (row.sessionId !== null) {
      if (seen.has(row.sessionId)) s.repeatedIds++;
      seen.add(row.sessionId);
    }
  }
  return [...byStudent].map(([studentId, s]) => ({ studentId, ...s }));
}

export function checkSessions(
  input: DataQualityInput,
  known: (id: string) => boolean,
  enrolled: ReadonlyMap<string, unknown>,
  findings: Finding[],
): void {
  const { start, end } = input.terms.period;
  const tally = () => ({ count: 0, ids: [] as string[] });
  const outside = tally();
  const unknown = tally();
  const notEnrolled = tally();
  const repeated = tally();
  const count = (t: ReturnType<typeof tally>, id: string, n: number) => {
    if (n <= 0) return;
    t.count += n;
    t.ids.push(id);
  };
  for (const s of input.sessions) {
    count(outside, s.studentId, s.outsidePeriod);
    if (!known(s.studentId)) count(unknown, s.studentId, s.sessions);
    else if (!enrolled.has(s.studentId)) count(notEnrolled, s.studentId, s.sessions);
    count(repeated, s.studentId, s.repeatedIds);
  }
  const add = (code: Finding["code"], t: ReturnType<typeof tally>, message: string) => {
    if (t.count > 0) findings.push(finding(code, "warning", t.count, t.ids, "sessions", message));
  };
  add(
    "session-outside-period",
    outside,
    `${outside.count} sessions are dated outside the contract period ${start} .. ${end} and count for nothing`,
  );
  add("session-unknown-student", unknown, `${unknown.count} sessions are of students not in the roster`);
  add(
    "session-not-enrolled",
    notEnrolled,
    `${notEnrolled.count} sessions are of students not enrolled in the contract`,
  );
  add(
    "duplicate-session-id",
    repeated,
    `${repeated.count} sessions repeat a session id of the contract (the later row replaces the earlier)`,
  );
}
