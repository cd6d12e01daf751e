/**
 * The browser test platform. A suite calls `useBrowserWorld()` inside `describeBrowser`:
 * before its tests a demo workspace is seeded, `accord serve` runs on it (the built app,
 * dist/web; `npm test` builds before vitest) and Chromium starts; after them both stop.
 *
 *   describeBrowser("the statement page", () => {
 *     const world = useBrowserWorld();
 *     it("...", async () => {
 *       const page = await world.signInAs("district_analyst");
 *       await page.goto(world.url(statementPath(...)));
 *       await expectNoAxeViolations(page, "statement page");
 *     });
 *   });
 *
 * `signInAs` signs in through the sign-in form (and the TOTP step for administrators) the
 * first time a role asks, then opens later pages of that role in a new context carrying
 * the same session cookie, so suites do not wait for new TOTP time steps; `openAs` does
 * the same and opens a given address. Callbacks run in the page type the browser's
 * globals with `PageGlobals` (page-globals.ts).
 */
import { afterAll, beforeAll, describe } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { TOTP } from "otpauth";
import type { Role } from "../../src/app/auth/roles.js";
import type { DemoUser, DemoWorkspace } from "../../src/app/demo-workspace/seed-demo-workspace.js";
import { browserAvailable, launchChromium } from "./browser.js";
import { startDemoServer, type DemoServer, type DemoServerOptions } from "./demo-server.js";

export { expectNoAxeViolations, axeViolations, describeViolations } from "./axe.js";
export { browserAvailable } from "./browser.js";
export type { PageElement, PageGlobals } from "./page-globals.js";
export type { DemoUser, DemoWorkspace };

/** `describe`, skipped (with a message from browser.ts) where Chromium is not installed. */
export const describeBrowser = describe.skipIf(!browserAvailable);

export const VIEWPORT = { width: 1280, height: 800 } as const;

export interface BrowserWorld {
  readonly server: DemoServer;
  readonly browser: Browser;
  readonly workspace: DemoWorkspace;
  readonly baseUrl: string;
  url(path: string): string;
  /** The demo account of `role`; for vendors, the first vendor unless `organizationId` names one. */
  user(role: Role, organizationId?: string): DemoUser;
  /** A TOTP code the server has not seen for this administrator (waits for a new step if needed). */
  totpCode(user: DemoUser): Promise<string>;
  /** A new page in a fresh context (no session), at 1280x800. */
  newPage(): Promise<Page>;
  /** Signs in through the form (and TOTP step) in a fresh page; ends on the signed-in app. */
  signInThroughForm(user: DemoUser, page?: Page): Promise<Page>;
  /** A signed-in page of `role` at the portfolio (a shared session per account). */
  signInAs(role: Role, organizationId?: string): Promise<Page>;
  /** A signed-in page of `role` opened at `path` (one page load when the session is known). */
  openAs(role: Role, path: string, organizationId?: string): Promise<Page>;
}

const STEP_MS = 30_000;

/** Waits for the signed-in layout; otherwise fails with what the page shows instead. */
async function signedIn(page: Page, who: string): Promise<void> {
  try {
    await page.getByRole("button", { name: "Sign out", exact: true }).waitFor({ timeout: 15_000 });
  } catch {
    const shown =
      (await page
        .locator("body")
        .textContent()
        .catch(() => null)) ?? "(nothing)";
    throw new Error(`${who}: the signed-in layout did not appear; the page shows: ${shown.slice(0, 400)}`);
  }
}

export async function openBrowserWorld(
  options: DemoServerOptions = {},
): Promise<BrowserWorld & { close(): Promise<void> }> {
  const server = await startDemoServer(options);
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await server.close();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  const lastStep = new Map<string, number>();
  const sessions = new Map<string, Awaited<ReturnType<BrowserContext["storageState"]>>>();
  const { workspace, baseUrl } = server;

  async function newContext(storageState?: Awaited<ReturnType<BrowserContext["storageState"]>>) {
    // The served CSP stays in force (axe-core is evaluated, not added as a script tag).
    const context = await browser.newContext({
      viewport: VIEWPORT,
      ...(storageState === undefined ? {} : { storageState }),
    });
    contexts.push(context);
    return context;
  }

  const world: BrowserWorld & { close(): Promise<void> } = {
    server,
    browser,
    workspace,
    baseUrl,
    url: (path) => `${baseUrl}${path}`,
    user(role, organizationId) {
      const found = workspace.users.find(
        (u) => u.role === role && (organizationId === undefined || u.organizationId === organizationId),
      );
      if (found === undefined)
        throw new Error(`the demo workspace has no ${role} in ${organizationId ?? "any"}`);
      return found;
    },
    async totpCode(user) {
      if (user.totpSecret === undefined) throw new Error(`${user.email} has no second factor`);
      // The server accepts one step of drift and refuses a step it has seen: use the
      // current step, else the next one, else wait.
      for (;;) {
        const now = Math.floor(Date.now() / STEP_MS);
        const step = Math.max(now, (lastStep.get(user.userId) ?? -1) + 1);
        if (step <= now + 1) {
          lastStep.set(user.userId, step);
          return new TOTP({ secret: user.totpSecret, digits: 6, period: 30 }).generate({
            timestamp: step * STEP_MS + 1_000,
          });
        }
        await new Promise((resolve) => setTimeout(resolve, (now + 1) * STEP_MS - Date.now() + 50));
      }
    },
    async newPage() {
      return (await newContext()).newPage();
    },
    async signInThroughForm(user, given) {
      const page = given ?? (await world.newPage());
      await page.goto(world.url("/"));
      await page.getByLabel("E-mail").fill(user.email);
      await page.getByLabel("Password", { exact: true }).fill(user.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      if (user.totpSecret !== undefined) {
        await page.getByLabel(/6-digit code/).fill(await world.totpCode(user));
        await page.getByRole("button", { name: "Verify" }).click();
      }
      await signedIn(page, `${user.email} after the sign-in form`);
      return page;
    },
    signInAs(role, organizationId) {
      return world.openAs(role, "/", organizationId);
    },
    async openAs(role, path, organizationId) {
      const user = world.user(role, organizationId);
      const state = sessions.get(user.userId);
      if (state !== undefined) {
        const page = await (await newContext(state)).newPage();
        await page.goto(world.url(path));
        await signedIn(page, `${role} with the session of an earlier sign-in`);
        return page;
      }
      const page = await world.signInThroughForm(user);
      sessions.set(user.userId, await page.context().storageState());
      if (path !== "/") await page.goto(world.url(path));
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await server.close();
    },
  };
  return world;
}

/**
 * The world of a describe block: opened before its tests, closed after. Read its fields
 * only inside tests and hooks (the object is filled in by beforeAll).
 */
export function useBrowserWorld(options: DemoServerOptions = {}): BrowserWorld {
  let opened: (BrowserWorld & { close(): Promise<void> }) | null = null;
  beforeAll(async () => {
    opened = await openBrowserWorld(options);
  }, 180_000);
  afterAll(async () => {
    await opened?.close();
  });
  return new Proxy({} as BrowserWorld, {
    get(_, key: keyof BrowserWorld) {
      if (opened === null) throw new Error("the browser world is opened in beforeAll: use it inside tests");
      return opened[key];
    },
  });
}
