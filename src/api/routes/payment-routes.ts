/**
 * Payments of a contract: the district records one (exactly once per Idempotency-Key;
 * a negative amount is a refund), and both parties list them with a running total.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { needs, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { IsoDateSchema, Money, problems } from "../schemas.js";
import { IdempotencyHeaders, asRouteResponse, runIdempotent } from "../idempotency.js";
import { ContractParams } from "./contract-routes.js";
import { actAs } from "../../app/act-as.js";
import { actorScope } from "../../app/auth/actor.js";
import { canonicalJson, sha256Hex } from "../../app/statements/canonical-json.js";
import { listPayments, type StoredPayment } from "../../app/payments/list-payments.js";
import { recordPayment } from "../../app/payments/record-payment.js";
import { contractVisible } from "../../app/statements/read-statements.js";
import { parseIsoDate, type IsoDate } from "../../core/date.js";
import { formatCents, parseMoney } from "../../core/money.js";

const PaymentSchema = z
  .object({
    batchId: z.string(),
    sourceLine: z.number().int(),
    paidOn: IsoDateSchema,
    amount: Money,
    reference: z.string().nullable(),
  })
  .openapi("Payment");

const PaymentListSchema = z
  .object({
    items: z.array(PaymentSchema.extend({ runningTotal: Money })),
    total: Money,
  })
  .openapi("PaymentList");

const PaymentBody = z
  .strictObject({
    paidOn: IsoDateSchema.refine((s) => parseIsoDate(s) !== null, "not a calendar date"),
    amount: z.string().max(40).openapi({ example: "1250.00", description: "Negative for a refund" }),
    reference: z.string().min(1).max(200).optional(),
  })
  .openapi("NewPayment");

/** Amounts beyond this are typing mistakes, and far inside what a bigint of cents holds. */
const MAX_ABS_CENTS = 10n ** 15n;

const path = "/api/districts/{districtId}/contracts/{contractId}/payments";
const tags = ["Payments"];

const recordRoute = createRoute({
  method: "post",
  path,
  operationId: "recordPayment",
  tags,
  summary: "Record a payment (or, negative, a refund) of the contract; districts only",
  request: {
    params: ContractParams,
    headers: IdempotencyHeaders,
    body: { content: { "application/json": { schema: PaymentBody } }, required: true },
  },
  responses: {
    201: { description: "Recorded", content: { "application/json": { schema: PaymentSchema } } },
    ...problems(400, 401, 403, 404, 409, 422),
  },
});

const listRoute = createRoute({
  method: "get",
  path,
  operationId: "listPayments",
  tags,
  summary: "The contract's payments in the order paid, with the running total",
  request: { params: ContractParams },
  responses: {
    200: { description: "Payments", content: { "application/json": { schema: PaymentListSchema } } },
    ...problems(400, 401, 403, 404),
  },
});

function presentPayment(p: StoredPayment): z.infer<typeof PaymentSchema> {
  return {
    batchId: p.batchId.toString(),
    sourceLine: p.sourceLine,
    paidOn: p.paidOn,
    amount: formatCents(p.amountCents),
    reference: p.reference,
  };
}

/** The amount in cents, or a 400 naming `$.body.amount`; never through a float. */
function amountCents(text: string) {
  const parsed = parseMoney(text, { allowNegative: true });
  const problem =
    typeof parsed === "string"
      ? `not an amount with at most two decimals (${parsed})`
      : parsed === 0n
        ? "a payment of zero records nothing"
        : parsed >= MAX_ABS_CENTS || parsed <= -MAX_ABS_CENTS
          ? "larger than any payment this contract could see"
          : null;
  if (problem === null && typeof parsed !== "string") return parsed;
  throw new ApiProblem("invalid-request", "the amount is not valid", [
    { path: "$.body.amount", code: "invalid-amount", message: problem ?? "not an amount" },
  ]);
}

export function registerPaymentRoutes(routes: Routes): void {
  routes.add(recordRoute, needs("approve:money"), async (c) => {
    const actor = c.get("actor");
    // approve:money also lets a vendor approve statements; paying is the district's alone.
    if (actor.orgKind !== "district")
      throw new ApiProblem("forbidden", "only the district records payments of its contracts");
    const { districtId, contractId } = c.req.valid("param");
    const body = c.req.valid("json");
    const request = {
      districtId,
      contractId,
      paidOn: body.paidOn as IsoDate,
      amountCents: amountCents(body.amount),
      reference: body.reference ?? null,
      requestName: `POST ${new URL(c.req.url).pathname}`,
      requestSha256: sha256Hex(canonicalJson({ method: "POST", path: new URL(c.req.url).pathname, body })),
    };
    const context = { actor, at: c.get("deps").clock.now() };
    const response = await runIdempotent(c, sha256Hex(canonicalJson(body)), async (tx) => {
      const result = await recordPayment(tx, request, context);
      if (result.kind === "not-found")
        throw new ApiProblem("not-found", `no contract ${contractId} in district ${districtId}`);
      if (result.kind === "stage-conflict")
        throw new ApiProblem("stage-conflict", `a ${result.stage} contract has no agreed terms to pay under`);
      return { status: 201, body: presentPayment(result.payment) };
    });
    return asRouteResponse(response);
  });

  routes.add(listRoute, needs("read:contracts"), async (c) => {
    const { districtId, contractId } = c.req.valid("param");
    const list = await actAs(c.get("deps").db, actorScope(c.get("actor")), async (tx) => {
      if (!(await contractVisible(tx, districtId, contractId))) return null;
      return listPayments(tx, districtId, contractId);
    });
    if (list === null)
      throw new ApiProblem("not-found", `no contract ${contractId} in district ${districtId}`);
    return c.json(
      {
        items: list.payments.map((p) => ({
          ...presentPayment(p),
          runningTotal: formatCents(p.runningTotalCents),
        })),
        total: formatCents(list.totalCents),
      },
      200,
    );
  });
}
