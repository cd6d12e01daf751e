/**
 * One's own alert e-mail preferences (for the membership signed in with): for each alert
 * kind, immediately, in the daily digest or off, and the digest's hour. Anyone who may
 * read contracts (and so gets alerts) sets their own; a person signed in, not an API token.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { needs, type Routes } from "../define-route.js";
import { problems } from "../schemas.js";
import { personActor } from "./admin-routes.js";
import { actAs } from "../../app/act-as.js";
import { actorScope } from "../../app/auth/actor.js";
import {
  readAlertPreferences,
  saveAlertPreferences,
  type AlertPreferences,
} from "../../app/alert-mail/alert-preferences.js";
import { DEFAULT_ALERT_TIME_ZONE } from "../../app/alert-mail/local-time.js";
import type { AlertCode } from "../../core/alerts/alert.js";
import {
  ALERT_KINDS,
  ALERT_KIND_LABELS,
  DELIVERIES,
  type Delivery,
} from "../../core/alert-mail/preferences.js";

const PATH = "/api/account/notification-preferences";
const Kind = z.enum(ALERT_KINDS as unknown as [AlertCode, ...AlertCode[]]);
const DeliverySchema = z
  .enum(DELIVERIES as unknown as [Delivery, ...Delivery[]])
  .openapi({ description: "immediate: one mail per alert; digest: in the daily digest; off: no mail" });
const DigestHour = z
  .number()
  .int("a whole hour")
  .min(0, "an hour from 0 to 23")
  .max(23, "an hour from 0 to 23")
  .openapi({ description: "The hour (0-23, in timeZone) after which the daily digest is sent" });

const PreferencesSchema = z
  .object({
    kinds: z.array(
      z.object({
        kind: Kind,
        label: z.string(),
        delivery: DeliverySchema,
        roleDefault: DeliverySchema.openapi({ description: "What the role gets unless chosen otherwise" }),
      }),
    ),
    digestHour: DigestHour,
    timeZone: z.string().openapi({ description: "IANA time zone the digest hour is read in" }),
  })
  .openapi("NotificationPreferences");

const ChoiceSchema = z
  .strictObject({
    deliveries: z
      .strictObject(Object.fromEntries(ALERT_KINDS.map((k) => [k, DeliverySchema.optional()])))
      .openapi({ description: "Kinds left out take the role's default" }),
    digestHour: DigestHour,
  })
  .openapi("NotificationPreferencesChoice");

const getRoute = createRoute({
  method: "get",
  path: PATH,
  operationId: "getNotificationPreferences",
  tags: ["Account"],
  summary: "One's own alert e-mail preferences",
  responses: {
    200: { description: "The preferences", content: { "application/json": { schema: PreferencesSchema } } },
    ...problems(401, 403),
  },
});

const putRoute = createRoute({
  method: "put",
  path: PATH,
  operationId: "putNotificationPreferences",
  tags: ["Account"],
  summary: "Set one's own alert e-mail preferences",
  description: "Replaces the choices: kinds left out of `deliveries` take the role's default.",
  request: { body: { content: { "application/json": { schema: ChoiceSchema } }, required: true } },
  responses: {
    200: {
      description: "The preferences now",
      content: { "application/json": { schema: PreferencesSchema } },
    },
    ...problems(400, 401, 403),
  },
});

function present(preferences: AlertPreferences, timeZone: string) {
  return {
    kinds: ALERT_KINDS.map((kind) => ({
      kind,
      label: ALERT_KIND_LABELS[kind],
      delivery: preferences.deliveries[kind],
      roleDefault: preferences.defaults[kind],
    })),
    digestHour: preferences.digestHour,
    timeZone,
  };
}

export function registerAlertPreferenceRoutes(routes: Routes): void {
  routes.add(getRoute, needs("read:contracts"), async (c) => {
    const actor = personActor(c);
    const deps = c.get("deps");
    const member = { userId: actor.userId, organizationId: actor.organizationId, role: actor.role };
    const preferences = await actAs(deps.db, actorScope(actor), (tx) => readAlertPreferences(tx, member));
    return c.json(present(preferences, deps.config.alertTimeZone ?? DEFAULT_ALERT_TIME_ZONE), 200);
  });
  routes.add(putRoute, needs("read:contracts"), async (c) => {
    const actor = personActor(c);
    const deps = c.get("deps");
    const body = c.req.valid("json");
    const member = { userId: actor.userId, organizationId: actor.organizationId, role: actor.role };
    const preferences = await actAs(deps.db, actorScope(actor), (tx) =>
      saveAlertPreferences(
        tx,
        member,
        { deliveries: body.deliveries as Partial<Record<AlertCode, Delivery>>, digestHour: body.digestHour },
        deps.clock.now(),
      ),
    );
    return c.json(present(preferences, deps.config.alertTimeZone ?? DEFAULT_ALERT_TIME_ZONE), 200);
  });
}
