import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenAPIHono } from "@hono/zod-openapi";
import { TEST_STORES } from "../db/stores.js";
import { anonymous, emailOf, openApiWorld, TEST_CONFIG, type ApiWorld } from "./harness.js";
import {
  signInAtProvider,
  startTestProvider,
  type TestAccount,
  type TestProvider,
} from "../support/oidc-provider.js";
import { openIdClientRelyingParty } from "../../src/adapters/auth/openid-client.js";
import { oidcRedirectUri, registerOidcRoutes } from "../../src/api/routes/oidc-routes.js";
import { Routes } from "../../src/api/define-route.js";
import type { ApiEnv } from "../../src/api/api-env.js";

const ANALYST = emailOf("district_analyst", "d1");

/** The provider's people, by login (their `sub`). */
function providerAccounts(): Map<string, TestAccount> {
  return new Map([
    // The provider's spelling of the e-mail differs in case from the account's.
    ["ana", { email: ANALYST.toUpperCase(), emailVerified: true, name: "Ana" }],
    ["stranger", { email: "stranger@elsewhere.test", emailVerified: true, name: "Stranger" }],
    ["unverified", { email: emailOf("district_analyst", "d2"), emailVerified: false, name: "Dee" }],
    // Another person at the provider who claims the analyst's e-mail once it is linked.
    ["impostor", { email: ANALYST, emailVerified: true, name: "Imp" }],
  ]);
}

function cookieOf(response: Response, name: string): string | null {
  const line = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  const pair = line?.split(";")[0] ?? "";
  return pair === `${name}=` || pair === "" ? null : pair;
}

describe.each(TEST_STORES)("sign-in with OpenID Connect ($name)", (store) => {
  let provider: TestProvider;
  let world: ApiWorld;
  const accounts = providerAccounts();

  beforeAll(async () => {
    provider = await startTestProvider({
      clientId: "accord",
      clientSecret: "accord test secret",
      redirectUris: [oidcRedirectUri(TEST_CONFIG.publicUrl, "google")],
      accounts,
    });
    const google = { issuer: provider.issuer, clientId: "accord", clientSecret: "accord test secret" };
    world = await openApiWorld(store, {
      oidc: {
        providers: [
          { id: "google", label: "Google", ...google },
          { id: "microsoft", label: "Microsoft", ...google },
        ],
        relyingParty: openIdClientRelyingParty({ allowHttpLoopback: true }),
      },
    });
  }, 60_000);
  afterAll(async () => {
    await world.close();
    await provider.close();
  });

  /** Starts at the API; returns where it sends the browser and the state cookie it sets. */
  async function start(providerId = "google") {
    const response = await anonymous(world)("GET", `/api/auth/oidc/${providerId}/start`);
    expect(response.status).toBe(302);
    return {
      location: response.headers.get("location") ?? "",
      stateCookie: cookieOf(response, "accord_oidc_state"),
    };
  }

  /** The browser arriving back at the API's callback. */
  async function callback(url: string, stateCookie: string | null): Promise<Response> {
    const { pathname, search } = new URL(url);
    return world.api.app.request(`${pathname}${search}`, {
      headers: stateCookie === null ? {} : { cookie: stateCookie },
    });
  }

  async function signIn(login: string): Promise<Response> {
    const { location, stateCookie } = await start();
    return callback(await signInAtProvider(location, login), stateCookie);
  }

  async function userOf(email: string) {
    const [row] = await world.db.query<{
      user_id: string;
      oidc_issuer: string | null;
      oidc_subject: string | null;
    }>("SELECT user_id, oidc_issuer, oidc_subject FROM users WHERE email = $1", [email]);
    return row;
  }

  async function lastAudit(action: string) {
    const [row] = await world.db.query<{ actor_user_id: string | null; detail: string }>(
      "SELECT actor_user_id, detail FROM audit_events WHERE action = $1 ORDER BY seq DESC LIMIT 1",
      [action],
    );
    return row === undefined
      ? undefined
      : { ...row, detail: JSON.parse(row.detail) as Record<string, unknown> };
  }

  it("lists the configured providers by id and label only, to anyone", async () => {
    const response = await anonymous(world)("GET", "/api/auth/providers");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      providers: [
        { id: "google", label: "Google" },
        { id: "microsoft", label: "Microsoft" },
      ],
    });
  });

  it("documents the providers, start and callback routes in the OpenAPI document", () => {
    // Only these routes, so that a problem in another route's schema does not hide theirs.
    const app = new OpenAPIHono<ApiEnv>();
    registerOidcRoutes(new Routes(app));
    const doc = app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "t", version: "1" } });
    expect(Object.keys(doc.paths ?? {})).toEqual([
      "/api/auth/providers",
      "/api/auth/oidc/{provider}/start",
      "/api/auth/oidc/{provider}/callback",
    ]);
    const callback = doc.paths?.["/api/auth/oidc/{provider}/callback"]?.get;
    expect(callback?.parameters?.map((p) => ("name" in p ? p.name : ""))).toEqual([
      "provider",
      "state",
      "code",
      "error",
    ]);
    expect(Object.keys(callback?.responses ?? {})).toEqual(["302", "400", "404"]);
  });

  it("starts with a stored state, nonce and PKCE verifier, an S256 challenge and a state cookie", async () => {
    const { location, stateCookie } = await start();
    const url = new URL(location);
    expect(url.origin).toBe(provider.issuer);
    const state = url.searchParams.get("state") ?? "";
    const [row] = await world.db.query<{ provider: string; nonce: string; code_verifier: string }>(
      "SELECT provider, nonce, code_verifier FROM oidc_logins WHERE state = $1",
      [state],
    );
    expect(row?.provider).toBe("google");
    expect(url.searchParams.get("nonce")).toBe(row?.nonce);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toBe(
      createHash("sha256")
        .update(row?.code_verifier ?? "")
        .digest("base64url"),
    );
    expect(url.searchParams.get("redirect_uri")).toBe("http://localhost:3000/api/auth/oidc/google/callback");
    expect(stateCookie).toBe(`accord_oidc_state=${state}`);
  });

  it("answers 404 with a problem document for a provider that is not configured", async () => {
    const response = await anonymous(world)("GET", "/api/auth/oidc/yahoo/start");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: "not-found" });
  });

  it("signs in a district user by verified e-mail, links the identity, and the session reads contracts", async () => {
    expect((await userOf(ANALYST))?.oidc_subject).toBeNull();
    const response = await signIn("ana");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
    const session = cookieOf(response, "accord_session");
    expect(session).not.toBeNull();
    const contracts = await world.api.app.request("/api/contracts", { headers: { cookie: session ?? "" } });
    expect(contracts.status).toBe(200);
    const page = (await contracts.json()) as { items: { contractId: string }[] };
    expect(page.items.map((c) => c.contractId)).toEqual(["c1", "c2"]);
    const user = await userOf(ANALYST);
    expect(user).toMatchObject({ oidc_issuer: provider.issuer, oidc_subject: "ana" });
    expect(await lastAudit("account.oidc-link")).toMatchObject({
      actor_user_id: user?.user_id,
      detail: { provider: "google", issuer: provider.issuer },
    });
    expect((await lastAudit("session.sign-in"))?.detail).toEqual({
      method: "oidc",
      role: "district_analyst",
    });
  });

  it("finds a linked account by its subject, even after the e-mail changed at the provider", async () => {
    await signIn("ana"); // links, unless the test above did
    const ana = accounts.get("ana");
    if (ana === undefined) throw new Error("no ana");
    const before = ana.email;
    ana.email = "ana.moved@gmail.test";
    try {
      const response = await signIn("ana");
      expect(response.headers.get("location")).toBe("/");
      const session = await world.api.app.request("/api/session", {
        headers: { cookie: cookieOf(response, "accord_session") ?? "" },
      });
      expect(await session.json()).toMatchObject({ email: ANALYST, organizationId: "d1" });
    } finally {
      ana.email = before;
    }
  });

  it("refuses a person without an account, and creates none", async () => {
    const users = await world.db.query("SELECT user_id FROM users");
    const response = await signIn("stranger");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/sign-in?error=account-unknown");
    expect(cookieOf(response, "accord_session")).toBeNull();
    expect(await world.db.query("SELECT user_id FROM users")).toHaveLength(users.length);
    expect(await userOf("stranger@elsewhere.test")).toBeUndefined();
    expect((await lastAudit("session.sign-in-failed"))?.detail).toEqual({
      method: "oidc",
      provider: "google",
      reason: "account-unknown",
    });
  });

  it("refuses to link an account by an e-mail the provider does not vouch for", async () => {
    const response = await signIn("unverified");
    expect(response.headers.get("location")).toBe("/sign-in?error=email-unverified");
    expect(cookieOf(response, "accord_session")).toBeNull();
    expect((await userOf(emailOf("district_analyst", "d2")))?.oidc_subject).toBeNull();
  });

  it("never re-links an account already linked to another identity by its e-mail", async () => {
    await signIn("ana"); // links, unless a test above did
    const response = await signIn("impostor");
    expect(response.headers.get("location")).toBe("/sign-in?error=account-linked-elsewhere");
    expect(cookieOf(response, "accord_session")).toBeNull();
    expect(await userOf(ANALYST)).toMatchObject({ oidc_issuer: provider.issuer, oidc_subject: "ana" });
  });

  it("refuses a callback whose state was tampered with, or that another browser started", async () => {
    const { location, stateCookie } = await start();
    const genuine = await signInAtProvider(location, "ana");
    const tampered = new URL(genuine);
    tampered.searchParams.set("state", "forged-state");
    expect((await callback(tampered.href, stateCookie)).headers.get("location")).toBe(
      "/sign-in?error=state-invalid",
    );
    // Forged in the query and the cookie alike: no sign-in was started with it.
    expect((await callback(tampered.href, "accord_oidc_state=forged-state")).headers.get("location")).toBe(
      "/sign-in?error=state-invalid",
    );
    // The link without the browser's cookie (sent to someone else).
    expect((await callback(genuine, null)).headers.get("location")).toBe("/sign-in?error=state-invalid");
    // None of these used up the genuine sign-in.
    expect((await callback(genuine, stateCookie)).headers.get("location")).toBe("/");
  });

  it("takes a state once: the same callback a second time is refused", async () => {
    const { location, stateCookie } = await start();
    const url = await signInAtProvider(location, "ana");
    expect((await callback(url, stateCookie)).headers.get("location")).toBe("/");
    const again = await callback(url, stateCookie);
    expect(again.headers.get("location")).toBe("/sign-in?error=state-invalid");
    expect(cookieOf(again, "accord_session")).toBeNull();
  });

  it("refuses a state started for another provider", async () => {
    const { location, stateCookie } = await start("google");
    const url = new URL(await signInAtProvider(location, "ana"));
    url.pathname = "/api/auth/oidc/microsoft/callback";
    expect((await callback(url.href, stateCookie)).headers.get("location")).toBe(
      "/sign-in?error=state-invalid",
    );
  });

  it("answers provider-error when the person cancels at the provider", async () => {
    const { location, stateCookie } = await start();
    const url = await signInAtProvider(location, "ana", { abort: true });
    expect(new URL(url).searchParams.get("error")).toBe("access_denied");
    expect((await callback(url, stateCookie)).headers.get("location")).toBe("/sign-in?error=provider-error");
    expect((await lastAudit("session.sign-in-failed"))?.detail).toEqual({
      method: "oidc",
      provider: "google",
      reason: "provider-error",
      error: "access_denied",
    });
  });

  it("refuses a sign-in completed more than 10 minutes after it started", async () => {
    const { location, stateCookie } = await start();
    const url = await signInAtProvider(location, "ana");
    world.clock.advance(10 * 60_000 + 1000);
    expect((await callback(url, stateCookie)).headers.get("location")).toBe("/sign-in?error=state-invalid");
  });
});
