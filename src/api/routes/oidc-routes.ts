/**
 * Sign-in with OpenID Connect (the districts' Google and Microsoft accounts). The start
 * and callback routes are browser navigations, so their outcome is a redirect, never a
 * JSON body: success goes to `/` with the session cookie set; a refused sign-in goes to
 * `/sign-in?error=CODE`, CODE one of state-invalid, provider-error, email-unverified,
 * account-unknown, account-linked-elsewhere (the sign-in page says what each means). Only
 * a provider id that is not configured answers a problem document (404), like any other
 * URL that names nothing.
 *
 * The state is also kept in a short-lived cookie of the browser that started the sign-in
 * and must match at the callback: otherwise someone could start a sign-in with their own
 * account and send the callback link to a victim, who would then work in their account.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { ApiEnv, OidcProviderConfig } from "../api-env.js";
import { PUBLIC, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { ID, problems } from "../schemas.js";
import { setSessionCookie } from "./auth-routes.js";
import { startOidcSignIn } from "../../app/auth/oidc-start.js";
import { finishOidcSignIn } from "../../app/auth/oidc-sign-in.js";
import { sameSecret } from "../../app/auth/secrets.js";

export const OIDC_STATE_COOKIE = "accord_oidc_state";
const STATE_COOKIE_PATH = "/api/auth/oidc";

const ProvidersSchema = z
  .object({ providers: z.array(z.object({ id: z.string(), label: z.string() })) })
  .openapi("OidcProviders");

const ProviderParams = z.object({
  provider: ID.openapi({ param: { name: "provider", in: "path" } }),
});

const optionalQuery = (name: string, description: string) =>
  z
    .string()
    .optional()
    .openapi({ param: { name, in: "query" }, description });

const redirect = (description: string) => ({
  description,
  headers: { location: { schema: { type: "string" as const } } },
});

const providersRoute = createRoute({
  method: "get",
  path: "/api/auth/providers",
  operationId: "listSignInProviders",
  tags: ["Sign-in"],
  summary: "The OpenID providers one can sign in with, for the sign-in page",
  responses: {
    200: { description: "The providers", content: { "application/json": { schema: ProvidersSchema } } },
  },
});

const startRoute = createRoute({
  method: "get",
  path: "/api/auth/oidc/{provider}/start",
  operationId: "startOidcSignIn",
  tags: ["Sign-in"],
  summary: "Start signing in with an OpenID provider (a browser navigation)",
  description:
    "Redirects to the provider's authorization endpoint (code flow, PKCE S256) and sets a cookie that binds the sign-in to this browser for 10 minutes.",
  request: { params: ProviderParams },
  responses: { 302: redirect("To the provider"), ...problems(400, 404) },
});

const callbackRoute = createRoute({
  method: "get",
  path: "/api/auth/oidc/{provider}/callback",
  operationId: "finishOidcSignIn",
  tags: ["Sign-in"],
  summary: "Where the provider sends the browser back",
  description:
    "On success sets the session cookie and redirects to /. Otherwise redirects to /sign-in?error=CODE: state-invalid (unknown, used, expired or another browser's sign-in), provider-error, email-unverified, account-unknown (no account for this person: accounts are never created here), account-linked-elsewhere.",
  request: {
    params: ProviderParams,
    // Not strict: providers add parameters of their own (session_state, scope, authuser).
    query: z.object({
      state: optionalQuery("state", "The state the sign-in was started with"),
      code: optionalQuery("code", "The authorization code"),
      error: optionalQuery("error", "The provider's OAuth error code, when it refused"),
    }),
  },
  responses: { 302: redirect("To / or to /sign-in?error=CODE"), ...problems(400, 404) },
});

function providerOf(c: Context<ApiEnv>, id: string): OidcProviderConfig {
  const provider = c.get("deps").config.oidcProviders.find((p) => p.id === id);
  if (provider === undefined) throw new ApiProblem("not-found", `no sign-in provider ${id}`);
  return provider;
}

/** The callback URL registered at every provider: under the public URL, whatever host the request came through. */
export function oidcRedirectUri(publicUrl: string, providerId: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/api/auth/oidc/${providerId}/callback`;
}

export function registerOidcRoutes(routes: Routes): void {
  routes.add(providersRoute, PUBLIC, (c) =>
    c.json({ providers: c.get("deps").config.oidcProviders.map((p) => ({ id: p.id, label: p.label })) }, 200),
  );

  routes.add(startRoute, PUBLIC, async (c) => {
    const deps = c.get("deps");
    const provider = providerOf(c, c.req.valid("param").provider);
    const started = await startOidcSignIn(
      deps,
      provider,
      oidcRedirectUri(deps.config.publicUrl, provider.id),
    );
    setCookie(c, OIDC_STATE_COOKIE, started.state, {
      httpOnly: true,
      // Lax: the cookie comes back on the provider's top-level redirect to the callback.
      sameSite: "Lax",
      secure: deps.config.secureCookies,
      path: STATE_COOKIE_PATH,
      maxAge: 600,
    });
    return c.redirect(started.authorizationUrl, 302);
  });

  routes.add(callbackRoute, PUBLIC, async (c) => {
    const deps = c.get("deps");
    const provider = providerOf(c, c.req.valid("param").provider);
    const state = c.req.valid("query").state ?? "";
    const bound = getCookie(c, OIDC_STATE_COOKIE) ?? "";
    deleteCookie(c, OIDC_STATE_COOKIE, { path: STATE_COOKIE_PATH });
    if (state === "" || !sameSecret(state, bound)) return c.redirect("/sign-in?error=state-invalid", 302);
    const redirectUri = oidcRedirectUri(deps.config.publicUrl, provider.id);
    const result = await finishOidcSignIn(deps, provider, {
      state,
      callbackUrl: `${redirectUri}${new URL(c.req.url).search}`,
      redirectUri,
    });
    if (result.kind === "refused") return c.redirect(`/sign-in?error=${result.reason}`, 302);
    setSessionCookie(c, result.token);
    return c.redirect("/", 302);
  });
}
