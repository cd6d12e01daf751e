/**
 * The scorecard pages in Chromium on the demo workspace: the district's portfolio scorecard
 * with its totals row as the API gives it, the cost chart with its summary and numbers, a
 * vendor's scorecard reached from the portfolio (the district's own contracts only), a
 * vendor user landing on its own scorecard with none of another vendor's contracts, the
 * loading, empty and error states, and no axe-core violation.
 */
import { expect, it } from "vitest";
import { describeBrowser, expectNoAxeViolations, useBrowserWorld } from "./harness.js";
import { apiGet, failApi, holdApi } from "./page-states.js";
import { formatMoney } from "../../web/src/lib/money.js";
import type { DistrictScorecardJson } from "../../src/shared/scorecard-json.js";

const SCORECARD_API = /\/api\/(districts\/[^/]+|vendors\/[^/]+)\/scorecard/;

describeBrowser("the scorecard pages", () => {
  const world = useBrowserWorld();

  it("shows the district its portfolio scorecard with the totals row, the cost chart and its numbers", async () => {
    const page = await world.signInAs("district_analyst");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Scorecards" }).click();
    await page.getByRole("heading", { level: 1, name: "Portfolio scorecard" }).waitFor();
    const card = await apiGet<DistrictScorecardJson>(
      page,
      `/api/districts/${world.workspace.districtId}/scorecard`,
    );
    const scored = world.workspace.contracts.filter((c) => ["active", "settled", "closed"].includes(c.stage));
    expect(card.contracts.map((c) => c.contractId).sort()).toEqual(scored.map((c) => c.contractId).sort());
    const table = page.getByRole("table", { name: `Contracts of ${world.workspace.districtName}` });
    expect(await table.locator("tbody tr").count()).toBe(scored.length);
    const totalsRow = table.locator("tfoot tr");
    const cells = await totalsRow.locator("td").allTextContents();
    expect(await totalsRow.locator("th").textContent()).toBe(
      `Total (${scored.length} contract${scored.length === 1 ? "" : "s"})`,
    );
    // committed, paid to date and contingent at stake, as the server summed them in cents
    expect(cells.slice(2, 5)).toEqual([
      formatMoney(card.totals.committed),
      formatMoney(card.totals.paid),
      formatMoney(card.totals.contingentAtStake),
    ]);
    const settled = card.contracts.find((c) => c.statement?.kind === "final");
    expect(settled?.costPerStudentServed).toMatch(/^\d+\.\d\d$/);
    const chart = page.locator(".chart-frame[role=img]");
    await chart.locator("svg.recharts-surface").first().waitFor({ timeout: 60_000 });
    const summary = (await chart.getAttribute("aria-label")) ?? "";
    expect(summary).toMatch(/^Across \d+ contracts? with a statement, the money paid comes to /);
    expect(await page.locator(".chart-summary").first().textContent()).toBe(summary);
    await page.locator("details.numbers > summary").first().click();
    const numbers = page.getByRole("table", {
      name: "Money paid per student served and per student meeting at least one outcome target, by contract",
    });
    const row = numbers.locator("tbody tr").filter({ hasText: settled?.title ?? "?" });
    expect(await row.locator("td").nth(2).textContent()).toBe(
      formatMoney(settled?.costPerStudentServed ?? ""),
    );
    await page.getByRole("heading", { level: 2, name: "Vendors compared" }).waitFor();
    await page.screenshot({ path: "/tmp/web-scorecards/district.png", fullPage: true }).catch(() => {});
    await expectNoAxeViolations(page, "the portfolio scorecard (numbers open)");

    // A vendor's scorecard from the comparison: the district's own contracts with it only.
    const vendor = card.vendors[0];
    if (vendor === undefined) throw new Error("no vendor in the scorecard");
    await page.getByRole("link", { name: vendor.name }).first().click();
    await page.getByRole("heading", { level: 1, name: `Vendor scorecard: ${vendor.name}` }).waitFor();
    await page.getByText("other districts' figures are not shown").waitFor();
    const own = card.contracts.filter((c) => c.vendorId === vendor.id);
    const vendorTable = page.getByRole("table", { name: `Contracts of ${vendor.name}` });
    expect(await vendorTable.locator("tbody tr").count()).toBe(own.length);
    expect(await page.getByRole("heading", { name: "Districts served" }).count()).toBe(0);
    await expectNoAxeViolations(page, "a vendor's scorecard read by the district");
  }, 120_000);

  it("lands a vendor user on its own scorecard, without another vendor's contracts", async () => {
    const first = world.workspace.contracts[0];
    if (first === undefined) throw new Error("the demo workspace has no contract");
    const others = world.workspace.contracts.filter((c) => c.vendorId !== first.vendorId);
    const page = await world.openAs("vendor_user", "/scorecards", first.vendorId);
    await page.getByRole("heading", { level: 1, name: /^Vendor scorecard: / }).waitFor();
    await page.getByRole("table").first().waitFor();
    const text = (await page.getByRole("main").textContent()) ?? "";
    for (const other of others) expect(text).not.toContain(other.title);
    const districts = page.getByRole("table", { name: "Your totals in each district you serve" });
    expect(await districts.locator("tbody tr th").allTextContents()).toEqual([world.workspace.districtName]);
    await page.screenshot({ path: "/tmp/web-scorecards/vendor.png", fullPage: true }).catch(() => {});
    await expectNoAxeViolations(page, "a vendor's own scorecard");
  }, 120_000);

  it("says when no contract matches, while it loads and when it fails, with no violation", async () => {
    const empty = await world.openAs("district_analyst", "/scorecards");
    await empty.getByRole("heading", { level: 1, name: "Portfolio scorecard" }).waitFor();
    await empty.getByLabel("School year (July to June; empty: every year)").fill("1999-2000");
    await empty.getByRole("button", { name: "Show the scorecard" }).click();
    await empty.getByText(/^No contract matches/).waitFor();
    await expectNoAxeViolations(empty, "an empty scorecard");
    await empty.getByLabel("School year (July to June; empty: every year)").fill("1999");
    await empty.getByRole("button", { name: "Show the scorecard" }).click();
    expect(await empty.getByRole("alert").textContent()).toBe(
      "Enter a school year as two consecutive years, such as 2024-2025, or leave it empty.",
    );
    await empty.close();

    const loading = await world.signInAs("district_analyst");
    const release = await holdApi(loading, SCORECARD_API);
    await loading.goto(world.url("/scorecards"));
    await loading.getByRole("status").filter({ hasText: "Loading the scorecard…" }).waitFor();
    await expectNoAxeViolations(loading, "the scorecard while it loads");
    await release();
    await loading.close();

    const failing = await world.signInAs("district_analyst");
    await failApi(failing, SCORECARD_API);
    await failing.goto(world.url("/scorecards"));
    await failing.getByRole("alert").first().waitFor();
    expect(await failing.getByRole("alert").first().textContent()).toContain("Could not load the scorecard");
    await failing.getByRole("button", { name: "Try again" }).waitFor();
    await expectNoAxeViolations(failing, "the scorecard when the server fails");
  }, 120_000);
});
