/**
 * Feeds the stored sessions of some contracts into a data set. A contract whose rollups
 * (session_rollups, kept by every import: the attended sessions inside the period) fit
 * its counting range `[period.start, min(period.end, asOf)]` is read from them: one row
 * a student instead of every session. Otherwise (an interim settlement with later
 * sessions) its sessions are read one contract at a time, in import order.
 */
import type { SqlRunner } from "./ports/db.js";
import type { DataSet } from "../core/data/data-set.js";
import type { Terms } from "../core/terms/types.js";
import { minDate, type IsoDate } from "../core/date.js";

type Rollup = {
  contract_id: string;
  student_id: string;
  sessions: number;
  minutes: bigint;
  first_on: IsoDate;
  last_on: IsoDate;
  top_tutor_sessions: number;
  counted_from: IsoDate;
  counted_to: IsoDate;
};

export async function readSessionStats(
  db: SqlRunner,
  districtId: string,
  contracts: readonly Terms[],
  asOf: (terms: Terms) => IsoDate,
  data: DataSet,
): Promise<void> {
  const rollups = await db.query<Rollup>(
    `SELECT contract_id, student_id, sessions, minutes, first_on, last_on,
            top_tutor_sessions, counted_from, counted_to
       FROM session_rollups
      WHERE district_id = $1 AND contract_id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    [districtId, JSON.stringify(contracts.map((t) => t.contractId))],
  );
  const byContract = new Map<string, Rollup[]>();
  for (const r of rollups) {
    const list = byContract.get(r.contract_id);
    if (list === undefined) byContract.set(r.contract_id, [r]);
    else list.push(r);
  }
  for (const terms of contracts) {
    const from = terms.period.start;
    const to = minDate(terms.period.end, asOf(terms));
    const own = byContract.get(terms.contractId) ?? [];
    // Rollups count the sessions inside the period they name: they serve when that is
    // this period and no counted session lies after the end of the counting range.
    if (own.every((r) => r.counted_from === from && r.counted_to === terms.period.end && r.last_on <= to)) {
      for (const r of own)
        data.addSessionStats(terms.contractId, r.student_id, {
          sessions: r.sessions,
          minutes: Number(r.minutes),
          topTutorSessions: r.top_tutor_sessions,
        });
    } else {
      await readSessions(db, districtId, terms.contractId, data);
    }
  }
}

async function readSessions(
  db: SqlRunner,
  districtId: string,
  contractId: string,
  data: DataSet,
): Promise<void> {
  const rows = await db.query<{
    session_id: string | null;
    student_id: string;
    tutor_id: string | null;
    session_date: IsoDate;
    minutes: number;
    attended: boolean;
    group_size: number | null;
  }>(
    `SELECT session_id, student_id, tutor_id, session_date, minutes, attended, group_size
       FROM service_sessions WHERE district_id = $1 AND contract_id = $2
      ORDER BY batch_id, source_line`,
    [districtId, contractId],
  );
  for (const s of rows)
    data.addSession({
      sessionId: s.session_id,
      contractId,
      studentId: s.student_id,
      tutorId: s.tutor_id,
      sessionDate: s.session_date,
      minutes: s.minutes,
      attended: s.attended,
      groupSize: s.group_size,
    });
}
