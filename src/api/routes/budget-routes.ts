/**
 * Budgets and the money ledger: a district's funding sources with their balances, the
 * encumbrance of a contract's maxValue on them, the ledger of a source and of a contract,
 * reversals, and a contract's reconciliation. District-internal: vendors have no
 * read:budget, and another district's sources answer 404 like missing ones.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ApiEnv } from "../api-env.js";
import { needs, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { ID, IsoDateSchema, Money, PageQuery, decodeCursor, encodeCursor, problems } from "../schemas.js";
import { IdempotencyHeaders, asRouteResponse, runIdempotent } from "../idempotency.js";
import { actAs } from "../../app/act-as.js";
import { actorScope } from "../../app/auth/actor.js";
import { canonicalJson, sha256Hex } from "../../app/statements/canonical-json.js";
import {
  createFundingSource,
  listFundingSources,
  readFundingSource,
  updateFundingSource,
  type FundingSource,
} from "../../app/budget/funding-sources.js";
import { encumberContract } from "../../app/budget/encumber-contract.js";
import { readContractFunding, type ContractFunding } from "../../app/budget/contract-funding.js";
import { readLedgerPage, type LedgerEntryView } from "../../app/budget/read-ledger.js";
import { reverseLedgerEntry } from "../../app/budget/reverse-entry.js";
import { reconcileContract, type Reconciliation } from "../../app/budget/reconcile-contract.js";
import { parseIsoDate } from "../../core/date.js";
import { formatCents, parseMoney, type Cents } from "../../core/money.js";

const tags = ["Budget"];
const param = (name: string) => ({ param: { name, in: "path" as const } });
const NUMBER = z.string().regex(/^\d{1,18}$/, "a number");
const DistrictParams = z.object({ districtId: ID.openapi(param("districtId")) });
const SourceParams = DistrictParams.extend({ fundingSourceId: NUMBER.openapi(param("fundingSourceId")) });
const ContractParams = DistrictParams.extend({ contractId: ID.openapi(param("contractId")) });
const EntryParams = DistrictParams.extend({ entryId: NUMBER.openapi(param("entryId")) });
const CalendarDate = IsoDateSchema.refine((s) => parseIsoDate(s) !== null, "not a calendar date");
const CODE = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "letters, digits, '.', '_' and '-'");

const BalanceSchema = z.object({
  amount: Money,
  encumbered: Money,
  paid: Money,
  released: Money.openapi({ description: "Released back at settlement; part of available" }),
  overrun: Money.openapi({ description: "Paid beyond contracts' encumbrances, drawn from available" }),
  available: Money,
});

const FundingSourceSchema = z
  .object({
    fundingSourceId: z.string(),
    code: z.string(),
    name: z.string(),
    startsOn: IsoDateSchema,
    endsOn: IsoDateSchema,
    notes: z.string().nullable(),
    revision: z.number().int(),
    balance: BalanceSchema,
  })
  .openapi("FundingSource");

const NewFundingSource = z
  .strictObject({
    code: CODE,
    name: z.string().trim().min(1).max(200),
    amount: z.string().max(40).openapi({ example: "2500000.00" }),
    startsOn: CalendarDate,
    endsOn: CalendarDate,
    notes: z.string().max(2000).optional(),
  })
  .openapi("NewFundingSource");

const FundingSourceChange = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    amount: z.string().max(40).optional(),
    endsOn: CalendarDate.optional(),
    notes: z.string().max(2000).nullable().optional(),
  })
  .openapi("FundingSourceChange");

const EntrySchema = z
  .object({
    entryId: z.string(),
    fundingSourceId: z.string(),
    fundingSourceCode: z.string(),
    contractId: z.string().nullable(),
    kind: z.enum(["funding", "encumbrance", "payment", "release", "reversal"]),
    countsAs: z.enum(["funding", "encumbrance", "payment", "release"]),
    amount: Money,
    entryDate: IsoDateSchema,
    recordedBy: z.string(),
    recordedAt: z.string(),
    reference: z.string().nullable(),
    payment: z.object({ batchId: z.string(), sourceLine: z.number().int() }).nullable(),
    statementId: z.string().nullable(),
    reversesEntryId: z.string().nullable(),
    reversedByEntryId: z.string().nullable(),
  })
  .openapi("LedgerEntry");

const LedgerPageSchema = z
  .object({ items: z.array(EntrySchema), nextCursor: z.string().nullable() })
  .openapi("LedgerPage");

const ContractFundingSchema = z
  .object({
    contractId: z.string(),
    termsVersion: z.number().int(),
    maxValue: Money,
    periodEnd: IsoDateSchema,
    encumbered: Money,
    splits: z.array(
      z.object({
        fundingSourceId: z.string(),
        code: z.string(),
        name: z.string(),
        encumbered: Money,
        paid: Money,
        released: Money,
        outstanding: Money,
        overrun: Money,
      }),
    ),
  })
  .openapi("ContractFunding");

const EncumberBody = z
  .strictObject({
    splits: z.array(z.strictObject({ fundingSourceId: NUMBER, amount: z.string().max(40) })).max(50),
    reference: z.string().min(1).max(200).optional(),
  })
  .openapi("NewEncumbrance");

const ReverseBody = z.strictObject({ reason: z.string().trim().min(1).max(500) }).openapi("LedgerReversal");

const ReconciliationSchema = z
  .object({
    contractId: z.string(),
    matches: z.boolean(),
    recordedPaid: Money,
    ledgerPaid: Money,
    statement: z
      .object({ statementId: z.string(), asOf: IsoDateSchema, paid: Money, paymentsThroughAsOf: Money })
      .nullable(),
    differences: z.array(
      z.object({
        code: z.enum(["payment-not-charged", "payment-charged-differently", "statement-paid-differs"]),
        message: z.string(),
        amount: Money,
      }),
    ),
  })
  .openapi("Reconciliation");

const json = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

const sourcesPath = "/api/districts/{districtId}/funding-sources";
const sourcePath = `${sourcesPath}/{fundingSourceId}`;
const contractPath = "/api/districts/{districtId}/contracts/{contractId}";

const routesOf = {
  list: createRoute({
    method: "get",
    path: sourcesPath,
    operationId: "listFundingSources",
    tags,
    summary: "The district's funding sources with their balances",
    request: { params: DistrictParams },
    responses: {
      200: json(
        "Funding sources",
        z.object({ items: z.array(FundingSourceSchema) }).openapi("FundingSourceList"),
      ),
      ...problems(400, 401, 403, 404),
    },
  }),
  create: createRoute({
    method: "post",
    path: sourcesPath,
    operationId: "createFundingSource",
    tags,
    summary: "Add a funding source with its amount (a funding entry of the ledger)",
    request: { params: DistrictParams, headers: IdempotencyHeaders, body: body(NewFundingSource) },
    responses: { 201: json("Created", FundingSourceSchema), ...problems(400, 401, 403, 404, 409, 422) },
  }),
  get: createRoute({
    method: "get",
    path: sourcePath,
    operationId: "getFundingSource",
    tags,
    summary: "A funding source with its balances",
    request: { params: SourceParams },
    responses: { 200: json("The funding source", FundingSourceSchema), ...problems(400, 401, 403, 404) },
  }),
  update: createRoute({
    method: "patch",
    path: sourcePath,
    operationId: "updateFundingSource",
    tags,
    summary:
      "Change a funding source's name, notes, end date or amount (audited; an amount change is a ledger entry)",
    request: { params: SourceParams, body: body(FundingSourceChange) },
    responses: { 200: json("The funding source", FundingSourceSchema), ...problems(400, 401, 403, 404, 409) },
  }),
  sourceLedger: createRoute({
    method: "get",
    path: `${sourcePath}/ledger`,
    operationId: "listFundingSourceLedger",
    tags,
    summary: "The ledger entries of a funding source, newest first",
    request: { params: SourceParams, query: PageQuery },
    responses: { 200: json("A page of entries", LedgerPageSchema), ...problems(400, 401, 403, 404) },
  }),
  funding: createRoute({
    method: "get",
    path: `${contractPath}/funding`,
    operationId: "getContractFunding",
    tags,
    summary: "The contract's encumbrance per funding source: encumbered, paid, released, outstanding",
    request: { params: ContractParams },
    responses: {
      200: json("The contract's funding", ContractFundingSchema),
      ...problems(400, 401, 403, 404),
    },
  }),
  encumber: createRoute({
    method: "post",
    path: `${contractPath}/encumbrances`,
    operationId: "encumberContract",
    tags,
    summary: "Encumber the contract's maxValue on funding sources (splits adding up to it exactly)",
    request: { params: ContractParams, headers: IdempotencyHeaders, body: body(EncumberBody) },
    responses: {
      201: json("The contract's funding", ContractFundingSchema),
      ...problems(400, 401, 403, 404, 409, 422),
    },
  }),
  contractLedger: createRoute({
    method: "get",
    path: `${contractPath}/ledger`,
    operationId: "listContractLedger",
    tags,
    summary: "The ledger entries of a contract, newest first",
    request: { params: ContractParams, query: PageQuery },
    responses: { 200: json("A page of entries", LedgerPageSchema), ...problems(400, 401, 403, 404) },
  }),
  reverse: createRoute({
    method: "post",
    path: "/api/districts/{districtId}/ledger-entries/{entryId}/reversal",
    operationId: "reverseLedgerEntry",
    tags,
    summary: "Reverse a ledger entry (once): a new entry of the negated amount naming it",
    request: { params: EntryParams, headers: IdempotencyHeaders, body: body(ReverseBody) },
    responses: { 201: json("The reversal", EntrySchema), ...problems(400, 401, 403, 404, 409, 422) },
  }),
  reconcile: createRoute({
    method: "get",
    path: `${contractPath}/reconciliation`,
    operationId: "reconcileContractPayments",
    tags,
    summary:
      "Whether the ledger's paid total equals the recorded payments and the statement's paid, with the differences",
    request: { params: ContractParams },
    responses: { 200: json("The reconciliation", ReconciliationSchema), ...problems(400, 401, 403, 404) },
  }),
};

const money = (c: Cents | bigint) => formatCents(c);

function presentSource(s: FundingSource): z.infer<typeof FundingSourceSchema> {
  const b = s.balance;
  return {
    fundingSourceId: s.fundingSourceId,
    code: s.code,
    name: s.name,
    startsOn: s.startsOn,
    endsOn: s.endsOn,
    notes: s.notes,
    revision: s.revision,
    balance: {
      amount: money(b.amountCents),
      encumbered: money(b.encumberedCents),
      paid: money(b.paidCents),
      released: money(b.releasedCents),
      overrun: money(b.overrunCents),
      available: money(b.availableCents),
    },
  };
}

function presentEntry(e: LedgerEntryView): z.infer<typeof EntrySchema> {
  const { amountCents, ...rest } = e;
  return { ...rest, amount: money(amountCents) };
}

function presentFunding(f: ContractFunding): z.infer<typeof ContractFundingSchema> {
  return {
    contractId: f.contractId,
    termsVersion: f.termsVersion,
    maxValue: money(f.maxValueCents),
    periodEnd: f.periodEnd,
    encumbered: money(f.encumberedCents),
    splits: f.splits.map((s) => ({
      fundingSourceId: s.fundingSourceId,
      code: s.code,
      name: s.name,
      encumbered: money(s.encumberedCents),
      paid: money(s.paidCents),
      released: money(s.releasedCents),
      outstanding: money(s.outstandingCents),
      overrun: money(s.overrunCents),
    })),
  };
}

function presentReconciliation(r: Reconciliation): z.infer<typeof ReconciliationSchema> {
  return {
    contractId: r.contractId,
    matches: r.matches,
    recordedPaid: money(r.recordedPaidCents),
    ledgerPaid: money(r.ledgerPaidCents),
    statement:
      r.statement === null
        ? null
        : {
            statementId: r.statement.statementId,
            asOf: r.statement.asOf,
            paid: money(r.statement.paidCents),
            paymentsThroughAsOf: money(r.statement.paymentsThroughAsOfCents),
          },
    differences: r.differences.map((d) => ({
      code: d.code,
      message: d.message,
      amount: money(d.amountCents),
    })),
  };
}

/** Funding sources are the acting district's own: any other district answers as a missing one. */
function ownDistrict(c: Context<ApiEnv>, districtId: string): void {
  const actor = c.get("actor");
  if (actor.orgKind !== "district" || actor.organizationId !== districtId)
    throw new ApiProblem("not-found", `no district ${districtId}`);
}

/** Cents of an amount sent at `path`: non-negative, at most two decimals, never through a float. */
function amountAt(text: string, path: string): Cents {
  const parsed = parseMoney(text);
  const problem =
    typeof parsed === "string"
      ? parsed === "negative"
        ? "a funding source's amount is not negative"
        : `not an amount with at most two decimals (${parsed})`
      : parsed >= 10n ** 15n
        ? "larger than any funding source"
        : null;
  if (problem === null && typeof parsed !== "string") return parsed;
  throw new ApiProblem("invalid-request", "the amount is not valid", [
    { path, code: "invalid-amount", message: problem ?? "not an amount" },
  ]);
}

function pageOf(cursor: string | undefined): bigint | null {
  const key = decodeCursor(cursor, 1);
  const before = key?.[0] !== undefined && /^\d{1,18}$/.test(key[0]) ? BigInt(key[0]) : null;
  if (cursor !== undefined && before === null)
    throw new ApiProblem("invalid-request", "the cursor is not one this API gave", [
      { path: "$.query.cursor", code: "invalid-cursor", message: "use nextCursor of the previous page" },
    ]);
  return before;
}

const requestSha = (c: Context<ApiEnv>, sent: unknown) =>
  sha256Hex(canonicalJson({ path: new URL(c.req.url).pathname, body: sent }));

export function registerBudgetRoutes(routes: Routes): void {
  routes.add(routesOf.list, needs("read:budget"), async (c) => {
    const { districtId } = c.req.valid("param");
    ownDistrict(c, districtId);
    const items = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
      listFundingSources(tx, districtId),
    );
    return c.json({ items: items.map(presentSource) }, 200);
  });

  routes.add(routesOf.create, needs("write:budget"), async (c) => {
    const { districtId } = c.req.valid("param");
    ownDistrict(c, districtId);
    const sent = c.req.valid("json");
    if (sent.endsOn < sent.startsOn)
      throw new ApiProblem("invalid-request", "the source ends before it starts", [
        {
          path: "$.body.endsOn",
          code: "ends-before-start",
          message: `the source starts on ${sent.startsOn}`,
        },
      ]);
    const request = {
      districtId,
      code: sent.code,
      name: sent.name,
      amountCents: amountAt(sent.amount, "$.body.amount"),
      startsOn: sent.startsOn,
      endsOn: sent.endsOn,
      notes: sent.notes ?? null,
    };
    const context = { actor: c.get("actor"), at: c.get("deps").clock.now() };
    const response = await runIdempotent(c, requestSha(c, sent), async (tx) => {
      const result = await createFundingSource(tx, request, context);
      if (result.kind === "not-found") throw new ApiProblem("not-found", `no district ${districtId}`);
      if (result.kind === "duplicate-code")
        throw new ApiProblem("conflict", `the district already has a funding source ${sent.code}`, [
          { path: "$.body.code", code: "duplicate-code", message: `${sent.code} is taken` },
        ]);
      return { status: 201, body: presentSource(result.source) };
    });
    return asRouteResponse(response);
  });

  routes.add(routesOf.get, needs("read:budget"), async (c) => {
    const { districtId, fundingSourceId } = c.req.valid("param");
    ownDistrict(c, districtId);
    const source = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
      readFundingSource(tx, districtId, fundingSourceId),
    );
    if (source === null) throw new ApiProblem("not-found", `no funding source ${fundingSourceId}`);
    return c.json(presentSource(source), 200);
  });

  routes.add(routesOf.update, needs("write:budget"), async (c) => {
    const { districtId, fundingSourceId } = c.req.valid("param");
    ownDistrict(c, districtId);
    const sent = c.req.valid("json");
    const amountCents = sent.amount === undefined ? undefined : amountAt(sent.amount, "$.body.amount");
    const deps = c.get("deps");
    const actor = c.get("actor");
    const result = await actAs(deps.db, actorScope(actor), (tx) =>
      updateFundingSource(
        tx,
        {
          districtId,
          sourceId: fundingSourceId,
          ...(sent.name === undefined ? {} : { name: sent.name }),
          ...(sent.notes === undefined ? {} : { notes: sent.notes }),
          ...(sent.endsOn === undefined ? {} : { endsOn: sent.endsOn }),
          ...(amountCents === undefined ? {} : { amountCents }),
        },
        { actor, at: deps.clock.now() },
      ),
    );
    if (result.kind === "not-found")
      throw new ApiProblem("not-found", `no funding source ${fundingSourceId}`);
    if (result.kind === "refused")
      throw new ApiProblem("conflict", result.message, [
        { path: result.path, code: result.code, message: result.message },
      ]);
    return c.json(presentSource(result.source), 200);
  });

  routes.add(routesOf.sourceLedger, needs("read:budget"), async (c) => {
    const { districtId, fundingSourceId } = c.req.valid("param");
    ownDistrict(c, districtId);
    const q = c.req.valid("query");
    const before = pageOf(q.cursor);
    const page = await actAs(c.get("deps").db, actorScope(c.get("actor")), async (tx) =>
      (await readFundingSource(tx, districtId, fundingSourceId)) === null
        ? null
        : readLedgerPage(tx, districtId, { sourceId: fundingSourceId }, { before, limit: q.limit }),
    );
    if (page === null) throw new ApiProblem("not-found", `no funding source ${fundingSourceId}`);
    return c.json(
      {
        items: page.items.map(presentEntry),
        nextCursor: page.nextBefore === null ? null : encodeCursor([page.nextBefore]),
      },
      200,
    );
  });

  routes.add(routesOf.funding, needs("read:budget"), async (c) => {
    const { districtId, contractId } = c.req.valid("param");
    ownDistrict(c, districtId);
    const funding = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
      readContractFunding(tx, districtId, contractId),
    );
    if (funding === null)
      throw new ApiProblem("not-found", `no contract ${contractId} in district ${districtId}`);
    return c.json(presentFunding(funding), 200);
  });

  routes.add(routesOf.encumber, needs("write:budget"), async (c) => {
    const { districtId, contractId } = c.req.valid("param");
    ownDistrict(c, districtId);
    const sent = c.req.valid("json");
    const request = {
      districtId,
      contractId,
      splits: sent.splits.map((s) => ({ sourceId: s.fundingSourceId, amount: s.amount })),
      reference: sent.reference ?? null,
    };
    const context = { actor: c.get("actor"), at: c.get("deps").clock.now() };
    const response = await runIdempotent(c, requestSha(c, sent), async (tx) => {
      const result = await encumberContract(tx, request, context);
      if (result.kind === "not-found")
        throw new ApiProblem("not-found", `no contract ${contractId} in district ${districtId}`);
      if (result.kind === "already-encumbered")
        throw new ApiProblem(
          "conflict",
          `contract ${contractId} is encumbered (${result.encumbered}); reverse its encumbrance entries to encumber it again`,
        );
      if (result.kind === "invalid")
        throw new ApiProblem("invalid-request", "the encumbrance is not valid", result.problems);
      return { status: 201, body: presentFunding(result.funding) };
    });
    return asRouteResponse(response);
  });

  routes.add(routesOf.contractLedger, needs("read:budget"), async (c) => {
    const { districtId, contractId } = c.req.valid("param");
    ownDistrict(c, districtId);
    const q = c.req.valid("query");
    const before = pageOf(q.cursor);
    const page = await actAs(c.get("deps").db, actorScope(c.get("actor")), async (tx) => {
      const [contract] = await tx.query(
        "SELECT 1 FROM contracts WHERE district_id = $1 AND contract_id = $2",
        [districtId, contractId],
      );
      return contract === undefined
        ? null
        : readLedgerPage(tx, districtId, { contractId }, { before, limit: q.limit });
    });
    if (page === null)
      throw new ApiProblem("not-found", `no contract ${contractId} in district ${districtId}`);
    return c.json(
      {
        items: page.items.map(presentEntry),
        nextCursor: page.nextBefore === null ? null : encodeCursor([page.nextBefore]),
      },
      200,
    );
  });

  routes.add(routesOf.reverse, needs("write:budget"), async (c) => {
    const { districtId, entryId } = c.req.valid("param");
    ownDistrict(c, districtId);
    const sent = c.req.valid("json");
    const context = { actor: c.get("actor"), at: c.get("deps").clock.now() };
    const response = await runIdempotent(c, requestSha(c, sent), async (tx) => {
      const result = await reverseLedgerEntry(
        tx,
        { districtId, entryId: BigInt(entryId), reason: sent.reason },
        context,
      );
      if (result.kind === "not-found") throw new ApiProblem("not-found", `no ledger entry ${entryId}`);
      if (result.kind === "refused")
        throw new ApiProblem("conflict", result.message, [
          { path: "$.path.entryId", code: result.code, message: result.message },
        ]);
      return { status: 201, body: presentEntry(result.entry) };
    });
    return asRouteResponse(response);
  });

  routes.add(routesOf.reconcile, needs("read:budget"), async (c) => {
    const { districtId, contractId } = c.req.valid("param");
    ownDistrict(c, districtId);
    const result = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
      reconcileContract(tx, districtId, contractId),
    );
    if (result === null)
      throw new ApiProblem("not-found", `no contract ${contractId} in district ${districtId}`);
    return c.json(presentReconciliation(result), 200);
  });
}
