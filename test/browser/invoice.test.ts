/**
 * The statement page's invoice panel in Chromium: a district administrator approves a
 * statement, issues its invoice through the confirmation dialog (no WCAG 2.1 AA violation
 * with it open), sees the number, amount and due date, downloads the PDF and finds the
 * exact amount in it; then voids it with a reason and the statement can be invoiced again.
 */
import { expect, it } from "vitest";
import { groupedAmount } from "../../src/shared/format-amount.js";
import { documentCents } from "../../src/shared/statement-waterfall.js";
import { formatMoney } from "../../web/src/lib/money.js";
import { statementPath } from "../../web/src/lib/routes.js";
import { pdfPageTexts } from "../documents/read-back.js";
import { describeBrowser, expectNoAxeViolations, useBrowserWorld } from "./harness.js";
import { insertLargeStatement, type LargeStatement } from "./statement-fixture.js";

describeBrowser("the invoice panel", () => {
  let statement: LargeStatement | null = null;
  let contractId = "";
  const world = useBrowserWorld({
    students: 200,
    prepare: async (db, workspace) => {
      const active = workspace.contracts.find((c) => c.stage === "active");
      if (active === undefined) throw new Error("the demo workspace has no active contract");
      contractId = active.contractId;
      statement = await insertLargeStatement(db, workspace.districtId, active.contractId, 40);
    },
  });

  it("issues the invoice of an approved statement and serves a PDF with its exact amount", async () => {
    if (statement === null) throw new Error("the statement was not inserted");
    const { statementId, document } = statement;
    const page = await world.openAs(
      "district_admin",
      statementPath(world.workspace.districtId, contractId, statementId),
    );
    const panel = page.getByRole("region", { name: "Invoice" });
    // The page loads the statement, its reasons and the invoices: on a loaded machine that takes a while.
    await panel
      .getByText("An invoice is issued once the statement is approved.")
      .waitFor({ timeout: 90_000 });
    expect(await panel.getByRole("button", { name: "Issue invoice" }).count()).toBe(0);

    await page.getByRole("button", { name: "Approve" }).click();
    const approve = page.getByRole("dialog", { name: `Approve statement ${statementId}` });
    await approve.getByRole("button", { name: "Approve" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Statement ${statementId} approved.` })
      .waitFor();

    const amount = formatMoney(document.due, document.currency);
    await panel.getByRole("button", { name: "Issue invoice" }).click();
    const dialog = page.getByRole("dialog", { name: `Issue the invoice for statement ${statementId}` });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(amount);
    await dialog.getByLabel(/Payment terms/).fill("120");
    await dialog.getByRole("button", { name: "Issue invoice" }).click();
    await dialog.getByText("Give a whole number of days from 0 to 90.").waitFor();
    await expectNoAxeViolations(page, "statement page with the issue-invoice dialog open");
    await dialog.getByLabel(/Payment terms/).fill("45");
    await dialog.getByRole("button", { name: "Issue invoice" }).click();
    const issued = page.getByRole("status").filter({ hasText: /^Invoice INV-.+ issued for / });
    await issued.waitFor();
    const number = /Invoice (INV-\S+) issued/.exec((await issued.textContent()) ?? "")?.[1] ?? "";
    expect(number).toMatch(new RegExp(`^INV-${world.workspace.districtId}-.+-\\d{4}-0001$`));
    expect(await issued.textContent()).toBe(`Invoice ${number} issued for ${amount}.`);
    const facts = await panel.locator("dl").textContent();
    expect(facts).toContain(number);
    expect(facts).toContain(amount);
    expect(facts).toContain("(net 45 days)");
    await expectNoAxeViolations(page, "statement page with an invoice in force");

    const link = panel.getByRole("link", { name: `Invoice ${number} as PDF` });
    const response = await page.request.get(world.url((await link.getAttribute("href")) ?? ""));
    expect(response.status()).toBe(200);
    const text = (await pdfPageTexts(new Uint8Array(await response.body()))).join(" ").replace(/\s+/g, " ");
    expect(text).toContain(number);
    const exact = groupedAmount(documentCents(document.due, "due"));
    expect(text).toContain(`Amount due ${document.currency} ${exact}`);

    await panel.getByRole("button", { name: "Void invoice" }).click();
    const voiding = page.getByRole("dialog", { name: `Void invoice ${number}` });
    await voiding.getByRole("button", { name: "Void invoice" }).click();
    await voiding.getByText("a reason is required").waitFor();
    await voiding.getByLabel("Reason (required)").fill("Issued with the wrong payment terms");
    await voiding.getByRole("button", { name: "Void invoice" }).click();
    await panel
      .getByRole("status")
      .filter({ hasText: `Invoice ${number} voided.` })
      .waitFor();
    await panel.getByText(/Issued with the wrong payment terms/).waitFor();
    await panel.getByRole("button", { name: "Issue invoice" }).waitFor();
  }, 180_000);
});
