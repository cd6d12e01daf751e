/**
 * `accord serve`: the HTTP API (and, later, the web app) on PORT (default 3000), on the
 * embedded store unless DATABASE_URL is set. With --demo, an empty store is first seeded
 * with a demo workspace whose sign-in details are printed. SIGTERM and SIGINT stop
 * accepting connections, let requests in flight finish, then close the store.
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import type { Db } from "../app/ports/db.js";
import type { Mailer } from "../app/ports/auth.js";
import { systemClock } from "../app/ports/clock.js";
import { checkServerRole } from "../app/check-server-role.js";
import { createApi } from "../api/app.js";
import type { ApiDeps } from "../api/api-env.js";
import { ConfigError, readServeSettings } from "../api/server-config.js";
import { argon2Hasher } from "../adapters/auth/argon2-hasher.js";
import { passwordPolicy } from "../adapters/auth/password-policy.js";
import { totp } from "../adapters/auth/otp.js";
import { smtpMailer } from "../adapters/mail/smtp-mailer.js";
import { outboxMailer } from "../adapters/mail/outbox-mailer.js";
import { openIdClientRelyingParty } from "../adapters/auth/openid-client.js";
import { httpImportFiles } from "../adapters/importers/http-import-files.js";
import { seedDemoWorkspace } from "../app/demo-workspace/seed-demo-workspace.js";
import { demoSignInText } from "../app/demo-workspace/demo-sign-in-text.js";
import { startAlertMailInterval } from "./alert-mail-interval.js";
import { DEFAULT_ALERT_TIME_ZONE } from "../app/alert-mail/local-time.js";
import { EXIT_INTERNAL, EXIT_OK, say } from "./io.js";
import type { Env } from "./store.js";

export const SERVE_HELP = `Usage: accord serve [--demo]

Runs the Accord server on http://localhost:PORT (PORT, default 3000; HOST, default
127.0.0.1). The store is DATABASE_URL when set (migrate it first with accord migrate, and
connect as a login role that is a member of accord_app, never a superuser), else the
embedded store in ACCORD_DATA_DIR (default ./.accord).

  --demo    on an empty store, first create a demo workspace (a district, two vendors,
            three contracts, one user per role) and print its sign-in details

Mail (password resets, invitations) goes to ACCORD_SMTP_URL (smtp://host:port) when set,
else into the outbox folder of the embedded store as .eml files.
With ACCORD_SMTP_URL set, alerts are mailed every ACCORD_ALERT_MAIL_MINUTES (15; 0: never;
see accord alerts --help), the digest hour read in ACCORD_ALERT_TIME_ZONE (America/New_York).
Other settings: ACCORD_PUBLIC_URL, ACCORD_SESSION_IDLE_MINUTES (30),
ACCORD_SESSION_ABSOLUTE_HOURS (12), ACCORD_MAIL_FROM, ACCORD_OIDC_PROVIDERS (JSON list of
{id, label, issuer, clientId, clientSecret}).
`;

function listen(fetch: (request: Request) => Response | Promise<Response>, port: number, host: string) {
  return new Promise<ServerType>((resolve, reject) => {
    const server = serve({ fetch, port, hostname: host }, () => resolve(server));
    server.once("error", reject);
  });
}

/** Counts requests being handled, so the store is closed only when none is. */
class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  async track(handle: () => Response | Promise<Response>): Promise<Response> {
    this.count += 1;
    try {
      return await handle();
    } finally {
      this.count -= 1;
      if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  drained(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

/** Resolves at SIGTERM or SIGINT, once. */
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
  });
}

async function closeServer(server: ServerType): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive connections would hold close() open; requests in flight finish.
    if ("closeIdleConnections" in server) server.closeIdleConnections();
  });
}

export async function serveCommand(args: string[], env: Env = process.env): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      demo: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(SERVE_HELP);
    return EXIT_OK;
  }
  let settings;
  try {
    settings = readServeSettings(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    say(`accord serve: ${error.message}`);
    return EXIT_INTERNAL;
  }
  const { openStore, storeConfig } = await import("../adapters/db/open-store.js");
  const { pendingMigrations, readMigrations } = await import("../adapters/db/migrations.js");
  const store = storeConfig(env);
  const db: Db = await openStore(env);
  try {
    const role = await checkServerRole(db);
    if (!role.ok) {
      say(`accord serve: ${role.reason}`);
      return EXIT_INTERNAL;
    }
    const mailer: Mailer =
      settings.smtpUrl === null
        ? outboxMailer(join(store.kind === "pglite" ? store.dataDir : ".", "outbox"))
        : smtpMailer(settings.smtpUrl, settings.config.mailFrom);
    const deps: ApiDeps = {
      db,
      clock: systemClock,
      hasher: argon2Hasher(),
      passwordPolicy: passwordPolicy(),
      totp: totp(),
      mailer,
      oidc: openIdClientRelyingParty(),
      importFiles: httpImportFiles(),
      config: settings.config,
      storeStatus: async () => {
        const files = await readMigrations();
        const pending = await pendingMigrations(db, files);
        return { applied: files.length - pending.length, pending };
      },
    };
    if (values.demo) await seedDemo(db, deps, store.kind);
    const { app } = createApi(deps, (line) => say(line));
    const inFlight = new InFlight();
    const server = await listen(
      (request) => inFlight.track(() => app.fetch(request)),
      settings.port,
      settings.host,
    );
    const where = store.kind === "pglite" ? `embedded store ${store.dataDir}` : "PostgreSQL server";
    say(
      `Accord is running at ${settings.config.publicUrl} (${where}); API documents at ${settings.config.publicUrl}/api/docs`,
    );
    // Alert mail runs only with a real relay: an outbox of .eml files nobody reads is no alert.
    const stopAlertMail =
      settings.smtpUrl !== null && settings.alertMailMinutes > 0
        ? startAlertMailInterval(
            {
              db,
              clock: deps.clock,
              mailer,
              baseUrl: settings.config.publicUrl,
              timeZone: settings.config.alertTimeZone ?? DEFAULT_ALERT_TIME_ZONE,
            },
            settings.alertMailMinutes,
            say,
          )
        : null;
    const signal = await stopSignal();
    say(`accord serve: ${signal}: finishing requests in flight, then stopping`);
    await stopAlertMail?.();
    await closeServer(server);
    // close() waits for sockets, not handlers: a handler whose client has gone away may
    // still be using the store.
    await inFlight.drained();
    return EXIT_OK;
  } finally {
    await db.close();
  }
}

/**
 * Seeds the demo workspace into an empty embedded store. The seed writes as the store's
 * owner, which a server connection (a member of accord_app) is not, so a server is never
 * seeded from here.
 */
async function seedDemo(db: Db, deps: ApiDeps, kind: "pglite" | "postgres"): Promise<void> {
  if (kind !== "pglite") {
    say("accord serve: --demo seeds only the embedded store (no DATABASE_URL); nothing seeded");
    return;
  }
  say("accord serve: creating the demo workspace (a district of 2,000 students; a few seconds)...");
  const workspace = await seedDemoWorkspace(db, { clock: deps.clock, hasher: deps.hasher, totp: deps.totp });
  if (workspace === null)
    say("accord serve: --demo: the store already holds a workspace; signing in as before");
  else process.stdout.write(demoSignInText(workspace));
}
