/** GET /api/audit-events: the audit log of the organization, for its administrators and auditors. */
import { createRoute, z } from "@hono/zod-openapi";
import { needs, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { decodeCursor, encodeCursor, PageQuery, problems } from "../schemas.js";
import { actAs } from "../../app/act-as.js";
import { actorScope } from "../../app/auth/actor.js";
import { listAuditEvents } from "../../app/audit/list-audit-events.js";

const AuditEventSchema = z
  .object({
    seq: z.string(),
    occurredAt: z.string(),
    actorUserId: z.string().nullable(),
    actorName: z.string().nullable().openapi({ description: "The acting user's display name" }),
    actorTokenId: z.string().nullable(),
    organizationId: z.string().nullable(),
    districtId: z.string().nullable(),
    action: z.string(),
    objectType: z.string(),
    objectId: z.string(),
    detail: z.unknown(),
    entrySha256: z.string(),
  })
  .openapi("AuditEvent");

const Instant = z.iso.datetime({ offset: true });
const query = (name: string) => ({ param: { name, in: "query" as const } });

const listRoute = createRoute({
  method: "get",
  path: "/api/audit-events",
  operationId: "listAuditEvents",
  tags: ["Audit"],
  summary: "The audit log, newest first",
  description:
    "Entries of the acting organization, and for a district also those about the district (sign-ins, every write, export and read of student-level data). Filter by user, object, action and time (from inclusive, to exclusive). `accord audit verify` checks the hash chain.",
  request: {
    query: PageQuery.extend({
      user: z.string().max(100).optional().openapi(query("user")),
      objectType: z.string().max(100).optional().openapi(query("objectType")),
      objectId: z.string().max(200).optional().openapi(query("objectId")),
      action: z.string().max(100).optional().openapi(query("action")),
      from: Instant.optional().openapi(query("from")),
      to: Instant.optional().openapi(query("to")),
    }),
  },
  responses: {
    200: {
      description: "A page of entries",
      content: {
        "application/json": {
          schema: z
            .object({ items: z.array(AuditEventSchema), nextCursor: z.string().nullable() })
            .openapi("AuditPage"),
        },
      },
    },
    ...problems(400, 401, 403),
  },
});

export function registerAuditRoutes(routes: Routes): void {
  routes.add(listRoute, needs("read:audit"), async (c) => {
    const q = c.req.valid("query");
    const cursor = decodeCursor(q.cursor, 1);
    const before = cursor?.[0] !== undefined && /^\d{1,18}$/.test(cursor[0]) ? BigInt(cursor[0]) : null;
    if (q.cursor !== undefined && before === null)
      throw new ApiProblem("invalid-request", "the cursor is not one this API gave", [
        { path: "$.query.cursor", code: "invalid-cursor", message: "use nextCursor of the previous page" },
      ]);
    const page = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
      listAuditEvents(
        tx,
        {
          actorUserId: q.user ?? null,
          objectType: q.objectType ?? null,
          objectId: q.objectId ?? null,
          action: q.action ?? null,
          from: q.from ?? null,
          to: q.to ?? null,
        },
        { before, limit: q.limit },
      ),
    );
    return c.json(
      {
        items: page.items.map((e) => ({
          seq: e.seq.toString(),
          occurredAt: e.occurredAt,
          actorUserId: e.actorUserId,
          actorName: e.actorUserId === null ? null : (page.actorNames.get(e.actorUserId) ?? null),
          actorTokenId: e.actorTokenId,
          organizationId: e.organizationId,
          districtId: e.districtId,
          action: e.action,
          objectType: e.objectType,
          objectId: e.objectId,
          detail: JSON.parse(e.detail) as unknown,
          entrySha256: e.entrySha256,
        })),
        nextCursor: page.nextBefore === null ? null : encodeCursor([page.nextBefore.toString()]),
      },
      200,
    );
  });
}
