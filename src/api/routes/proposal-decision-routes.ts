/**
 * The district's decisions on an RFP's proposals: the comparison (district staff, auditors
 * too: price, weighted scores, what each rate card would have paid on stored data) and the
 * award (district administrators, once; Idempotency-Key, since it creates a contract draft).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { needs, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { problems } from "../schemas.js";
import { IdempotencyHeaders, asRouteResponse, runIdempotent, transactionDb } from "../idempotency.js";
import { actAs } from "../../app/act-as.js";
import { actorScope } from "../../app/auth/actor.js";
import { utcDay } from "../../app/ports/clock.js";
import { canonicalJson, sha256Hex } from "../../app/statements/canonical-json.js";
import { compareProposals } from "../../app/rfps/compare-proposals.js";
import { awardProposal } from "../../app/rfps/award-proposal.js";
import { parseIsoDate } from "../../core/date.js";
import {
  AwardBody,
  CompareQuery,
  ComparisonSchema,
  ProposalParams,
  RfpDetailSchema,
  RfpParams,
  bodyProblems,
  comparedJson,
  rfpDetailJson,
} from "./rfp-schemas.js";

const tags = ["RFPs"];
const base = "/api/districts/{districtId}/rfps/{rfpId}/proposals";

const compareRoute = createRoute({
  method: "get",
  path: "/api/districts/{districtId}/rfps/{rfpId}/comparison",
  operationId: "compareProposals",
  tags,
  summary:
    "Proposals side by side: price, weighted scores, and what each rate card would have paid on stored data",
  request: { params: RfpParams, query: CompareQuery },
  responses: {
    200: { description: "The comparison", content: { "application/json": { schema: ComparisonSchema } } },
    ...problems(400, 401, 403, 404),
  },
});

const awardRoute = createRoute({
  method: "post",
  path: `${base}/{proposalId}/award`,
  operationId: "awardProposal",
  tags,
  summary:
    "Award the RFP to this proposal: a contract draft with its rate card (district administrators; once)",
  request: {
    params: ProposalParams,
    headers: IdempotencyHeaders,
    body: { required: true, content: { "application/json": { schema: AwardBody } } },
  },
  responses: {
    201: {
      description: "The RFP as awarded and the contract draft's id",
      content: {
        "application/json": {
          schema: z.object({ rfp: RfpDetailSchema, contractId: z.string() }).openapi("RfpAward"),
        },
      },
    },
    ...problems(400, 401, 403, 404, 409, 422),
  },
});

const notFound = (p: { districtId: string; rfpId: string; proposalId?: string }) =>
  new ApiProblem(
    "not-found",
    p.proposalId === undefined
      ? `no RFP ${p.rfpId} in district ${p.districtId}`
      : `no proposal ${p.proposalId} to RFP ${p.rfpId}`,
  );

export function registerProposalDecisionRoutes(routes: Routes): void {
  routes.add(compareRoute, needs("read:contracts"), async (c) => {
    if (c.get("actor").orgKind !== "district")
      throw new ApiProblem("forbidden", "only the district's staff compare proposals");
    const p = c.req.valid("param");
    const query = c.req.valid("query");
    const asOf = query.asOf === undefined ? null : parseIsoDate(query.asOf);
    if (query.asOf !== undefined && asOf === null)
      throw new ApiProblem("invalid-request", "not a calendar date", [
        { path: "$.query.asOf", code: "invalid-date", message: `${query.asOf} is not a calendar date` },
      ]);
    const result = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
      compareProposals(tx, { ...p, dataFrom: query.dataFrom ?? null, asOf }),
    );
    if (result.kind === "not-found") throw notFound(p);
    if (result.kind === "no-data")
      throw new ApiProblem(
        "invalid-request",
        "name the contract whose stored data the rate cards are settled on",
        [
          {
            path: "$.query.dataFrom",
            code: "unknown-contract",
            message:
              result.contractId === null
                ? "this RFP was not drafted from a contract: name one of the district's contracts in dataFrom"
                : `district ${p.districtId} has no contract ${result.contractId}`,
          },
        ],
      );
    return c.json(comparedJson(result.evaluation, result.dataFrom, result.yearsBack, result.proposals), 200);
  });

  routes.add(awardRoute, needs("write:rfps"), async (c) => {
    const p = c.req.valid("param");
    const body = c.req.valid("json");
    const kind = c.get("deps").db.kind;
    const response = await runIdempotent(c, sha256Hex(canonicalJson(body)), async (tx) => {
      const result = await awardProposal(transactionDb(kind, tx), {
        actor: c.get("actor"),
        at: c.get("deps").clock.now(),
        ...p,
        contractId: body.contractId ?? null,
      });
      if (result.kind === "not-found") throw notFound(p);
      if (result.kind === "conflict") throw new ApiProblem("conflict", result.message);
      if (result.kind === "invalid")
        throw new ApiProblem(
          "invalid-terms",
          "the awarded terms are not valid",
          bodyProblems(result.problems),
        );
      return {
        status: 201,
        body: {
          rfp: rfpDetailJson(result.rfp, c.get("actor"), utcDay(c.get("deps").clock.now())),
          contractId: result.contract.contract.contractId,
        },
      };
    });
    return asRouteResponse(response);
  });
}
