// Saves a 1280x800 PNG of every page of the web app, in its demo state, into
// docs/screenshots/<page>.png. Run through `npm run screenshots`, which builds first: a
// demo workspace is seeded into a temporary embedded store, `accord serve` runs on it on
// a free port, and Debian's Chromium (/usr/bin/chromium) visits each page as the role
// that uses it. Nothing outside the temporary store and docs/screenshots is written.
/* global document, HTMLElement */ // evaluated in the page
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { TOTP } from "otpauth";
import { openPglite } from "../dist/adapters/db/pglite-db.js";
import { migrate, readMigrations } from "../dist/adapters/db/migrations.js";
import { argon2Hasher } from "../dist/adapters/auth/argon2-hasher.js";
import { totp } from "../dist/adapters/auth/otp.js";
import { systemClock } from "../dist/app/ports/clock.js";
import { seedDemoWorkspace } from "../dist/app/demo-workspace/seed-demo-workspace.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = join(root, "docs", "screenshots");
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function seed(dataDir) {
  const db = await openPglite(dataDir);
  try {
    await migrate(db, await readMigrations());
    const workspace = await seedDemoWorkspace(db, {
      clock: systemClock,
      hasher: argon2Hasher(),
      totp: totp(),
    });
    if (workspace === null) throw new Error("the new store already held a workspace");
    return workspace;
  } finally {
    await db.close();
  }
}

async function startServer(dataDir, port) {
  const child = spawn(process.execPath, [join(root, "bin", "accord.js"), "serve"], {
    cwd: root,
    env: {
      ...process.env,
      ACCORD_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      ACCORD_PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: "",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 300; i += 1) {
    if (child.exitCode !== null) throw new Error(`accord serve exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGTERM");
  throw new Error("accord serve did not answer within 60 s");
}

/** Waits until the page has settled: network idle, a heading, no "Loading" status. */
async function settle(page) {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(
    () =>
      document.querySelector("main h1") !== null &&
      ![...document.querySelectorAll('[role="status"]')].some((e) => /loading/i.test(e.textContent ?? "")),
    undefined,
    { timeout: 30_000 },
  );
  await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
}

async function shoot(page, name) {
  await settle(page);
  await page.screenshot({ path: join(outDir, `${name}.png`) });
  process.stdout.write(`docs/screenshots/${name}.png\n`);
}

const lastStep = new Map();
async function code(user) {
  for (;;) {
    const now = Math.floor(Date.now() / 30_000);
    const step = Math.max(now, (lastStep.get(user.email) ?? -1) + 1);
    if (step <= now + 1) {
      lastStep.set(user.email, step);
      return new TOTP({ secret: user.totpSecret, digits: 6, period: 30 }).generate({
        timestamp: step * 30_000 + 1000,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function signIn(browser, base, user, stopAtSecondFactor = false) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  if (user.totpSecret !== undefined) {
    await page.getByLabel(/6-digit code/).waitFor();
    if (stopAtSecondFactor) return page;
    await page.getByLabel(/6-digit code/).fill(await code(user));
    await page.getByRole("button", { name: "Verify" }).click();
  }
  await page.getByRole("button", { name: "Sign out", exact: true }).waitFor();
  return page;
}

async function getJson(page, path) {
  return page.evaluate(async (p) => (await fetch(p)).json(), path);
}

const dataDir = await mkdtemp(join(tmpdir(), "accord-screenshots-"));
let server = null;
let browser = null;
try {
  await mkdir(outDir, { recursive: true });
  process.stdout.write("seeding the demo workspace (a few seconds)...\n");
  const workspace = await seed(dataDir);
  const port = await freePort();
  server = await startServer(dataDir, port);
  const base = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: FLAGS });
  const user = (role) => workspace.users.find((u) => u.role === role);
  const d = workspace.districtId;
  const contract = (stage) => workspace.contracts.find((c) => c.stage === stage);
  const settled = contract("settled");

  const anonymous = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await anonymous.goto(`${base}/`);
  await shoot(anonymous, "sign-in");
  await anonymous.goto(`${base}/reset-password`);
  await shoot(anonymous, "password-reset");
  await shoot(await signIn(browser, base, user("district_admin"), true), "second-factor");

  const admin = await signIn(browser, base, user("district_admin"));
  await shoot(admin, "dashboard");
  await admin.goto(`${base}/contracts/new`);
  await shoot(admin, "contract-builder");
  for (const [name, path] of [
    ["budget", "/budget"],
    ["scorecards", "/scorecards"],
    ["rfps", "/rfps"],
    ["notifications", "/account/notifications"],
  ]) {
    await admin.goto(`${base}${path}`);
    await shoot(admin, name);
  }

  // A request for proposals drafted from the draft contract's terms.
  await admin.goto(`${base}/rfps`);
  await admin.getByLabel("Terms of").selectOption(contract("draft").contractId);
  await admin.getByLabel("RFP id").fill("demo-rfp-2025");
  await admin.getByLabel("Title").fill("Math tutoring 2025-26");
  await admin.getByRole("button", { name: "Create RFP" }).click();
  await admin.getByRole("heading", { name: "Math tutoring 2025-26", level: 1 }).waitFor();
  await shoot(admin, "rfp");

  // A check-in of the active contract, from a schedule set on its page, with its agenda.
  const active = contract("active");
  const detail = await getJson(admin, `/api/districts/${d}/contracts/${active.contractId}`);
  await admin.goto(`${base}/contracts/${d}/${active.contractId}`);
  const checkIns = admin.locator("#check-ins");
  await checkIns.getByText("No schedule is set.").waitFor({ timeout: 30_000 });
  await checkIns.getByLabel("Every").fill("4");
  await checkIns.getByLabel("Unit").selectOption("week");
  await checkIns.getByLabel("Starting on").fill(detail.contract.periodStart);
  await checkIns.getByRole("button", { name: "Set schedule" }).click();
  await checkIns.getByText(/Schedule set: \d+ check-in\(s\) added/).waitFor();
  await checkIns.locator('a[href*="/check-ins/"]').first().click();
  await admin.getByRole("button", { name: "Prepare agenda" }).click();
  await admin.getByText("Agenda prepared from today's figures.").waitFor();
  await shoot(admin, "check-in");

  // The active contract's obligations: an owner and a due date set on the first, with its status history.
  await admin.goto(`${base}/contracts/${d}/${active.contractId}`);
  const obligations = admin.locator('section[aria-labelledby="obligations-heading"]');
  await obligations.getByRole("button", { name: "Set owner and due date" }).first().click();
  await obligations.getByLabel("Owner name", { exact: true }).first().fill("Dana Ruiz");
  await obligations.getByLabel("Owner e-mail (optional)").first().fill("dana.ruiz@district.example");
  await obligations
    .locator('input[name="dueOn"]')
    .first()
    .fill(detail.contract.periodStart.replace(/-\d\d$/, "-30"));
  await obligations.getByRole("button", { name: "Save" }).first().click();
  await obligations.getByText("Owner and due date saved.").waitFor();
  await obligations.getByRole("button", { name: "Set owner and due date" }).first().click();
  // The district's own obligation recorded met, with a note: the first entry of its history.
  await obligations.getByLabel("Set status").selectOption("met");
  await obligations.getByLabel("Evidence note (optional)").fill("Rooms confirmed at every school visit");
  await obligations.getByRole("button", { name: "Record status" }).click();
  await obligations.getByRole("button", { name: "Status history (1)" }).click();
  await obligations.getByText("Rooms confirmed at every school visit").first().waitFor();
  await settle(admin);
  await admin.locator("#obligations-heading").evaluate((h) => h.scrollIntoView({ block: "start" }));
  await admin.screenshot({ path: join(outDir, "contract-obligations.png") });
  process.stdout.write("docs/screenshots/contract-obligations.png\n");

  const analyst = await signIn(browser, base, user("district_analyst"));
  const statements = await getJson(analyst, `/api/districts/${d}/contracts/${settled.contractId}/statements`);
  const batches = await getJson(analyst, `/api/districts/${d}/imports`);
  const pages = [
    ["contract", `/contracts/${d}/${settled.contractId}`],
    ["statement", `/contracts/${d}/${settled.contractId}/statements/${statements.items[0].statementId}`],
    ["outcomes", `/contracts/${d}/${settled.contractId}/outcomes`],
    ["evidence", `/contracts/${d}/${settled.contractId}/evidence`],
    ["imports", "/imports"],
    ["import-batch", `/imports/${d}/${batches.items[0].batchId}`],
    ["not-found", "/no/such/page"],
  ];
  for (const [name, path] of pages) {
    await analyst.goto(`${base}${path}`);
    await shoot(analyst, name);
  }

  const auditor = await signIn(browser, base, user("auditor"));
  await auditor.goto(`${base}/audit`);
  await shoot(auditor, "audit-log");

  const vendor = await signIn(
    browser,
    base,
    workspace.users.find((u) => u.organizationId === settled.vendorId),
  );
  await shoot(vendor, "vendor-dashboard");
  // The vendor's view of its settled contract's outcomes (small subgroup cells hidden) and its scorecard.
  await vendor.goto(`${base}/contracts/${d}/${settled.contractId}/outcomes`);
  await shoot(vendor, "vendor-outcomes");
  await vendor.goto(`${base}/vendors/${settled.vendorId}/scorecard`);
  await shoot(vendor, "vendor-scorecard");
} finally {
  await browser?.close();
  if (server !== null && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
}
