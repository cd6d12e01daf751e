/**
 * Requests for proposals: the district's administrator creates an RFP from draft terms,
 * edits its document while it is a draft, publishes and closes it, and awards one
 * proposal; every vendor organization reads published RFPs (and their PDF and DOCX) and
 * sends, revises and withdraws its own proposals; district administrators and analysts
 * score proposals; district staff (auditors too) read every proposal, the scores and the
 * comparison. Row-level security enforces who sees what (0022_rfps_proposals.sql).
 *
 * Creating an RFP, sending a proposal and awarding (which creates a contract draft) take
 * an Idempotency-Key. Reads and changes answer the RFP's ETag; an edit of its document
 * must send it back in If-Match (428 without, 412 when someone changed the RFP since).
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
import { utcDay } from "../../app/ports/clock.js";
import { canonicalJson, sha256Hex } from "../../app/statements/canonical-json.js";
import { parseIsoDate } from "../../core/date.js";
import { createRfp } from "../../app/rfps/create-rfp.js";
import { closeRfp, publishRfp, replaceRfpDocument, type RfpChangeResult } from "../../app/rfps/change-rfp.js";
import { listRfps, readRfp } from "../../app/rfps/rfp-rows.js";
import { rfpPdf } from "../../adapters/documents/rfp-pdf.js";
import { rfpDocx } from "../../adapters/documents/rfp-docx.js";
import { registerProposalRoutes } from "./proposal-routes.js";
import { registerProposalDecisionRoutes } from "./proposal-decision-routes.js";
import {
  CreateRfpBody,
  DistrictParams,
  DocumentBody,
  RfpDetailSchema,
  RfpParams,
  RfpSchema,
  bodyProblems,
  rfpDetailJson,
  rfpJson,
} from "./rfp-schemas.js";

const tags = ["RFPs"];
const base = "/api/districts/{districtId}/rfps/{rfpId}";

const listRoute = createRoute({
  method: "get",
  path: "/api/rfps",
  operationId: "listRfps",
  tags,
  summary: "The RFPs the organization sees: a district its own, a vendor every published one",
  responses: {
    200: {
      description: "RFPs, newest first",
      content: { "application/json": { schema: z.object({ items: z.array(RfpSchema) }).openapi("RfpList") } },
    },
    ...problems(401, 403),
  },
});

const createRfpRoute = createRoute({
  method: "post",
  path: "/api/districts/{districtId}/rfps",
  operationId: "createRfp",
  tags,
  summary: "Start an RFP (a draft) from a contract's terms or from terms sent (district administrators)",
  request: {
    params: DistrictParams,
    headers: IdempotencyHeaders,
    body: { required: true, content: { "application/json": { schema: CreateRfpBody } } },
  },
  responses: {
    201: { description: "The RFP", content: { "application/json": { schema: RfpDetailSchema } } },
    ...problems(400, 401, 403, 404, 409, 422),
  },
});

const getRoute = createRoute({
  method: "get",
  path: base,
  operationId: "getRfp",
  tags,
  summary: "An RFP with its terms and document",
  description: "The ETag names the RFP's revision; send it in If-Match with an edit of the document.",
  request: { params: RfpParams },
  responses: {
    200: {
      description: "The RFP",
      headers: { ETag: { schema: { type: "string" as const } } },
      content: { "application/json": { schema: RfpDetailSchema } },
    },
    ...problems(400, 401, 403, 404),
  },
});

const RfpAnswer = {
  200: {
    description: "The RFP after the change, with its new ETag",
    headers: { ETag: { schema: { type: "string" as const } } },
    content: { "application/json": { schema: RfpDetailSchema } },
  },
  ...problems(400, 401, 403, 404, 409),
};

const documentRoute = createRoute({
  method: "put",
  path: `${base}/document`,
  operationId: "replaceRfpDocument",
  tags,
  summary: "Replace a draft RFP's document (accord-rfp/1; problems with JSON paths)",
  request: {
    params: RfpParams,
    headers: ifMatchHeaders("RFP"),
    body: { required: true, content: { "application/json": { schema: DocumentBody } } },
  },
  responses: { ...RfpAnswer, ...problems(412, 428) },
});

function stageRoute(path: string, operationId: string, summary: string) {
  return createRoute({
    method: "post",
    path: `${base}${path}`,
    operationId,
    tags,
    summary,
    request: { params: RfpParams },
    responses: RfpAnswer,
  });
}

const publishRoute = stageRoute(
  "/publish",
  "publishRfp",
  "Publish the RFP: every vendor may read it and propose",
);
const closeRoute = stageRoute("/close", "closeRfp", "Close the RFP for proposals");

function fileRoute(extension: "pdf" | "docx", operationId: string, contentType: string) {
  return createRoute({
    method: "get",
    path: `${base}/rfp.${extension}`,
    operationId,
    tags,
    summary: `The RFP document as ${extension.toUpperCase()} (an attachment)`,
    request: { params: RfpParams },
    responses: {
      200: {
        description: `The ${extension.toUpperCase()} file`,
        content: { [contentType]: { schema: z.string().openapi({ format: "binary" }) } },
      },
      ...problems(400, 401, 403, 404),
    },
  });
}

const FILES = [
  {
    route: fileRoute("pdf", "exportRfpPdf", "application/pdf"),
    type: "application/pdf",
    write: rfpPdf,
    ext: "pdf",
  },
  {
    route: fileRoute(
      "docx",
      "exportRfpDocx",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    write: rfpDocx,
    ext: "docx",
  },
] as const;

const notFound = (p: { districtId: string; rfpId: string }) =>
  new ApiProblem("not-found", `no RFP ${p.rfpId} in district ${p.districtId}`);

function changed(c: Context<ApiEnv>, p: { districtId: string; rfpId: string }, result: RfpChangeResult) {
  if (result.kind === "not-found") throw notFound(p);
  if (result.kind === "stale")
    throw new ApiProblem(
      "precondition-failed",
      `someone else changed this RFP (it is now at revision ${result.revision}): reload it and make your edit again`,
    );
  if (result.kind === "conflict") throw new ApiProblem("conflict", result.message);
  if (result.kind === "invalid")
    throw new ApiProblem(
      "invalid-request",
      `${result.problems.length} problem(s) in the document`,
      bodyProblems(result.problems),
    );
  c.header("etag", revisionEtag(result.rfp.rfpId, result.rfp.revision));
  return c.json(rfpDetailJson(result.rfp, c.get("actor"), utcDay(c.get("deps").clock.now())), 200);
}

function validDate(value: string | undefined, path: string): string | null {
  if (value === undefined) return null;
  if (parseIsoDate(value) === null)
    throw new ApiProblem("invalid-request", "not a calendar date", [
      { path, code: "invalid-date", message: `${value} is not a calendar date` },
    ]);
  return value;
}

export function registerRfpRoutes(routes: Routes): void {
  routes.add(listRoute, needs("read:contracts"), async (c) => {
    const actor = c.get("actor");
    const today = utcDay(c.get("deps").clock.now());
    const rows = await actAs(c.get("deps").db, actorScope(actor), (tx) => listRfps(tx));
    return c.json({ items: rows.map((r) => rfpJson(r, actor, today)) }, 200);
  });

  routes.add(createRfpRoute, needs("write:rfps"), async (c) => {
    const { districtId } = c.req.valid("param");
    const body = c.req.valid("json");
    const actor = c.get("actor");
    const at = c.get("deps").clock.now();
    const issuedOn = validDate(body.issuedOn, "$.body.issuedOn");
    const proposalsDueOn = validDate(body.proposalsDueOn, "$.body.proposalsDueOn");
    const response = await runIdempotent(c, sha256Hex(canonicalJson(body)), async (tx) => {
      const result = await createRfp(tx, {
        actor,
        at,
        districtId,
        rfpId: body.rfpId,
        title: body.title,
        terms: body.terms ?? null,
        fromContract: body.fromContract ?? null,
        issuedOn,
        proposalsDueOn,
      });
      if (result.kind === "not-found") throw new ApiProblem("not-found", `no district ${districtId}`);
      if (result.kind === "conflict") throw new ApiProblem("conflict", result.message);
      if (result.kind === "invalid")
        throw new ApiProblem(
          "invalid-terms",
          `${result.problems.length} problem(s) in the terms`,
          bodyProblems(result.problems),
        );
      return { status: 201, body: rfpDetailJson(result.rfp, actor, utcDay(at)) };
    });
    return asRouteResponse(response);
  });

  routes.add(getRoute, needs("read:contracts"), async (c) => {
    const p = c.req.valid("param");
    const actor = c.get("actor");
    const rfp = await actAs(c.get("deps").db, actorScope(actor), (tx) => readRfp(tx, p.districtId, p.rfpId));
    if (rfp === null) throw notFound(p);
    c.header("etag", revisionEtag(rfp.rfpId, rfp.revision));
    return c.json(rfpDetailJson(rfp, actor, utcDay(c.get("deps").clock.now())), 200);
  });

  const target = (c: Context<ApiEnv>, p: { districtId: string; rfpId: string }) => ({
    actor: c.get("actor"),
    at: c.get("deps").clock.now(),
    ...p,
  });
  routes.add(documentRoute, needs("write:rfps"), async (c) => {
    const p = c.req.valid("param");
    const ifRevision = ifMatchRevision(c.req.valid("header")["if-match"], p.rfpId, "RFP");
    const { document } = c.req.valid("json");
    const result = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
      replaceRfpDocument(tx, { ...target(c, p), ifRevision }, document),
    );
    return changed(c, p, result);
  });
  routes.add(publishRoute, needs("write:rfps"), async (c) => {
    const p = c.req.valid("param");
    const result = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
      publishRfp(tx, target(c, p)),
    );
    return changed(c, p, result);
  });
  routes.add(closeRoute, needs("write:rfps"), async (c) => {
    const p = c.req.valid("param");
    const result = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
      closeRfp(tx, target(c, p)),
    );
    return changed(c, p, result);
  });

  for (const file of FILES)
    routes.add(file.route, needs("read:contracts"), async (c) => {
      const p = c.req.valid("param");
      const rfp = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
        readRfp(tx, p.districtId, p.rfpId),
      );
      if (rfp === null) throw notFound(p);
      const bytes = await file.write(rfp.document);
      return asRouteResponse(
        new Response(bytes, {
          status: 200,
          headers: {
            "content-type": file.type,
            "content-disposition": `attachment; filename="${rfp.rfpId}.${file.ext}"`,
          },
        }),
      );
    });

  registerProposalRoutes(routes);
  registerProposalDecisionRoutes(routes);
}
