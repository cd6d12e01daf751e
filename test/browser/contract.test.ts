/**
 * The contract page and the portfolio in Chromium, on the demo workspace (whose active
 * contract's data stops mid-year and whose period is over): the contract page shows its
 * terms in words, alerts, progress, obligations, data freshness and amendments; the
 * portfolio shows the alerts and links each to its place; evidence and a manual status
 * can be recorded from the page; no WCAG 2.1 AA violation on either page.
 */
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { contractPath } from "../../web/src/lib/routes.js";
import { describeBrowser, expectNoAxeViolations, useBrowserWorld } from "./harness.js";
import { failApi, settle } from "./page-states.js";

const AMENDMENT = "Extend tutoring by two weeks after testing";

describeBrowser("the contract page and the portfolio", () => {
  let active = "";
  const world = useBrowserWorld({
    students: 300,
    prepare: async (db, workspace) => {
      const contract = workspace.contracts.find((c) => c.stage === "active");
      if (contract === undefined) throw new Error("the demo workspace has no active contract");
      active = contract.contractId;
      // A proposed amendment awaiting both parties, as the amendments history shows it.
      await db.query(
        `INSERT INTO contract_terms_versions (district_id, contract_id, version, terms_source, terms_sha256, terms,
                                              reason, recorded_by, status)
         SELECT district_id, contract_id, 2, terms_source, terms_sha256, terms, $3, recorded_by, 'proposed'
           FROM contract_terms_versions WHERE district_id = $1 AND contract_id = $2 AND version = 1`,
        [workspace.districtId, contract.contractId, AMENDMENT],
      );
    },
  });

  async function openContract(page: Page): Promise<void> {
    await page.goto(world.url(contractPath(world.workspace.districtId, active)));
    await settle(page);
  }

  it("shows the active contract's obligations, freshness, progress and amendments", async () => {
    const page = await world.signInAs("district_analyst");
    await openContract(page);
    const main = page.locator("main");
    await expect(main.getByRole("heading", { name: "Terms in plain language" }).isVisible()).resolves.toBe(
      true,
    );
    expect(await main.textContent()).toContain("The plan is to enrol");

    const obligations = page.getByRole("table", { name: "Obligations of both parties" });
    expect(await obligations.getByRole("row").count()).toBeGreaterThan(1);
    expect(await obligations.textContent()).toMatch(/Met|Not met|Pending/);

    const freshness = page.getByRole("table", { name: "Latest import of each kind of data" });
    for (const kind of ["Roster (students)", "Enrollments", "Assessments", "Sessions"])
      expect(await freshness.getByRole("rowheader", { name: kind }).count()).toBe(1);

    const metrics = page.getByRole("table", { name: "Share of students meeting each metric now" });
    expect(await metrics.getByRole("row").count()).toBeGreaterThan(1);
    expect(await page.locator("#progress").textContent()).toMatch(
      /Students enrolled\s*[\d,]+ of [\d,]+ planned/,
    );

    const amendments = page.getByRole("table", { name: "Terms versions, newest first" });
    const proposed = amendments.getByRole("row", { name: /2 \(amendment\)/ });
    expect(await proposed.textContent()).toContain(AMENDMENT);
    expect(await proposed.textContent()).toContain("Not yet");
    expect(await amendments.getByRole("row", { name: /1 \(original\)/ }).textContent()).toContain("In force");

    expect(await page.getByRole("link", { name: "Outcomes of this contract" }).getAttribute("href")).toBe(
      `${contractPath(world.workspace.districtId, active)}/outcomes`,
    );
    await page.screenshot({ path: "/tmp/web-contract/browser-contract.png", fullPage: true }).catch(() => {});
    await expectNoAxeViolations(page, "the active contract");
    await page.close();
  });

  it("shows the portfolio's alerts and takes the keyboard from an alert to its section", async () => {
    const page = await world.signInAs("district_analyst");
    await page.goto(world.url("/"));
    await settle(page);
    const list = page.getByRole("list", { name: "Alerts" });
    const items = list.getByRole("listitem");
    expect(await items.count()).toBeGreaterThan(0);
    expect(await items.first().textContent()).toMatch(/^(Critical|Warning|To do)/);
    expect(
      await page
        .getByRole("table", { name: /Outcomes attained/ })
        .getByRole("row")
        .count(),
    ).toBeGreaterThan(1);
    await expectNoAxeViolations(page, "the portfolio with alerts");

    const link = list.getByRole("link", { name: "See obligations" }).first();
    await link.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Obligations", exact: true, level: 2 }).waitFor();
    await settle(page);
    expect(page.url()).toContain("#obligations");
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document
            .activeElement?.id,
      ),
    ).toBe("obligations");
    await page.close();
  });

  it("records a manual obligation's status and an evidence file, then lists the file for download", async () => {
    const page = await world.signInAs("district_analyst");
    await openContract(page);
    const table = page.getByRole("table", { name: "Obligations of both parties" });
    const row = table
      .getByRole("row")
      .filter({ has: page.getByLabel("Set status") })
      .first();
    await row.getByLabel("Set status").selectOption("met");
    await row.getByLabel("Evidence note (optional)").fill("rooms checked on site");
    await row.getByRole("button", { name: "Record status" }).click();
    await row.getByText("Status recorded.").waitFor();
    await settle(page);
    const updated = table.getByRole("row").filter({ hasText: "rooms checked on site" });
    expect(await updated.locator(".badge").first().textContent()).toBe("Met");

    await updated.getByLabel("Add evidence file").setInputFiles({
      name: "room-check.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("Room 12 and room 14 booked for tutoring.\n"),
    });
    await updated.getByRole("button", { name: "Upload" }).click();
    const download = table.getByRole("link", { name: "room-check.txt" });
    await download.waitFor();
    expect(await download.getAttribute("href")).toMatch(/\/evidence\/\d+$/);
    await expectNoAxeViolations(page, "the contract page after recording evidence");
    await page.close();
  });

  it("says so when the progress cannot be loaded, with a way to try again", async () => {
    const page = await world.signInAs("district_analyst");
    await failApi(page, /\/progress$/);
    await openContract(page);
    expect(await page.getByRole("alert").first().textContent()).toContain("Could not load");
    expect(await page.getByRole("button", { name: "Try again" }).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, "the contract page when its progress fails");
    await page.close();
  });
});
