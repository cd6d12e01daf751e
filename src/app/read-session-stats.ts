/**
 * Feeds the stored sessions of some contracts into a data set, one contract at a time
 * (so memory holds one contract's rows), in import order.
 */
import type { SqlRunner } from "./ports/db.js";
import type { DataSet } from "../core/data/data-set.js";
import type { Terms } from "../core/terms/types.js";
import type { IsoDate } from "../core/date.js";

export async function readSessionStats(
  db: SqlRunner,
  districtId: string,
  contracts: readonly Terms[],
  data: DataSet,
): Promise<void> {
  for (const terms of contracts) {
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
      [districtId, terms.contractId],
    );
    for (const s of rows)
      data.addSession({
        sessionId: s.session_id,
        contractId: terms.contractId,
        studentId: s.student_id,
        tutorId: s.tutor_id,
        sessionDate: s.session_date,
        minutes: s.minutes,
        attended: s.attended,
        groupSize: s.group_size,
      });
  }
}
