/**
 * axe-core (WCAG 2.1 A and AA) on every page of a signed-in session, each as the role
 * that uses it, in its ordinary state and in the loading, empty and error states a test
 * can reach by holding or replacing the API's answer.
 */
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { Role } from "../../src/app/auth/roles.js";
import { describeBrowser, expectNoAxeViolations, useBrowserWorld } from "./harness.js";
import { answerApi, apiGet, failApi, holdApi, settle } from "./page-states.js";
import type { PageGlobals } from "./page-globals.js";

interface Ids {
  readonly districtId: string;
  readonly settled: string;
  readonly active: string;
  readonly draft: string;
  readonly statementId: string;
  readonly batchId: string;
}

describeBrowser("accessibility of the signed-in pages", () => {
  const world = useBrowserWorld();
  let ids: Ids | null = null;

  /** The demo's contracts, its settled contract's statement and an import batch. */
  async function demoIds(page: Page): Promise<Ids> {
    if (ids !== null) return ids;
    const { districtId, contracts } = world.workspace;
    const of = (stage: string) => {
      const found = contracts.find((c) => c.stage === stage);
      if (found === undefined) throw new Error(`the demo has no ${stage} contract`);
      return found.contractId;
    };
    const base = `/api/districts/${districtId}`;
    const statements = await apiGet<{ items: { statementId: string }[] }>(
      page,
      `${base}/contracts/${of("settled")}/statements`,
    );
    const batches = await apiGet<{ items: { batchId: string }[] }>(page, `${base}/imports`);
    const statementId = statements.items[0]?.statementId;
    const batchId = batches.items[0]?.batchId;
    if (statementId === undefined || batchId === undefined)
      throw new Error("the demo has no statement or batch");
    ids = {
      districtId,
      settled: of("settled"),
      active: of("active"),
      draft: of("draft"),
      statementId,
      batchId,
    };
    return ids;
  }

  async function check(role: Role, path: (ids: Ids) => string, context: string, vendor?: string) {
    const known = ids ?? (await demoIds(await world.signInAs("district_analyst")));
    const page = await world.openAs(role, path(known), vendor);
    await settle(page);
    await expectNoAxeViolations(page, context);
    await page.close();
  }

  const pages: [string, Role, (ids: Ids) => string][] = [
    ["the portfolio (district administrator)", "district_admin", () => "/"],
    ["the portfolio (analyst)", "district_analyst", () => "/"],
    ["a settled contract", "district_analyst", (i) => `/contracts/${i.districtId}/${i.settled}`],
    ["an active contract", "district_admin", (i) => `/contracts/${i.districtId}/${i.active}`],
    ["a draft contract", "district_admin", (i) => `/contracts/${i.districtId}/${i.draft}`],
    [
      "a statement",
      "district_analyst",
      (i) => `/contracts/${i.districtId}/${i.settled}/statements/${i.statementId}`,
    ],
    [
      "the outcomes of a settled contract",
      "district_analyst",
      (i) => `/contracts/${i.districtId}/${i.settled}/outcomes`,
    ],
    [
      "the outcomes of an active contract",
      "auditor",
      (i) => `/contracts/${i.districtId}/${i.active}/outcomes`,
    ],
    ["the contract builder", "district_admin", () => "/contracts/new"],
    ["data imports (analyst)", "district_analyst", () => "/imports"],
    ["data imports (auditor, read only)", "auditor", () => "/imports"],
    ["an import batch", "district_analyst", (i) => `/imports/${i.districtId}/${i.batchId}`],
    ["the audit log", "auditor", () => "/audit"],
    ["a page that does not exist", "district_analyst", () => "/no/such/page"],
    ["a page the role may not use", "district_analyst", () => "/audit"],
    [
      "a contract that does not exist",
      "district_analyst",
      (i) => `/contracts/${i.districtId}/no-such-contract`,
    ],
    ["the platform administrator's page", "platform_admin", () => "/"],
  ];
  for (const [context, role, path] of pages)
    it(`has no violations on ${context}`, () => check(role, path, context));

  it("has no violations on a vendor's portfolio, contract and imports", async () => {
    const vendor = world.workspace.contracts.find((c) => c.stage === "settled")?.vendorId;
    await check("vendor_user", () => "/", "a vendor's portfolio", vendor);
    await check(
      "vendor_user",
      (i) => `/contracts/${i.districtId}/${i.settled}`,
      "a vendor's contract",
      vendor,
    );
    await check("vendor_user", () => "/imports", "a vendor's data imports", vendor);
  });

  it("has no violations while the portfolio loads, when it is empty and when it fails", async () => {
    const loading = await world.signInAs("district_analyst");
    const release = await holdApi(loading, /\/api\/contracts\?/);
    await loading.goto(world.url("/"));
    await loading.getByRole("status").first().waitFor();
    await expectNoAxeViolations(loading, "the portfolio while it loads");
    await release();
    await loading.close();

    const empty = await world.signInAs("district_analyst");
    await answerApi(empty, /\/api\/contracts\?/, { items: [], nextCursor: null });
    await empty.goto(world.url("/"));
    await settle(empty);
    await expectNoAxeViolations(empty, "an empty portfolio");
    await empty.close();

    const failing = await world.signInAs("district_analyst");
    await failApi(failing, /\/api\/contracts\?/);
    await failing.goto(world.url("/"));
    await failing.getByRole("alert").first().waitFor();
    await expectNoAxeViolations(failing, "the portfolio when the server fails");
    await failing.close();
  });

  /** Pages whose data comes from the district's routes or the audit log, with the role that reads them. */
  function dataPages(i: Ids): [Role, string][] {
    return [
      ["district_analyst", `/contracts/${i.districtId}/${i.settled}`],
      ["district_analyst", `/contracts/${i.districtId}/${i.settled}/statements/${i.statementId}`],
      ["district_analyst", `/contracts/${i.districtId}/${i.settled}/outcomes`],
      ["district_analyst", "/imports"],
      ["district_analyst", `/imports/${i.districtId}/${i.batchId}`],
      ["auditor", "/audit"],
    ];
  }
  const DATA = /\/api\/(districts|audit-events)\b/;

  it("has no violations on pages while their data loads", async () => {
    const known = await demoIds(await world.signInAs("district_analyst"));
    for (const [role, path] of dataPages(known)) {
      const page = await world.signInAs(role);
      const release = await holdApi(page, DATA);
      await page.goto(world.url(path));
      await page
        .getByRole("status")
        .filter({ hasText: /loading/i })
        .first()
        .waitFor({ timeout: 15_000 });
      await expectNoAxeViolations(page, `${path} while its data loads`);
      await release();
      await page.close();
    }
  });

  it("has no violations on pages whose data fails to load", async () => {
    const known = await demoIds(await world.signInAs("district_analyst"));
    for (const [role, path] of dataPages(known)) {
      const page = await world.signInAs(role);
      await failApi(page, DATA);
      await page.goto(world.url(path));
      await page
        .getByRole("alert")
        .first()
        .waitFor({ timeout: 15_000 })
        .catch(async () => {
          throw new Error(
            `${path}: no alert; the page shows ${(await page.locator("main").textContent()) ?? ""}`,
          );
        });
      await expectNoAxeViolations(page, `${path} when the server fails`);
      await page.close();
    }
  });

  it("has no violations on the builder and the notifications page while they load and when they fail", async () => {
    const cases: [Role, string, RegExp][] = [
      ["district_admin", "/contracts/new", /\/api\/(contracts\?|districts\/[^/]+\/vendors)/],
      ["district_analyst", "/account/notifications", /\/api\/account\/notification-preferences/],
    ];
    for (const [role, path, pattern] of cases) {
      const loading = await world.signInAs(role);
      const release = await holdApi(loading, pattern);
      await loading.goto(world.url(path));
      await loading
        .getByRole("status")
        .filter({ hasText: /loading/i })
        .first()
        .waitFor({ timeout: 15_000 });
      await expectNoAxeViolations(loading, `${path} while its data loads`);
      await release();
      await loading.close();

      const failing = await world.signInAs(role);
      await failApi(failing, pattern);
      await failing.goto(world.url(path));
      await failing.getByRole("alert").first().waitFor({ timeout: 15_000 });
      expect(await failing.getByRole("button", { name: "Try again" }).count(), path).toBeGreaterThan(0);
      await expectNoAxeViolations(failing, `${path} when the server fails`);
      await failing.close();
    }
  });

  it("keeps the signed-in layout within a 768 px tablet screen", async () => {
    const page = await world.signInAs("district_admin");
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto(world.url("/"));
    await settle(page);
    const widths = await page.evaluate(() => {
      const { document } = globalThis as unknown as PageGlobals;
      return {
        page: document.documentElement.scrollWidth,
        header: document.querySelector("header")?.scrollWidth ?? 0,
      };
    });
    expect(widths.page).toBeLessThanOrEqual(768);
    expect(widths.header).toBeLessThanOrEqual(768);
    await expectNoAxeViolations(page, "the portfolio at 768 px");
  });

  it("keeps every page within a 768 px tablet screen, without a horizontal scroll", async () => {
    const known = await demoIds(await world.signInAs("district_analyst"));
    const wide: string[] = [];
    for (const [context, role, path] of pages) {
      const page = await world.openAs(role, path(known));
      await page.setViewportSize({ width: 768, height: 1024 });
      await settle(page);
      const width = await page.evaluate(
        () => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth,
      );
      if (width > 768) wide.push(`${context}: ${width} px`);
      await page.close();
    }
    expect(wide).toEqual([]);
  }, 240_000);
});
