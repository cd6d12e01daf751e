/**
 * Evidence beside a contract's payment: the report (data quality, mid-year forecast,
 * impact statistics) that the contract's parties read, a vendor in the suppressed shape;
 * and the simulation of draft terms on a prior year's population, for the district's
 * staff who set targets and prices.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { needs, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { ID, IsoDateSchema, Money, problems } from "../schemas.js";
import { ContractParams } from "./contract-routes.js";
import { actAs } from "../../app/act-as.js";
import { actorScope } from "../../app/auth/actor.js";
import { buildEvidence } from "../../app/evidence/build-evidence.js";
import { evidenceJson } from "../../app/evidence/evidence-json.js";
import { simulateTerms } from "../../app/evidence/simulate-terms.js";
import { simulationJson } from "../../app/evidence/simulation-json.js";
import { MAX_DRAWS, MIN_DRAWS } from "../../core/evidence/payment-simulation.js";
import { parseIsoDate, type IsoDate } from "../../core/date.js";
import type { RowProblem } from "../../core/problem.js";
import { utcDay } from "../../app/ports/clock.js";

const Rate = z.string().regex(/^-?\d+\.\d{6}$/);
const Range = z.object({ low: Money, expected: Money, high: Money });
const RateRange = z.object({ low: Rate, expected: Rate, high: Rate });
const Spread = z.object({ p10: Money, p50: Money, p90: Money });
const Count = z.number().int().nullable();
const Estimate = z.number().nullable();
const Problem = z.object({ path: z.string(), code: z.string(), message: z.string() });

const FindingSchema = z.object({
  code: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  subject: z.string().nullable(),
  count: Count,
  students: Count,
  suppressed: z.boolean(),
  exampleStudentIds: z.array(z.string()),
  message: z.string(),
});

/** A subgroup table: a shown cell has `n` and `value`; a cell withheld outside the district only `reason`. */
const CellSchema = z.looseObject({
  key: z.string(),
  suppressed: z.boolean(),
  n: z.number().int().optional(),
  value: z.unknown().optional(),
  reason: z.enum(["smallCell", "complementary"]).optional(),
});
const TableSchema = z.object({
  title: z.string(),
  audience: z.string(),
  dimensions: z.array(z.object({ dimension: z.string(), cells: z.array(CellSchema) })),
});

const ImpactSchema = z.object({
  verdict: z.enum(["positive", "negative", "noDetectableEffect", "cannotConclude"]),
  reasons: z.array(z.object({ code: z.string(), message: z.string() })),
  sample: z.record(z.string(), Count),
  suppressed: z.boolean(),
  meanGrowth: z.object({ served: Estimate, comparison: Estimate, difference: Estimate }).nullable(),
  baseline: z.object({ hedgesG: Estimate, equivalence: z.string() }).nullable(),
  regression: z
    .object({
      estimate: Estimate,
      standardError: Estimate,
      ciLow: Estimate,
      ciHigh: Estimate,
      df: z.number(),
      n: z.number().int(),
    })
    .nullable(),
  effectSize: z.object({ hedgesG: Estimate, ciLow: Estimate, ciHigh: Estimate }).nullable(),
  attrition: z
    .object({
      servedRate: Estimate,
      comparisonRate: Estimate,
      overallRate: Estimate,
      differentialRate: Estimate,
    })
    .nullable()
    .openapi({
      description:
        "Shares of the students with a baseline score who have no outcome score: each group's, overall, and the difference between the groups",
    }),
});

const EvidenceSchema = z
  .object({
    districtId: z.string(),
    contractId: z.string(),
    termsVersion: z.number().int(),
    currency: z.string(),
    asOf: IsoDateSchema,
    audience: z.enum(["district", "vendor"]),
    quality: z.object({
      provisional: z.boolean(),
      reasons: z.array(z.string()),
      findings: z.array(FindingSchema),
      freshness: z.array(
        z.object({
          kind: z.string(),
          lastImportedAt: z.string().nullable(),
          fileName: z.string().nullable(),
          ageDays: z.number().int().nullable(),
        }),
      ),
    }),
    forecast: z.object({
      final: z.boolean(),
      moyWindow: z.object({ assessment: z.string(), subject: z.string(), window: z.string() }).nullable(),
      elapsedDays: z.number().int(),
      periodDays: z.number().int(),
      projectedStudents: z.number().int(),
      current: z.object({
        total: Money,
        outcome: Money,
        metrics: z.array(
          z.object({
            id: z.string(),
            met: z.number().int(),
            denominator: z.number().int(),
            rate: Rate,
            amount: Money,
          }),
        ),
      }),
      total: Range,
      outcome: Range,
      metrics: z.array(
        z.object({
          id: z.string(),
          kind: z.string(),
          amount: Range,
          rate: RateRange,
          met: z.object({ low: z.number().int(), expected: z.number().int(), high: z.number().int() }),
        }),
      ),
    }),
    statistics: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("unavailable"), problems: z.array(Problem) }),
      z.object({
        kind: z.literal("computed"),
        subject: z.string(),
        windows: z.object({ baseline: z.string(), outcome: z.string(), followUp: z.string().nullable() }),
        impact: ImpactSchema,
        equity: z.object({
          metrics: z.array(
            z.object({
              metricId: z.string(),
              label: z.string(),
              studentsWithoutRecord: Count,
              table: TableSchema,
            }),
          ),
          impact: TableSchema,
        }),
        persistence: z.object({
          status: z.string(),
          followUpWindow: z.string().nullable(),
          table: TableSchema,
        }),
      }),
    ]),
  })
  .openapi("ContractEvidence");

const SimulationSchema = z
  .object({
    districtId: z.string(),
    contractId: z.string(),
    termsVersion: z.number().int().nullable(),
    currency: z.string(),
    populationContractId: z.string(),
    yearsBack: z.number().int(),
    population: z.object({
      enrolled: z.number().int(),
      eligible: z.number().int(),
      served: z.number().int(),
      measured: z.number().int(),
    }),
    observed: z.object({
      total: Money,
      outcome: Money,
      metrics: z.array(
        z.object({
          id: z.string(),
          met: z.number().int(),
          denominator: z.number().int(),
          rate: Rate,
          amount: Money,
        }),
      ),
    }),
    draws: z.number().int(),
    seed: z.string(),
    total: Spread,
    contingent: Spread,
    contingentShare: z.object({ p10: Rate, p50: Rate, p90: Rate }),
    metrics: z.array(z.object({ id: z.string(), amount: Spread })),
    targets: z.array(
      z.object({
        metricId: z.string(),
        kind: z.string(),
        candidates: z.array(
          z.object({
            target: z.string(),
            proposed: z.boolean(),
            met: z.number().int(),
            denominator: z.number().int(),
            rate: Rate,
          }),
        ),
      }),
    ),
  })
  .openapi("TermsSimulation");

const CalendarDate = IsoDateSchema.refine((s) => parseIsoDate(s) !== null, "not a calendar date");
/** A window name as the data files spell it: letters, digits, `-`, `_`, `.`, space; at most 40. */
const WindowName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/,
    "a window name: letters, digits, '-', '_', '.' or space, at most 40",
  );
const EvidenceQuery = z.object({
  asOf: CalendarDate.optional().openapi({ param: { name: "asOf", in: "query" } }),
  followUp: WindowName.optional().openapi({
    param: { name: "followUp", in: "query" },
    description:
      "The window persistence is measured at, of the outcome's assessment and subject (e.g. 2025-fall); default the fall after the outcome window",
  }),
});
const SimulationBody = z
  .strictObject({
    terms: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: "obc-terms/1 draft terms to price" }),
    populationContractId: ID.optional(),
    draws: z.number().int().min(MIN_DRAWS).max(MAX_DRAWS).optional(),
    seed: z.string().min(1).max(100).optional(),
  })
  .openapi("TermsSimulationRequest");

const base = "/api/districts/{districtId}/contracts/{contractId}";
const tags = ["Evidence"];
const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const evidenceRoute = createRoute({
  method: "get",
  path: `${base}/evidence`,
  operationId: "getContractEvidence",
  tags,
  summary: "The evidence beside the contract's payment: data quality, forecast, impact",
  description:
    "Computed from the stored data on request. A vendor gets the suppressed shape: no student ids or file names, counts under 10 withheld.",
  request: { params: ContractParams, query: EvidenceQuery },
  responses: { 200: json(EvidenceSchema, "The evidence report"), ...problems(400, 401, 403, 404) },
});

const simulationRoute = createRoute({
  method: "post",
  path: `${base}/simulation`,
  operationId: "simulateContractTerms",
  tags,
  summary: "Price draft terms on a prior year's population (targets and a bootstrap of the payment)",
  request: {
    params: ContractParams,
    body: { content: { "application/json": { schema: SimulationBody } }, required: true },
  },
  responses: { 200: json(SimulationSchema, "The simulation"), ...problems(400, 401, 403, 404) },
});

const MAX_LISTED_PROBLEMS = 100;

function invalidData(rows: readonly RowProblem[]): ApiProblem {
  return new ApiProblem(
    "invalid-data",
    `${rows.length} stored row(s) cannot be read; correct and re-import them`,
    rows
      .slice(0, MAX_LISTED_PROBLEMS)
      .map((p) => ({ path: `${p.file}:${p.line}:${p.column}`, code: p.code, message: p.message })),
  );
}

export function registerEvidenceRoutes(routes: Routes): void {
  routes.add(evidenceRoute, needs("read:contracts"), async (c) => {
    const { districtId, contractId } = c.req.valid("param");
    const { asOf, followUp } = c.req.valid("query");
    const actor = c.get("actor");
    const at = c.get("deps").clock.now();
    const today = utcDay(at);
    const request = {
      districtId,
      contractId,
      asOf: (asOf ?? null) as IsoDate | null,
      today,
      followUp: followUp ?? null,
    };
    const result = await buildEvidence(c.get("deps").db, actor, request, at);
    if (result.kind === "not-found")
      throw new ApiProblem(
        "not-found",
        `no contract ${contractId} with approved terms in district ${districtId}`,
      );
    if (result.kind === "invalid-data") throw invalidData(result.problems);
    return c.json(evidenceJson(result.report, actor.orgKind === "district" ? "district" : "vendor"), 200);
  });

  routes.add(simulationRoute, needs("run:settlement"), async (c) => {
    const { districtId, contractId } = c.req.valid("param");
    const body = c.req.valid("json");
    const request = {
      districtId,
      contractId,
      termsDocument: body.terms,
      populationContractId: body.populationContractId ?? null,
      draws: body.draws ?? null,
      seed: body.seed ?? null,
    };
    const result = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
      simulateTerms(tx, request),
    );
    if (result.kind === "not-found")
      throw new ApiProblem("not-found", `no contract ${contractId} with terms in district ${districtId}`);
    if (result.kind === "invalid-terms")
      throw new ApiProblem("invalid-terms", `${result.problems.length} problem(s) in the terms`, [
        ...result.problems,
      ]);
    if (result.kind === "no-population")
      throw new ApiProblem("invalid-request", result.message, [
        { path: "$.body.populationContractId", code: "no-population", message: result.message },
      ]);
    return c.json(simulationJson(districtId, result.result), 200);
  });
}
