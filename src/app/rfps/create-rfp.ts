/**
 * Use case: a district starts an RFP (a draft) from obc-terms/1 terms: those of one of its
 * contracts (the latest version, a draft's too) or terms sent as they are. The terms are
 * kept as the RFP's, with the vendor replaced by a placeholder (no vendor is chosen yet,
 * and vendors reading the RFP must not learn who the source contract named) and the
 * contract id by the RFP's id; the RFP document is drafted from them.
 */
import type { SqlRunner } from "../ports/db.js";
import { storedTime } from "../ports/clock.js";
import type { Actor } from "../auth/actor.js";
import { actorAudit } from "../auth/actor-audit.js";
import { appendAudit } from "../audit-log.js";
import type { JsonProblem } from "../../core/problem.js";
import { parseTerms } from "../../core/terms/parse-terms.js";
import { draftRfpDocument } from "../../core/rfp/rfp-document.js";
import { actorName, readRfp, type RfpRow } from "./rfp-rows.js";

/** Who the RFP's terms name as vendor until the award puts the winner there. */
export const PLACEHOLDER_VENDOR = { id: "to-be-awarded", name: "To be awarded" } as const;

export interface CreateRfpRequest {
  readonly actor: Actor;
  readonly at: Date;
  readonly districtId: string;
  readonly rfpId: string;
  readonly title: string;
  /** Exactly one of `terms` and `fromContract`. */
  readonly terms: unknown;
  readonly fromContract: string | null;
  readonly issuedOn: string | null;
  readonly proposalsDueOn: string | null;
}

export type CreateRfpResult =
  | { readonly kind: "created"; readonly rfp: RfpRow }
  | { readonly kind: "not-found" }
  | { readonly kind: "conflict"; readonly message: string }
  | { readonly kind: "invalid"; readonly problems: readonly JsonProblem[] };

export async function createRfp(tx: SqlRunner, request: CreateRfpRequest): Promise<CreateRfpResult> {
  const { districtId, rfpId } = request;
  const [district] = await tx.query<{ name: string }>("SELECT name FROM districts WHERE district_id = $1", [
    districtId,
  ]);
  if (district === undefined || request.actor.orgKind !== "district") return { kind: "not-found" };
  const source = await sourceTerms(tx, request);
  if (!source.ok) return { kind: "invalid", problems: source.problems };
  if ((await readRfp(tx, districtId, rfpId)) !== null)
    return { kind: "conflict", message: `district ${districtId} already has an RFP ${rfpId}` };
  const document = { ...source.document, contractId: rfpId, vendor: { ...PLACEHOLDER_VENDOR } };
  const parsed = parseTerms(document);
  if (!parsed.ok) return { kind: "invalid", problems: parsed.problems.map((p) => at(source.path, p)) };
  if (parsed.terms.district.id !== districtId)
    return {
      kind: "invalid",
      problems: [
        {
          path: `${source.path}.district.id`,
          code: "other-district",
          message: `an RFP is issued by its own district; these terms are district ${parsed.terms.district.id}'s`,
        },
      ],
    };
  const rfpDocument = draftRfpDocument({
    terms: parsed.terms,
    title: request.title,
    districtName: district.name,
    issuedOn: request.issuedOn,
    proposalsDueOn: request.proposalsDueOn,
  });
  const termsSource = JSON.stringify(document, null, 2);
  await tx.query(
    `INSERT INTO rfps (district_id, rfp_id, title, status, terms_source, terms, document, source_contract_id,
                       proposals_due_on, created_by, created_at)
     VALUES ($1, $2, $3, 'draft', $4, $10::jsonb, $5::jsonb, $6, $7, $8, $9)`,
    [
      districtId,
      rfpId,
      request.title,
      termsSource,
      JSON.stringify(rfpDocument),
      request.fromContract,
      request.proposalsDueOn,
      actorName(request.actor),
      storedTime(request.at),
      termsSource,
    ],
  );
  await appendAudit(
    tx,
    actorAudit(
      request.actor,
      "rfp.create",
      { type: "rfp", id: `${districtId}/${rfpId}` },
      {
        fromContract: request.fromContract,
      },
    ),
    request.at,
  );
  const rfp = await readRfp(tx, districtId, rfpId);
  if (rfp === null) throw new Error(`RFP ${districtId}/${rfpId} vanished after it was created`);
  return { kind: "created", rfp };
}

function at(prefix: string, p: JsonProblem): JsonProblem {
  return { ...p, path: prefix + p.path.slice(1) };
}

type Source =
  | { readonly ok: true; readonly document: Record<string, unknown>; readonly path: string }
  | { readonly ok: false; readonly problems: readonly JsonProblem[] };

async function sourceTerms(tx: SqlRunner, request: CreateRfpRequest): Promise<Source> {
  const sent = request.terms !== null && request.terms !== undefined;
  if (sent === (request.fromContract !== null))
    return {
      ok: false,
      problems: [
        {
          path: "$",
          code: "one-source",
          message:
            "give either `terms` (an obc-terms/1 document) or `fromContract` (a contract of the district)",
        },
      ],
    };
  if (request.fromContract === null) {
    if (typeof request.terms !== "object" || request.terms === null || Array.isArray(request.terms))
      return {
        ok: false,
        problems: [{ path: "$.terms", code: "not-an-object", message: "terms are an object" }],
      };
    return { ok: true, document: request.terms as Record<string, unknown>, path: "$.terms" };
  }
  const [row] = await tx.query<{ terms_source: string }>(
    `SELECT terms_source FROM contract_terms_versions WHERE district_id = $1 AND contract_id = $2
      ORDER BY version DESC LIMIT 1`,
    [request.districtId, request.fromContract],
  );
  if (row === undefined)
    return {
      ok: false,
      problems: [
        {
          path: "$.fromContract",
          code: "unknown-contract",
          message: `district ${request.districtId} has no contract ${request.fromContract}`,
        },
      ],
    };
  return {
    ok: true,
    document: JSON.parse(row.terms_source) as Record<string, unknown>,
    path: "$.fromContract",
  };
}
