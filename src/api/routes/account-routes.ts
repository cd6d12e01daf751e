/**
 * A person's own account: the administrators' second factor (enrol, confirm, give a code
 * at sign-in), changing the password, and resetting it through a mailed link. Account
 * and organization administration is in admin-routes.ts, registered from here so the
 * app adds both with one line.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { deleteCookie } from "hono/cookie";
import { PUBLIC, SIGNED_IN, type Access, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { problems } from "../schemas.js";
import { SESSION_COOKIE } from "../authenticate.js";
import { personActor, registerAdminRoutes } from "./admin-routes.js";
import { setSessionCookie } from "./auth-routes.js";
import type { PasswordProblem } from "../../app/ports/auth.js";
import { confirmSecondFactor, enrollSecondFactor, verifySecondFactor } from "../../app/auth/second-factor.js";
import { changePassword } from "../../app/auth/change-password.js";
import { confirmPasswordReset, requestPasswordReset } from "../../app/auth/password-reset.js";
import { deliverMail } from "../../app/auth/deliver-mail.js";

const PENDING: Access = { kind: "signed-in", pending: true };
const Code = z.string().regex(/^[0-9]{6}$/, "the 6 digits your authenticator app shows");
const Password = z.string().min(1).max(1024);
const CodeBody = z.strictObject({ code: Code }).openapi("TotpCode");
const EnrollmentSchema = z
  .object({
    secret: z.string().openapi({ description: "Base32, to type into an authenticator app" }),
    uri: z.string().openapi({ description: "otpauth:// URI, for a QR code" }),
  })
  .openapi("TotpEnrollment");
const PasswordChangeBody = z
  .strictObject({ currentPassword: Password, newPassword: Password })
  .openapi("PasswordChange");
const ResetRequestBody = z.strictObject({ email: z.email().max(320) }).openapi("PasswordResetRequest");
const ResetConfirmBody = z
  .strictObject({ token: z.string().min(1).max(200), newPassword: Password })
  .openapi("PasswordResetConfirm");

function jsonBody<S extends z.ZodType>(schema: S) {
  return { body: { content: { "application/json": { schema } }, required: true } };
}

function post(path: string, operationId: string, summary: string, description: string) {
  return { method: "post" as const, path, operationId, tags: ["Account"], summary, description };
}

const enrollRoute = createRoute({
  ...post(
    "/api/auth/totp/enroll",
    "enrollTotp",
    "Start enrolling an authenticator app (administrators)",
    "Allowed before the second factor is given. Answers a new secret while none is in force; 409 once one is.",
  ),
  responses: {
    200: { description: "The secret", content: { "application/json": { schema: EnrollmentSchema } } },
    ...problems(401, 403, 409),
  },
});

const confirmRoute = createRoute({
  ...post(
    "/api/auth/totp/confirm",
    "confirmTotp",
    "Put the enrolled authenticator app in force with its first code",
    "The session then counts as having given its second factor.",
  ),
  request: jsonBody(CodeBody),
  responses: { 204: { description: "In force" }, ...problems(400, 401, 403, 409) },
});

const verifyRoute = createRoute({
  ...post(
    "/api/auth/totp/verify",
    "verifyTotp",
    "Give the second factor of this session",
    "A code of a time step already used is refused. The fifth wrong code ends the session.",
  ),
  request: jsonBody(CodeBody),
  responses: { 204: { description: "Given" }, ...problems(400, 401, 403, 409) },
});

const passwordRoute = createRoute({
  ...post(
    "/api/auth/password",
    "changePassword",
    "Change the password",
    "Ends the account's other sessions. Wrong current passwords count against the sign-in throttle.",
  ),
  request: jsonBody(PasswordChangeBody),
  responses: { 204: { description: "Changed" }, ...problems(400, 401, 403, 429) },
});

const resetRequestRoute = createRoute({
  ...post(
    "/api/auth/password-reset",
    "requestPasswordReset",
    "Mail a password-reset link",
    "Always 202, whether or not the e-mail has an account. The link works once, for one hour.",
  ),
  request: jsonBody(ResetRequestBody),
  responses: { 202: { description: "Accepted" }, ...problems(400) },
});

const resetConfirmRoute = createRoute({
  ...post(
    "/api/auth/password-reset/confirm",
    "confirmPasswordReset",
    "Set a new password with the token of a reset or invitation link",
    "Ends every session of the account.",
  ),
  request: jsonBody(ResetConfirmBody),
  responses: { 204: { description: "Password set" }, ...problems(400) },
});

function passwordProblems(path: string, found: readonly PasswordProblem[]): ApiProblem {
  return new ApiProblem(
    "invalid-request",
    "the new password is not accepted",
    found.map((p) => ({ path, code: p.code, message: p.message })),
  );
}

export function registerAccountRoutes(routes: Routes): void {
  routes.add(enrollRoute, PENDING, async (c) => {
    const result = await enrollSecondFactor(c.get("deps"), personActor(c));
    if (result.kind === "not-admin")
      throw new ApiProblem("forbidden", "only administrators' accounts have a second factor");
    if (result.kind === "already-enrolled")
      throw new ApiProblem("conflict", "an authenticator app is already in force for this account");
    return c.json({ secret: result.secret, uri: result.uri }, 200);
  });
  routes.add(confirmRoute, PENDING, async (c) => {
    const result = await confirmSecondFactor(c.get("deps"), personActor(c), c.req.valid("json").code);
    if (result.kind === "already-enrolled")
      throw new ApiProblem("conflict", "an authenticator app is already in force for this account");
    if (result.kind === "not-enrolling")
      throw new ApiProblem("conflict", "start with POST /api/auth/totp/enroll");
    if (result.kind === "wrong-code")
      throw new ApiProblem("invalid-request", "the code does not match", [
        { path: "$.body.code", code: "totp-code-wrong", message: "give the code the app shows now" },
      ]);
    setSessionCookie(c, result.token);
    return c.body(null, 204);
  });
  routes.add(verifyRoute, PENDING, async (c) => {
    const result = await verifySecondFactor(c.get("deps"), personActor(c), c.req.valid("json").code);
    if (result.kind === "not-needed")
      throw new ApiProblem("conflict", "this session has given its second factor");
    if (result.kind === "not-enrolled")
      throw new ApiProblem(
        "conflict",
        "no authenticator app is in force; enrol one at /api/auth/totp/enroll",
      );
    if (result.kind === "wrong-code" && result.sessionEnded) {
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      throw new ApiProblem("unauthenticated", "too many wrong codes: the session has ended; sign in again");
    }
    if (result.kind === "wrong-code")
      throw new ApiProblem("second-factor-required", "the code is wrong or was already used");
    setSessionCookie(c, result.token);
    return c.body(null, 204);
  });
  routes.add(passwordRoute, SIGNED_IN, async (c) => {
    const deps = c.get("deps");
    const result = await changePassword(
      { ...deps, policy: deps.passwordPolicy },
      personActor(c),
      c.req.valid("json"),
    );
    if (result.kind === "throttled")
      throw new ApiProblem(
        "too-many-requests",
        `too many wrong passwords; try again in ${result.retryAfterSeconds} s`,
        [],
        { "retry-after": String(result.retryAfterSeconds) },
      );
    if (result.kind === "wrong-password")
      throw new ApiProblem("invalid-request", "the current password is wrong", [
        {
          path: "$.body.currentPassword",
          code: "password-wrong",
          message: "give the password you signed in with",
        },
      ]);
    if (result.kind === "refused") throw passwordProblems("$.body.newPassword", result.problems);
    return c.body(null, 204);
  });
  routes.add(resetRequestRoute, PUBLIC, async (c) => {
    const deps = c.get("deps");
    const mail = await requestPasswordReset(
      { ...deps, publicUrl: deps.config.publicUrl },
      c.req.valid("json").email,
    );
    // Sent without waiting, so the answer takes as long whether or not there is an account.
    if (mail !== null)
      void deliverMail(deps, mail.message, {
        userId: mail.userId,
        organizationId: null,
        purpose: "password-reset",
      });
    return c.body(null, 202);
  });
  routes.add(resetConfirmRoute, PUBLIC, async (c) => {
    const deps = c.get("deps");
    const result = await confirmPasswordReset({ ...deps, policy: deps.passwordPolicy }, c.req.valid("json"));
    if (result.kind === "invalid-token")
      throw new ApiProblem("invalid-request", "the link is not valid", [
        {
          path: "$.body.token",
          code: "reset-token-invalid",
          message: "the link is unknown, used or expired; ask for a new one",
        },
      ]);
    if (result.kind === "refused") throw passwordProblems("$.body.newPassword", result.problems);
    return c.body(null, 204);
  });
  registerAdminRoutes(routes);
}
