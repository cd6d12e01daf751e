/**
 * A real `accord serve` (bin/accord.js, the built server with the built web app) on a
 * free port, over an embedded store that this process seeds first with the same function
 * `serve --demo` uses. Seeding here, not in the server, hands the test the accounts'
 * passwords and TOTP secrets as values (the server prints them once and keeps hashes).
 * Mail goes to the store's outbox folder, where the test reads it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "../../src/app/ports/db.js";
import { systemClock } from "../../src/app/ports/clock.js";
import { openPglite } from "../../src/adapters/db/pglite-db.js";
import { migrate, readMigrations } from "../../src/adapters/db/migrations.js";
import { argon2Hasher } from "../../src/adapters/auth/argon2-hasher.js";
import { totp } from "../../src/adapters/auth/otp.js";
import { seedDemoWorkspace, type DemoWorkspace } from "../../src/app/demo-workspace/seed-demo-workspace.js";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const WEB_DIST = join(REPO_ROOT, "dist", "web");

export interface DemoServerOptions {
  /** Students in the demo district (the server's default is 2,000; tests need fewer). */
  readonly students?: number;
  /** Runs on the seeded store before the server opens it (extra memberships, states). */
  readonly prepare?: (db: Db, workspace: DemoWorkspace) => Promise<void>;
  /** Extra environment of the server (ACCORD_OIDC_PROVIDERS...). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface DemoServer {
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly workspace: DemoWorkspace;
  /** The text of every mail sent so far (decoded .eml files, oldest first). */
  mails(): Promise<string[]>;
  /** What the server wrote to stdout and stderr. */
  output(): string;
  close(): Promise<void>;
}

/**
 * A migrated, empty embedded store to copy: creating a PGlite data directory takes
 * seconds, copying one a fraction of that. Kept in the temporary folder under a name
 * that changes with the migrations and the PGlite release, built once by whichever suite
 * needs it first.
 */
async function emptyStoreTemplate(): Promise<string> {
  const migrations = await readMigrations();
  const hash = createHash("sha256");
  // A data directory is tied to the PGlite release that wrote it, and to the migrations.
  hash.update(await readFile(join(REPO_ROOT, "node_modules", "@electric-sql", "pglite", "package.json")));
  for (const m of migrations) hash.update(JSON.stringify(m));
  const dir = join(tmpdir(), `accord-browser-store-${hash.digest("hex").slice(0, 16)}`);
  if (existsSync(join(dir, "ready"))) return dir;
  const building = await mkdtemp(join(tmpdir(), "accord-browser-store-building-"));
  const db = await openPglite(building);
  try {
    await migrate(db, migrations);
  } finally {
    await db.close();
  }
  await writeFile(join(building, "ready"), "");
  try {
    await rename(building, dir);
  } catch {
    // Another suite finished first: its template is the same.
    await rm(building, { recursive: true, force: true });
  }
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Quoted-printable soft breaks and escapes, enough to read a link out of an .eml file. */
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`accord serve exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`accord serve did not answer /api/health within 60 s:\n${output()}`);
}

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  if (!existsSync(join(WEB_DIST, "index.html")) || !existsSync(join(REPO_ROOT, "dist", "cli", "main.js")))
    throw new Error("dist/ is not built: run `npm run build` before the browser tests");
  const dataDir = await mkdtemp(join(tmpdir(), "accord-browser-"));
  await cp(await emptyStoreTemplate(), dataDir, { recursive: true });
  await rm(join(dataDir, "ready"));
  const db = await openPglite(dataDir);
  let workspace: DemoWorkspace | null;
  try {
    await migrate(db, await readMigrations());
    workspace = await seedDemoWorkspace(
      db,
      { clock: systemClock, hasher: argon2Hasher(), totp: totp() },
      { students: options.students ?? 300 },
    );
    if (workspace === null) throw new Error("a fresh store already held a workspace");
    await options.prepare?.(db, workspace);
  } finally {
    await db.close();
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = "";
  const child = spawn(process.execPath, [join(REPO_ROOT, "bin", "accord.js"), "serve"], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env["PATH"] ?? "",
      TZ: process.env["TZ"] ?? "UTC",
      ACCORD_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      ACCORD_PUBLIC_URL: baseUrl,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  const seeded = workspace;
  return {
    baseUrl,
    dataDir,
    workspace: seeded,
    output: () => log,
    async mails() {
      const dir = join(dataDir, "outbox");
      if (!existsSync(dir)) return [];
      const names = (await readdir(dir)).filter((n) => n.endsWith(".eml")).sort();
      return Promise.all(names.map(async (n) => decodeQuotedPrintable(await readFile(join(dir, n), "utf8"))));
    },
    close: stop,
  };
}
