/**
 * The input digest of a statement: what it was computed from, as one SHA-256. The same
 * digest means the same terms, the same as-of date and the same stored rows, so running
 * the settlement again would give the same statement and nothing new is issued.
 *
 * The rows are named by the files they came from: the batches that hold a row the
 * contract's settlement reads (its enrollments, sessions, obligation statuses and
 * payments; the students it enrolls and their assessment results). A corrected file
 * that replaces a row brings its batch in; a file whose rows were all unchanged does not.
 */
import type { SqlRunner } from "../ports/db.js";
import { canonicalJson, sha256Hex } from "./canonical-json.js";

export interface DigestInput {
  readonly districtId: string;
  readonly contractId: string;
  readonly termsVersion: number;
  readonly asOf: string;
}

/** SHA-256 of the file hashes of every batch holding a row the settlement reads, sorted. */
async function sourceFileHashes(tx: SqlRunner, districtId: string, contractId: string): Promise<string[]> {
  const rows = await tx.query<{ file_sha256: string }>(
    `WITH enrolled AS (
       SELECT student_id FROM enrollments WHERE district_id = $1 AND contract_id = $2
     ), used AS (
       SELECT batch_id FROM enrollments WHERE district_id = $1 AND contract_id = $2
       UNION SELECT batch_id FROM students
              WHERE district_id = $1 AND student_id IN (SELECT student_id FROM enrolled)
       UNION SELECT batch_id FROM assessment_results
              WHERE district_id = $1 AND student_id IN (SELECT student_id FROM enrolled)
       UNION SELECT batch_id FROM session_batches WHERE district_id = $1 AND contract_id = $2
       UNION SELECT batch_id FROM obligation_statuses WHERE district_id = $1 AND contract_id = $2
       UNION SELECT batch_id FROM payments WHERE district_id = $1 AND contract_id = $2
     )
     SELECT file_sha256 FROM import_batches
      WHERE district_id = $1 AND batch_id IN (SELECT batch_id FROM used)`,
    [districtId, contractId],
  );
  // Sorted here, not by the database: collations differ between servers, code points do not.
  return rows.map((r) => r.file_sha256).sort();
}

/** The digest of a settlement of `input` on what the store holds now (in the caller's transaction). */
export async function inputDigest(tx: SqlRunner, input: DigestInput): Promise<string> {
  const [terms] = await tx.query<{ terms_sha256: string }>(
    `SELECT terms_sha256 FROM contract_terms_versions
      WHERE district_id = $1 AND contract_id = $2 AND version = $3`,
    [input.districtId, input.contractId, input.termsVersion],
  );
  if (terms === undefined)
    throw new Error(`terms version ${input.termsVersion} of contract ${input.contractId} is missing`);
  const files = await sourceFileHashes(tx, input.districtId, input.contractId);
  return sha256Hex(canonicalJson({ termsSha256: terms.terms_sha256, asOf: input.asOf, files }));
}
