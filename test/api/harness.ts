/**
 * An in-process API over a fresh test store, seeded with a small world: districts d1 and
 * d2; vendors v1 (contracts in both districts) and v2 (one contract in d1); one user per
 * role in each organization; a platform organization with its administrator. Requests go
 * through `api.app.request`, so everything but the socket is real.
 */
import type { Db } from "../../src/app/ports/db.js";
import type { Clock } from "../../src/app/ports/clock.js";
import type { MailMessage, Mailer } from "../../src/app/ports/auth.js";
import { migrate, readMigrations } from "../../src/adapters/db/migrations.js";
import { argon2Hasher } from "../../src/adapters/auth/argon2-hasher.js";
import { passwordPolicy } from "../../src/adapters/auth/password-policy.js";
import { totp } from "../../src/adapters/auth/otp.js";
import { httpImportFiles } from "../../src/adapters/importers/http-import-files.js";
import { createApi, type AccordApi } from "../../src/api/app.js";
import type { ApiDeps, OidcProviderConfig, ServerConfig } from "../../src/api/api-env.js";
import type { OidcRelyingParty } from "../../src/app/ports/oidc.js";
import { DEFAULT_SESSION_RULES } from "../../src/app/auth/sessions.js";
import { addMembership, createOrganization, createUser } from "../../src/app/auth/create-account.js";
import type { Role } from "../../src/app/auth/roles.js";
import { recordContract } from "../../src/app/record-contract.js";
import { generateDistrict } from "../../src/core/demo/generate-district.js";
import type { TestStore } from "../db/stores.js";

export const PASSWORD = "violet tractor harbour 1987 lantern";

/** A clock the test moves. */
export class TestClock implements Clock {
  constructor(private at: number = Date.parse("2025-01-15T15:00:00Z")) {}
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

export class MemoryMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  send(message: MailMessage): Promise<void> {
    this.sent.push(message);
    return Promise.resolve();
  }
}

/** Terms of contract `contractId` of `districtId` with `vendorId` (the demo's first contract, renamed). */
export function termsFor(districtId: string, contractId: string, vendorId: string): Record<string, unknown> {
  const base = generateDistrict({ students: 20, seed: "api", contracts: 1 }).terms()[0] as unknown as Record<
    string,
    unknown
  >;
  return {
    ...base,
    contractId,
    title: `Tutoring ${contractId}`,
    district: { id: districtId, name: `District ${districtId}` },
    vendor: { id: vendorId, name: `Vendor ${vendorId}` },
  };
}

export const WORLD = {
  districts: ["d1", "d2"],
  vendors: ["v1", "v2"],
  contracts: [
    { districtId: "d1", contractId: "c1", vendorId: "v1" },
    { districtId: "d1", contractId: "c2", vendorId: "v2" },
    { districtId: "d2", contractId: "c3", vendorId: "v1" },
  ],
} as const;

export const DISTRICT_ROLES: readonly Role[] = ["district_admin", "district_analyst", "auditor"];

export function emailOf(role: Role, organizationId: string): string {
  return `${role.replace("_", "-")}@${organizationId}.test`;
}

export interface ApiWorld {
  readonly api: AccordApi;
  readonly db: Db;
  readonly deps: ApiDeps;
  readonly clock: TestClock;
  readonly mailer: MemoryMailer;
  close(): Promise<void>;
}

export const TEST_CONFIG: ServerConfig = {
  publicUrl: "http://localhost:3000",
  sessionRules: DEFAULT_SESSION_RULES,
  maxJsonBytes: 256 * 1024,
  maxUploadBytes: 64 * 1024 * 1024,
  secureCookies: false,
  oidcProviders: [],
  mailFrom: "Accord <accord@localhost>",
  checkResponses: true,
};

async function seed(db: Db, hash: string): Promise<void> {
  for (const { districtId, contractId, vendorId } of WORLD.contracts) {
    const text = JSON.stringify(termsFor(districtId, contractId, vendorId), null, 2);
    const result = await recordContract(db, {
      source: { path: `${contractId}.json`, text, document: JSON.parse(text) as unknown, syntaxError: null },
      districtId,
      recordedBy: "seed",
      reason: "signed",
    });
    if (result.kind === "invalid") throw new Error(`seed terms invalid: ${JSON.stringify(result.problems)}`);
  }
  await db.transaction(async (tx) => {
    for (const d of WORLD.districts) {
      await tx.query("INSERT INTO organizations (organization_id, kind, name) VALUES ($1, 'district', $2)", [
        d,
        `District ${d}`,
      ]);
      for (const role of DISTRICT_ROLES)
        await addMembership(
          tx,
          await createUser(tx, {
            email: emailOf(role, d),
            displayName: `${role} of ${d}`,
            passwordHash: hash,
          }),
          d,
          role,
        );
    }
    for (const v of WORLD.vendors) {
      await createOrganization(tx, { id: v, kind: "vendor", name: `Vendor ${v}` });
      await addMembership(
        tx,
        await createUser(tx, {
          email: emailOf("vendor_user", v),
          displayName: `user of ${v}`,
          passwordHash: hash,
        }),
        v,
        "vendor_user",
      );
    }
    await createOrganization(tx, { id: "platform", kind: "platform", name: "Accord operators" });
    await addMembership(
      tx,
      await createUser(tx, {
        email: emailOf("platform_admin", "platform"),
        displayName: "operator",
        passwordHash: hash,
      }),
      "platform",
      "platform_admin",
    );
  });
}

/** The relying party of a world without OpenID providers: nothing may call it. */
const NO_OIDC: OidcRelyingParty = {
  authorizationUrl: () => Promise.reject(new Error("no OpenID provider in this test world")),
  exchange: () => Promise.reject(new Error("no OpenID provider in this test world")),
};

export async function openApiWorld(
  store: TestStore,
  options: {
    readonly clock?: TestClock;
    /** The mailer the server sends with (an SMTP mailer to a sink); world.mailer otherwise. */
    readonly mailer?: Mailer;
    /** OpenID providers to configure and the relying party that talks to them. */
    readonly oidc?: {
      readonly providers: readonly OidcProviderConfig[];
      readonly relyingParty: OidcRelyingParty;
    };
  } = {},
): Promise<ApiWorld> {
  const db = await store.open();
  await migrate(db, await readMigrations());
  const hasher = argon2Hasher({ memoryCostKib: 1024, timeCost: 1, parallelism: 1 });
  await seed(db, await hasher.hash(PASSWORD));
  const clock = options.clock ?? new TestClock();
  const mailer = new MemoryMailer();
  const deps: ApiDeps = {
    db,
    clock,
    hasher,
    passwordPolicy: passwordPolicy(),
    totp: totp(),
    mailer: options.mailer ?? mailer,
    importFiles: httpImportFiles(),
    oidc: options.oidc?.relyingParty ?? NO_OIDC,
    config:
      options.oidc === undefined ? TEST_CONFIG : { ...TEST_CONFIG, oidcProviders: options.oidc.providers },
    storeStatus: async () => ({ applied: (await readMigrations()).length, pending: [] }),
  };
  return { api: createApi(deps), db, deps, clock, mailer, close: () => db.close() };
}

export interface Client {
  readonly cookie: string;
  readonly csrfToken: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** Requests with no credentials. */
export function anonymous(world: ApiWorld) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    world.api.app.request(path, {
      method,
      headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
}

/**
 * Signs in `role` of `organizationId`. An administrator's second factor is marked done in
 * the store directly (the TOTP flow has its own tests), so other tests can act as one.
 */
export async function signInAs(world: ApiWorld, role: Role, organizationId: string): Promise<Client> {
  const response = await anonymous(world)("POST", "/api/auth/sign-in", {
    email: emailOf(role, organizationId),
    password: PASSWORD,
  });
  if (response.status !== 200)
    throw new Error(`sign-in of ${role}@${organizationId}: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const body = (await response.json()) as { csrfToken: string };
  await world.db.query(
    "UPDATE auth_sessions SET second_factor_done = true WHERE user_id = (SELECT user_id FROM users WHERE email = $1)",
    [emailOf(role, organizationId)],
  );
  return {
    cookie,
    csrfToken: body.csrfToken,
    request: async (method, path, payload, headers = {}) =>
      world.api.app.request(path, {
        method,
        headers: {
          cookie,
          "x-csrf-token": body.csrfToken,
          ...(payload === undefined ? {} : { "content-type": "application/json" }),
          ...headers,
        },
        ...(payload === undefined
          ? {}
          : { body: typeof payload === "string" ? payload : JSON.stringify(payload) }),
      }),
  };
}
