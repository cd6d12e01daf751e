/** Sign-in with e-mail and password, sign-out, and the current session. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import type { ApiEnv } from "../api-env.js";
import { PUBLIC, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { ID, problems } from "../schemas.js";
import { SESSION_COOKIE } from "../authenticate.js";
import { signIn } from "../../app/auth/sign-in.js";
import { endSession } from "../../app/auth/sessions.js";
import { readAccount } from "../../app/auth/read-account.js";

const SignInBody = z
  .strictObject({
    email: z.string().min(3).max(320),
    password: z.string().min(1).max(1024),
    organizationId: ID.optional(),
  })
  .openapi("SignIn");

export const SessionSchema = z
  .object({
    userId: z.string(),
    email: z.string(),
    displayName: z.string(),
    organizationId: z.string(),
    organizationKind: z.enum(["district", "vendor", "platform"]),
    role: z.enum(["district_admin", "district_analyst", "vendor_user", "auditor", "platform_admin"]),
    csrfToken: z.string(),
    secondFactorDone: z.boolean(),
    secondFactorEnrolled: z.boolean(),
    memberships: z.array(z.object({ organizationId: z.string(), name: z.string(), role: z.string() })),
  })
  .openapi("Session");

const signInRoute = createRoute({
  method: "post",
  path: "/api/auth/sign-in",
  operationId: "signIn",
  tags: ["Sign-in"],
  summary: "Sign in with e-mail and password",
  description:
    "Sets the session cookie (HttpOnly, SameSite=Lax). Send the returned csrfToken in X-CSRF-Token with every POST, PATCH, PUT and DELETE. Administrators then give a TOTP code (or enrol one). More than 10 failures for one e-mail in 5 minutes answer 429.",
  request: { body: { content: { "application/json": { schema: SignInBody } }, required: true } },
  responses: {
    200: { description: "Signed in", content: { "application/json": { schema: SessionSchema } } },
    ...problems(400, 401, 429),
  },
});

const signOutRoute = createRoute({
  method: "post",
  path: "/api/auth/sign-out",
  operationId: "signOut",
  tags: ["Sign-in"],
  summary: "End the session",
  responses: { 204: { description: "Signed out" }, ...problems(401, 403) },
});

const sessionRoute = createRoute({
  method: "get",
  path: "/api/session",
  operationId: "getSession",
  tags: ["Sign-in"],
  summary: "The signed-in user, organization, role and CSRF token",
  responses: {
    200: { description: "The session", content: { "application/json": { schema: SessionSchema } } },
    ...problems(401),
  },
});

export function setSessionCookie(c: Context<ApiEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.get("deps").config.secureCookies,
    path: "/",
  });
}

async function sessionBody(c: Context<ApiEnv>) {
  const actor = c.get("actor");
  if (actor.userId === null || actor.session === null)
    throw new ApiProblem("forbidden", "an API token has no session");
  const account = await readAccount(c.get("deps").db, actor.userId);
  return {
    userId: actor.userId,
    email: account.email,
    displayName: account.displayName,
    organizationId: actor.organizationId,
    organizationKind: actor.orgKind,
    role: actor.role,
    csrfToken: actor.session.csrfToken,
    secondFactorDone: actor.session.secondFactorDone,
    secondFactorEnrolled: account.secondFactorEnrolled,
    memberships: account.memberships,
  };
}

export function registerAuthRoutes(routes: Routes): void {
  routes.add(signInRoute, PUBLIC, async (c) => {
    const deps = c.get("deps");
    const body = c.req.valid("json");
    const result = await signIn(
      { db: deps.db, clock: deps.clock, hasher: deps.hasher, rules: deps.config.sessionRules },
      { email: body.email, password: body.password, organizationId: body.organizationId ?? null },
    );
    if (result.kind === "throttled")
      throw new ApiProblem(
        "too-many-requests",
        `too many failed sign-ins for this e-mail; try again in ${result.retryAfterSeconds} s`,
        [],
        { "retry-after": String(result.retryAfterSeconds) },
      );
    if (result.kind === "invalid")
      throw new ApiProblem("unauthenticated", "the e-mail or the password is wrong");
    setSessionCookie(c, result.token);
    c.set("actor", result.actor);
    return c.json(await sessionBody(c), 200);
  });
  routes.add(signOutRoute, { kind: "signed-in", pending: true }, async (c) => {
    await endSession(c.get("deps"), c.get("actor"));
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.body(null, 204);
  });
  routes.add(sessionRoute, { kind: "signed-in", pending: true }, async (c) =>
    c.json(await sessionBody(c), 200),
  );
}
