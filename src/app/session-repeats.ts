/**
 * The data-v1 rule for repeated session ids, applied in SQL to the keyed sessions of
 * some contracts after a batch was appended: per (contract_id, session_id), in import
 * order (batch, then line), a row identical to the one before it changes nothing and is
 * dropped; a different row replaces what came before. The row kept is the first of the
 * last run of identical rows, so an unchanged stored row keeps its origin.
 */
import type { SqlRunner } from "./ports/db.js";
import type { WriteContext } from "./import-sql.js";

export interface Resolved {
  /** Rows of this batch that repeated the row before them. */
  readonly unchanged: number;
  /** Rows of this batch that replaced an earlier, different row. */
  readonly replaced: number;
  /** Rows deleted, of this batch or earlier ones. */
  readonly deleted: number;
}

export async function resolveRepeatedSessionIds(
  tx: SqlRunner,
  ctx: WriteContext,
  contractIds: readonly string[],
): Promise<Resolved> {
  const [result] = await tx.query<{ unchanged: string; replaced: string; deleted: string }>(
    `WITH keyed AS (
       SELECT batch_id, source_line, contract_id, session_id,
              ROW(student_id, tutor_id, session_date, minutes, attended, group_size) AS v
         FROM service_sessions
        WHERE district_id = $1 AND session_id IS NOT NULL
          AND contract_id IN (SELECT jsonb_array_elements_text($2::jsonb))
     ), marked AS (
       SELECT batch_id, source_line, contract_id, session_id,
              coalesce(lag(v) OVER w IS NOT DISTINCT FROM v, false) AS same,
              row_number() OVER w > 1 AS has_before
         FROM keyed
       WINDOW w AS (PARTITION BY contract_id, session_id ORDER BY batch_id, source_line)
     ), runs AS (
       SELECT *, sum(CASE WHEN same THEN 0 ELSE 1 END)
                   OVER (PARTITION BY contract_id, session_id ORDER BY batch_id, source_line) AS run_no
         FROM marked
     ), doomed AS (
       SELECT batch_id, source_line, contract_id, session_id
         FROM (SELECT *, max(run_no) OVER (PARTITION BY contract_id, session_id) AS last_run FROM runs) r
        WHERE same OR run_no < last_run
     ), deleted AS (
       DELETE FROM service_sessions s USING doomed d
        WHERE s.district_id = $1 AND s.batch_id = d.batch_id AND s.source_line = d.source_line
          AND s.contract_id = d.contract_id AND s.session_id = d.session_id
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM runs WHERE batch_id = $3 AND same)::text AS unchanged,
            (SELECT count(*) FROM runs WHERE batch_id = $3 AND NOT same AND has_before)::text AS replaced,
            (SELECT count(*) FROM deleted)::text AS deleted`,
    [ctx.districtId, JSON.stringify(contractIds), ctx.batchId],
  );
  return {
    unchanged: Number(result?.unchanged ?? 0),
    replaced: Number(result?.replaced ?? 0),
    deleted: Number(result?.deleted ?? 0),
  };
}
