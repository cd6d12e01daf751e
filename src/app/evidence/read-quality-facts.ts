/**
 * What the data quality report reads from the store for one contract, besides the rows
 * settlement loads (its enrolled students with their enrollment and test rows, taken from
 * the loaded data set by `qualityInput`): the contract's sessions summed per student in
 * one query (rows outside the period, repeated session ids, whether the roster knows the
 * student), and the district's import batches with the kind of file each was. Session
 * imports count for this contract only when they wrote sessions of it.
 */
import type { SqlRunner } from "../ports/db.js";
import type { Terms } from "../../core/terms/types.js";
import { importFormat } from "../../core/import/import-formats.js";
import type { QualityFacts } from "../../core/evidence/data-quality-types.js";

export { qualityInput } from "../../core/evidence/data-quality-facts.js";

/** The same facts as `dataSetQualityFacts` computes from files read into memory. */
export type StoredQualityFacts = QualityFacts;

export async function readQualityFacts(
  tx: SqlRunner,
  districtId: string,
  terms: Terms,
): Promise<StoredQualityFacts> {
  const contractId = terms.contractId;
  const [sessions, batches] = await Promise.all([
    tx.query<{
      student_id: string;
      sessions: number;
      outside_period: number;
      repeated_ids: number;
      known: boolean;
    }>(
      `SELECT s.student_id, count(*)::int AS sessions,
              count(*) FILTER (WHERE s.session_date < $3::date OR s.session_date > $4::date)::int AS outside_period,
              (count(s.session_id) - count(DISTINCT s.session_id))::int AS repeated_ids,
              EXISTS (SELECT 1 FROM students st
                       WHERE st.district_id = s.district_id AND st.student_id = s.student_id) AS known
         FROM service_sessions s
        WHERE s.district_id = $1 AND s.contract_id = $2
        GROUP BY s.district_id, s.student_id
        ORDER BY s.student_id`,
      [districtId, contractId, terms.period.start, terms.period.end],
    ),
    tx.query<{ format: string; file_name: string; imported_at: string; sessions_of_contract: boolean }>(
      `SELECT b.format, b.file_name, b.imported_at,
              EXISTS (SELECT 1 FROM session_batches sb
                       WHERE sb.district_id = b.district_id AND sb.batch_id = b.batch_id
                         AND sb.contract_id = $2) AS sessions_of_contract
         FROM import_batches b WHERE b.district_id = $1`,
      [districtId, contractId],
    ),
  ]);
  return {
    sessions: sessions.map((s) => ({
      studentId: s.student_id,
      sessions: s.sessions,
      outsidePeriod: s.outside_period,
      repeatedIds: s.repeated_ids,
    })),
    knownSessionStudents: new Set(sessions.filter((s) => s.known).map((s) => s.student_id)),
    imports: batches.flatMap((b) => {
      const kind = importFormat(b.format)?.kind;
      if (kind === undefined || (kind === "sessions" && !b.sessions_of_contract)) return [];
      return [{ kind, fileName: b.file_name, importedAt: b.imported_at }];
    }),
  };
}
