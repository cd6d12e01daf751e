/**
 * Bad requests to every route that takes a JSON body (from the route table and the
 * OpenAPI document): wrong types, unknown fields, text that is not JSON, an array,
 * an oversized body, and SQL-looking strings in every string property and path
 * parameter; and malformed files to the import route. Each is answered with a problem
 * document of a 4xx status, never a 500, and the contracts table is intact afterwards.
 * Requests are sent by a role that may use the route, at its own objects, so that they
 * reach validation and the handler rather than stopping at the guard.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteEntry } from "../../src/api/define-route.js";
import { ROLES, type Role } from "../../src/app/auth/roles.js";
import { TEST_STORES } from "../db/stores.js";
import { anonymous, signInAs, type Client } from "./harness.js";
import { MATRIX, type Expectation, type RequestParts } from "./matrix-expectations.js";
import { ACTING_ORG, openMatrixWorld, type MatrixWorld } from "./matrix-world.js";
import { describeSent, pathFor, requestsSent, roleFor, sendRaw, type Sent } from "./matrix-requests.js";
import {
  jsonRoutes,
  stringLeaves,
  withValueAt,
  wrongTypeFor,
  type JsonRoute,
  type OpenApiDocument,
} from "./openapi-bodies.js";

const SQL = ["'; DROP TABLE contracts; --", "' OR 1=1 --"] as const;
const PROBLEM_STATUSES = [400, 401, 403, 404, 409, 413, 415, 422];

/** A failure line, or none: a problem document with a code and a status of `statuses`. */
function problem(sent: Sent, statuses: readonly number[], what: string): string[] {
  const where = `${what}: ${describeSent(sent)}`;
  if (!statuses.includes(sent.status))
    return [`answered ${sent.status}, not ${statuses.join("/")}; ${where}`];
  if (!sent.contentType.startsWith("application/problem+json") || sent.code === null)
    return [`not a problem document with a code; ${where}`];
  return [];
}

describe.each(TEST_STORES)("bad requests ($name)", (store) => {
  let world: MatrixWorld;
  let doc: OpenApiDocument | null = null;
  let docAnswer = "";
  let contractsBefore: unknown[] = [];
  const clients = new Map<Role, Client>();
  let sentBefore = 0;
  beforeAll(async () => {
    world = await openMatrixWorld(store);
    for (const role of ROLES) clients.set(role, await signInAs(world, role, ACTING_ORG[role]));
    contractsBefore = await contractRows();
    const response = await anonymous(world)("GET", "/api/openapi.json");
    docAnswer = `${response.status} ${(await response.clone().text()).slice(0, 300)}`;
    if (response.status === 200) doc = (await response.json()) as OpenApiDocument;
    sentBefore = requestsSent();
  }, 300_000);
  afterAll(async () => {
    console.info(`bad requests (${store.name}): ${requestsSent() - sentBefore} requests`);
    await world?.close();
  });

  const contractRows = () =>
    world.db.query("SELECT district_id, contract_id, vendor_id, title FROM contracts ORDER BY 1, 2");

  /** The route's expectation, the role that sends, its client and a plausible request at its own objects. */
  async function plausible(route: RouteEntry) {
    const expectation: Expectation | undefined = MATRIX[route.operationId];
    if (expectation === undefined) throw new Error(`${route.operationId} is not in matrix-expectations.ts`);
    const role = roleFor(expectation);
    const client = clients.get(role);
    if (client === undefined) throw new Error(`no session for ${role}`);
    const side = world.acting(role).own;
    const parts: RequestParts = (await expectation.request?.(side, world.helpers(role))) ?? {};
    const url = pathFor(route, expectation, side) + (parts.query ?? "");
    const body = (parts.body ?? {}) as Record<string, unknown>;
    return { expectation, role, client, side, url, body, headers: parts.headers ?? {} };
  }

  function routesWithJsonBodies(): JsonRoute[] {
    if (doc === null) throw new Error(`GET /api/openapi.json answered ${docAnswer}`);
    return jsonRoutes(doc, world.api.routes);
  }

  it("publishes an OpenAPI document with every route of the table", () => {
    expect(doc, `GET /api/openapi.json answered ${docAnswer}`).not.toBeNull();
    const missing = world.api.routes.filter(
      (r) => doc?.paths[r.path]?.[r.method.toLowerCase()] === undefined,
    );
    expect(missing.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it("answers wrong types, unknown fields, text that is not JSON and arrays with 400 (naming the property), another media type with 415", async () => {
    const failures: string[] = [];
    for (const { route, schema } of routesWithJsonBodies()) {
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        const p = await plausible(route);
        const sent = await sendRaw(
          p.client,
          route.method,
          p.url,
          { ...p.body, [name]: wrongTypeFor(property) },
          p.headers,
        );
        const found = problem(sent, [400], `${route.operationId} with a wrong type for ${name}`);
        const paths = (JSON.parse(sent.text || "{}") as { problems?: { path: string }[] }).problems ?? [];
        if (found.length === 0 && !paths.some((x) => x.path.startsWith(`$.body.${name}`)))
          found.push(`no problem names $.body.${name}: ${describeSent(sent)}`);
        failures.push(...found);
      }
      const cases: [string, unknown, number, Record<string, string>][] = [
        ["an unknown field", { ...(await plausible(route)).body, matrixUnknownField: "x" }, 400, {}],
        ["text that is not JSON", '{"kind": interim', 400, {}],
        ["a JSON array", JSON.stringify([(await plausible(route)).body]), 400, {}],
        ["a JSON string", JSON.stringify("text"), 400, {}],
        [
          "JSON sent as text/plain",
          JSON.stringify((await plausible(route)).body),
          415,
          { "content-type": "text/plain" },
        ],
      ];
      for (const [what, body, status, headers] of cases) {
        const p = await plausible(route);
        const sent = await sendRaw(p.client, route.method, p.url, body, { ...p.headers, ...headers });
        failures.push(...problem(sent, [status], `${route.operationId} with ${what}`));
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it("answers a body over the JSON limit with 413, whatever content type it declares", async () => {
    const failures: string[] = [];
    const types: [string, readonly number[]][] = [
      ["application/json", [413]],
      ["application/json; charset=utf-8", [413]],
      ["text/plain", [413, 415]],
    ];
    for (const { route } of routesWithJsonBodies())
      for (const [type, statuses] of types) {
        const p = await plausible(route);
        const pad = "x".repeat(world.deps.config.maxJsonBytes + 1);
        const body = JSON.stringify({ ...p.body, pad });
        const sent = await sendRaw(p.client, route.method, p.url, body, {
          ...p.headers,
          "content-type": type,
        });
        failures.push(...problem(sent, statuses, `${route.operationId} with an oversized body as ${type}`));
      }
    expect(failures).toEqual([]);
  }, 600_000);

  it("takes SQL-looking text in every string property as text: a problem document or a success, never a 500", async () => {
    const failures: string[] = [];
    for (const { route, schema } of routesWithJsonBodies()) {
      const base = await plausible(route);
      const places = new Set(
        [
          ...stringLeaves(base.body),
          ...Object.entries(schema.properties ?? {})
            .filter(([, s]) => s.type === "string")
            .map(([name]) => [name]),
        ].map((path) => JSON.stringify(path)),
      );
      for (const place of places)
        for (const sql of SQL) {
          const p = await plausible(route);
          const body = withValueAt(p.body, JSON.parse(place) as string[], sql);
          const sent = await sendRaw(p.client, route.method, p.url, body, p.headers);
          if (sent.status >= 200 && sent.status < 300) continue;
          failures.push(...problem(sent, PROBLEM_STATUSES, `${route.operationId} with ${sql} at ${place}`));
        }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it("answers SQL-looking path parameters with a problem document", async () => {
    const failures: string[] = [];
    for (const route of world.api.routes)
      for (const [, name] of route.path.matchAll(/\{(\w+)\}/g))
        for (const sql of SQL) {
          const p = await plausible(route);
          const base = pathFor(route, p.expectation, p.side);
          const url = pathFor(route, p.expectation, p.side, { [name ?? ""]: sql });
          const query = p.url.slice(base.length);
          const sent = await sendRaw(
            p.client,
            route.method,
            url + query,
            route.method === "GET" ? undefined : p.body,
            p.headers,
          );
          failures.push(...problem(sent, PROBLEM_STATUSES, `${route.operationId} with ${sql} as {${name}}`));
        }
    expect(failures).toEqual([]);
  }, 600_000);

  it("refuses malformed files to the import route with a problem document", async () => {
    const route = world.api.routes.find((r) => r.method === "POST" && /\/imports$/.test(r.path));
    expect(route, "an import route (POST .../imports)").toBeDefined();
    if (route === undefined) return;
    const p = await plausible(route);
    const base = pathFor(route, p.expectation, p.side);
    const csv = { "content-type": "text/csv" };
    const files: [string, string, string, Record<string, string>][] = [
      ["a header of no format", "data.csv", "colour,flavour\nred,sour\n", csv],
      ["a header without required columns", "students.csv&format=students", "student_id\nS-3\n", csv],
      ["binary bytes", "students.csv", "\u0000\u0001\u0002\uFFFD\u0000PK\u0003\u0004", csv],
      ["an empty file", "students.csv", "", csv],
      [
        "a media type that is not a file format",
        "students.csv",
        "<students/>",
        { "content-type": "application/xml" },
      ],
    ];
    const failures: string[] = [];
    for (const [what, fileName, body, headers] of files) {
      const sent = await sendRaw(p.client, "POST", `${base}?fileName=${fileName}`, body, headers);
      failures.push(...problem(sent, [400, 415, 422], `an import of ${what}`));
    }
    // A quoted field that never ends is a row the file cannot give: rejected with its reason, nothing imported.
    const quote = 'student_id,school_id,grade\n"S-1,sch-d1,5\nS-2,sch-d1,5\n';
    const unended = await sendRaw(p.client, "POST", `${base}?fileName=students-quote.csv`, quote, csv);
    const counts =
      unended.status === 201 ? (JSON.parse(unended.text) as { accepted: number; rejected: number }) : null;
    if (
      counts === null
        ? problem(unended, [400, 422], "").length > 0
        : counts.accepted !== 0 || counts.rejected < 1
    )
      failures.push(`an import of a quote that never ends: ${describeSent(unended)}`);
    const sql = `student_id,school_id,grade\n${SQL[0]},sch-d1,5\n"${SQL[1]}",sch-d1,5\n`;
    const sent = await sendRaw(p.client, "POST", `${base}?fileName=students-sql.csv`, sql, csv);
    if (sent.status >= 500) failures.push(`an import of SQL-looking cells: ${describeSent(sent)}`);
    expect(failures).toEqual([]);
  }, 600_000);

  it("leaves the contracts table intact: every contract there before is there unchanged", async () => {
    const after = await contractRows();
    for (const row of contractsBefore) expect(after).toContainEqual(row);
    expect(after.length).toBeGreaterThanOrEqual(contractsBefore.length);
  });
});
