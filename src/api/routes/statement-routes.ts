/**
 * Statements: settlement runs (exactly once per Idempotency-Key), the list and summary
 * the parties read, the per-student lines (student-level data, audited), the document as
 * issued (an export, audited), and the parties' approvals and disputes. Payments are
 * registered with them (payment-routes.ts): they are what a statement's `paid` counts.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { needs, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { IsoDateSchema, Money, problems } from "../schemas.js";
import { IdempotencyHeaders, asRouteResponse, runIdempotent } from "../idempotency.js";
import { attachmentResponse } from "../attachment.js";
import { ContractParams } from "./contract-routes.js";
import { registerPaymentRoutes } from "./payment-routes.js";
import { actAs } from "../../app/act-as.js";
import { actorScope } from "../../app/auth/actor.js";
import { exportStatementDocument, readStatementStudents } from "../../app/statements/audited-reads.js";
import { canonicalJson, sha256Hex } from "../../app/statements/canonical-json.js";
import {
  contractVisible,
  listStatements,
  readStatementDetail,
  type StatementDetail,
  type StatementRow,
} from "../../app/statements/read-statements.js";
import { reviewStatement } from "../../app/statements/review-statement.js";
import { runSettlement } from "../../app/statements/run-settlement.js";
import { parseIsoDate, type IsoDate } from "../../core/date.js";
import type { RowProblem } from "../../core/problem.js";
import type { StatementJson } from "../../shared/statement-json.js";

const StatementParams = ContractParams.extend({
  statementId: z
    .string()
    .regex(/^[1-9]\d{0,17}$/, "a statement number")
    .openapi({ param: { name: "statementId", in: "path" } }),
});

const StatementSchema = z
  .object({
    statementId: z.string(),
    kind: z.enum(["interim", "final"]),
    asOf: IsoDateSchema,
    termsVersion: z.number().int(),
    issuedAt: z.string(),
    issuedBy: z.string(),
    issuedByName: z
      .string()
      .nullable()
      .openapi({ description: "The issuing user's display name; null when not a user" }),
    status: z.enum(["issued", "approved", "disputed"]),
    total: Money,
    due: Money,
    supersedesStatementId: z.string().nullable(),
    supersededByStatementId: z.string().nullable(),
    dataQuality: z
      .object({
        provisional: z.boolean(),
        reasons: z.array(z.string()),
        findings: z.array(
          z.object({
            code: z.string(),
            severity: z.enum(["error", "warning", "info"]),
            count: z.number().int(),
            students: z.number().int(),
            subject: z.string().nullable(),
            message: z.string(),
          }),
        ),
      })
      .nullable()
      .openapi({
        description:
          "The data quality check run when the statement was issued (provisional: treat the amounts as not yet final); null for statements issued before the check existed",
      }),
  })
  .openapi("Statement");

const WaterfallSchema = z
  .object({
    currency: z.string(),
    final: z.boolean(),
    population: z.object({
      enrolled: z.number(),
      eligible: z.number(),
      served: z.number(),
      measured: z.number(),
    }),
    base: Money,
    metrics: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        denominator: z.number(),
        met: z.number(),
        missing: z.number(),
        rate: z.string(),
        amount: Money,
        capped: z.boolean(),
      }),
    ),
    outcome: Money,
    reduction: Money,
    obligations: z.array(
      z.object({
        id: z.string(),
        party: z.string(),
        status: z.string(),
        value: z.number().nullable(),
        consequenceApplied: z.boolean(),
      }),
    ),
    subtotal: Money,
    payFull: z.boolean(),
    total: Money,
    paid: Money,
    due: Money,
  })
  .openapi("StatementWaterfall");

const ReviewSchema = z.object({
  reviewNo: z.number().int(),
  action: z.enum(["approve", "dispute"]),
  comment: z.string().nullable(),
  organizationId: z.string(),
  reviewedBy: z.string(),
  reviewedByName: z
    .string()
    .nullable()
    .openapi({ description: "The reviewer's display name; null for an API token" }),
  reviewedAt: z.string(),
});

const StatementDetailSchema = z
  .object({
    statement: StatementSchema,
    districtId: z.string(),
    contractId: z.string(),
    inputDigest: z.string(),
    waterfall: WaterfallSchema,
    reviews: z.array(ReviewSchema),
  })
  .openapi("StatementDetail");

const StudentLineSchema = z
  .object({
    studentId: z.string(),
    eligible: z.boolean(),
    ineligibleReason: z.string().nullable(),
    served: z.boolean(),
    sessions: z.number().int(),
    minutes: z.number().int(),
    consistency: z.string(),
    base: Money,
    metrics: z.record(
      z.string(),
      z.object({
        status: z.string(),
        value: z.string().nullable(),
        target: z.string().nullable(),
        amount: Money,
      }),
    ),
  })
  .openapi("StatementStudentLine");

const CalendarDate = IsoDateSchema.refine((s) => parseIsoDate(s) !== null, "not a calendar date");
const RunBody = z
  .strictObject({ kind: z.enum(["interim", "final"]), asOf: CalendarDate.optional() })
  .openapi("SettlementRun");
const Comment = z
  .string()
  .max(2000)
  .refine((s) => /\S/.test(s), "a comment of 1 to 2000 characters, not only spaces");

const base = "/api/districts/{districtId}/contracts/{contractId}/statements";
const tags = ["Statements"];
const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const runRoute = createRoute({
  method: "post",
  path: base,
  operationId: "runSettlement",
  tags,
  summary: "Run the settlement of a contract and issue its statement",
  description:
    "Settles the contract on the stored data. 201 with a new statement; 200 with the latest one when its inputs (terms, as-of date, source files) are unchanged. Exactly once per Idempotency-Key.",
  request: {
    params: ContractParams,
    headers: IdempotencyHeaders,
    body: { content: { "application/json": { schema: RunBody } }, required: true },
  },
  responses: {
    201: json(StatementDetailSchema, "A new statement"),
    200: json(StatementDetailSchema, "Nothing changed: the latest statement"),
    ...problems(400, 401, 403, 404, 409, 422),
  },
});

const listRoute = createRoute({
  method: "get",
  path: base,
  operationId: "listStatements",
  tags,
  summary: "The contract's statements, newest first",
  request: { params: ContractParams },
  responses: {
    200: json(z.object({ items: z.array(StatementSchema) }).openapi("StatementList"), "Statements"),
    ...problems(400, 401, 403, 404),
  },
});

const detailRoute = createRoute({
  method: "get",
  path: `${base}/{statementId}`,
  operationId: "getStatement",
  tags,
  summary: "A statement's totals, payment waterfall and reviews (no per-student lines)",
  request: { params: StatementParams },
  responses: { 200: json(StatementDetailSchema, "The statement"), ...problems(400, 401, 403, 404) },
});

const studentsRoute = createRoute({
  method: "get",
  path: `${base}/{statementId}/students`,
  operationId: "listStatementStudents",
  tags,
  summary: "A statement's per-student lines (student-level data: the read is audited)",
  request: { params: StatementParams },
  responses: {
    200: json(
      z
        .object({ statementId: z.string(), students: z.array(StudentLineSchema) })
        .openapi("StatementStudents"),
      "Per-student lines",
    ),
    ...problems(400, 401, 403, 404),
  },
});

const documentRoute = createRoute({
  method: "get",
  path: `${base}/{statementId}/document`,
  operationId: "getStatementDocument",
  tags,
  summary: "The obc-statement/1 document exactly as issued (an export: audited)",
  request: { params: StatementParams },
  responses: {
    200: json(z.unknown().openapi({ description: "obc-statement/1" }), "The document, byte for byte"),
    ...problems(400, 401, 403, 404),
  },
});

function reviewRoute(action: "approve" | "dispute") {
  const body = z.strictObject({ comment: action === "dispute" ? Comment : Comment.optional() });
  return createRoute({
    method: "post",
    path: `${base}/{statementId}/${action}`,
    operationId: action === "approve" ? "approveStatement" : "disputeStatement",
    tags,
    summary:
      action === "approve"
        ? "Approve a statement (the district's approval of a final statement settles the contract)"
        : "Dispute a statement, with a comment",
    request: {
      params: StatementParams,
      body: { content: { "application/json": { schema: body } }, required: action === "dispute" },
    },
    responses: {
      201: json(
        z.object({
          review: ReviewSchema,
          statement: StatementSchema,
          contractSettled: z.boolean(),
        }),
        "The review",
      ),
      ...problems(400, 401, 403, 404, 409),
    },
  });
}

function presentStatement(row: StatementRow): z.infer<typeof StatementSchema> {
  return {
    statementId: row.statementId.toString(),
    kind: row.kind,
    asOf: row.asOf,
    termsVersion: row.termsVersion,
    issuedAt: row.issuedAt,
    issuedBy: row.issuedBy,
    issuedByName: row.issuedByName,
    status: row.status,
    total: row.total,
    due: row.due,
    supersedesStatementId: row.supersedesStatementId?.toString() ?? null,
    supersededByStatementId: row.supersededByStatementId?.toString() ?? null,
    dataQuality:
      row.dataQuality === null
        ? null
        : {
            provisional: row.dataQuality.provisional,
            reasons: [...row.dataQuality.reasons],
            findings: row.dataQuality.findings.map((f) => ({ ...f })),
          },
  };
}

function presentDetail(detail: StatementDetail): z.infer<typeof StatementDetailSchema> {
  const {
    students: _students,
    format: _format,
    contractId: _c,
    asOf: _a,
    ...waterfall
  } = JSON.parse(detail.documentSource) as StatementJson;
  return {
    statement: presentStatement(detail.statement),
    districtId: detail.statement.districtId,
    contractId: detail.statement.contractId,
    inputDigest: detail.statement.inputDigest,
    waterfall,
    reviews: [...detail.reviews],
  };
}

const MAX_LISTED_PROBLEMS = 100;

/** Stored rows that cannot be settled, each named by its file, line and column. */
function invalidData(rows: readonly RowProblem[]): ApiProblem {
  const more = rows.length > MAX_LISTED_PROBLEMS ? ` (the first ${MAX_LISTED_PROBLEMS} are listed)` : "";
  return new ApiProblem(
    "invalid-data",
    `${rows.length} stored row(s) cannot be settled; correct and re-import them${more}`,
    rows.slice(0, MAX_LISTED_PROBLEMS).map((p) => ({
      path: `${p.file}:${p.line}:${p.column}`,
      code: p.code,
      message: p.message,
    })),
  );
}

const notFound = (p: { statementId: string; contractId: string }) =>
  new ApiProblem("not-found", `no statement ${p.statementId} of contract ${p.contractId}`);

export function registerStatementRoutes(routes: Routes): void {
  routes.add(runRoute, needs("run:settlement"), async (c) => {
    const { districtId, contractId } = c.req.valid("param");
    const body = c.req.valid("json");
    const context = { actor: c.get("actor"), at: c.get("deps").clock.now() };
    const request = { districtId, contractId, kind: body.kind, asOf: (body.asOf ?? null) as IsoDate | null };
    const response = await runIdempotent(c, sha256Hex(canonicalJson(body)), async (tx) => {
      const result = await runSettlement(tx, request, context);
      if (result.kind === "not-found")
        throw new ApiProblem("not-found", `no contract ${contractId} with terms in district ${districtId}`);
      if (result.kind === "stage-conflict")
        throw new ApiProblem("stage-conflict", `a ${result.stage} contract is not settled`);
      if (result.kind === "final-before-end")
        throw new ApiProblem("invalid-request", "a final statement is as of the period end or later", [
          { path: "$.body.asOf", code: "before-period-end", message: `the period ends ${result.periodEnd}` },
        ]);
      if (result.kind === "invalid-data") throw invalidData(result.problems);
      const detail = await readStatementDetail(tx, districtId, contractId, result.statement.statementId);
      if (detail === null) throw new Error("the statement just issued is not visible");
      return { status: result.kind === "created" ? 201 : 200, body: presentDetail(detail) };
    });
    return asRouteResponse(response);
  });

  routes.add(listRoute, needs("read:contracts"), async (c) => {
    const { districtId, contractId } = c.req.valid("param");
    const items = await actAs(c.get("deps").db, actorScope(c.get("actor")), async (tx) =>
      (await contractVisible(tx, districtId, contractId)) ? listStatements(tx, districtId, contractId) : null,
    );
    if (items === null)
      throw new ApiProblem("not-found", `no contract ${contractId} in district ${districtId}`);
    return c.json({ items: items.map(presentStatement) }, 200);
  });

  routes.add(detailRoute, needs("read:contracts"), async (c) => {
    const p = c.req.valid("param");
    const detail = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
      readStatementDetail(tx, p.districtId, p.contractId, BigInt(p.statementId)),
    );
    if (detail === null) throw notFound(p);
    return c.json(presentDetail(detail), 200);
  });

  routes.add(studentsRoute, needs("read:students"), async (c) => {
    const p = c.req.valid("param");
    const context = { actor: c.get("actor"), at: c.get("deps").clock.now() };
    const target = { ...p, statementId: BigInt(p.statementId) };
    const students = await actAs(c.get("deps").db, actorScope(context.actor), (tx) =>
      readStatementStudents(tx, target, context),
    );
    if (students === null) throw notFound(p);
    return c.json({ statementId: p.statementId, students }, 200);
  });

  routes.add(documentRoute, needs("read:contracts"), async (c) => {
    const p = c.req.valid("param");
    const context = { actor: c.get("actor"), at: c.get("deps").clock.now() };
    const target = { ...p, statementId: BigInt(p.statementId) };
    const text = await actAs(c.get("deps").db, actorScope(context.actor), (tx) =>
      exportStatementDocument(tx, target, context),
    );
    if (text === null) throw notFound(p);
    const name = `statement-${p.districtId}-${p.contractId}-${p.statementId}.json`;
    return attachmentResponse(text, "application/json", name);
  });

  for (const action of ["approve", "dispute"] as const)
    routes.add(reviewRoute(action), needs("approve:money"), async (c) => {
      const p = c.req.valid("param");
      const { comment } = c.req.valid("json") as { comment?: string };
      const context = { actor: c.get("actor"), at: c.get("deps").clock.now() };
      const request = { ...p, statementId: BigInt(p.statementId), action, comment: comment ?? null };
      const result = await actAs(c.get("deps").db, actorScope(context.actor), (tx) =>
        reviewStatement(tx, request, context),
      );
      if (result.kind === "not-found") throw notFound(p);
      if (result.kind === "superseded")
        throw new ApiProblem("conflict", `statement ${p.statementId} was replaced by statement ${result.by}`);
      const { review, contractSettled } = result;
      return c.json({ review, statement: presentStatement(result.statement), contractSettled }, 201);
    });

  registerPaymentRoutes(routes);
}
