/**
 * The outcomes page in Chromium on the demo workspace: the settled contract's charts and
 * their tables for the district, small subgroup cells hidden for the vendor, the chart
 * code fetched only when the page opens, keyboard use of the metric choice, and no
 * axe-core violation with every table open.
 */
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { outcomesPath } from "../../web/src/lib/routes.js";
import { describeBrowser, expectNoAxeViolations, useBrowserWorld } from "./harness.js";
import { openAllNumbers } from "./page-states.js";

const SECTIONS = [
  "Attainment by metric",
  /^Growth: /,
  "Results by subgroup",
  /^Sessions and growth: /,
  "Tutor consistency",
];

function scriptsLoaded(page: Page): Promise<string[]> {
  return page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
}

describeBrowser("the outcomes page", () => {
  const world = useBrowserWorld({ students: 400 });

  function settled() {
    const contract = world.workspace.contracts.find((c) => c.stage === "settled");
    if (contract === undefined) throw new Error("the demo workspace has no settled contract");
    return { ...contract, path: outcomesPath(world.workspace.districtId, contract.contractId) };
  }

  it("shows the district every chart with its summary and numbers, and passes axe-core", async () => {
    const page = await world.signInAs("district_analyst");
    expect((await scriptsLoaded(page)).some((s) => /\/charts-[^/]*\.js$/.test(s))).toBe(false);
    await page.goto(world.url(settled().path));
    await page.getByRole("heading", { level: 1, name: `Outcomes: ${settled().title}` }).waitFor();
    for (const name of SECTIONS) await page.getByRole("heading", { level: 2, name }).first().waitFor();
    // Every chart drawn (recharts surfaces), each inside an image named by its summary.
    await page.locator(".chart-frame svg.recharts-surface").nth(4).waitFor({ timeout: 60_000 });
    expect(await page.locator(".chart-frame svg.recharts-surface").count()).toBeGreaterThanOrEqual(10);
    const names = await page
      .locator(".chart-frame[role=img]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
    expect(names.every((n) => n.length > 20)).toBe(true);
    expect((await scriptsLoaded(page)).some((s) => /\/charts-[^/]*\.js$/.test(s))).toBe(true);
    expect(await page.getByText("Every group is shown with its numbers").count()).toBe(1);

    const opened = await openAllNumbers(page);
    expect(opened).toBeGreaterThanOrEqual(10);
    expect(await page.locator("details.numbers table").count()).toBe(opened);
    const attainment = page.getByRole("table", {
      name: "Students measured on each metric and how many met it",
    });
    expect(await attainment.locator("tbody tr").count()).toBeGreaterThan(0);
    await page.screenshot({ path: "/tmp/web-outcomes/browser-district.png", fullPage: true }).catch(() => {});
    await expectNoAxeViolations(page, "the outcomes page (district, every table open)");
  }, 120_000);

  it("hides the vendor's small subgroup cells, with no numbers, and passes axe-core", async () => {
    const page = await world.signInAs("vendor_user", settled().vendorId);
    await page.goto(world.url(settled().path));
    await page.getByRole("heading", { level: 2, name: "Results by subgroup" }).waitFor();
    await page.getByText(/Groups of fewer than 10 students are hidden/).waitFor();
    await page.locator(".chart-frame svg.recharts-surface").nth(4).waitFor({ timeout: 60_000 });
    await openAllNumbers(page);
    // A hidden cell's row says why, in one cell spanning the numbers' columns.
    const hiddenRows = page.locator("td.suppressed");
    const hidden = await hiddenRows.count();
    for (let i = 0; i < hidden; i += 1)
      expect(await hiddenRows.nth(i).textContent()).toMatch(
        /^(Fewer than 10 students|Hidden so a smaller group cannot be worked out)$/,
      );
    await expectNoAxeViolations(page, "the outcomes page (vendor, every table open)");
  }, 120_000);

  it("changes the subgroup metric from the keyboard", async () => {
    const page = await world.signInAs("district_analyst");
    await page.goto(world.url(settled().path));
    const select = page.getByLabel("Metric", { exact: true });
    await select.waitFor();
    const options = await select.locator("option").allTextContents();
    expect(options.length).toBeGreaterThan(1);
    await select.focus();
    await page.keyboard.press("ArrowDown");
    expect(await select.evaluate((el) => (el as unknown as { selectedIndex: number }).selectedIndex)).toBe(1);
    await page.getByRole("heading", { level: 3, name: "School" }).waitFor();
  });

  it("says that a draft contract has no outcomes yet", async () => {
    const draft = world.workspace.contracts.find((c) => c.stage === "draft");
    if (draft === undefined) throw new Error("the demo workspace has no draft contract");
    const page = await world.signInAs("district_analyst");
    await page.goto(world.url(outcomesPath(world.workspace.districtId, draft.contractId)));
    await page.getByText(/No outcomes yet\. Contract .* has no approved terms yet/).waitFor();
    await expectNoAxeViolations(page, "the outcomes page of a draft contract");
  });
});
