/**
 * A contract's outcomes: attainment per metric, growth distributions, results by
 * subgroup (small cells suppressed for readers outside the district), dosage against
 * growth and tutor consistency, computed from the stored data by the settlement engine
 * (src/app/outcomes/read-outcomes.ts). Student-level data: read:students, and audited.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { needs, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { IsoDateSchema, problems } from "../schemas.js";
import { ContractParams } from "./contract-routes.js";
import { actAs } from "../../app/act-as.js";
import { actorScope } from "../../app/auth/actor.js";
import { readOutcomes } from "../../app/outcomes/read-outcomes.js";
import { parseIsoDate, type IsoDate } from "../../core/date.js";

const Decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
const Count = z.number().int().min(0);
const BinSchema = z.object({ from: Decimal, to: Decimal, count: Count });

const CellSchema = z.union([
  z.object({
    group: z.string(),
    label: z.string(),
    suppressed: z.null(),
    n: Count,
    met: Count,
    rate: Decimal,
  }),
  z.object({ group: z.string(), label: z.string(), suppressed: z.enum(["small", "complementary"]) }).openapi({
    description:
      "Hidden from readers outside the district: fewer than 10 students (small), or hidden so that a small cell cannot be worked out from the others and the total (complementary). No numbers.",
  }),
]);

const OutcomesSchema = z
  .object({
    districtId: z.string(),
    contractId: z.string(),
    title: z.string(),
    asOf: IsoDateSchema,
    period: z.object({ start: IsoDateSchema, end: IsoDateSchema }),
    suppressSmallCells: z.boolean(),
    minCellStudents: Count,
    population: z.object({ enrolled: Count, eligible: Count, served: Count, measured: Count }),
    hasAssessments: z.boolean(),
    metrics: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        kind: z.enum(["growth", "proficiency", "dosage", "consistency"]),
        criterion: z.string(),
        denominator: Count,
        met: Count,
        missing: Count,
        rate: Decimal,
      }),
    ),
    growth: z.array(
      z.object({
        metricId: z.string(),
        label: z.string(),
        axis: z.enum(["growth", "growthMinusTarget"]),
        line: Decimal,
        students: Count,
        met: Count,
        bins: z.array(BinSchema),
      }),
    ),
    subgroups: z.array(
      z.object({
        metricId: z.string(),
        label: z.string(),
        dimensions: z.array(
          z.object({
            dimension: z.enum([
              "economicallyDisadvantaged",
              "englishLearner",
              "specialEducation",
              "raceEthnicity",
              "gender",
              "school",
            ]),
            label: z.string(),
            cells: z.array(CellSchema),
          }),
        ),
      }),
    ),
    dosage: z.array(
      z.object({
        metricId: z.string(),
        label: z.string(),
        points: z.array(
          z.object({
            studentId: z.string(),
            sessions: Count,
            minutes: Count,
            growth: Decimal,
            met: z.boolean(),
          }),
        ),
      }),
    ),
    consistency: z.object({
      students: Count,
      withoutSessions: Count,
      minShare: Decimal.nullable(),
      bins: z.array(BinSchema),
    }),
  })
  .openapi("ContractOutcomes");

const OutcomesQuery = z.object({
  asOf: IsoDateSchema.refine((s) => parseIsoDate(s) !== null, "not a calendar date")
    .optional()
    .openapi({ param: { name: "asOf", in: "query" } }),
});

const outcomesRoute = createRoute({
  method: "get",
  path: "/api/districts/{districtId}/contracts/{contractId}/outcomes",
  operationId: "getContractOutcomes",
  tags: ["Outcomes"],
  summary: "A contract's outcomes: attainment, growth, subgroups, dosage and consistency",
  description:
    "Computed from the stored data with the settlement engine, as of `asOf` (default: the period end). For readers outside the district, subgroup cells of fewer than 10 students are suppressed. The read is audited.",
  request: { params: ContractParams, query: OutcomesQuery },
  responses: {
    200: {
      description: "The outcomes",
      content: { "application/json": { schema: OutcomesSchema } },
    },
    ...problems(400, 401, 403, 404, 409),
  },
});

const MAX_LISTED_PROBLEMS = 100;

export function registerOutcomeRoutes(routes: Routes): void {
  routes.add(outcomesRoute, needs("read:students"), async (c) => {
    const { districtId, contractId } = c.req.valid("param");
    const { asOf } = c.req.valid("query");
    const actor = c.get("actor");
    const context = { actor, at: c.get("deps").clock.now() };
    const request = { districtId, contractId, asOf: (asOf ?? null) as IsoDate | null };
    const result = await actAs(c.get("deps").db, actorScope(actor), (tx) =>
      readOutcomes(tx, request, context),
    );
    if (result.kind === "not-found")
      throw new ApiProblem("not-found", `no contract ${contractId} in district ${districtId}`);
    if (result.kind === "no-approved-terms")
      throw new ApiProblem(
        "stage-conflict",
        `contract ${contractId} has no approved terms yet: outcomes are computed once both parties approve them`,
      );
    if (result.kind === "invalid-data")
      throw new ApiProblem(
        "invalid-data",
        `${result.problems.length} stored row(s) cannot be settled; correct and re-import them`,
        result.problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => ({
          path: `${p.file}:${p.line}:${p.column}`,
          code: p.code,
          message: p.message,
        })),
      );
    return c.json(OutcomesSchema.parse({ districtId, ...result.report }), 200);
  });
}
