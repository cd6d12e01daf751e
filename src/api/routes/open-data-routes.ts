/**
 * Open data: a district's published contracts as an OCDS 1.1 release package (with the
 * Metrics extension), and one contract's. Published means active, settled or closed
 * (terms approved by both parties); a draft or proposed contract answers 404 like a
 * missing one. The package holds aggregates only, small cells withheld
 * (src/core/open-data/).
 *
 * Access: the district's own staff and auditors. A vendor is refused (403, as for other
 * district-only routes); another district's staff get 404. Publishing without sign-in is
 * a policy decision the district has not taken yet, so no route is public.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ApiEnv } from "../api-env.js";
import { needs, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { ID, problems } from "../schemas.js";
import { ContractParams } from "./contract-routes.js";
import { actAs } from "../../app/act-as.js";
import { actorScope } from "../../app/auth/actor.js";
import { readOpenContracts } from "../../app/open-data/read-open-contracts.js";
import { buildOcdsPackage } from "../../core/open-data/build-ocds-package.js";

const DistrictParams = z.object({ districtId: ID.openapi({ param: { name: "districtId", in: "path" } }) });

const PackageSchema = z
  .looseObject({
    uri: z.string(),
    version: z.literal("1.1"),
    extensions: z.array(z.string()),
    publishedDate: z.string(),
    publisher: z.object({ name: z.string() }),
    releases: z.array(z.looseObject({ ocid: z.string(), id: z.string(), date: z.string() })).min(1),
  })
  .openapi("OcdsReleasePackage", {
    description:
      "An OCDS 1.1 release package (https://standard.open-contracting.org/1.1/en/schema/release_package/) with the Metrics extension",
  });

const tags = ["Open data"];

const districtRoute = createRoute({
  method: "get",
  path: "/api/districts/{districtId}/open-data/ocds.json",
  operationId: "getDistrictOcds",
  tags,
  summary: "The district's published contracts (active, settled, closed) as an OCDS release package",
  request: { params: DistrictParams },
  responses: {
    200: {
      description: "One release per published contract; 404 when the district has none yet",
      content: { "application/json": { schema: PackageSchema } },
    },
    ...problems(400, 401, 403, 404),
  },
});

const contractRoute = createRoute({
  method: "get",
  path: "/api/districts/{districtId}/contracts/{contractId}/ocds.json",
  operationId: "getContractOcds",
  tags,
  summary: "One published contract as an OCDS release package",
  request: { params: ContractParams },
  responses: {
    200: {
      description: "A package of one release",
      content: { "application/json": { schema: PackageSchema } },
    },
    ...problems(400, 401, 403, 404),
  },
});

function districtStaff(c: Context<ApiEnv>): void {
  if (c.get("actor").orgKind !== "district")
    throw new ApiProblem("forbidden", "only the district's staff and auditors read its open data export");
}

type PackageBody = z.infer<typeof PackageSchema>;

async function answer(
  c: Context<ApiEnv>,
  districtId: string,
  contractId: string | null,
  path: string,
): Promise<PackageBody> {
  const result = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
    readOpenContracts(tx, { districtId, contractId }),
  );
  if (result.kind === "not-found") throw new ApiProblem("not-found", result.message);
  const pkg = buildOcdsPackage(result.contracts, {
    uri: `${c.get("deps").config.publicUrl.replace(/\/+$/, "")}${path}`,
    publisherName: result.districtName,
  });
  if (pkg === null) throw new ApiProblem("not-found", `district ${districtId} has no published contract yet`);
  return { ...pkg, extensions: [...pkg.extensions], releases: pkg.releases.map((r) => ({ ...r })) };
}

export function registerOpenDataRoutes(routes: Routes): void {
  routes.add(districtRoute, needs("read:contracts"), async (c) => {
    districtStaff(c);
    const { districtId } = c.req.valid("param");
    const path = `/api/districts/${districtId}/open-data/ocds.json`;
    return c.json(await answer(c, districtId, null, path), 200);
  });

  routes.add(contractRoute, needs("read:contracts"), async (c) => {
    districtStaff(c);
    const { districtId, contractId } = c.req.valid("param");
    const path = `/api/districts/${districtId}/contracts/${contractId}/ocds.json`;
    return c.json(await answer(c, districtId, contractId, path), 200);
  });
}
