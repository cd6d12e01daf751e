/**
 * The loading, empty and error states of the budget, evidence, RFP list, RFP, check-in
 * and vendor scorecard pages, each reached by holding or replacing the API's answer (or,
 * for an empty state the data can give, by opening a record that has none), and each
 * checked with axe. A failed load offers "Try again". Also: the portfolio names each
 * contract's vendor.
 */
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { Role } from "../../src/app/auth/roles.js";
import {
  budgetPath,
  checkInPath,
  evidencePath,
  rfpPath,
  rfpsPath,
  vendorScorecardPath,
} from "../../web/src/lib/routes.js";
import { describeBrowser, expectNoAxeViolations, useBrowserWorld, type BrowserWorld } from "./harness.js";
import { answerApi, apiGet, failApi, holdApi, settle } from "./page-states.js";

/** Sends a JSON request with the page's session, as the app does (CSRF token, idempotency key). */
async function apiSend<T>(page: Page, method: string, path: string, body: unknown): Promise<T> {
  return page.evaluate(
    async (r) => {
      const session = (await (await fetch("/api/session")).json()) as { csrfToken: string };
      const response = await fetch(r.path, {
        method: r.method,
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          "x-csrf-token": session.csrfToken,
          "idempotency-key": `states-${Date.now()}-${Math.random()}`,
        },
        body: JSON.stringify(r.body),
      });
      if (!response.ok) throw new Error(`${r.method} ${r.path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as unknown;
    },
    { method, path, body },
  ) as Promise<T>;
}

interface States {
  readonly what: string;
  readonly role: Role;
  readonly organizationId?: string;
  readonly path: string;
  /** The request the page's main content waits for. */
  readonly api: RegExp;
  /** The text of the page's loading status. */
  readonly loading: string | RegExp;
  /** The alert's opening words when that request fails. */
  readonly failed: string;
  /** How to reach the empty state, and the text it shows. */
  readonly empty: {
    readonly text: string | RegExp;
    readonly answer?: unknown;
    readonly path?: string;
    readonly then?: (page: Page) => Promise<void>;
  };
}

async function checkStates(world: BrowserWorld, s: States): Promise<void> {
  const open = () => world.signInAs(s.role, s.organizationId);

  const loading = await open();
  const release = await holdApi(loading, s.api);
  await loading.goto(world.url(s.path));
  await loading.getByRole("status").filter({ hasText: s.loading }).first().waitFor({ timeout: 30_000 });
  await expectNoAxeViolations(loading, `${s.what} while it loads`);
  await release();
  await loading.close();

  const empty = await open();
  if (s.empty.answer !== undefined) await answerApi(empty, s.api, s.empty.answer);
  await empty.goto(world.url(s.empty.path ?? s.path));
  if (s.empty.then !== undefined) await s.empty.then(empty);
  await empty.getByText(s.empty.text).first().waitFor({ timeout: 30_000 });
  await expectNoAxeViolations(empty, `${s.what} when it is empty`);
  await empty.close();

  const failing = await open();
  await failApi(failing, s.api);
  await failing.goto(world.url(s.path));
  const alert = failing.getByRole("alert").filter({ hasText: s.failed }).first();
  await alert.waitFor({ timeout: 30_000 }).catch(async () => {
    throw new Error(
      `${s.what}: no alert; the page shows ${(await failing.locator("main").textContent()) ?? ""}`,
    );
  });
  expect(await failing.getByRole("button", { name: "Try again" }).count(), s.what).toBeGreaterThan(0);
  await expectNoAxeViolations(failing, `${s.what} when the server fails`);
  await failing.close();
}

describeBrowser("loading, empty and error states of more pages", () => {
  const world = useBrowserWorld({ students: 200 });

  const contract = (stage: string) => {
    const found = world.workspace.contracts.find((c) => c.stage === stage);
    if (found === undefined) throw new Error(`the demo workspace has no ${stage} contract`);
    return found;
  };

  it("the budget page", async () => {
    await checkStates(world, {
      what: "the budget page",
      role: "district_analyst",
      path: budgetPath(),
      api: /\/api\/districts\/[^/]+\/funding-sources(\?.*)?$/,
      loading: "Loading the funding sources…",
      failed: "Could not load the funding sources",
      empty: { text: "No funding sources yet.", answer: { items: [] } },
    });
  }, 180_000);

  it("the evidence page", async () => {
    const { districtId } = world.workspace;
    await checkStates(world, {
      what: "the evidence page",
      role: "district_analyst",
      path: evidencePath(districtId, contract("settled").contractId),
      api: /\/api\/districts\/[^/]+\/contracts\/[^/]+\/evidence(\?.*)?$/,
      loading: /loading/i,
      failed: "Could not",
      // A draft has no terms approved by both parties, so no evidence.
      empty: {
        text: /^No evidence yet: this contract has no terms approved by both parties/,
        path: evidencePath(districtId, contract("draft").contractId),
      },
    });
  }, 180_000);

  it("the RFP list, for the district", async () => {
    await checkStates(world, {
      what: "the district's RFP list",
      role: "district_analyst",
      path: rfpsPath(),
      api: /\/api\/rfps$/,
      loading: "Loading the requests for proposals…",
      failed: "Could not load the requests for proposals",
      empty: { text: "The district has no requests for proposals yet.", answer: { items: [] } },
    });
  }, 180_000);

  it("an RFP's page, and its proposals", async () => {
    const { districtId } = world.workspace;
    const admin = await world.signInAs("district_admin");
    const rfpId = "rfp-states";
    await apiSend(admin, "POST", `/api/districts/${districtId}/rfps`, {
      rfpId,
      title: "Reading tutoring, states",
      fromContract: contract("draft").contractId,
    });
    const detail = new RegExp(`/api/districts/[^/]+/rfps/${rfpId}$`);
    await checkStates(world, {
      what: "an RFP's page",
      role: "district_analyst",
      path: rfpPath(districtId, rfpId),
      api: detail,
      loading: "Loading the request for proposals…",
      failed: "Could not load the request for proposals",
      // A draft RFP has no proposals yet.
      empty: { text: "Proposals come in once the RFP is published." },
    });
    await checkStates(world, {
      what: "an RFP's proposals",
      role: "district_analyst",
      path: rfpPath(districtId, rfpId),
      api: new RegExp(`/api/districts/[^/]+/rfps/${rfpId}/proposals$`),
      loading: "Loading the proposals…",
      failed: "Could not load the proposals",
      empty: { text: "Proposals come in once the RFP is published." },
    });
  }, 240_000);

  it("a check-in's page", async () => {
    const { districtId } = world.workspace;
    const active = contract("active").contractId;
    const admin = await world.signInAs("district_admin");
    const created = await apiSend<{ checkInId: string }>(
      admin,
      "POST",
      `/api/districts/${districtId}/contracts/${active}/check-ins`,
      { scheduledOn: "2025-01-15" },
    );
    await checkStates(world, {
      what: "a check-in's page",
      role: "district_admin",
      path: checkInPath(districtId, active, created.checkInId),
      api: new RegExp(`/api/districts/[^/]+/contracts/[^/]+/check-ins/${created.checkInId}$`),
      loading: "Loading the check-in…",
      failed: "Could not load the check-in",
      // A new check-in has no agenda, no minutes and no action items.
      empty: { text: "No agenda has been prepared yet." },
    });
  }, 180_000);

  it("a vendor's scorecard", async () => {
    const vendorId = contract("settled").vendorId;
    await checkStates(world, {
      what: "a vendor's scorecard",
      role: "district_analyst",
      path: vendorScorecardPath(vendorId),
      api: /\/api\/vendors\/[^/]+\/scorecard(\?.*)?$/,
      loading: "Loading the vendor scorecard…",
      failed: "Could not load the vendor scorecard",
      empty: {
        text: /^No contract matches/,
        then: async (page) => {
          await page.getByLabel("School year (July to June; empty: every year)").fill("1999-2000");
          await page.getByRole("button", { name: "Show the scorecard" }).click();
        },
      },
    });
  }, 180_000);

  it("the portfolio names each contract's vendor, with its id beside", async () => {
    const page = await world.signInAs("district_analyst");
    await settle(page);
    const listed = await apiGet<{ items: { contractId: string; vendorId: string; vendorName: string }[] }>(
      page,
      "/api/contracts?limit=100",
    );
    expect(listed.items.length).toBeGreaterThan(0);
    for (const c of listed.items) {
      expect(c.vendorName).not.toBe(c.vendorId);
      const row = page.locator("tbody tr").filter({ hasText: c.contractId });
      const vendorCell = (await row.locator("td").nth(1).innerText()).split("\n");
      expect(vendorCell).toEqual([c.vendorName, c.vendorId]);
    }
    await expectNoAxeViolations(page, "the portfolio with vendor names");
  }, 120_000);
});
