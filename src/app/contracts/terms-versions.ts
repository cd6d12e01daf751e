/**
 * Terms sent to the lifecycle changes: validated by the core's `parseTerms`, kept as text
 * with their SHA-256 (as `accord contract add` keeps a file), and written as versions of a
 * contract.
 */
import { createHash } from "node:crypto";
import type { SqlRunner } from "../ports/db.js";
import { storedTime } from "../ports/clock.js";
import type { JsonProblem } from "../../core/problem.js";
import { parseTerms } from "../../core/terms/parse-terms.js";
import type { Terms } from "../../core/terms/types.js";

export interface TermsText {
  readonly terms: Terms;
  /** The document as text: what the version keeps and hashes. */
  readonly text: string;
  readonly sha256: string;
}

export type TermsReading =
  | { readonly ok: true; readonly value: TermsText }
  | { readonly ok: false; readonly problems: readonly JsonProblem[] };

/**
 * Validates a terms document that arrived at `field` of a request (`$.terms`), with every
 * problem's path under it. The text is the document re-serialised: JSON parsing keeps the
 * key order of what was sent, and obc-terms/1 gives meaning to key order, so the text
 * reads back as the same document (the jsonb copy could not).
 */
export function readTermsDocument(document: unknown, field: string): TermsReading {
  const parsed = parseTerms(document);
  if (!parsed.ok)
    return { ok: false, problems: parsed.problems.map((p) => ({ ...p, path: field + p.path.slice(1) })) };
  const text = JSON.stringify(document, null, 2);
  const sha256 = createHash("sha256").update(text, "utf8").digest("hex");
  return { ok: true, value: { terms: parsed.terms, text, sha256 } };
}

/** Problems where new terms would move a contract to another id, district or vendor. */
export function partyChanges(
  terms: Terms,
  contract: { readonly districtId: string; readonly contractId: string; readonly vendorId: string },
  field: string,
): JsonProblem[] {
  const changes: [string, string, string, string][] = [
    ["contractId", terms.contractId, contract.contractId, "contract id"],
    ["district.id", terms.district.id, contract.districtId, "district"],
    ["vendor.id", terms.vendor.id, contract.vendorId, "vendor"],
  ];
  return changes
    .filter(([, sent, stored]) => sent !== stored)
    .map(([path, sent, stored, what]) => ({
      path: `${field}.${path}`,
      code: "party-changed",
      message: `the contract's ${what} is ${stored}; terms cannot change it to ${sent}`,
    }));
}

export interface NewVersion {
  readonly districtId: string;
  readonly contractId: string;
  readonly version: number;
  readonly terms: TermsText;
  readonly reason: string;
  readonly recordedBy: string;
  readonly recordedAt: Date;
}

/** Writes a proposed version: approved by neither party yet. */
export async function insertProposedVersion(tx: SqlRunner, v: NewVersion): Promise<void> {
  await tx.query(
    `INSERT INTO contract_terms_versions
         (district_id, contract_id, version, terms_source, terms_sha256, terms, reason, recorded_by,
          recorded_at, status)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, 'proposed')`,
    [
      v.districtId,
      v.contractId,
      v.version,
      v.terms.text,
      v.terms.sha256,
      v.terms.text,
      v.reason,
      v.recordedBy,
      storedTime(v.recordedAt),
    ],
  );
}
