/**
 * Finds who is calling: a session cookie (browsers) or `Authorization: Bearer acc_...`
 * (integrations). It only identifies; the route's guard decides (define-route.ts).
 * A bearer token that is not valid is refused at once (an integration must learn that its
 * token was revoked); an ended or timed-out session cookie counts as none, so the guard
 * answers 401 and the browser signs in again.
 */
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { ApiEnv } from "./api-env.js";
import { ApiProblem } from "./problem.js";
import { resolveSession } from "../app/auth/sessions.js";
import { resolveApiToken } from "../app/auth/api-tokens.js";

export const SESSION_COOKIE = "accord_session";

export const authenticate: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const deps = c.get("deps");
  const authorization = c.req.header("authorization");
  if (authorization !== undefined) {
    const match = /^Bearer (\S+)$/.exec(authorization);
    const actor = match?.[1] === undefined ? null : await resolveApiToken(deps, match[1]);
    if (actor === null)
      throw new ApiProblem("unauthenticated", "the API token is not valid, revoked or expired");
    c.set("actor", actor);
    return next();
  }
  const token = getCookie(c, SESSION_COOKIE);
  if (token !== undefined && token !== "") {
    const actor = await resolveSession({ ...deps, rules: deps.config.sessionRules }, token);
    if (actor !== null) c.set("actor", actor);
  }
  return next();
};
