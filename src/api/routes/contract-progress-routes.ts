/**
 * A contract's progress this year as of today: the stored data settled with the approved
 * terms and `asOf` = today (read only: no statement is issued), set beside the plan's
 * pace: enrolment, service and dosage, the share meeting each metric, obligations,
 * assessment windows, the freshness of each kind of data, and the contract's alerts.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { needs, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { IsoDateSchema, Money, problems } from "../schemas.js";
import { ContractParams } from "./contract-routes.js";
import { AlertSchema } from "./alert-routes.js";
import { actorScope } from "../../app/auth/actor.js";
import { actAs } from "../../app/act-as.js";
import {
  dayOf,
  readContractProgress,
  type ContractProgress,
} from "../../app/contract-progress/read-contract-progress.js";
import { windowClosesOn } from "../../core/alerts/data-rules.js";
import { formatFixed } from "../../core/ratio.js";
import { formatCents } from "../../core/money.js";
import { contingentAtStakeCents } from "../../core/alerts/money-at-stake.js";

const Count = z.number().int();

const ProgressSchema = z
  .object({
    districtId: z.string(),
    contractId: z.string(),
    stage: z.string(),
    termsVersion: Count,
    asOf: IsoDateSchema,
    period: z.object({ start: IsoDateSchema, end: IsoDateSchema }),
    elapsedDays: Count,
    periodDays: Count,
    enrolment: z.object({
      expectedStudents: Count,
      expectedByNow: Count,
      enrolled: Count,
      eligible: Count,
      served: Count,
      measured: Count,
    }),
    money: z
      .object({
        currency: z.string(),
        maxValue: Money,
        contingentAtStake: Money.openapi({
          description: "maxValue less the base paid at the planned enrolment",
        }),
        base: Money,
        outcome: Money,
        total: Money.openapi({ description: "What the terms pay on today's data (provisional)" }),
        paid: Money,
      })
      .openapi({ description: "The settlement as of today, in the contract's currency" }),
    metrics: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        kind: z.string(),
        denominator: Count,
        met: Count,
        missing: Count,
        rate: z.string().openapi({ description: "met / denominator, six decimals" }),
        amount: Money.openapi({ description: "What the metric pays on today's data" }),
        targetRate: z
          .string()
          .nullable()
          .openapi({ description: "Pool metrics: the rate earning the full share" }),
        dosage: z
          .object({
            minSessions: Count.nullable(),
            minMinutes: Count.nullable(),
            sessionsByNow: Count,
            minutesByNow: Count,
            onPace: Count,
            eligible: Count,
            targetShare: z.string(),
          })
          .nullable(),
      }),
    ),
    obligations: z.array(
      z.object({
        obligationId: z.string(),
        party: z.enum(["district", "vendor"]),
        description: z.string(),
        measure: z.enum(["enrolledStudents", "servedStudents", "manual"]),
        min: Count.nullable(),
        status: z.enum(["met", "notMet", "pending"]),
        value: Count.nullable(),
        paceByNow: Count.nullable(),
        dueOn: IsoDateSchema,
      }),
    ),
    windows: z.array(
      z.object({
        name: z.string(),
        assessment: z.string(),
        subject: z.string(),
        window: z.string(),
        closesOn: IsoDateSchema.nullable(),
        withScore: Count,
      }),
    ),
    freshness: z.array(
      z.object({
        kind: z.string(),
        batchId: z.string().nullable(),
        fileName: z.string().nullable(),
        importedAt: z.string().nullable(),
        ageDays: Count.nullable(),
        staleAfterDays: Count.nullable(),
        stale: z.boolean(),
      }),
    ),
    alerts: z.array(AlertSchema),
  })
  .openapi("ContractProgress");

const progressRoute = createRoute({
  method: "get",
  path: "/api/districts/{districtId}/contracts/{contractId}/progress",
  operationId: "getContractProgress",
  tags: ["Contracts"],
  summary: "Progress this year as of today: enrolment, dosage and metrics against the plan's pace",
  request: { params: ContractParams },
  responses: {
    200: { description: "The progress", content: { "application/json": { schema: ProgressSchema } } },
    ...problems(400, 401, 403, 404, 409),
  },
});

function present(p: ContractProgress): z.infer<typeof ProgressSchema> {
  const { terms, statement } = p;
  return {
    districtId: p.contract.districtId,
    contractId: p.contract.contractId,
    stage: p.contract.stage,
    termsVersion: p.termsVersion,
    asOf: p.today,
    period: { start: terms.period.start, end: terms.period.end },
    elapsedDays: p.elapsedDays,
    periodDays: p.periodDays,
    enrolment: {
      expectedStudents: terms.expectedStudents,
      expectedByNow: p.expectedByNow,
      ...statement.population,
    },
    money: {
      currency: terms.currency,
      maxValue: formatCents(terms.maxValueCents),
      contingentAtStake: formatCents(contingentAtStakeCents(terms)),
      base: formatCents(statement.baseCents),
      outcome: formatCents(statement.outcomeCents),
      total: formatCents(statement.totalCents),
      paid: formatCents(statement.paidCents),
    },
    metrics: statement.metrics.map((m, i) => {
      const metric = terms.outcomes.metrics[i];
      const dosage = p.dosage.find((d) => d.metricId === m.id);
      const measure = metric?.measure;
      return {
        id: m.id,
        label: m.label,
        kind: m.kind,
        denominator: m.denominator,
        met: m.met,
        missing: m.missing,
        rate: formatFixed(m.rate, 6),
        amount: formatCents(m.amountCents),
        targetRate: metric?.pay.kind === "pool" ? formatFixed(metric.pay.targetRate, 6) : null,
        dosage:
          dosage === undefined || measure?.kind !== "dosage"
            ? null
            : {
                minSessions: measure.minSessions,
                minMinutes: measure.minMinutes,
                sessionsByNow: dosage.required.minSessions,
                minutesByNow: dosage.required.minMinutes,
                onPace: dosage.onPace,
                eligible: dosage.eligible,
                targetShare: formatFixed(dosage.target, 6),
              },
      };
    }),
    obligations: p.obligations.map((o) => ({
      obligationId: o.id,
      party: o.party,
      description: o.description,
      measure: o.measure.kind,
      min: o.measure.kind === "manual" ? null : o.measure.min,
      status: o.status,
      value: o.value,
      paceByNow: o.pace,
      dueOn: o.dueOn,
    })),
    windows: p.coverage.map((c) => ({ ...c, closesOn: windowClosesOn(c.window) })),
    freshness: p.freshness.map((f) => ({
      kind: f.kind,
      batchId: f.latest?.batchId ?? null,
      fileName: f.latest?.fileName ?? null,
      importedAt: f.latest?.importedAt ?? null,
      ageDays: f.ageDays,
      staleAfterDays: f.staleAfterDays,
      stale: f.stale,
    })),
    alerts: [...p.alerts],
  };
}

export function registerContractProgressRoutes(routes: Routes): void {
  routes.add(progressRoute, needs("read:contracts"), async (c) => {
    const { districtId, contractId } = c.req.valid("param");
    const deps = c.get("deps");
    const today = dayOf(deps.clock.now());
    const result = await actAs(deps.db, actorScope(c.get("actor")), (tx) =>
      readContractProgress(tx, { districtId, contractId, today }),
    );
    if (result.kind === "not-found")
      throw new ApiProblem("not-found", `no contract ${contractId} in district ${districtId}`);
    if (result.kind === "no-approved-terms")
      throw new ApiProblem(
        "stage-conflict",
        `contract ${contractId} is ${result.stage} and has no approved terms yet: progress is measured against approved terms`,
      );
    if (result.kind === "invalid-data")
      throw new ApiProblem(
        "invalid-data",
        `${result.problems.length} stored row(s) cannot be settled; correct and re-import them`,
        result.problems.slice(0, 100).map((p) => ({
          path: `${p.file}:${p.line}:${p.column}`,
          code: p.code,
          message: p.message,
        })),
      );
    return c.json(present(result.progress), 200);
  });
}
