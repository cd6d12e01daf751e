/**
 * Alerts: what needs attention across the acting organization's active contracts today
 * (enrolment or dosage behind pace, assessment data missing, obligations due, overdue,
 * at risk or not met, statements awaiting approval). Rules: src/core/alerts. A vendor
 * gets the alerts of its own contracts only.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { needs, type Routes } from "../define-route.js";
import { IsoDateSchema, problems } from "../schemas.js";
import { actorScope } from "../../app/auth/actor.js";
import { actAs } from "../../app/act-as.js";
import { listAlerts } from "../../app/alerts/list-alerts.js";
import { dayOf } from "../../app/contract-progress/read-contract-progress.js";

const CODES = [
  "enrolment-behind",
  "dosage-behind",
  "assessment-data-missing",
  "obligation-due-soon",
  "obligation-overdue",
  "obligation-at-risk",
  "obligation-not-met",
  "statement-awaiting-approval",
  "action-item-overdue",
] as const;

export const AlertSchema = z
  .object({
    code: z.enum(CODES),
    severity: z.enum(["critical", "warning", "info"]),
    districtId: z.string(),
    contractId: z.string(),
    subject: z.string().openapi({ description: "The metric, window, obligation or statement concerned" }),
    message: z.string(),
    target: z.union([
      z.object({ page: z.literal("contract"), section: z.enum(["progress", "obligations", "freshness"]) }),
      z.object({ page: z.literal("outcomes") }),
      z.object({ page: z.literal("statement"), statementId: z.string() }),
      z.object({ page: z.literal("check-in"), checkInId: z.string() }),
    ]),
  })
  .openapi("Alert");

const AlertListSchema = z
  .object({
    asOf: IsoDateSchema,
    items: z.array(AlertSchema.extend({ contractTitle: z.string() })),
    unsettled: z
      .array(z.object({ districtId: z.string(), contractId: z.string() }))
      .openapi({ description: "Active contracts whose stored data cannot be settled: no alerts computed" }),
  })
  .openapi("AlertList");

const listRoute = createRoute({
  method: "get",
  path: "/api/alerts",
  operationId: "listAlerts",
  tags: ["Alerts"],
  summary: "Alerts of the organization's active contracts as of today, most severe first",
  responses: {
    200: { description: "The alerts", content: { "application/json": { schema: AlertListSchema } } },
    ...problems(401, 403),
  },
});

export function registerAlertRoutes(routes: Routes): void {
  routes.add(listRoute, needs("read:contracts"), async (c) => {
    const deps = c.get("deps");
    const today = dayOf(deps.clock.now());
    const list = await actAs(deps.db, actorScope(c.get("actor")), (tx) => listAlerts(tx, today));
    return c.json(
      { asOf: list.today, items: list.alerts.map((a) => ({ ...a })), unsettled: [...list.unsettled] },
      200,
    );
  });
}
