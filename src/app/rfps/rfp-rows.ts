/**
 * RFPs and proposals as stored, read under the acting organization (row-level security
 * decides what it sees: db/migrations/0022_rfps_proposals.sql). An RFP is open for
 * proposals while it is published and its due date, if set, has not passed (UTC days).
 */
import type { SqlRunner } from "../ports/db.js";
import type { Actor } from "../auth/actor.js";
import type { Cents } from "../../core/money.js";
import type { RfpDocument } from "../../core/rfp/rfp-document.js";

export type RfpStatus = "draft" | "published" | "closed" | "awarded";
export type ProposalStatus = "submitted" | "withdrawn" | "awarded" | "notSelected";

export interface RfpRow {
  readonly districtId: string;
  readonly rfpId: string;
  readonly title: string;
  readonly status: RfpStatus;
  readonly termsSource: string;
  readonly document: RfpDocument;
  readonly sourceContractId: string | null;
  readonly proposalsDueOn: string | null;
  readonly revision: number;
  readonly createdAt: string;
  readonly publishedAt: string | null;
  readonly closedAt: string | null;
  readonly awardedAt: string | null;
  readonly awardedProposalId: string | null;
  readonly awardedContractId: string | null;
}

export interface ProposalRow {
  readonly districtId: string;
  readonly rfpId: string;
  readonly proposalId: string;
  readonly vendorId: string;
  readonly vendorName: string;
  readonly status: ProposalStatus;
  readonly narrative: string;
  readonly evidence: string;
  readonly rateCardSource: string;
  readonly priceCents: Cents;
  readonly revision: number;
  readonly submittedAt: string;
  readonly revisedAt: string;
  readonly withdrawnAt: string | null;
}

export interface ScoreRow {
  readonly proposalId: string;
  readonly criterionKey: string;
  readonly points: number;
  readonly comment: string;
  readonly scoredBy: string;
  readonly scoredAt: string;
}

const RFP_COLUMNS = `district_id, rfp_id, title, status, terms_source, document::text AS document,
  source_contract_id, proposals_due_on, revision, created_at, published_at, closed_at, awarded_at,
  awarded_proposal_id, awarded_contract_id`;

function rfpOf(r: Record<string, unknown>): RfpRow {
  return {
    districtId: r.district_id as string,
    rfpId: r.rfp_id as string,
    title: r.title as string,
    status: r.status as RfpStatus,
    termsSource: r.terms_source as string,
    document: JSON.parse(r.document as string) as RfpDocument,
    sourceContractId: r.source_contract_id as string | null,
    proposalsDueOn: r.proposals_due_on as string | null,
    revision: r.revision as number,
    createdAt: r.created_at as string,
    publishedAt: r.published_at as string | null,
    closedAt: r.closed_at as string | null,
    awardedAt: r.awarded_at as string | null,
    awardedProposalId: r.awarded_proposal_id as string | null,
    awardedContractId: r.awarded_contract_id as string | null,
  };
}

export async function readRfp(
  tx: SqlRunner,
  districtId: string,
  rfpId: string,
  lock = false,
): Promise<RfpRow | null> {
  const [row] = await tx.query(
    `SELECT ${RFP_COLUMNS} FROM rfps WHERE district_id = $1 AND rfp_id = $2${lock ? " FOR UPDATE" : ""}`,
    [districtId, rfpId],
  );
  return row === undefined ? null : rfpOf(row);
}

/** The RFPs the organization sees, newest first. */
export async function listRfps(tx: SqlRunner): Promise<RfpRow[]> {
  const rows = await tx.query(
    `SELECT ${RFP_COLUMNS} FROM rfps ORDER BY created_at DESC, district_id, rfp_id`,
  );
  return rows.map(rfpOf);
}

/** Whether proposals may be sent or revised on `today` (UTC day). */
export function isOpen(rfp: RfpRow, today: string): boolean {
  return rfp.status === "published" && (rfp.proposalsDueOn === null || today <= rfp.proposalsDueOn);
}

const PROPOSAL_COLUMNS = `district_id, rfp_id, proposal_id, vendor_id, vendor_name, status, narrative, evidence,
  rate_card_source, price_cents, revision, submitted_at, revised_at, withdrawn_at`;

function proposalOf(r: Record<string, unknown>): ProposalRow {
  return {
    districtId: r.district_id as string,
    rfpId: r.rfp_id as string,
    proposalId: r.proposal_id as string,
    vendorId: r.vendor_id as string,
    vendorName: r.vendor_name as string,
    status: r.status as ProposalStatus,
    narrative: r.narrative as string,
    evidence: r.evidence as string,
    rateCardSource: r.rate_card_source as string,
    priceCents: r.price_cents as Cents,
    revision: r.revision as number,
    submittedAt: r.submitted_at as string,
    revisedAt: r.revised_at as string,
    withdrawnAt: r.withdrawn_at as string | null,
  };
}

/** The proposals to an RFP the organization sees (a vendor: its own), in the order sent. */
export async function listProposals(
  tx: SqlRunner,
  districtId: string,
  rfpId: string,
): Promise<ProposalRow[]> {
  const rows = await tx.query(
    `SELECT ${PROPOSAL_COLUMNS} FROM proposals WHERE district_id = $1 AND rfp_id = $2
      ORDER BY submitted_at, vendor_id, proposal_id`,
    [districtId, rfpId],
  );
  return rows.map(proposalOf);
}

export async function readProposal(
  tx: SqlRunner,
  districtId: string,
  rfpId: string,
  proposalId: string,
  lock = false,
): Promise<ProposalRow | null> {
  const [row] = await tx.query(
    `SELECT ${PROPOSAL_COLUMNS} FROM proposals WHERE district_id = $1 AND rfp_id = $2 AND proposal_id = $3${
      lock ? " FOR UPDATE" : ""
    }`,
    [districtId, rfpId, proposalId],
  );
  return row === undefined ? null : proposalOf(row);
}

/** The scores of an RFP's proposals (the district's only: vendors see none). */
export async function listScores(tx: SqlRunner, districtId: string, rfpId: string): Promise<ScoreRow[]> {
  const rows = await tx.query(
    `SELECT proposal_id, criterion_key, points, comment, scored_by, scored_at FROM proposal_scores
      WHERE district_id = $1 AND rfp_id = $2 ORDER BY proposal_id, criterion_key`,
    [districtId, rfpId],
  );
  return rows.map((r) => ({
    proposalId: r.proposal_id as string,
    criterionKey: r.criterion_key as string,
    points: Number(r.points),
    comment: r.comment as string,
    scoredBy: r.scored_by as string,
    scoredAt: r.scored_at as string,
  }));
}

/** The name recorded-by columns keep: the user, or the API token. */
export function actorName(actor: Actor): string {
  return actor.userId ?? `token:${actor.tokenId ?? "unknown"}`;
}
