import { describe, expect, it } from "vitest";
import { ApiClient, ApiError } from "../../web/src/lib/api-client.js";
import type { Session } from "../../web/src/lib/api-types.js";

interface Sent {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | null;
}

/** A fake server: answers in order, records what the client sent. */
function fakeServer(...answers: (Response | Error)[]) {
  const sent: Sent[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    sent.push({
      url,
      method: init.method ?? "GET",
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === "string" ? init.body : null,
    });
    const answer = answers.shift();
    if (answer === undefined) throw new Error(`no answer left for ${url}`);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { sent, fetch };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const problem = (status: number, code: string, detail: string, problems?: unknown) =>
  new Response(JSON.stringify({ type: "about:blank", title: "t", status, code, detail, problems }), {
    status,
    headers: { "content-type": "application/problem+json" },
  });

const session: Session = {
  userId: "u1",
  email: "a@example.org",
  displayName: "A",
  organizationId: "d1",
  organizationKind: "district",
  role: "district_analyst",
  csrfToken: "csrf-1",
  secondFactorDone: true,
  secondFactorEnrolled: false,
  memberships: [],
};

describe("API client", () => {
  it("sends the CSRF token of the sign-in answer with every write, and not with reads", async () => {
    const server = fakeServer(json(session), new Response(null, { status: 204 }), json({ items: [] }));
    const api = new ApiClient({ fetch: server.fetch });
    await api.signIn("a@example.org", "pw");
    await api.verifyTotp("123456");
    await api.statements("d1", "c1");
    expect(server.sent[0]?.headers["x-csrf-token"]).toBeUndefined();
    expect(server.sent[0]?.body).toBe(JSON.stringify({ email: "a@example.org", password: "pw" }));
    expect(server.sent[1]).toMatchObject({ method: "POST", url: "/api/auth/totp/verify" });
    expect(server.sent[1]?.headers["x-csrf-token"]).toBe("csrf-1");
    expect(server.sent[2]?.method).toBe("GET");
    expect(server.sent[2]?.headers["x-csrf-token"]).toBeUndefined();
  });

  it("takes the token from GET /api/session and forgets it at sign-out", async () => {
    const server = fakeServer(json(session), new Response(null, { status: 204 }));
    const api = new ApiClient({ fetch: server.fetch });
    expect(await api.session()).toEqual(session);
    await api.signOut();
    expect(server.sent[1]?.headers["x-csrf-token"]).toBe("csrf-1");
    expect(api.csrf).toBeNull();
  });

  it("answers null for the session when nobody is signed in", async () => {
    const api = new ApiClient({ fetch: fakeServer(problem(401, "unauthenticated", "Sign in first")).fetch });
    expect(await api.session()).toBeNull();
  });

  it("turns a problem document into an ApiError with its detail and problems", async () => {
    const items = [
      { path: "$.body.code", code: "totp-code-wrong", message: "give the code the app shows now" },
    ];
    const server = fakeServer(
      json(session),
      problem(400, "invalid-request", "the code does not match", items),
    );
    const api = new ApiClient({ fetch: server.fetch });
    await api.signIn("a@example.org", "pw");
    const error = await api.confirmTotp("000000").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: "invalid-request", detail: "the code does not match" });
    expect((error as ApiError).problems).toEqual(items);
  });

  it("gives a plain error for an answer that is not a problem document", async () => {
    const server = fakeServer(new Response("<h1>Bad gateway</h1>", { status: 502 }));
    const error = await new ApiClient({ fetch: server.fetch }).contract("d1", "c1").catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: "http-502", detail: "the server answered 502" });
  });

  it("reports an unreachable server as status 0", async () => {
    const api = new ApiClient({ fetch: fakeServer(new TypeError("Failed to fetch")).fetch });
    await expect(api.allContracts()).rejects.toMatchObject({ status: 0, code: "network" });
  });

  it("tells the app when a signed-in session has ended, once the token is known", async () => {
    const ended: string[] = [];
    const server = fakeServer(json(session), problem(401, "unauthenticated", "the session has ended"));
    const api = new ApiClient({ fetch: server.fetch, onSignedOut: (e) => ended.push(e.detail) });
    await api.signIn("a@example.org", "pw");
    await expect(api.contract("d1", "c1")).rejects.toBeInstanceOf(ApiError);
    expect(ended).toEqual(["the session has ended"]);
    expect(api.csrf).toBeNull();
  });

  it("does not call a wrong password a session that ended", async () => {
    const ended: string[] = [];
    const server = fakeServer(problem(401, "unauthenticated", "the e-mail or the password is wrong"));
    const api = new ApiClient({ fetch: server.fetch, onSignedOut: (e) => ended.push(e.detail) });
    await expect(api.signIn("a@example.org", "bad")).rejects.toMatchObject({ detail: /password is wrong/ });
    expect(ended).toEqual([]);
  });

  it("follows nextCursor until the last page of contracts", async () => {
    const c = (id: string) => ({ contractId: id });
    const server = fakeServer(
      json({ items: [c("a"), c("b")], nextCursor: "x+/=" }),
      json({ items: [c("c")], nextCursor: "y" }),
      json({ items: [], nextCursor: null }),
    );
    const all = await new ApiClient({ fetch: server.fetch }).allContracts();
    expect(all.map((x) => x.contractId)).toEqual(["a", "b", "c"]);
    expect(server.sent.map((s) => s.url)).toEqual([
      "/api/contracts?limit=200",
      "/api/contracts?limit=200&cursor=x%2B%2F%3D",
      "/api/contracts?limit=200&cursor=y",
    ]);
  });

  it("stops when the server repeats a cursor instead of looping forever", async () => {
    const server = fakeServer(
      json({ items: [], nextCursor: "same" }),
      json({ items: [], nextCursor: "same" }),
    );
    await expect(new ApiClient({ fetch: server.fetch }).allContracts()).rejects.toMatchObject({
      code: "pagination-loop",
    });
  });

  it("encodes ids in paths", async () => {
    const server = fakeServer(json({}));
    await new ApiClient({ fetch: server.fetch }).statement("d 1", "c/2", "3");
    expect(server.sent[0]?.url).toBe("/api/districts/d%201/contracts/c%2F2/statements/3");
  });
});
