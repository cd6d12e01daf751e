/**
 * RFPs and proposals (src/api/routes/rfp-routes.ts, proposal-routes.ts). Scores arrive as
 * decimal strings with 2 decimals; money as decimal strings. Creating an RFP, sending a
 * proposal and awarding take a new Idempotency-Key each. Editing an RFP's document and
 * revising a proposal send If-Match with the revision the page read, so an edit made on a
 * stale read is refused (412, STALE_RFP / STALE_PROPOSAL) rather than overwriting
 * someone else's change.
 */
import { ApiError, type ApiClient } from "../api-client.js";
import { revisionEtag } from "../../../../src/shared/revision-etag.js";

export type RfpStatus = "draft" | "published" | "closed" | "awarded";
export type ProposalStatus = "submitted" | "withdrawn" | "awarded" | "notSelected";

export interface RfpSection {
  readonly key: string;
  readonly heading: string;
  readonly paragraphs: readonly string[];
  readonly table?: { readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };
}
export interface Criterion {
  readonly key: string;
  readonly name: string;
  readonly weight: number;
  readonly description: string;
}
export interface RfpDocument {
  readonly format: "accord-rfp/1";
  readonly title: string;
  readonly districtName: string;
  readonly issuedOn: string | null;
  readonly proposalsDueOn: string | null;
  readonly sections: readonly RfpSection[];
  readonly criteria: readonly Criterion[];
}

export interface Rfp {
  readonly districtId: string;
  readonly rfpId: string;
  readonly title: string;
  readonly status: RfpStatus;
  readonly open: boolean;
  readonly proposalsDueOn: string | null;
  readonly sourceContractId: string | null;
  readonly revision: number;
  readonly createdAt: string;
  readonly publishedAt: string | null;
  readonly closedAt: string | null;
  readonly awardedAt: string | null;
  readonly awardedProposalId: string | null;
  readonly awardedContractId: string | null;
}
export interface RfpDetail extends Rfp {
  readonly terms: Record<string, unknown>;
  readonly document: RfpDocument;
}

export interface CriterionScore {
  readonly key: string;
  readonly name: string;
  readonly weight: number;
  readonly byPrice: boolean;
  readonly points: string | null;
  readonly weighted: string | null;
  readonly comment: string | null;
  readonly scoredBy: string | null;
  readonly scoredAt: string | null;
}
export interface Evaluation {
  readonly criteria: readonly CriterionScore[];
  readonly total: string | null;
  readonly scoredSoFar: string;
}
export interface Proposal {
  readonly districtId: string;
  readonly rfpId: string;
  readonly proposalId: string;
  readonly vendorId: string;
  readonly vendorName: string;
  readonly status: ProposalStatus;
  readonly narrative: string;
  readonly evidence: string;
  readonly rateCard: unknown;
  readonly price: string;
  readonly revision: number;
  readonly submittedAt: string;
  readonly revisedAt: string;
  readonly withdrawnAt: string | null;
  readonly evaluation: Evaluation | null;
}
export interface ProposalContent {
  readonly narrative: string;
  readonly evidence: string;
  readonly rateCard: unknown;
  readonly price: string;
}
export interface Comparison {
  readonly rfpId: string;
  readonly dataFrom: string;
  readonly yearsBack: number;
  readonly lowestPrice: string | null;
  readonly criteria: readonly { key: string; name: string; weight: number; byPrice: boolean }[];
  readonly proposals: readonly {
    readonly proposalId: string;
    readonly vendorId: string;
    readonly vendorName: string;
    readonly status: ProposalStatus;
    readonly price: string;
    readonly evaluation: Evaluation;
    readonly wouldHavePaid: {
      readonly status: "previewed" | "withdrawn" | "invalid";
      readonly asOf: string | null;
      readonly enrolled: number | null;
      readonly served: number | null;
      readonly base: string | null;
      readonly outcome: string | null;
      readonly reduction: string | null;
      readonly total: string | null;
      readonly problems: readonly { path: string; code: string; message: string }[];
    };
  }[];
}

const seg = encodeURIComponent;

export function rfpApiPath(districtId: string, rfpId: string): string {
  return `/api/districts/${seg(districtId)}/rfps/${seg(rfpId)}`;
}

function key(): Record<string, string> {
  // randomUUID exists only in secure contexts (https, localhost).
  const id =
    typeof crypto !== "undefined" && "randomUUID" in crypto
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return { "idempotency-key": id };
}

export async function listRfps(api: ApiClient): Promise<Rfp[]> {
  return (await api.request<{ items: Rfp[] }>("GET", "/api/rfps")).items;
}

export function getRfp(api: ApiClient, districtId: string, rfpId: string): Promise<RfpDetail> {
  return api.request("GET", rfpApiPath(districtId, rfpId));
}

export async function createRfp(
  api: ApiClient,
  districtId: string,
  body: { rfpId: string; title: string; fromContract: string; proposalsDueOn?: string },
): Promise<RfpDetail> {
  return (await api.exchange<RfpDetail>("POST", `/api/districts/${seg(districtId)}/rfps`, body, key())).body;
}

/** What the page says when an edit was refused because the record changed since it was read. */
export const STALE_RFP = "Someone else changed this RFP since you opened it; reload to see their changes.";
export const STALE_PROPOSAL =
  "Your proposal changed since you opened it (in another window or by a colleague); reload to see it.";

/** `failure`, with the page's own words when it is a 412 (the record changed since it was read). */
function stale(failure: unknown, message: string): never {
  if (failure instanceof ApiError && failure.status === 412)
    throw new ApiError(412, failure.code, message, failure.problems);
  throw failure;
}

export async function saveDocument(api: ApiClient, rfp: Rfp, document: RfpDocument): Promise<RfpDetail> {
  const path = `${rfpApiPath(rfp.districtId, rfp.rfpId)}/document`;
  const ifMatch = { "if-match": revisionEtag(rfp.rfpId, rfp.revision) };
  try {
    return (await api.exchange<RfpDetail>("PUT", path, { document }, ifMatch)).body;
  } catch (failure) {
    return stale(failure, STALE_RFP);
  }
}

export function changeStage(api: ApiClient, rfp: Rfp, action: "publish" | "close"): Promise<RfpDetail> {
  return api.request("POST", `${rfpApiPath(rfp.districtId, rfp.rfpId)}/${action}`);
}

export async function listProposals(api: ApiClient, rfp: Rfp): Promise<Proposal[]> {
  return (
    await api.request<{ items: Proposal[] }>("GET", `${rfpApiPath(rfp.districtId, rfp.rfpId)}/proposals`)
  ).items;
}

export async function submitProposal(api: ApiClient, rfp: Rfp, content: ProposalContent): Promise<Proposal> {
  return (
    await api.exchange<Proposal>("POST", `${rfpApiPath(rfp.districtId, rfp.rfpId)}/proposals`, content, key())
  ).body;
}

export async function reviseProposal(
  api: ApiClient,
  p: Proposal,
  content: ProposalContent,
): Promise<Proposal> {
  const path = `${rfpApiPath(p.districtId, p.rfpId)}/proposals/${seg(p.proposalId)}`;
  const ifMatch = { "if-match": revisionEtag(p.proposalId, p.revision) };
  try {
    return (await api.exchange<Proposal>("PUT", path, content, ifMatch)).body;
  } catch (failure) {
    return stale(failure, STALE_PROPOSAL);
  }
}

export function withdrawProposal(api: ApiClient, p: Proposal): Promise<Proposal> {
  return api.request("POST", `${rfpApiPath(p.districtId, p.rfpId)}/proposals/${seg(p.proposalId)}/withdraw`);
}

export function scoreProposal(
  api: ApiClient,
  p: Proposal,
  scores: readonly { criterion: string; points: number; comment: string }[],
): Promise<Proposal> {
  return api.request("PUT", `${rfpApiPath(p.districtId, p.rfpId)}/proposals/${seg(p.proposalId)}/scores`, {
    scores,
  });
}

export function compareProposals(api: ApiClient, rfp: Rfp, dataFrom: string | null): Promise<Comparison> {
  const query = dataFrom === null || dataFrom === "" ? "" : `?dataFrom=${seg(dataFrom)}`;
  return api.request("GET", `${rfpApiPath(rfp.districtId, rfp.rfpId)}/comparison${query}`);
}

export async function awardProposal(
  api: ApiClient,
  p: Proposal,
  contractId: string,
): Promise<{ rfp: RfpDetail; contractId: string }> {
  const body = contractId === "" ? {} : { contractId };
  return (
    await api.exchange<{ rfp: RfpDetail; contractId: string }>(
      "POST",
      `${rfpApiPath(p.districtId, p.rfpId)}/proposals/${seg(p.proposalId)}/award`,
      body,
      key(),
    )
  ).body;
}
