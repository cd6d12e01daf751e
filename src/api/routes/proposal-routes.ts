/**
 * Proposals to an RFP: a vendor sends (Idempotency-Key), revises and withdraws its own
 * while the RFP is open; anyone who sees the RFP lists the proposals it sees (a vendor its
 * own, the district all of them, with their scores); district administrators and analysts
 * score (comparison and award: proposal-decision-routes.ts). A proposal's read answers
 * its ETag; a revision must send it back in If-Match (428 without, 412 when stale).
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ApiEnv } from "../api-env.js";
import { needs, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { problems } from "../schemas.js";
import { IdempotencyHeaders, asRouteResponse, runIdempotent } from "../idempotency.js";
import { ifMatchHeaders, ifMatchRevision } from "../if-match.js";
import { revisionEtag } from "../../shared/revision-etag.js";
import { actAs } from "../../app/act-as.js";
import { actorScope } from "../../app/auth/actor.js";
import { canonicalJson, sha256Hex } from "../../app/statements/canonical-json.js";
import { listProposals, readProposal, readRfp } from "../../app/rfps/rfp-rows.js";
import {
  reviseProposal,
  submitProposal,
  withdrawProposal,
  type ProposalResult,
} from "../../app/rfps/submit-proposal.js";
import { evaluateProposals, scoreProposalByHand } from "../../app/rfps/score-proposals.js";
import {
  ProposalBody,
  ProposalParams,
  ProposalSchema,
  RfpParams,
  ScoresBody,
  bodyProblems,
  evaluationOf,
  proposalJson,
} from "./rfp-schemas.js";

const tags = ["RFPs"];
const base = "/api/districts/{districtId}/rfps/{rfpId}/proposals";

const ProposalJson = { "application/json": { schema: ProposalSchema } };
const ETagHeader = { ETag: { schema: { type: "string" as const } } };

const listRoute = createRoute({
  method: "get",
  path: base,
  operationId: "listProposals",
  tags,
  summary:
    "The proposals to an RFP the organization sees: a vendor its own, the district every one with its scores",
  request: { params: RfpParams },
  responses: {
    200: {
      description: "Proposals in the order sent",
      content: {
        "application/json": { schema: z.object({ items: z.array(ProposalSchema) }).openapi("ProposalList") },
      },
    },
    ...problems(400, 401, 403, 404),
  },
});

const submitRoute = createRoute({
  method: "post",
  path: base,
  operationId: "submitProposal",
  tags,
  summary: "Send a proposal to an open RFP (vendors; one per vendor and RFP)",
  request: {
    params: RfpParams,
    headers: IdempotencyHeaders,
    body: { required: true, content: { "application/json": { schema: ProposalBody } } },
  },
  responses: {
    201: { description: "The proposal", content: ProposalJson },
    ...problems(400, 401, 403, 404, 409, 422),
  },
});

const getRoute = createRoute({
  method: "get",
  path: `${base}/{proposalId}`,
  operationId: "getProposal",
  tags,
  summary: "A proposal (a vendor's own; the district's staff see every one, with its scores)",
  description: "The ETag names the proposal's revision; send it in If-Match with a revision.",
  request: { params: ProposalParams },
  responses: {
    200: { description: "The proposal", headers: ETagHeader, content: ProposalJson },
    ...problems(400, 401, 403, 404),
  },
});

const reviseRoute = createRoute({
  method: "put",
  path: `${base}/{proposalId}`,
  operationId: "reviseProposal",
  tags,
  summary: "Revise one's proposal while the RFP is open (a withdrawn one is sent again)",
  request: {
    params: ProposalParams,
    headers: ifMatchHeaders("proposal"),
    body: { required: true, content: { "application/json": { schema: ProposalBody } } },
  },
  responses: {
    200: { description: "The proposal, with its new ETag", headers: ETagHeader, content: ProposalJson },
    ...problems(400, 401, 403, 404, 409, 412, 428),
  },
});

const withdrawRoute = createRoute({
  method: "post",
  path: `${base}/{proposalId}/withdraw`,
  operationId: "withdrawProposal",
  tags,
  summary: "Withdraw one's proposal while the RFP is open",
  request: { params: ProposalParams },
  responses: {
    200: { description: "The proposal", content: ProposalJson },
    ...problems(400, 401, 403, 404, 409),
  },
});

const scoreRoute = createRoute({
  method: "put",
  path: `${base}/{proposalId}/scores`,
  operationId: "scoreProposal",
  tags,
  summary:
    "Score a proposal by hand, 0-5 points per criterion with a comment (district administrators and analysts)",
  request: {
    params: ProposalParams,
    body: { required: true, content: { "application/json": { schema: ScoresBody } } },
  },
  responses: {
    200: { description: "The proposal", content: ProposalJson },
    ...problems(400, 401, 403, 404, 409),
  },
});

type ProposalPath = { districtId: string; rfpId: string; proposalId?: string };
const notFound = (p: ProposalPath) =>
  new ApiProblem(
    "not-found",
    p.proposalId === undefined
      ? `no RFP ${p.rfpId} in district ${p.districtId}`
      : `no proposal ${p.proposalId} to RFP ${p.rfpId}`,
  );

function answered(p: ProposalPath, result: ProposalResult) {
  if (result.kind === "not-found") throw notFound(p);
  if (result.kind === "stale")
    throw new ApiProblem(
      "precondition-failed",
      `the proposal changed since you read it (it is now at revision ${result.revision}): reload it and make your revision again`,
    );
  if (result.kind === "conflict") throw new ApiProblem("conflict", result.message);
  if (result.kind === "invalid")
    throw new ApiProblem(
      "invalid-request",
      `${result.problems.length} problem(s) in the proposal`,
      bodyProblems(result.problems),
    );
  return proposalJson(result.proposal, null);
}

export function registerProposalRoutes(routes: Routes): void {
  const context = (c: Context<ApiEnv>) => ({ actor: c.get("actor"), at: c.get("deps").clock.now() });

  routes.add(listRoute, needs("read:contracts"), async (c) => {
    const p = c.req.valid("param");
    const actor = c.get("actor");
    const items = await actAs(c.get("deps").db, actorScope(actor), async (tx) => {
      if (actor.orgKind === "district") {
        const evaluation = await evaluateProposals(tx, p.districtId, p.rfpId);
        return evaluation?.proposals.map((item) =>
          proposalJson(item.proposal, evaluationOf(evaluation, item.proposal.proposalId)),
        );
      }
      if ((await readRfp(tx, p.districtId, p.rfpId)) === null) return undefined;
      return (await listProposals(tx, p.districtId, p.rfpId)).map((row) => proposalJson(row, null));
    });
    if (items === undefined) throw notFound(p);
    return c.json({ items }, 200);
  });

  routes.add(submitRoute, needs("write:proposals"), async (c) => {
    const p = c.req.valid("param");
    const body = c.req.valid("json");
    const response = await runIdempotent(c, sha256Hex(canonicalJson(body)), async (tx) => {
      const result = await submitProposal(tx, { ...context(c), ...p }, body);
      return { status: 201, body: answered(p, result) };
    });
    return asRouteResponse(response);
  });

  routes.add(getRoute, needs("read:contracts"), async (c) => {
    const p = c.req.valid("param");
    const actor = c.get("actor");
    const found = await actAs(c.get("deps").db, actorScope(actor), async (tx) => {
      const proposal = await readProposal(tx, p.districtId, p.rfpId, p.proposalId);
      if (proposal === null) return null;
      if (actor.orgKind !== "district") return proposalJson(proposal, null);
      const evaluation = await evaluateProposals(tx, p.districtId, p.rfpId);
      return proposalJson(proposal, evaluation === null ? null : evaluationOf(evaluation, p.proposalId));
    });
    if (found === null) throw notFound(p);
    c.header("etag", revisionEtag(found.proposalId, found.revision));
    return c.json(found, 200);
  });

  routes.add(reviseRoute, needs("write:proposals"), async (c) => {
    const p = c.req.valid("param");
    const ifRevision = ifMatchRevision(c.req.valid("header")["if-match"], p.proposalId, "proposal");
    const body = c.req.valid("json");
    const result = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
      reviseProposal(tx, { ...context(c), ...p, ifRevision }, body),
    );
    const answer = answered(p, result);
    c.header("etag", revisionEtag(answer.proposalId, answer.revision));
    return c.json(answer, 200);
  });

  routes.add(withdrawRoute, needs("write:proposals"), async (c) => {
    const p = c.req.valid("param");
    const result = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
      withdrawProposal(tx, { ...context(c), ...p }),
    );
    return c.json(answered(p, result), 200);
  });

  routes.add(scoreRoute, needs("score:proposals"), async (c) => {
    const p = c.req.valid("param");
    const { scores } = c.req.valid("json");
    const result = await actAs(c.get("deps").db, actorScope(c.get("actor")), async (tx) => {
      const scored = await scoreProposalByHand(tx, { ...context(c), ...p }, scores);
      if (scored.kind !== "scored") return scored;
      const proposal = await readProposal(tx, p.districtId, p.rfpId, p.proposalId);
      if (proposal === null) throw new Error("a scored proposal vanished");
      return {
        kind: "done" as const,
        body: proposalJson(proposal, evaluationOf(scored.evaluation, p.proposalId)),
      };
    });
    if (result.kind === "done") return c.json(result.body, 200);
    if (result.kind === "not-found") throw notFound(p);
    if (result.kind === "conflict") throw new ApiProblem("conflict", result.message);
    throw new ApiProblem(
      "invalid-request",
      `${result.problems.length} problem(s) in the scores`,
      bodyProblems(result.problems),
    );
  });
}
