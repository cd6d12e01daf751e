import { describe, expect, it } from "vitest";
import { ApiClient, ApiError } from "../../web/src/lib/api-client.js";
import { changeContractStage, runSettlement } from "../../web/src/lib/api/lifecycle.js";

interface Sent {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | null;
}

function fakeServer(...answers: Response[]) {
  const sent: Sent[] = [];
  const fetch = (url: string, init: RequestInit) => {
    sent.push({
      url,
      method: init.method ?? "GET",
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === "string" ? init.body : null,
    });
    const answer = answers.shift();
    if (answer === undefined) return Promise.reject(new Error(`no answer left for ${url}`));
    return Promise.resolve(answer);
  };
  return { sent, api: new ApiClient({ fetch }) };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

describe("lifecycle calls", () => {
  it("proposes with If-Match naming the revision just read", async () => {
    const { sent, api } = fakeServer(
      json({ contract: {} }, 200, { etag: '"c1-r3"' }),
      json({ contract: {} }),
    );
    await changeContractStage(api, "d 1", "c1", { kind: "propose" });
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual([
      "GET /api/districts/d%201/contracts/c1",
      "POST /api/districts/d%201/contracts/c1/propose",
    ]);
    expect(sent[1]?.headers["if-match"]).toBe('"c1-r3"');
    expect(sent[1]?.body).toBe("{}");
  });

  it("approves a version by number and passes the server's refusal on", async () => {
    const refusal = new Response(
      JSON.stringify({ status: 409, code: "conflict", detail: "version 2 is withdrawn, not proposed" }),
      { status: 409, headers: { "content-type": "application/problem+json" } },
    );
    const { sent, api } = fakeServer(json({}, 200, { etag: '"c1-r4"' }), refusal);
    const failure = await changeContractStage(api, "d1", "c1", { kind: "approve", version: 2 }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).detail).toBe("version 2 is withdrawn, not proposed");
    expect(sent[1]?.body).toBe('{"version":2}');
  });

  it("refuses to change a contract read without an ETag", async () => {
    const { sent, api } = fakeServer(json({}));
    await expect(changeContractStage(api, "d1", "c1", { kind: "close" })).rejects.toThrow(/ETag/);
    expect(sent).toHaveLength(1);
  });

  it("runs a settlement with a new Idempotency-Key per attempt, the as-of date only when given", async () => {
    const statement = { statement: { statementId: "7" } };
    const { sent, api } = fakeServer(json(statement, 201), json(statement, 200));
    await runSettlement(api, "d1", "c1", { kind: "final", asOf: null });
    await runSettlement(api, "d1", "c1", { kind: "interim", asOf: "2025-01-31" });
    expect(sent.map((s) => s.body)).toEqual(['{"kind":"final"}', '{"kind":"interim","asOf":"2025-01-31"}']);
    const keys = sent.map((s) => s.headers["idempotency-key"] ?? "");
    expect(keys[0]).toMatch(/^run-c1-/);
    expect(new Set(keys).size).toBe(2);
    expect(sent[0]?.url).toBe("/api/districts/d1/contracts/c1/statements");
  });
});
