/**
 * Evidence files of an obligation: uploaded (kept in the store with their SHA-256, size
 * and media type) and downloaded, each audited in its transaction (`evidence.upload`,
 * `evidence.download`). District staff who write data add evidence to any obligation of
 * their contracts; a vendor only to its own obligations (party "vendor") of its own
 * contracts (row-level security hides the others').
 */
import { createHash } from "node:crypto";
import type { SqlRunner } from "../ports/db.js";
import { storedTime } from "../ports/clock.js";
import type { Actor } from "../auth/actor.js";
import { actorAudit } from "../auth/actor-audit.js";
import { can } from "../auth/roles.js";
import { appendAudit } from "../audit-log.js";
import type { EvidenceFile } from "./read-obligations.js";
import { readObligation } from "./set-obligation-status.js";

/** The largest evidence file accepted. */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

interface EvidenceTarget {
  readonly actor: Actor;
  readonly at: Date;
  readonly districtId: string;
  readonly contractId: string;
  readonly obligationId: string;
}

export type AddEvidenceResult =
  | { readonly kind: "not-found" }
  | { readonly kind: "forbidden" }
  | { readonly kind: "added"; readonly file: EvidenceFile };

export async function addEvidence(
  tx: SqlRunner,
  request: EvidenceTarget & {
    readonly fileName: string;
    readonly mediaType: string;
    readonly content: Buffer;
  },
): Promise<AddEvidenceResult> {
  const { actor, districtId, contractId, obligationId, content } = request;
  const obligation = await readObligation(tx, districtId, contractId, obligationId);
  if (obligation === null) return { kind: "not-found" };
  if (!can(actor.role, "write:data") && !(actor.orgKind === "vendor" && obligation.party === "vendor"))
    return { kind: "forbidden" };
  const sha256 = createHash("sha256").update(content).digest("hex");
  const uploadedBy = actor.userId ?? actor.tokenId ?? actor.organizationId;
  const uploadedAt = storedTime(request.at);
  const [row] = await tx.query<{ evidence_id: bigint }>(
    `INSERT INTO obligation_evidence (district_id, contract_id, obligation_id, file_name, media_type, size_bytes,
                                      content_sha256, content, uploaded_by, uploaded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, decode($8, 'base64'), $9, $10) RETURNING evidence_id`,
    [
      districtId,
      contractId,
      obligationId,
      request.fileName,
      request.mediaType,
      content.byteLength,
      sha256,
      content.toString("base64"),
      uploadedBy,
      uploadedAt,
    ],
  );
  if (row === undefined) throw new Error("obligation_evidence returned no evidence_id");
  await appendAudit(
    tx,
    {
      ...actorAudit(
        actor,
        "evidence.upload",
        { type: "evidence", id: String(row.evidence_id) },
        { contractId, obligationId, sizeBytes: content.byteLength, sha256 },
      ),
      districtId,
    },
    request.at,
  );
  return {
    kind: "added",
    file: {
      evidenceId: row.evidence_id,
      fileName: request.fileName,
      mediaType: request.mediaType,
      sizeBytes: content.byteLength,
      sha256,
      uploadedBy,
      uploadedAt,
    },
  };
}

/** An evidence file with its content, or null when the organization sees no such file. */
export async function downloadEvidence(
  tx: SqlRunner,
  request: EvidenceTarget & { readonly evidenceId: bigint },
): Promise<{ readonly file: EvidenceFile; readonly content: Buffer } | null> {
  const { districtId, contractId, obligationId, evidenceId } = request;
  const [row] = await tx.query<{
    file_name: string;
    media_type: string;
    size_bytes: number;
    content_sha256: string;
    uploaded_by: string;
    uploaded_at: string;
    content: string;
  }>(
    `SELECT file_name, media_type, size_bytes, content_sha256, uploaded_by, uploaded_at,
            encode(content, 'base64') AS content
       FROM obligation_evidence
      WHERE district_id = $1 AND contract_id = $2 AND obligation_id = $3 AND evidence_id = $4`,
    [districtId, contractId, obligationId, evidenceId],
  );
  if (row === undefined) return null;
  await appendAudit(
    tx,
    {
      ...actorAudit(
        request.actor,
        "evidence.download",
        { type: "evidence", id: String(evidenceId) },
        { contractId, obligationId, sizeBytes: row.size_bytes },
      ),
      districtId,
    },
    request.at,
  );
  return {
    file: {
      evidenceId,
      fileName: row.file_name,
      mediaType: row.media_type,
      sizeBytes: row.size_bytes,
      sha256: row.content_sha256,
      uploadedBy: row.uploaded_by,
      uploadedAt: row.uploaded_at,
    },
    content: Buffer.from(row.content, "base64"),
  };
}
