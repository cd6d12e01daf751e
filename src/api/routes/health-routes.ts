/** GET /api/health: whether the store answers and its migrations are all applied. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Routes } from "../define-route.js";
import { PUBLIC } from "../define-route.js";

const HealthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    store: z.enum(["pglite", "postgres"]),
    migrations: z.object({ applied: z.number().int(), pending: z.array(z.string()) }),
  })
  .openapi("Health");

const health = createRoute({
  method: "get",
  path: "/api/health",
  operationId: "getHealth",
  tags: ["Health"],
  summary: "Store and migration state",
  responses: {
    200: { description: "The store answers", content: { "application/json": { schema: HealthSchema } } },
  },
});

export function registerHealthRoutes(routes: Routes): void {
  routes.add(health, PUBLIC, async (c) => {
    const deps = c.get("deps");
    const { applied, pending } = await deps.storeStatus();
    return c.json(
      {
        status: pending.length === 0 ? ("ok" as const) : ("degraded" as const),
        store: deps.db.kind,
        migrations: { applied, pending: [...pending] },
      },
      200,
    );
  });
}
