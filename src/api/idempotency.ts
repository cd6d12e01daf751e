/**
 * Exactly-once POSTs with an `Idempotency-Key` (every POST that creates a settlement, a
 * payment or an import). The key is claimed with INSERT ... ON CONFLICT DO NOTHING as the
 * first statement of the transaction that performs the effect, and the response is written
 * into the claimed row before that transaction commits. So:
 * - a concurrent request with the same key waits on the primary key until the first
 *   commits, then finds its response and replays it (same status and body, plus
 *   `Idempotent-Replayed: true`), never performing the effect a second time;
 * - if the first transaction rolls back (the effect failed), the claim goes with it and a
 *   retry performs the effect;
 * - the same key with another method, path or body is refused (422), since replaying a
 *   response to a different request would tell the client something false.
 * Keys belong to the acting organization (idempotency_keys is keyed by it).
 */
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ApiEnv } from "./api-env.js";
import { ApiProblem } from "./problem.js";
import { actAs } from "../app/act-as.js";
import { actorScope } from "../app/auth/actor.js";
import type { Db, Row, SqlParam, SqlRunner } from "../app/ports/db.js";
import { storedTime } from "../app/ports/clock.js";

export const IDEMPOTENCY_KEY_HEADER = "idempotency-key";
export const REPLAYED_HEADER = "idempotent-replayed";

/** 1 to 200 visible ASCII characters (no spaces or controls). */
const KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * The header for a route's OpenAPI document. Optional to the validator: `idempotencyKey`
 * checks it, so that its problem names the header as `$.headers["idempotency-key"]`.
 */
export const IdempotencyHeaders = z.object({
  [IDEMPOTENCY_KEY_HEADER]: z
    .string()
    .optional()
    .openapi({
      param: {
        // The name is the object's key (headers arrive in lower case); HTTP ignores case.
        name: IDEMPOTENCY_KEY_HEADER,
        in: "header",
        required: true,
        description:
          "1-200 visible ASCII characters, new for each operation. A retry with the same key and request gets the first response, with Idempotent-Replayed: true.",
      },
    }),
});

/** What an effect answers; the body is stored as JSON text and replayed byte for byte. */
export interface EffectResponse {
  readonly status: 200 | 201;
  readonly body: unknown;
}

/** The key sent, or a 400 naming the header. */
export function idempotencyKey(c: Context<ApiEnv>): string {
  const key = c.req.header(IDEMPOTENCY_KEY_HEADER);
  if (key !== undefined && KEY.test(key)) return key;
  throw new ApiProblem("invalid-request", "send an Idempotency-Key header", [
    {
      path: `$.headers["${IDEMPOTENCY_KEY_HEADER}"]`,
      code: key === undefined ? "required" : "invalid-idempotency-key",
      message: "an Idempotency-Key of 1 to 200 visible ASCII characters is required",
    },
  ]);
}

type Stored = {
  method: string;
  path: string;
  request_sha256: string;
  status_code: number;
  response_body: string;
};

/**
 * Runs `effect` at most once for the request's key, in one transaction as the acting
 * organization. `requestSha256` identifies the request body (for JSON: the SHA-256 of its
 * canonical form, so key order and spacing do not make a different request).
 */
export async function runIdempotent(
  c: Context<ApiEnv>,
  requestSha256: string,
  effect: (tx: SqlRunner) => Promise<EffectResponse>,
): Promise<Response> {
  const key = idempotencyKey(c);
  const actor = c.get("actor");
  const { db, clock } = c.get("deps");
  const method = c.req.method;
  const path = new URL(c.req.url).pathname;
  const outcome = await actAs(db, actorScope(actor), async (tx) => {
    // First, before any other lock: a request that waits here holds nothing the first needs.
    const claimed = await tx.query(
      `INSERT INTO idempotency_keys (organization_id, idempotency_key, method, path, request_sha256,
                                     status_code, response_body, created_at)
       VALUES ($1, $2, $3, $4, $5, 0, '', $6) ON CONFLICT DO NOTHING RETURNING 1 AS claimed`,
      [actor.organizationId, key, method, path, requestSha256, storedTime(clock.now())],
    );
    if (claimed.length === 0) {
      // The INSERT waited for the first request to commit; under READ COMMITTED this next
      // statement's snapshot includes that commit, so the stored response is there.
      const [first] = await tx.query<Stored>(
        `SELECT method, path, request_sha256, status_code, response_body FROM idempotency_keys
          WHERE organization_id = $1 AND idempotency_key = $2`,
        [actor.organizationId, key],
      );
      if (first === undefined) throw new Error("an idempotency key conflicted but cannot be read");
      if (first.method !== method || first.path !== path || first.request_sha256 !== requestSha256)
        throw new ApiProblem(
          "idempotency-key-reused",
          `this Idempotency-Key was used for another request (${first.method} ${first.path}); use a new key`,
        );
      return { status: first.status_code, text: first.response_body, replayed: true };
    }
    const response = await effect(tx);
    const text = JSON.stringify(response.body);
    await tx.query(
      `UPDATE idempotency_keys SET status_code = $3, response_body = $4
        WHERE organization_id = $1 AND idempotency_key = $2`,
      [actor.organizationId, key, response.status, text],
    );
    return { status: response.status, text, replayed: false };
  });
  return new Response(outcome.text, {
    status: outcome.status,
    headers: {
      "content-type": "application/json",
      ...(outcome.replayed ? { [REPLAYED_HEADER]: "true" } : {}),
    },
  });
}

/**
 * The effect's transaction as a `Db`, for use cases written against `Db` (an import):
 * their transactions join this one, so the effect and the claim commit or roll back as one.
 */
export function transactionDb(kind: Db["kind"], tx: SqlRunner): Db {
  return {
    kind,
    query: <R extends Row = Row>(sql: string, params?: readonly SqlParam[]) => tx.query<R>(sql, params),
    exec: (sql) => tx.exec(sql),
    copyFrom: (table, columns, text, format) => tx.copyFrom(table, columns, text, format),
    transaction: (fn) => fn(tx),
    close: () => Promise.resolve(),
  };
}

/**
 * A route declares its typed responses for the OpenAPI document; a replayed response is
 * stored text that the typed helpers cannot produce, so it is returned as it is.
 */
export function asRouteResponse(response: Response): never {
  return response as never;
}
