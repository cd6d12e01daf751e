/**
 * The authorization matrix, generated from the route table: every route, as every role,
 * at another organization's objects (never reached: 404 exactly as for a missing object,
 * or the role's refusal) and at its own (used when the role may, refused when it may
 * not), with every answer read for other organizations' ids, names and students.
 * What each route allows is written down by hand in matrix-expectations.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteEntry } from "../../src/api/define-route.js";
import { ROLES, type Role } from "../../src/app/auth/roles.js";
import { TEST_STORES } from "../db/stores.js";
import { anonymous, signInAs, type Client } from "./harness.js";
import { MATRIX, type Expectation } from "./matrix-expectations.js";
import { ACTING_ORG, MISSING, openMatrixWorld, type MatrixWorld } from "./matrix-world.js";
import {
  aimedKinds,
  allows,
  describeSent,
  foreignTargets,
  leaks,
  requestsSent,
  send,
  type Sent,
} from "./matrix-requests.js";

/** Every route of the table with its expectation; a route without one fails the first test. */
function expected(world: MatrixWorld): [RouteEntry, Expectation][] {
  return world.api.routes.flatMap((route) => {
    const expectation = MATRIX[route.operationId];
    return expectation === undefined ? [] : [[route, expectation] as [RouteEntry, Expectation]];
  });
}

describe.each(TEST_STORES)("authorization matrix ($name)", (store) => {
  let world: MatrixWorld;
  const clients = new Map<Role, Client>();
  let sentBefore = 0;
  const client = (role: Role): Client => {
    const found = clients.get(role);
    if (found === undefined) throw new Error(`no session for ${role}`);
    return found;
  };
  beforeAll(async () => {
    world = await openMatrixWorld(store);
    for (const role of ROLES) clients.set(role, await signInAs(world, role, ACTING_ORG[role]));
    sentBefore = requestsSent();
  }, 300_000);
  afterAll(async () => {
    console.info(`authorization matrix (${store.name}): ${requestsSent() - sentBefore} requests`);
    await world?.close();
  });

  /** A failure line, or none: the answer shows nothing of other organizations and is a problem document when it fails. */
  function check(role: Role, target: string, sent: Sent, rule: (sent: Sent) => string | null): string[] {
    const where = `${role}@${ACTING_ORG[role]} at ${target}: ${describeSent(sent)}`;
    const out: string[] = [];
    const broken = sent.status >= 500 ? "a server error" : rule(sent);
    if (broken !== null) out.push(`${broken}; ${where}`);
    const shown = leaks(sent, world.acting(role));
    if (shown.length > 0) out.push(`shows ${shown.join(", ")}; ${where}`);
    if (
      sent.status >= 400 &&
      (!sent.contentType.startsWith("application/problem+json") || sent.code === null)
    )
      out.push(`a failure that is not a problem document; ${where}`);
    return out;
  }

  it("has an expectation for every route in the table and a route for every expectation", () => {
    const operations = world.api.routes.map((r) => r.operationId);
    expect(
      operations.filter((id) => MATRIX[id] === undefined),
      "routes missing from matrix-expectations.ts",
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((id) => !operations.includes(id)),
      "expectations of routes that are gone",
    ).toEqual([]);
  });

  it("aims every path parameter of every route, or says why the route names no organization's object", () => {
    const unaimed = expected(world).flatMap(([route, expectation]) => {
      try {
        return aimedKinds(route, expectation).length > 0 || expectation.objectless !== undefined
          ? []
          : [`${route.operationId}: no object aimed at and no reason given (objectless)`];
      } catch (error) {
        return [String(error)];
      }
    });
    expect(unaimed).toEqual([]);
  });

  it("answers 401 to a request without a session on every route that is not public", async () => {
    const failures: string[] = [];
    for (const [route, expectation] of expected(world)) {
      if (expectation.allowed === "public") continue;
      const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
        const aim = expectation.aim[name];
        return typeof aim === "string" ? world.sides.d1[aim] : (aim?.fixed ?? "x");
      });
      const response = await anonymous(world)(route.method, path, route.method === "GET" ? undefined : {});
      const body = (await response.json()) as { code?: string };
      if (response.status !== 401 || body.code !== "unauthenticated")
        failures.push(`${route.method} ${path} -> ${response.status} ${body.code ?? ""}`);
    }
    expect(failures).toEqual([]);
  });

  it("never lets a role reach another organization's object: 404 as for a missing one, or the role's refusal", async () => {
    const failures: string[] = [];
    const before = await world.digest();
    for (const [route, expectation] of expected(world)) {
      const kinds = aimedKinds(route, expectation);
      if (kinds.length === 0) continue;
      for (const role of ROLES) {
        for (const { label, side, probe } of foreignTargets(kinds, world.acting(role))) {
          const sent = await send(world, client(role), role, route, expectation, side);
          const missing = allows(expectation, role)
            ? await send(world, client(role), role, route, expectation, { ...side, [probe]: MISSING[probe] })
            : null;
          failures.push(
            ...check(role, label, sent, (s) => {
              const answer = expectation.foreignAnswer;
              const refused = answer !== undefined && s.status === answer.status && s.code === answer.code;
              if (![401, 403, 404].includes(s.status) && !refused)
                return "another organization's object answered";
              if (!allows(expectation, role) && (s.status !== 403 || s.code !== "forbidden"))
                return "a role that may not use the route is not refused with 403 forbidden";
              if (missing !== null && (missing.status !== s.status || missing.code !== s.code))
                return `a missing object answers ${missing.status} ${missing.code ?? ""}, not the same`;
              if (missing !== null && expectation.allowed !== "public" && s.status !== 404 && !refused)
                return "an allowed role is told another organization's object exists (not 404)";
              return null;
            }),
          );
        }
      }
    }
    expect(failures).toEqual([]);
    // Nothing was written anywhere: a refusal that had done its work anyway would show here.
    expect(await world.digest()).toEqual(before);
  }, 600_000);

  it("lets each role use the routes it may on its own organization's objects, and refuses it the others", async () => {
    const failures: string[] = [];
    const routes = expected(world);
    // Routes that end sessions run last, each in a session of its own.
    const ordered = [
      ...routes.filter(([, e]) => e.endsSession !== true),
      ...routes.filter(([, e]) => e.endsSession),
    ];
    for (const [route, expectation] of ordered)
      for (const role of ROLES) {
        const acting = world.acting(role);
        const as =
          expectation.endsSession === true ? await signInAs(world, role, ACTING_ORG[role]) : client(role);
        const sent = await send(world, as, role, route, expectation, acting.own);
        const may = allows(expectation, role);
        failures.push(
          ...check(role, "its own objects", sent, (s) => {
            if (may && (s.status === 401 || s.status === 403))
              return "a role that may use the route is refused";
            if (!may && (s.status !== 403 || s.code !== "forbidden"))
              return "a role that may not use the route is not refused with 403 forbidden";
            return null;
          }),
        );
      }
    expect(failures).toEqual([]);
  }, 600_000);
});
