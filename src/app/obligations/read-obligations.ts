/**
 * A contract's obligations as the acting organization sees them: every obligation of the
 * terms version that applies (the latest approved, else the latest), both parties', with
 * its recorded status (obligation_statuses: from an obligations file or the API), the
 * history of that status, its evidence files and its plan (obligation_plans): the owner
 * and the due date district staff set. obc-terms/1 gives obligations no due date, so an
 * obligation without one is due at the period's end (`dueOnSource` "periodEnd").
 *
 * Settlement takes the status of a manual obligation from here; a measured one
 * (enrolledStudents, servedStudents) is computed from the population when settling.
 */
import type { SqlRunner } from "../ports/db.js";
import { parseTerms } from "../../core/terms/parse-terms.js";
import type { Obligation, Party } from "../../core/terms/types.js";
import { formatTrimmed } from "../../core/ratio.js";
import type { IsoDate } from "../../core/date.js";
import { readStatusHistory, type StatusHistoryEntry } from "./obligation-history.js";
import { readObligationPlans, type ObligationOwner } from "./obligation-plans.js";

export interface EvidenceFile {
  readonly evidenceId: bigint;
  readonly fileName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly uploadedBy: string;
  readonly uploadedAt: string;
}

export interface ObligationView {
  readonly obligationId: string;
  readonly party: Party;
  readonly description: string;
  readonly measure: { readonly kind: Obligation["measure"]["kind"]; readonly min: number | null };
  readonly consequence: { readonly kind: Obligation["consequence"]["kind"]; readonly percent: string | null };
  readonly status: "met" | "notMet" | null;
  readonly evidence: string | null;
  /** The batch that recorded the status (an obligations file, or an `api-obligation` change). */
  readonly statusBatchId: bigint | null;
  readonly evidenceFiles: readonly EvidenceFile[];
  readonly owner: ObligationOwner | null;
  /** The due date set, else the period's end. */
  readonly dueOn: IsoDate;
  readonly dueOnSource: "plan" | "periodEnd";
  /** Every status recorded, newest first. */
  readonly history: readonly StatusHistoryEntry[];
}

export interface ContractObligations {
  readonly termsVersion: number;
  readonly period: { readonly start: IsoDate; readonly end: IsoDate };
  readonly obligations: readonly ObligationView[];
}

/** The obligations, or null when the organization sees no such contract. */
export async function readObligations(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
): Promise<ContractObligations | null> {
  const [terms] = await tx.query<{ version: number; terms_source: string }>(
    `SELECT v.version, v.terms_source FROM contracts c
       JOIN LATERAL (SELECT version, terms_source FROM contract_terms_versions t
                      WHERE t.district_id = c.district_id AND t.contract_id = c.contract_id
                      ORDER BY (t.status = 'approved') DESC, t.version DESC LIMIT 1) v ON true
      WHERE c.district_id = $1 AND c.contract_id = $2`,
    [districtId, contractId],
  );
  if (terms === undefined) return null;
  const parsed = parseTerms(JSON.parse(terms.terms_source) as unknown);
  if (!parsed.ok) throw new Error(`stored terms of contract ${contractId} do not parse`);
  const statuses = await tx.query<{
    obligation_id: string;
    status: "met" | "notMet";
    evidence: string | null;
    batch_id: bigint;
  }>(
    `SELECT obligation_id, status, evidence, batch_id FROM obligation_statuses
      WHERE district_id = $1 AND contract_id = $2`,
    [districtId, contractId],
  );
  const files = await tx.query<{
    evidence_id: bigint;
    obligation_id: string;
    file_name: string;
    media_type: string;
    size_bytes: number;
    content_sha256: string;
    uploaded_by: string;
    uploaded_at: string;
  }>(
    `SELECT evidence_id, obligation_id, file_name, media_type, size_bytes, content_sha256, uploaded_by,
            uploaded_at
       FROM obligation_evidence WHERE district_id = $1 AND contract_id = $2 ORDER BY evidence_id`,
    [districtId, contractId],
  );
  const plans = await readObligationPlans(tx, districtId, contractId);
  const history = await readStatusHistory(tx, districtId, contractId);
  const period = parsed.terms.period;
  const obligations = parsed.terms.obligations.map((o): ObligationView => {
    const status = statuses.find((s) => s.obligation_id === o.id);
    const plan = plans.get(o.id);
    return {
      obligationId: o.id,
      party: o.party,
      description: o.description,
      measure: { kind: o.measure.kind, min: o.measure.kind === "manual" ? null : o.measure.min },
      consequence: {
        kind: o.consequence.kind,
        percent: o.consequence.kind === "reduceOutcomePercent" ? formatTrimmed(o.consequence.percent) : null,
      },
      status: status?.status ?? null,
      evidence: status?.evidence ?? null,
      statusBatchId: status?.batch_id ?? null,
      evidenceFiles: files
        .filter((f) => f.obligation_id === o.id)
        .map((f) => ({
          evidenceId: f.evidence_id,
          fileName: f.file_name,
          mediaType: f.media_type,
          sizeBytes: f.size_bytes,
          sha256: f.content_sha256,
          uploadedBy: f.uploaded_by,
          uploadedAt: f.uploaded_at,
        })),
      owner: plan?.owner ?? null,
      dueOn: plan?.dueOn ?? period.end,
      dueOnSource: (plan?.dueOn ?? null) === null ? "periodEnd" : "plan",
      history: history.get(o.id) ?? [],
    };
  });
  return { termsVersion: terms.version, period: { start: period.start, end: period.end }, obligations };
}
