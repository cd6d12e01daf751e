/**
 * Scorecards: a district's portfolio (its contracts' spend and outcomes, totals, and its
 * vendors compared) and a vendor's results across its contracts. A district reads its own
 * portfolio and the scorecards of the vendors it contracts with, made of its own contracts
 * only; a vendor reads its own scorecard across the districts it serves. Figures come from
 * the stored terms, the latest statement of each contract (final if any, else interim) and
 * the recorded payments (src/app/scorecards/).
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ApiEnv } from "../api-env.js";
import { needs, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { ID, IsoDateSchema, Money, problems } from "../schemas.js";
import { actAs } from "../../app/act-as.js";
import { actorScope } from "../../app/auth/actor.js";
import { readDistrictScorecard, readVendorScorecard } from "../../app/scorecards/read-scorecards.js";
import { isSchoolYear } from "../../core/scorecards/school-year.js";
import { SCORED_STAGES, type ScorecardFilter } from "../../core/scorecards/scorecard-filter.js";
import type { Stage } from "../../core/scorecards/contract-score.js";
import { contractScoreJson, totalsJson, type ScorecardFilterJson } from "../../shared/scorecard-json.js";

const Count = z.number().int().min(0);
const Share = z
  .string()
  .regex(/^-?\d+\.\d{4}$/)
  .openapi({ description: "A fraction of 1, rounded half away from zero to 4 decimals", example: "0.4922" });
const PerStudent = Money.openapi({
  description: "Cents per student, rounded half away from zero to the cent",
});
const ObligationsSchema = z.object({
  vendorObligations: Count,
  metOnTime: Count,
  missed: Count,
  notYetDue: Count,
});
const DisputesSchema = z.object({ raised: Count, open: Count });

const ContractScoreSchema = z.object({
  districtId: z.string(),
  districtName: z.string(),
  contractId: z.string(),
  title: z.string(),
  vendorId: z.string(),
  vendorName: z.string(),
  stage: z.enum(["active", "settled", "closed"]),
  termsVersion: Count,
  schoolYear: z.string(),
  fiscalYear: z.number().int(),
  period: z.object({ start: IsoDateSchema, end: IsoDateSchema }),
  statement: z
    .object({
      statementId: z.string(),
      kind: z.enum(["interim", "final"]),
      asOf: IsoDateSchema,
      final: z.boolean(),
      status: z.enum(["issued", "approved", "disputed"]),
    })
    .nullable()
    .openapi({
      description: "The statement the figures come from: the latest final one, else the latest interim one",
    }),
  committed: Money,
  paid: Money,
  contingentAtStake: Money,
  contingentEarned: Money.nullable(),
  contingentEarnedShare: Share.nullable(),
  studentsServed: Count.nullable(),
  studentsMeetingAnyTarget: Count.nullable(),
  costPerStudentServed: PerStudent.nullable(),
  costPerStudentMeetingOutcomes: PerStudent.nullable(),
  metrics: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      kind: z.enum(["growth", "proficiency", "dosage", "consistency"]),
      met: Count.nullable(),
      denominator: Count.nullable(),
      rate: Share.nullable(),
      targetRate: Share.nullable(),
      attained: z.boolean().nullable(),
      costPerStudentMet: PerStudent.nullable(),
    }),
  ),
  obligations: ObligationsSchema,
  disputes: DisputesSchema,
});

const TotalsSchema = z.object({
  contracts: Count,
  contractsWithStatement: Count,
  committed: Money,
  paid: Money,
  contingentAtStake: Money,
  contingentEarned: Money,
  contingentEarnedShare: Share.nullable(),
  studentsServed: Count,
  studentsMeetingAnyTarget: Count,
  costPerStudentServed: PerStudent.nullable(),
  costPerStudentMeetingOutcomes: PerStudent.nullable(),
  obligations: ObligationsSchema,
  onTimeShare: Share.nullable(),
  disputes: DisputesSchema,
});

const GroupSchema = z.object({ id: z.string(), name: z.string(), totals: TotalsSchema });
const FilterSchema = z.object({
  schoolYear: z.string().nullable(),
  fiscalYear: z.number().int().nullable(),
  stages: z.array(z.string()),
});

const DistrictScorecardSchema = z
  .object({
    districtId: z.string(),
    districtName: z.string(),
    filter: FilterSchema,
    contracts: z.array(ContractScoreSchema),
    totals: TotalsSchema,
    vendors: z.array(GroupSchema),
  })
  .openapi("DistrictScorecard");

const VendorScorecardSchema = z
  .object({
    vendorId: z.string(),
    vendorName: z.string(),
    view: z.enum(["vendor", "district"]),
    filter: FilterSchema,
    contracts: z.array(ContractScoreSchema),
    totals: TotalsSchema,
    districts: z.array(GroupSchema),
  })
  .openapi("VendorScorecard");

const ScorecardQuery = z
  .object({
    schoolYear: z
      .string()
      .refine(isSchoolYear, "a school year such as 2024-2025 (July 1 to June 30)")
      .optional()
      .openapi({ param: { name: "schoolYear", in: "query" }, example: "2024-2025" }),
    fiscalYear: z
      .string()
      .regex(/^\d{4}$/, "a fiscal year such as 2025 (the year it ends, on June 30)")
      .optional()
      .openapi({ param: { name: "fiscalYear", in: "query" }, example: "2025" }),
    stage: z
      .string()
      .regex(
        /^(active|settled|closed)(,(active|settled|closed))*$/,
        "stages among active, settled, closed, comma separated",
      )
      .optional()
      .openapi({ param: { name: "stage", in: "query" }, example: "active,settled" }),
  })
  .strict();

const DistrictParams = z.object({ districtId: ID.openapi({ param: { name: "districtId", in: "path" } }) });
const VendorParams = z.object({ vendorId: ID.openapi({ param: { name: "vendorId", in: "path" } }) });

const districtRoute = createRoute({
  method: "get",
  path: "/api/districts/{districtId}/scorecard",
  operationId: "getDistrictScorecard",
  tags: ["Scorecards"],
  summary: "The district's portfolio scorecard: spend and outcomes per contract, totals, vendors compared",
  description:
    "The district's contracts at stage active, settled or closed (filtered by school year, fiscal year and stage), each from its latest final statement or else its latest interim one. District staff only.",
  request: { params: DistrictParams, query: ScorecardQuery },
  responses: {
    200: {
      description: "The scorecard",
      content: { "application/json": { schema: DistrictScorecardSchema } },
    },
    ...problems(400, 401, 403, 404),
  },
});

const vendorRoute = createRoute({
  method: "get",
  path: "/api/vendors/{vendorId}/scorecard",
  operationId: "getVendorScorecard",
  tags: ["Scorecards"],
  summary: "A vendor's scorecard across its contracts",
  description:
    "For the vendor: its own contracts in every district it serves. For a district: only the district's own contracts with the vendor (other districts' figures are never shown). Not found when the district holds no contract with the vendor.",
  request: { params: VendorParams, query: ScorecardQuery },
  responses: {
    200: { description: "The scorecard", content: { "application/json": { schema: VendorScorecardSchema } } },
    ...problems(400, 401, 403, 404),
  },
});

function filterOf(query: z.infer<typeof ScorecardQuery>): ScorecardFilter {
  return {
    schoolYear: query.schoolYear ?? null,
    fiscalYear: query.fiscalYear === undefined ? null : Number(query.fiscalYear),
    stages: query.stage === undefined ? [] : [...new Set(query.stage.split(",") as Stage[])],
  };
}

function filterJson(filter: ScorecardFilter): ScorecardFilterJson {
  return {
    schoolYear: filter.schoolYear,
    fiscalYear: filter.fiscalYear,
    stages: filter.stages.length === 0 ? [...SCORED_STAGES] : [...filter.stages],
  };
}

function districtStaff(c: Context<ApiEnv>): void {
  if (c.get("actor").orgKind !== "district")
    throw new ApiProblem("forbidden", "only the district's staff read its portfolio scorecard");
}

export function registerScorecardRoutes(routes: Routes): void {
  routes.add(districtRoute, needs("read:contracts"), async (c) => {
    districtStaff(c);
    const { districtId } = c.req.valid("param");
    const filter = filterOf(c.req.valid("query"));
    const actor = c.get("actor");
    const result = await actAs(c.get("deps").db, actorScope(actor), (tx) =>
      readDistrictScorecard(tx, actorScope(actor), { districtId, filter }),
    );
    if (result.kind === "not-found") throw new ApiProblem("not-found", `no district ${districtId}`);
    const s = result.scorecard;
    return c.json(
      DistrictScorecardSchema.parse({
        districtId: s.districtId,
        districtName: s.districtName,
        filter: filterJson(filter),
        contracts: s.contracts.map(contractScoreJson),
        totals: totalsJson(s.totals),
        vendors: s.vendors.map((v) => ({ id: v.id, name: v.name, totals: totalsJson(v.totals) })),
      }),
      200,
    );
  });

  routes.add(vendorRoute, needs("read:contracts"), async (c) => {
    const { vendorId } = c.req.valid("param");
    const filter = filterOf(c.req.valid("query"));
    const actor = c.get("actor");
    const result = await actAs(c.get("deps").db, actorScope(actor), (tx) =>
      readVendorScorecard(tx, actorScope(actor), { vendorId, filter }),
    );
    if (result.kind === "not-found") throw new ApiProblem("not-found", `no vendor ${vendorId}`);
    const s = result.scorecard;
    return c.json(
      VendorScorecardSchema.parse({
        vendorId: s.vendorId,
        vendorName: s.vendorName,
        view: s.view,
        filter: filterJson(filter),
        contracts: s.contracts.map(contractScoreJson),
        totals: totalsJson(s.totals),
        districts: s.districts.map((d) => ({ id: d.id, name: d.name, totals: totalsJson(d.totals) })),
      }),
      200,
    );
  });
}
