/**
 * Records a contract's terms in the store: the district and vendor the terms name, the
 * contract, and a terms version. Terms are kept as received (their text and SHA-256);
 * recording the same text again changes nothing, other terms become the next version
 * with the reason given. A contract never changes vendor or district.
 */
import { createHash } from "node:crypto";
import type { Db, SqlRunner } from "./ports/db.js";
import type { TermsSource } from "./ports/offline.js";
import type { JsonProblem } from "../core/problem.js";
import { parseTerms } from "../core/terms/parse-terms.js";
import type { Terms } from "../core/terms/types.js";
import { rebuildRollups } from "./session-rollups.js";

export interface RecordContractRequest {
  readonly source: TermsSource;
  /** When given, the terms must name this district. */
  readonly districtId: string | null;
  readonly recordedBy: string;
  readonly reason: string;
}

export type RecordContractResult =
  | { readonly kind: "invalid"; readonly problems: readonly JsonProblem[] }
  | {
      readonly kind: "recorded" | "unchanged";
      readonly districtId: string;
      readonly contractId: string;
      readonly version: number;
    };

/** Any constant: with the district's hash, serialises the contract changes of one district. */
const LOCK_CLASS = 741_103;

export async function recordContract(db: Db, request: RecordContractRequest): Promise<RecordContractResult> {
  const { source } = request;
  if (source.syntaxError !== null) return { kind: "invalid", problems: [source.syntaxError] };
  const parsed = parseTerms(source.document);
  if (!parsed.ok) return { kind: "invalid", problems: parsed.problems };
  const terms = parsed.terms;
  if (request.districtId !== null && request.districtId !== terms.district.id)
    return invalid(
      "$.district.id",
      "other-district",
      `the terms are district ${terms.district.id}'s, not ${request.districtId}'s`,
    );
  const sha256 = createHash("sha256").update(source.text, "utf8").digest("hex");
  try {
    return await db.transaction((tx) => recordVersion(tx, terms, sha256, request));
  } catch (error) {
    if (error instanceof Refused) return error.result;
    throw error;
  }
}

/** Thrown inside the transaction so that nothing of a refused recording is kept. */
class Refused extends Error {
  constructor(readonly result: RecordContractResult) {
    super("refused");
  }
}

async function recordVersion(
  tx: SqlRunner,
  terms: Terms,
  sha256: string,
  request: RecordContractRequest,
): Promise<RecordContractResult> {
  await tx.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [LOCK_CLASS, terms.district.id]);
  await recordParties(tx, terms);
  const [latest] = await tx.query<{ version: number; terms_sha256: string; start: string; end: string }>(
    `SELECT version, terms_sha256, terms->'period'->>'start' AS start, terms->'period'->>'end' AS "end"
       FROM contract_terms_versions
      WHERE district_id = $1 AND contract_id = $2 ORDER BY version DESC LIMIT 1`,
    [terms.district.id, terms.contractId],
  );
  const ids = { districtId: terms.district.id, contractId: terms.contractId };
  if (latest?.terms_sha256 === sha256) return { kind: "unchanged", ...ids, version: latest.version };
  const version = (latest?.version ?? 0) + 1;
  await tx.query(
    `INSERT INTO contract_terms_versions
         (district_id, contract_id, version, terms_source, terms_sha256, terms, reason, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`,
    [
      ids.districtId,
      ids.contractId,
      version,
      request.source.text,
      sha256,
      request.source.text,
      request.reason,
      request.recordedBy,
    ],
  );
  // Session rollups count the sessions inside the period: a new period recounts them.
  if (latest !== undefined && (latest.start !== terms.period.start || latest.end !== terms.period.end))
    await rebuildRollups(tx, ids.districtId, [ids.contractId]);
  return { kind: "recorded", ...ids, version };
}

function invalid(path: string, code: string, message: string): RecordContractResult {
  return { kind: "invalid", problems: [{ path, code, message }] };
}

/** The district, vendor and contract rows the terms name; refused when they contradict the store. */
async function recordParties(tx: SqlRunner, terms: Terms): Promise<void> {
  const districtId = terms.district.id;
  // A district first created by an import is named by its id until terms name it.
  await tx.query(
    `INSERT INTO districts (district_id, name) VALUES ($1, $2)
     ON CONFLICT (district_id) DO UPDATE SET name = EXCLUDED.name
      WHERE districts.name = districts.district_id AND EXCLUDED.name <> districts.name`,
    [districtId, terms.district.name],
  );
  await tx.query(
    `INSERT INTO vendors (district_id, vendor_id, name) VALUES ($1, $2, $3)
     ON CONFLICT (district_id, vendor_id) DO UPDATE SET name = EXCLUDED.name
      WHERE vendors.name <> EXCLUDED.name`,
    [districtId, terms.vendor.id, terms.vendor.name],
  );
  const [contract] = await tx.query<{ vendor_id: string }>(
    `INSERT INTO contracts (district_id, contract_id, vendor_id, title) VALUES ($1, $2, $3, $4)
     ON CONFLICT (district_id, contract_id) DO UPDATE SET title = EXCLUDED.title
     RETURNING vendor_id`,
    [districtId, terms.contractId, terms.vendor.id, terms.title],
  );
  if (contract !== undefined && contract.vendor_id !== terms.vendor.id)
    throw new Refused(
      invalid(
        "$.vendor.id",
        "vendor-changed",
        `contract ${terms.contractId} is vendor ${contract.vendor_id}'s; terms cannot move it to ${terms.vendor.id}`,
      ),
    );
}
