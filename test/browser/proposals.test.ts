/**
 * An RFP from start to award in the browser, on the demo workspace: the district's
 * administrator drafts an RFP from the draft contract, edits it from two windows (the edit
 * made on a stale read is refused with a way to reload), and publishes it; the first vendor
 * reads it, is told about a bad rate card and a bad price as it types, and submits a
 * proposal; the administrator closes the RFP, scores the proposal (the weighted total is
 * exact: the only proposal is the lowest price, so price gets its full 25), sees the
 * comparison with what the rate card would have paid, awards it, and opens the contract
 * draft the award created. Each page and dialog passes axe.
 */
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { rfpPath, rfpsPath } from "../../web/src/lib/routes.js";
import { STALE_RFP } from "../../web/src/lib/api/rfps.js";
import { describeBrowser, expectNoAxeViolations, useBrowserWorld } from "./harness.js";
import { failApi, holdApi } from "./page-states.js";

const RFP_ID = "rfp-browser";
const TITLE = "Math tutoring 2026-27";

async function confirm(page: Page, button: string | RegExp, what: string): Promise<void> {
  await page.getByRole("button", { name: button }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  await expectNoAxeViolations(page, `${what} dialog open`);
  await dialog.getByRole("button", { name: button }).click();
  await dialog.waitFor({ state: "detached", timeout: 60_000 });
}

describeBrowser("requests for proposals", () => {
  const world = useBrowserWorld({ students: 200 });

  it("shows the vendor's RFP list loading, failing with a way to try again, and empty", async () => {
    const page = await world.openAs("vendor_user", "/");
    const release = await holdApi(page, /\/api\/rfps$/);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "RFPs" }).click();
    await page.getByText("Loading the requests for proposals…").waitFor();
    await release();
    await page.getByText("No district has published a request for proposals yet.").waitFor();
    await expectNoAxeViolations(page, "RFP list (vendor, empty)");
    await page.unroute(/\/api\/rfps$/);
    await failApi(page, /\/api\/rfps$/);
    await page.reload();
    await page.getByText("Could not load the requests for proposals").waitFor();
    await expectNoAxeViolations(page, "RFP list (error)");
    await page.unroute(/\/api\/rfps$/);
    await page.getByRole("button", { name: "Try again" }).click();
    await page.getByText("No district has published a request for proposals yet.").waitFor();
    await page.close();
  }, 120_000);

  it("a vendor proposes in the browser; the district scores it, compares and awards it, and the contract draft appears", async () => {
    const draft = world.workspace.contracts.find((c) => c.stage === "draft");
    if (draft === undefined) throw new Error("the demo workspace has no draft contract");
    const districtId = world.workspace.districtId;

    // The district drafts and publishes the RFP.
    const admin = await world.openAs("district_admin", rfpsPath());
    await admin.getByRole("heading", { name: "Requests for proposals", level: 1 }).waitFor();
    await admin.getByText("The district has no requests for proposals yet.").waitFor();
    await expectNoAxeViolations(admin, "RFP list (district, empty)");
    await admin.getByLabel("Terms of").selectOption(draft.contractId);
    await admin.getByLabel("RFP id").fill(RFP_ID);
    await admin.getByLabel("Title").fill(TITLE);
    await admin.getByRole("button", { name: "Create RFP" }).click();
    await admin.getByRole("heading", { name: TITLE, level: 1 }).waitFor();
    expect(new URL(admin.url()).pathname).toBe(rfpPath(districtId, RFP_ID));
    await admin.getByLabel("Weight of References (%)").waitFor();
    await expectNoAxeViolations(admin, "RFP page (draft, editor)");
    // The document saved from another window first: this window's save is on a stale read.
    const other = await world.openAs("district_admin", rfpPath(districtId, RFP_ID));
    await other.getByLabel("Weight of References (%)").waitFor();
    await other.getByRole("button", { name: "Save document" }).click();
    await other.getByText("The document was saved.").waitFor();
    await other.close();
    await admin.getByRole("button", { name: "Save document" }).click();
    await admin.getByText(STALE_RFP).waitFor();
    await expectNoAxeViolations(admin, "RFP page (stale edit refused)");
    await admin.getByRole("button", { name: "Reload the RFP" }).click();
    await admin.getByText("Reloaded: this is the RFP as it is now.").waitFor();
    await admin.getByRole("button", { name: "Save document" }).click();
    await admin.getByText("The document was saved.").waitFor();
    await confirm(admin, "Publish", "publish");
    await admin.getByText("Published: every vendor can read it and send a proposal.").waitFor();

    // The vendor reads it and proposes; the form checks the rate card and price as typed.
    const vendor = await world.openAs("vendor_user", rfpsPath());
    await vendor.getByRole("link", { name: TITLE }).click();
    await vendor.getByRole("heading", { name: TITLE, level: 1 }).waitFor();
    await vendor.getByLabel("Narrative").fill("Three sessions a week with one tutor per student.");
    await vendor.getByLabel("Evidence of effectiveness").fill("A matched comparison in two districts.");
    const card = vendor.getByLabel(/^Rate card/);
    const rates = await card.inputValue();
    await card.fill(rates.replace(/"base":\s*\{/, '"base": {"extra": 1, '));
    await expect.poll(() => vendor.locator("#rate-card-check li").first().textContent()).toMatch(/^\$\.base/);
    await card.fill(rates);
    await vendor.getByText("The rate card fits the RFP's terms.").waitFor();
    await vendor.getByLabel(/^Total price/).fill("12.345");
    await vendor.getByText(/the total price is an amount above zero/).waitFor();
    await vendor.getByLabel(/^Total price/).fill("1000.00");
    await expectNoAxeViolations(vendor, "proposal form");
    await vendor.getByRole("button", { name: "Submit proposal" }).click();
    await vendor.getByText("Your proposal was submitted (revision 1).").waitFor();
    await vendor.getByText("Submitted", { exact: true }).waitFor();
    await expectNoAxeViolations(vendor, "proposal submitted");

    // The district closes, scores, compares and awards.
    await admin.reload();
    await admin.getByRole("heading", { name: TITLE, level: 1 }).waitFor();
    await confirm(admin, "Close for proposals", "close");
    await admin.getByText("Closed: no more proposals or revisions are taken.").waitFor();
    const points: [string, string][] = [
      ["Evidence of effectiveness", "4"],
      ["Approach and capacity", "3"],
      ["Data and privacy", "5"],
      ["References", "2"],
    ];
    for (const [name, value] of points) {
      await admin.getByLabel(`Points for ${name}`).selectOption(value);
      await admin.getByLabel(`Comment on ${name}`).fill(`${name}: as read`);
    }
    await admin.getByRole("button", { name: /^Save scores of / }).click();
    await admin.getByText(/^Scores of .+ saved\.$/).waitFor();
    // 30x4/5 + 25x3/5 + 25 (the lowest price) + 10x5/5 + 10x2/5 = 78.
    const scores = admin.getByRole("table", { name: /^Scores of / });
    await expect.poll(() => scores.getByRole("row").last().textContent()).toContain("78.00");
    const comparison = admin.getByRole("table", { name: /Proposals side by side/ });
    await comparison.waitFor();
    await expect
      .poll(() => comparison.getByRole("row").nth(1).textContent())
      .toMatch(/\$1,000\.00.*78\.00.*\$[\d,]+\.\d\d/);
    await expectNoAxeViolations(admin, "RFP page (scored, comparison)");
    await confirm(admin, /^Award to /, "award");
    await admin.getByText(`contract draft ${RFP_ID} was created`, { exact: false }).waitFor();
    await admin.getByRole("link", { name: `contract ${RFP_ID}` }).click();
    await admin.getByRole("heading", { level: 1 }).waitFor();
    await expect.poll(() => admin.locator("main").textContent()).toMatch(/draft/i);
    expect(new URL(admin.url()).pathname).toBe(`/contracts/${districtId}/${RFP_ID}`);
  }, 300_000);
});
