/**
 * The budget in a real browser: a district administrator adds a funding source in the
 * dialog, encumbers the draft contract's maxValue on it from the contract page's Funding
 * panel, and sees the source's balances and ledger on the Budget page, to the cent; then
 * reverses the encumbrance in a dialog that asks for the reason, and the reversal, the
 * mark on the entry and the balance follow. A vendor's contract page has no Funding panel.
 * Each state passes axe.
 */
import { expect, it } from "vitest";
import { budgetPath, contractPath } from "../../web/src/lib/routes.js";
import { describeBrowser, expectNoAxeViolations, useBrowserWorld } from "./harness.js";

/** "$1,234.50" of a money string, as the page writes it. */
function dollars(cents: bigint): string {
  const whole = (cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `$${whole}.${(cents % 100n).toString().padStart(2, "0")}`;
}

describeBrowser("the budget", () => {
  const world = useBrowserWorld();

  it("adds a funding source, encumbers a contract on it and shows the balances", async () => {
    const { districtId } = world.workspace;
    const draft = world.workspace.contracts.find((c) => c.stage === "draft");
    if (draft === undefined) throw new Error("the demo workspace has no draft contract");
    const page = await world.openAs("district_admin", budgetPath());
    await page.getByRole("heading", { level: 1, name: "Budget" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Funding sources" }).waitFor();
    await expectNoAxeViolations(page, "the budget page");

    await page.getByRole("button", { name: "Add funding source" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Code").fill("BT-ESSER");
    await dialog.getByLabel("Name").fill("ESSER III (browser test)");
    await dialog.getByLabel("Amount (USD)").fill("500000.00");
    await dialog.getByLabel("Starts on").fill("2024-07-01");
    await dialog.getByLabel("Ends on").fill("2030-09-30");
    await expectNoAxeViolations(page, "the add funding source dialog");
    await dialog.getByRole("button", { name: "Add funding source" }).click();
    await page.getByText("Added BT-ESSER.").waitFor();
    const row = () =>
      page
        .getByRole("table", { name: "Funding sources and their balances" })
        .getByRole("row", { name: /BT-ESSER/ });
    await expect.poll(async () => (await row().textContent()) ?? "").toContain("$500,000.00");

    await page.goto(world.url(contractPath(districtId, draft.contractId)));
    await page.getByRole("heading", { level: 2, name: "Funding" }).waitFor();
    const funding = (await (
      await page.request.get(world.url(`/api/districts/${districtId}/contracts/${draft.contractId}/funding`))
    ).json()) as { maxValue: string };
    const maxCents = BigInt(funding.maxValue.replace(".", ""));
    await page.getByText(/Not encumbered/).waitFor();
    await page.getByLabel(/^BT-ESSER/).fill(funding.maxValue);
    await page.getByText(`Split so far: ${dollars(maxCents)} of ${dollars(maxCents)}`).waitFor();
    await expectNoAxeViolations(page, "the contract page's encumber form");
    await page.getByRole("button", { name: "Encumber", exact: true }).click();
    const splits = page.getByRole("table", { name: /Encumbrance of the maxValue/ });
    await splits.waitFor();
    expect((await splits.locator("tbody tr").allTextContents())[0]).toBe(
      `BT-ESSERESSER III (browser test)${dollars(maxCents)}$0.00$0.00${dollars(maxCents)}`,
    );
    await expectNoAxeViolations(page, "the contract page's funding panel");

    await page.goto(world.url(budgetPath()));
    await row().waitFor();
    expect((await row().locator("td").allTextContents()).slice(0, 6)).toEqual([
      "2030-09-30",
      "$500,000.00",
      dollars(maxCents),
      "$0.00",
      "$0.00",
      dollars(50_000_000n - maxCents),
    ]);
    await row().getByRole("button", { name: "Ledger of BT-ESSER" }).click();
    const ledger = page.getByRole("table", { name: "Entries of BT-ESSER, newest first" });
    await ledger.waitFor();
    const entries = await ledger.locator("tbody tr").allTextContents();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toContain(`Encumbrance${draft.contractId}BT-ESSER${dollars(maxCents)}`);
    expect(entries[1]).toContain("Funding—BT-ESSER$500,000.00funding source created");
    await expectNoAxeViolations(page, "the budget page with a source's ledger");

    // Reversing the encumbrance: the dialog asks for the reason first.
    const encumbrance = (await ledger.locator("tbody tr").first().locator("td").first().textContent()) ?? "";
    const reverseButton = `Reverse entry ${encumbrance}`;
    await ledger.getByRole("button", { name: reverseButton }).click();
    const reverse = page.getByRole("dialog");
    await reverse.waitFor();
    await reverse.getByRole("button", { name: reverseButton }).click();
    await reverse.getByText("Give the reason for the reversal.").waitFor();
    await expectNoAxeViolations(page, "the reverse entry dialog without a reason");
    await reverse.getByLabel("Reason").fill("Encumbered on the wrong source");
    await reverse.getByRole("button", { name: reverseButton }).click();
    await reverse.waitFor({ state: "detached", timeout: 60_000 });
    await page
      .getByText(
        new RegExp(`^Entry ${encumbrance} was reversed by entry \\d+ of -\\${dollars(maxCents)}\\.$`),
      )
      .waitFor();
    await expect.poll(async () => (await ledger.locator("tbody tr").allTextContents()).length).toBe(3);
    const reversed = await ledger.locator("tbody tr").allTextContents();
    expect(reversed[0]).toContain(
      `Reversal of entry ${encumbrance}${draft.contractId}BT-ESSER-${dollars(maxCents)}`,
    );
    expect(reversed[1]).toContain(`(reversed by `);
    // Neither the reversal nor the reversed entry offers the button; the funding entry still does.
    expect(await ledger.getByRole("button", { name: /^Reverse entry / }).count()).toBe(1);
    await expect.poll(async () => (await row().locator("td").allTextContents())[2]).toBe("$0.00");
    await expectNoAxeViolations(page, "the ledger after a reversal");
  });

  it("shows a vendor no Funding panel and no Budget page in its menu", async () => {
    const active = world.workspace.contracts.find((c) => c.stage === "active");
    if (active === undefined) throw new Error("the demo workspace has no active contract");
    const page = await world.openAs(
      "vendor_user",
      contractPath(world.workspace.districtId, active.contractId),
      active.vendorId,
    );
    await page.getByRole("heading", { level: 2, name: "Payments" }).waitFor();
    expect(await page.getByRole("heading", { level: 2, name: "Funding" }).count()).toBe(0);
    expect(
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Budget" }).count(),
    ).toBe(0);
  });
});
