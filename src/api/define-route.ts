/**
 * Every route is added through `Routes.add` with the access it requires, so the route
 * table (method, path, access) is known: the authorization matrix test is generated
 * from it, and a route cannot exist without an access rule. The guard runs before the
 * request is validated, so a caller without access learns nothing from validation.
 */
import type { OpenAPIHono, RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { ApiEnv } from "./api-env.js";
import { ApiProblem, jsonPath, problemResponse } from "./problem.js";
import { can, type Capability } from "../app/auth/roles.js";
import { sameSecret } from "../app/auth/secrets.js";

export type Access =
  | { readonly kind: "public" }
  /** Any signed-in user; `pending` also while the second factor is still to be given or enrolled. */
  | { readonly kind: "signed-in"; readonly pending?: boolean }
  | { readonly kind: "capability"; readonly capability: Capability };

export const PUBLIC: Access = { kind: "public" };
export const SIGNED_IN: Access = { kind: "signed-in" };
export function needs(capability: Capability): Access {
  return { kind: "capability", capability };
}

export interface RouteEntry {
  readonly method: string;
  /** OpenAPI form: /api/contracts/{contractId}. */
  readonly path: string;
  readonly operationId: string;
  readonly access: Access;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function guard(access: Access): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (access.kind === "public") return next();
    const actor = c.get("actor") as ApiEnv["Variables"]["actor"] | undefined;
    if (actor === undefined)
      throw new ApiProblem("unauthenticated", "this requires a signed-in session or an API token");
    const session = actor.session;
    if (session !== null) {
      if (UNSAFE.has(c.req.method)) {
        const sent = c.req.header("x-csrf-token") ?? "";
        if (!sameSecret(sent, session.csrfToken))
          throw new ApiProblem(
            "csrf-token-invalid",
            "send the session's CSRF token in the X-CSRF-Token header",
          );
      }
      if (!session.secondFactorDone && !(access.kind === "signed-in" && access.pending === true))
        throw new ApiProblem(
          "second-factor-required",
          "administrators give a code from their authenticator app (POST /api/auth/totp/verify, or enrol at /api/auth/totp/enroll)",
        );
    }
    if (access.kind === "capability" && !can(actor.role, access.capability))
      throw new ApiProblem("forbidden", `the ${actor.role} role may not do this (${access.capability})`);
    return next();
  };
}

interface MaybeSchema {
  safeParse?: (value: unknown) => {
    success: boolean;
    error?: { issues: { path: PropertyKey[]; message: string }[] };
  };
}

/**
 * With `config.checkResponses` (the tests), every successful JSON answer is checked
 * against the schema its route documents for that status, so the OpenAPI document and
 * the answers cannot drift apart; a mismatch answers 500 naming the route and the path.
 */
function checkResponse(route: RouteConfig, operationId: string): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    await next();
    if (c.get("deps").config.checkResponses !== true) return;
    const status = c.res.status;
    if (status < 200 || status > 299) return;
    const documented = (
      route.responses as Record<number, { content?: Record<string, { schema?: unknown }> }>
    )[status];
    if (documented === undefined) {
      c.res = problemResponse(
        "internal",
        `response check: ${operationId} answered ${status}, which it does not document`,
      );
      return;
    }
    const schema = documented.content?.["application/json"]?.schema as MaybeSchema | undefined;
    if (schema?.safeParse === undefined || !(c.res.headers.get("content-type") ?? "").includes("json"))
      return;
    // Read once and answer a fresh Response with the same bytes: Response.clone() on
    // Node 20 can leave the original unreadable ("Body is unusable") under load.
    const answered = c.res;
    const text = await answered.text();
    c.res = new Response(text, { status: answered.status, headers: answered.headers });
    const result = schema.safeParse(JSON.parse(text));
    if (!result.success) {
      const where = (result.error?.issues ?? []).map((i) => `${jsonPath("response", i.path)}: ${i.message}`);
      c.res = problemResponse("internal", `response check: ${operationId} ${status}: ${where.join("; ")}`);
    }
  };
}

export class Routes {
  readonly table: RouteEntry[] = [];
  constructor(readonly app: OpenAPIHono<ApiEnv>) {}

  add<R extends RouteConfig>(route: R, access: Access, handler: RouteHandler<R, ApiEnv>): void {
    const operationId = route.operationId;
    if (operationId === undefined) throw new Error(`route ${route.method} ${route.path} has no operationId`);
    this.table.push({ method: route.method.toUpperCase(), path: route.path, operationId, access });
    const middleware = [
      checkResponse(route, operationId),
      guard(access),
      ...(route.middleware === undefined ? [] : [route.middleware].flat()),
    ];
    this.app.openapi({ ...route, middleware } as R, handler);
  }
}
