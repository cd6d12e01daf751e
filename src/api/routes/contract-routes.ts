/** Contracts: the list an organization sees, and one contract with its terms versions. */
import { createRoute, z } from "@hono/zod-openapi";
import { needs, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { ID, IsoDateSchema, Money, PageQuery, decodeCursor, encodeCursor, problems } from "../schemas.js";
import { actorScope } from "../../app/auth/actor.js";
import { actAs } from "../../app/act-as.js";
import { listVisibleContracts, readContract, type ContractRow } from "../../app/contracts/read-contracts.js";
import { formatCents } from "../../core/money.js";

const STAGES = ["draft", "proposed", "active", "settled", "closed"] as const;

export const ContractSummarySchema = z
  .object({
    districtId: z.string(),
    contractId: z.string(),
    vendorId: z.string(),
    vendorName: z.string().openapi({ description: "The vendor's name" }),
    title: z.string(),
    stage: z.enum(STAGES),
    termsVersion: z.number().int(),
    maxValue: Money,
    periodStart: IsoDateSchema,
    periodEnd: IsoDateSchema,
  })
  .openapi("ContractSummary");

const ContractPageSchema = z
  .object({ items: z.array(ContractSummarySchema), nextCursor: z.string().nullable() })
  .openapi("ContractPage");

const TermsVersionSchema = z
  .object({
    version: z.number().int(),
    status: z.string(),
    reason: z.string(),
    recordedBy: z.string(),
    recordedAt: z.string(),
    districtApprovedAt: z.string().nullable(),
    vendorApprovedAt: z.string().nullable(),
    termsSha256: z.string(),
  })
  .openapi("TermsVersion");

export const ContractDetailSchema = z
  .object({
    contract: ContractSummarySchema,
    terms: z.unknown().openapi({ description: "The obc-terms/1 document of termsVersion, as recorded" }),
    versions: z.array(TermsVersionSchema),
  })
  .openapi("ContractDetail");

export const ContractParams = z.object({
  districtId: ID.openapi({ param: { name: "districtId", in: "path" } }),
  contractId: ID.openapi({ param: { name: "contractId", in: "path" } }),
});

const listRoute = createRoute({
  method: "get",
  path: "/api/contracts",
  operationId: "listContracts",
  tags: ["Contracts"],
  summary: "Contracts the organization is a party to",
  request: {
    query: PageQuery.extend({
      stage: z
        .enum(STAGES)
        .optional()
        .openapi({ param: { name: "stage", in: "query" } }),
    }),
  },
  responses: {
    200: {
      description: "A page of contracts",
      content: { "application/json": { schema: ContractPageSchema } },
    },
    ...problems(400, 401, 403),
  },
});

const detailRoute = createRoute({
  method: "get",
  path: "/api/districts/{districtId}/contracts/{contractId}",
  operationId: "getContract",
  tags: ["Contracts"],
  summary: "A contract, its current terms and every terms version",
  description: "The ETag names the contract's revision; send it in If-Match with changes.",
  request: { params: ContractParams },
  responses: {
    200: { description: "The contract", content: { "application/json": { schema: ContractDetailSchema } } },
    ...problems(400, 401, 403, 404),
  },
});

export function contractSummary(row: ContractRow): z.infer<typeof ContractSummarySchema> {
  return {
    districtId: row.districtId,
    contractId: row.contractId,
    vendorId: row.vendorId,
    vendorName: row.vendorName,
    title: row.title,
    stage: row.stage,
    termsVersion: row.termsVersion,
    maxValue: formatCents(row.maxValueCents),
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
  };
}

export function contractEtag(row: ContractRow): string {
  return `"${row.contractId}-r${row.revision}"`;
}

export function registerContractRoutes(routes: Routes): void {
  routes.add(listRoute, needs("read:contracts"), async (c) => {
    const query = c.req.valid("query");
    const after = decodeCursor(query.cursor, 2);
    if (query.cursor !== undefined && after === null)
      throw new ApiProblem("invalid-request", "the cursor is not one this API gave", [
        { path: "$.query.cursor", code: "invalid-cursor", message: "use nextCursor of the previous page" },
      ]);
    const page = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
      listVisibleContracts(tx, { after, limit: query.limit, stage: query.stage ?? null }),
    );
    return c.json(
      {
        items: page.items.map(contractSummary),
        nextCursor: page.nextKey === null ? null : encodeCursor(page.nextKey),
      },
      200,
    );
  });
  routes.add(detailRoute, needs("read:contracts"), async (c) => {
    const { districtId, contractId } = c.req.valid("param");
    const detail = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
      readContract(tx, districtId, contractId),
    );
    if (detail === null)
      throw new ApiProblem("not-found", `no contract ${contractId} in district ${districtId}`);
    c.header("etag", contractEtag(detail.contract));
    return c.json(
      {
        contract: contractSummary(detail.contract),
        terms: JSON.parse(detail.termsSource) as unknown,
        versions: [...detail.versions],
      },
      200,
    );
  });
}
