/**
 * The contract builder's server side, for district staff: the vendors a district can
 * write a contract with, and "what would these terms pay": draft terms settled on the
 * rows stored for one of the district's contracts, or on synthetic demo data fitted to
 * the terms (for a district with no data yet), with nothing recorded. A vendor is
 * refused (403): the preview reads the district's own students.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ApiEnv } from "../api-env.js";
import { needs, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { ID, IsoDateSchema, Money, problems } from "../schemas.js";
import { actAs } from "../../app/act-as.js";
import { actorScope } from "../../app/auth/actor.js";
import { seesDistrict } from "../../app/students/sees-district.js";
import { listDistrictVendors } from "../../app/terms-preview/list-district-vendors.js";
import { previewTerms, type TermsPreview } from "../../app/terms-preview/preview-terms.js";
import { previewTermsOnDemo } from "../../app/terms-preview/preview-demo.js";
import { parseIsoDate } from "../../core/date.js";
import { formatCents } from "../../core/money.js";
import { formatFixed } from "../../core/ratio.js";

const Params = z.object({ districtId: ID.openapi({ param: { name: "districtId", in: "path" } }) });

const VendorSchema = z
  .object({ vendorId: z.string(), name: z.string(), contracts: z.number().int() })
  .openapi("DistrictVendor");

const PreviewBody = z
  .strictObject({
    terms: z.record(z.string(), z.unknown()).openapi({ description: "An obc-terms/1 document" }),
    source: z.enum(["stored", "demo"]).optional().openapi({
      description:
        "stored (default): the rows stored for one of the district's contracts; demo: synthetic data fitted to the terms, not the district's",
    }),
    dataFrom: ID.optional().openapi({
      description:
        "The district's contract whose stored rows stand in (default: the contract the terms name); not with source demo",
    }),
    asOf: IsoDateSchema.refine((s) => parseIsoDate(s) !== null, "not a calendar date")
      .optional()
      .openapi({ description: "Settle as of this day (default: the period end of the terms)" }),
  })
  .openapi("TermsPreviewRequest");

const PreviewSchema = z
  .object({
    contractId: z.string(),
    dataFrom: z.string(),
    source: z.enum(["stored", "demo"]),
    demo: z
      .object({
        note: z.string(),
        students: z.number().int(),
        windows: z.array(z.object({ window: z.string(), testDate: IsoDateSchema })),
      })
      .nullable()
      .openapi({ description: "For demo data: what was generated (null for stored data)" }),
    currency: z.string(),
    asOf: IsoDateSchema,
    population: z.object({
      enrolled: z.number().int(),
      eligible: z.number().int(),
      served: z.number().int(),
      measured: z.number().int(),
    }),
    maxValue: Money,
    base: Money,
    pool: Money.nullable(),
    metrics: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        kind: z.string(),
        denominator: z.number().int(),
        met: z.number().int(),
        missing: z.number().int(),
        rate: z.string(),
        amount: Money,
        capped: z.boolean(),
      }),
    ),
    outcome: Money,
    outcomeCapped: z.boolean(),
    reduction: Money,
    obligations: z.array(
      z.object({
        id: z.string(),
        party: z.string(),
        status: z.string(),
        value: z.number().int().nullable(),
        consequenceApplied: z.boolean(),
      }),
    ),
    payFull: z.boolean(),
    total: Money,
    skipped: z
      .array(z.object({ path: z.string(), code: z.string(), message: z.string() }))
      .openapi({ description: "Stored rows left out because they do not fit these terms" }),
  })
  .openapi("TermsPreview");

const vendorsRoute = createRoute({
  method: "get",
  path: "/api/districts/{districtId}/vendors",
  operationId: "listDistrictVendors",
  tags: ["Contracts"],
  summary: "The vendors the district can write a contract with (district staff)",
  request: { params: Params },
  responses: {
    200: {
      description: "Vendors by name",
      content: { "application/json": { schema: z.object({ items: z.array(VendorSchema) }) } },
    },
    ...problems(401, 403, 404),
  },
});

const previewRoute = createRoute({
  method: "post",
  path: "/api/districts/{districtId}/terms/preview",
  operationId: "previewTerms",
  tags: ["Contracts"],
  summary: "What draft terms would pay on the district's stored data or on demo data (nothing is recorded)",
  request: {
    params: Params,
    body: { content: { "application/json": { schema: PreviewBody } }, required: true },
  },
  responses: {
    200: { description: "The statement summary", content: { "application/json": { schema: PreviewSchema } } },
    ...problems(400, 401, 403, 404, 413),
  },
});

/** District staff of the district named in the path; anyone else is refused or told it is not there. */
function districtStaff(c: Context<ApiEnv>, what: string): void {
  if (c.get("actor").orgKind !== "district")
    throw new ApiProblem("forbidden", `only the district's staff see ${what}`);
}

export const DEMO_NOTE =
  "Synthetic demo data, not your district's: students, tests and sessions generated to fit these terms.";

export function previewBody(preview: TermsPreview): z.infer<typeof PreviewSchema> {
  const s = preview.statement;
  return {
    contractId: s.contractId,
    dataFrom: preview.dataFrom,
    source: preview.source,
    demo:
      preview.demo === null
        ? null
        : {
            note: DEMO_NOTE,
            students: preview.demo.students,
            windows: preview.demo.windows.map((w) => ({ window: w.window, testDate: w.testDate })),
          },
    currency: s.currency,
    asOf: s.asOf,
    population: { ...s.population },
    maxValue: formatCents(s.maxValueCents),
    base: formatCents(s.baseCents),
    pool: s.poolCents === null ? null : formatCents(s.poolCents),
    metrics: s.metrics.map((m) => ({
      id: m.id,
      label: m.label,
      kind: m.kind,
      denominator: m.denominator,
      met: m.met,
      missing: m.missing,
      rate: formatFixed(m.rate, 6),
      amount: formatCents(m.amountCents),
      capped: m.capped,
    })),
    outcome: formatCents(s.outcomeCents),
    outcomeCapped: s.outcomeCapped,
    reduction: formatCents(s.reductionCents),
    obligations: s.obligations.map((o) => ({
      id: o.id,
      party: o.party,
      status: o.status,
      value: o.value,
      consequenceApplied: o.consequenceApplied,
    })),
    payFull: s.payFull,
    total: formatCents(s.totalCents),
    skipped: preview.skipped.map((p) => ({
      path: `${p.file}:${p.line}:${p.column}`,
      code: p.code,
      message: p.message,
    })),
  };
}

export function registerTermsPreviewRoutes(routes: Routes): void {
  routes.add(vendorsRoute, needs("read:contracts"), async (c) => {
    districtStaff(c, "its vendors");
    const { districtId } = c.req.valid("param");
    const items = await actAs(c.get("deps").db, actorScope(c.get("actor")), async (tx) =>
      (await seesDistrict(tx, districtId)) ? listDistrictVendors(tx, districtId) : null,
    );
    if (items === null) throw new ApiProblem("not-found", `no district ${districtId}`);
    return c.json({ items }, 200);
  });

  routes.add(previewRoute, needs("read:contracts"), async (c) => {
    districtStaff(c, "a preview on its students");
    const { districtId } = c.req.valid("param");
    const body = c.req.valid("json");
    const demo = body.source === "demo";
    if (demo && body.dataFrom !== undefined)
      throw new ApiProblem("invalid-request", "dataFrom names stored data; demo data has none", [
        { path: "$.body.dataFrom", code: "not-with-demo", message: "leave dataFrom out when source is demo" },
      ]);
    const asOf = body.asOf === undefined ? null : parseIsoDate(body.asOf);
    const result = await actAs(c.get("deps").db, actorScope(c.get("actor")), async (tx) =>
      !(await seesDistrict(tx, districtId))
        ? null
        : demo
          ? previewTermsOnDemo({ districtId, terms: body.terms, asOf })
          : previewTerms(tx, {
              districtId,
              terms: body.terms,
              dataFrom: body.dataFrom ?? null,
              asOf,
            }),
    );
    if (result === null) throw new ApiProblem("not-found", `no district ${districtId}`);
    if (result.kind === "invalid-terms")
      throw new ApiProblem(
        "invalid-terms",
        `${result.problems.length} problem(s) in the terms`,
        result.problems.map((p) => ({ ...p, path: `$.body.terms${p.path.slice(1)}` })),
      );
    if (result.kind === "unknown-data")
      throw new ApiProblem("invalid-request", `district ${districtId} has no contract ${result.contractId}`, [
        {
          path: result.named ? "$.body.dataFrom" : "$.body.terms.contractId",
          code: "unknown-contract",
          message: result.named
            ? `no contract ${result.contractId}: name one of the district's contracts`
            : `no contract ${result.contractId} is stored yet: name one of the district's contracts in dataFrom`,
        },
      ]);
    return c.json(previewBody(result.preview), 200);
  });
}
