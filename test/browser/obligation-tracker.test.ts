/**
 * The obligations tracker on the contract page, in Chromium, on the demo workspace: an
 * analyst names an obligation's owner and sets its due date from the keyboard, sees a
 * due date outside the period refused at its field, records a status and finds it in
 * the obligation's status history; no WCAG 2.1 AA violation with the disclosures open.
 */
import { expect, it } from "vitest";
import { contractPath } from "../../web/src/lib/routes.js";
import { describeBrowser, expectNoAxeViolations, useBrowserWorld } from "./harness.js";
import { apiGet, settle } from "./page-states.js";

interface Obligation {
  readonly obligationId: string;
  readonly description: string;
  readonly measure: { readonly kind: string };
  readonly dueOn: string;
}

describeBrowser("the obligations tracker", () => {
  let active = "";
  const world = useBrowserWorld({
    students: 300,
    prepare: (_db, workspace) => {
      const contract = workspace.contracts.find((c) => c.stage === "active");
      if (contract === undefined) throw new Error("the demo workspace has no active contract");
      active = contract.contractId;
      return Promise.resolve();
    },
  });

  it("sets an owner and a due date, refuses a date outside the period, and shows the status history", async () => {
    const page = await world.signInAs("district_analyst");
    const path = contractPath(world.workspace.districtId, active);
    await page.goto(world.url(path));
    await settle(page);
    const { items } = await apiGet<{ items: Obligation[] }>(
      page,
      `/api/districts/${world.workspace.districtId}/contracts/${active}/obligations`,
    );
    const manual = items.find((o) => o.measure.kind === "manual");
    if (manual === undefined) throw new Error("the active contract has no manual obligation");
    const periodEnd = manual.dueOn;

    const table = page.getByRole("table", { name: "Obligations of both parties" });
    const row = table
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: manual.description }) });
    const trigger = row.getByRole("button", { name: "Set owner and due date" });
    await trigger.focus();
    await page.keyboard.press("Enter");
    const form = row.getByRole("form", { name: `Owner and due date of ${manual.description}` });
    await form.getByLabel("Owner name").fill("Dana Ruiz");
    await form.getByLabel("Owner e-mail (optional)").fill("dana.ruiz@example.org");
    const nextYear = `${Number(periodEnd.slice(0, 4)) + 1}${periodEnd.slice(4)}`;
    await form.getByLabel("Due date").fill(nextYear);
    await form.getByRole("button", { name: "Save" }).click();
    await form
      .getByText(/must be within the contract period/)
      .first()
      .waitFor();
    expect(await form.getByLabel("Due date").getAttribute("aria-invalid")).toBe("true");

    await form.getByLabel("Due date").fill(periodEnd);
    await form.getByLabel("Due date").press("Enter");
    await form.getByText("Owner and due date saved.").waitFor();
    await settle(page);
    expect(await row.textContent()).toContain("Dana Ruiz");
    expect(await row.getByRole("link", { name: "dana.ruiz@example.org" }).getAttribute("href")).toBe(
      "mailto:dana.ruiz@example.org",
    );
    expect(await row.textContent()).toMatch(/Overdue by \d+ days?|Due today|Due in \d+ days?|Met/);

    await row.getByLabel("Set status").selectOption("notMet");
    await row.getByLabel("Evidence note (optional)").fill("two tutors in week 3");
    await row.getByRole("button", { name: "Record status" }).click();
    await row.getByText("Status recorded.").waitFor();
    const history = row.getByRole("button", { name: /^Status history \(\d+\)$/ });
    await history.focus();
    await page.keyboard.press("Enter");
    const entries = row.getByRole("list", { name: `Status history of ${manual.description}` });
    await entries.waitFor();
    const newest = entries.getByRole("listitem").first();
    expect(await newest.textContent()).toContain("Not met — two tutors in week 3");
    expect(await newest.textContent()).toContain("set by hand");
    await expectNoAxeViolations(page, "the obligations tracker with its disclosures open");
    await page.close();
  });
});
