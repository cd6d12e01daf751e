/**
 * The contract lifecycle: a district drafts a contract, proposes it, both parties approve
 * its terms (it is then active), amendments are proposed and approved or withdrawn, and a
 * settled contract is closed. Every change of an existing contract names the revision it
 * was made on (If-Match with the contract's ETag) and answers the contract as it now is.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ApiEnv } from "../api-env.js";
import { needs, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { ifMatchHeaders, ifMatchRevision } from "../if-match.js";
import { problems } from "../schemas.js";
import { ContractDetailSchema, ContractParams, contractEtag, contractSummary } from "./contract-routes.js";
import { actorScope } from "../../app/auth/actor.js";
import { scopedDb } from "../../app/act-as.js";
import type { Db } from "../../app/ports/db.js";
import type { ContractDetail } from "../../app/contracts/read-contracts.js";
import type { ChangeContext, ChangeResult, ContractTarget } from "../../app/contracts/contract-change.js";
import { createDraftContract } from "../../app/contracts/create-contract.js";
import { replaceDraftTerms } from "../../app/contracts/replace-draft-terms.js";
import { closeContract, proposeContract } from "../../app/contracts/move-contract-stage.js";
import { approveTerms } from "../../app/contracts/approve-terms.js";
import { amendContract } from "../../app/contracts/amend-contract.js";
import { withdrawAmendment } from "../../app/contracts/withdraw-amendment.js";

const TermsDocument = z
  .record(z.string(), z.unknown())
  .openapi("TermsDocument", { description: "An obc-terms/1 document (shared/spec/terms-v1.md)" });
const VersionNumber = z.number().int().min(1).max(1_000_000);

const CreateContractBody = z.strictObject({ terms: TermsDocument }).openapi("CreateContract");
const ReplaceTermsBody = z.strictObject({ terms: TermsDocument }).openapi("ReplaceTerms");
const AmendBody = z
  .strictObject({ terms: TermsDocument, reason: z.string().min(1).max(500) })
  .openapi("AmendContract");
const VersionBody = z.strictObject({ version: VersionNumber }).openapi("TermsVersionChoice");
const NoBody = z.strictObject({});

const IfMatch = ifMatchHeaders("contract", '"c1-r3"');

const changed = {
  description: "The contract after the change, with its new ETag",
  headers: { ETag: { schema: { type: "string" as const } } },
  content: { "application/json": { schema: ContractDetailSchema } },
};

const createRouteDef = createRoute({
  method: "post",
  path: "/api/contracts",
  operationId: "createContract",
  tags: ["Contracts"],
  summary: "Draft a contract of the district from terms",
  description:
    "The terms must name the acting district. The vendor they name is added to the district when new. The draft's terms are version 1, proposed and approved by no one.",
  request: { body: { content: { "application/json": { schema: CreateContractBody } }, required: true } },
  responses: {
    201: { ...changed, description: "The draft, with Location and ETag" },
    ...problems(400, 401, 403, 409, 413),
  },
});

function changeRoute<B extends z.ZodType>(
  method: "post" | "put",
  path: string,
  operationId: string,
  summary: string,
  body: B,
  required: boolean,
) {
  return createRoute({
    method,
    path: `/api/districts/{districtId}/contracts/{contractId}${path}`,
    operationId,
    tags: ["Contracts"],
    summary,
    request: {
      params: ContractParams,
      headers: IfMatch,
      body: { content: { "application/json": { schema: body } }, required },
    },
    responses: { 200: changed, ...problems(400, 401, 403, 404, 409, 412, 413, 428) },
  });
}

const replaceRoute = changeRoute(
  "put",
  "/terms",
  "replaceContractTerms",
  "Replace a draft's terms (id, district and vendor stay)",
  ReplaceTermsBody,
  true,
);
const proposeRoute = changeRoute(
  "post",
  "/propose",
  "proposeContract",
  "Propose a draft to the vendor",
  NoBody,
  false,
);
const approveRoute = changeRoute(
  "post",
  "/approve",
  "approveContractTerms",
  "Approve a proposed terms version for the acting party (district or vendor)",
  VersionBody,
  true,
);
const amendRoute = changeRoute(
  "post",
  "/amendments",
  "amendContract",
  "Propose an amendment of an active contract (the next terms version)",
  AmendBody,
  true,
);
const withdrawRoute = changeRoute(
  "post",
  "/withdraw",
  "withdrawContractAmendment",
  "Withdraw a proposed amendment",
  VersionBody,
  true,
);
const closeRoute = changeRoute("post", "/close", "closeContract", "Close a settled contract", NoBody, false);

function detailBody(detail: ContractDetail): z.infer<typeof ContractDetailSchema> {
  return {
    contract: contractSummary(detail.contract),
    terms: JSON.parse(detail.termsSource) as unknown,
    versions: [...detail.versions],
  };
}

/** The contract after a change, or the problem that refused it (paths under `$.body`). */
function answer(
  c: Context<ApiEnv>,
  target: ContractTarget,
  result: ChangeResult | { kind: "created"; detail: ContractDetail },
): ContractDetail {
  switch (result.kind) {
    case "changed":
    case "unchanged":
    case "created":
      c.header("etag", contractEtag(result.detail.contract));
      return result.detail;
    case "not-found":
      throw new ApiProblem("not-found", `no contract ${target.contractId} in district ${target.districtId}`);
    case "stale":
      throw new ApiProblem(
        "precondition-failed",
        `the contract is at revision ${result.revision}: read it again and decide on what it now says`,
      );
    case "stage-conflict":
      throw new ApiProblem("stage-conflict", result.message);
    case "conflict":
      throw new ApiProblem("conflict", result.message);
    case "invalid":
      throw new ApiProblem(
        result.of === "terms" ? "invalid-terms" : "invalid-request",
        `${result.problems.length} problem(s) in the ${result.of === "terms" ? "terms" : "request"}`,
        result.problems.map((p) => ({ ...p, path: `$.body${p.path.slice(1)}` })),
      );
  }
}

function session(c: Context<ApiEnv>): { db: Db; context: ChangeContext } {
  const actor = c.get("actor");
  const deps = c.get("deps");
  return { db: scopedDb(deps.db, actorScope(actor)), context: { actor, at: deps.clock.now() } };
}

function targetOf(
  params: { districtId: string; contractId: string },
  ifMatch: string | undefined,
): ContractTarget {
  return { ...params, ifRevision: ifMatchRevision(ifMatch, params.contractId, "contract") };
}

export function registerContractLifecycleRoutes(routes: Routes): void {
  routes.add(createRouteDef, needs("write:contracts"), async (c) => {
    const { db, context } = session(c);
    const result = await createDraftContract(db, context, { terms: c.req.valid("json").terms });
    const target = { districtId: context.actor.organizationId, contractId: "", ifRevision: null };
    const detail = answer(c, target, result);
    c.header(
      "location",
      `/api/districts/${detail.contract.districtId}/contracts/${detail.contract.contractId}`,
    );
    return c.json(detailBody(detail), 201);
  });
  routes.add(replaceRoute, needs("write:contracts"), async (c) => {
    const { db, context } = session(c);
    const target = targetOf(c.req.valid("param"), c.req.valid("header")["if-match"]);
    const result = await replaceDraftTerms(db, context, target, { terms: c.req.valid("json").terms });
    return c.json(detailBody(answer(c, target, result)), 200);
  });
  routes.add(proposeRoute, needs("write:contracts"), async (c) => {
    const { db, context } = session(c);
    const target = targetOf(c.req.valid("param"), c.req.valid("header")["if-match"]);
    return c.json(detailBody(answer(c, target, await proposeContract(db, context, target))), 200);
  });
  routes.add(approveRoute, needs("approve:terms"), async (c) => {
    const { db, context } = session(c);
    const target = targetOf(c.req.valid("param"), c.req.valid("header")["if-match"]);
    const result = await approveTerms(db, context, target, { version: c.req.valid("json").version });
    return c.json(detailBody(answer(c, target, result)), 200);
  });
  routes.add(amendRoute, needs("write:contracts"), async (c) => {
    const { db, context } = session(c);
    const target = targetOf(c.req.valid("param"), c.req.valid("header")["if-match"]);
    const result = await amendContract(db, context, target, c.req.valid("json"));
    return c.json(detailBody(answer(c, target, result)), 200);
  });
  routes.add(withdrawRoute, needs("write:contracts"), async (c) => {
    const { db, context } = session(c);
    const target = targetOf(c.req.valid("param"), c.req.valid("header")["if-match"]);
    const result = await withdrawAmendment(db, context, target, { version: c.req.valid("json").version });
    return c.json(detailBody(answer(c, target, result)), 200);
  });
  routes.add(closeRoute, needs("write:contracts"), async (c) => {
    const { db, context } = session(c);
    const target = targetOf(c.req.valid("param"), c.req.valid("header")["if-match"]);
    return c.json(detailBody(answer(c, target, await closeContract(db, context, target))), 200);
  });
}
