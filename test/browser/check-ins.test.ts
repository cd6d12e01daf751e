/**
 * Check-ins in Chromium, on the demo workspace's active contract: a district
 * administrator sets a biweekly schedule from the contract page, opens a check-in,
 * prepares its agenda (the enrolment sentence from the contract's progress), writes
 * minutes with an action item and finalises them after a confirmation; the finalised
 * minutes are read only. No WCAG 2.1 AA violation on the pages and the open dialog.
 */
import { expect, it } from "vitest";
import { contractPath } from "../../web/src/lib/routes.js";
import { describeBrowser, expectNoAxeViolations, useBrowserWorld } from "./harness.js";
import { settle } from "./page-states.js";

describeBrowser("check-ins", () => {
  let active = "";
  let periodStart = "";
  const world = useBrowserWorld({
    students: 300,
    prepare: async (db, workspace) => {
      const contract = workspace.contracts.find((c) => c.stage === "active");
      if (contract === undefined) throw new Error("the demo workspace has no active contract");
      active = contract.contractId;
      const [row] = await db.query<{ start: string }>(
        `SELECT terms->'period'->>'start' AS start FROM contract_terms_versions
          WHERE district_id = $1 AND contract_id = $2 ORDER BY version DESC LIMIT 1`,
        [workspace.districtId, contract.contractId],
      );
      periodStart = row?.start ?? "";
    },
  });

  it("schedules, prepares the agenda, writes minutes with an action item and finalises them", async () => {
    const page = await world.signInAs("district_admin");
    await page.goto(world.url(contractPath(world.workspace.districtId, active)));
    const section = page.locator("#check-ins");
    await section.getByText("No schedule is set.").waitFor({ timeout: 30_000 });
    await page.waitForLoadState("networkidle");

    await section.getByLabel("Every").fill("2");
    await section.getByLabel("Unit").selectOption("week");
    await section.getByLabel("Starting on").fill(periodStart);
    await section.getByRole("button", { name: "Set schedule" }).click();
    await section.getByText(/Schedule set: \d+ check-in\(s\) added/).waitFor();
    await expect(section.textContent()).resolves.toContain("Every 2 weeks from");
    await expectNoAxeViolations(page, "contract page with check-ins");

    // The first check-in of the schedule, on the period's first day.
    await section.getByRole("link", { name: new RegExp(`^${monthDay(periodStart)}$`) }).click();
    await settle(page);
    await page.getByRole("heading", { level: 1, name: `Check-in of ${monthDay(periodStart)}` }).waitFor();
    await page.getByRole("button", { name: "Prepare agenda" }).click();
    await page.getByText("Agenda prepared from today's figures.").waitFor();
    const agenda = page.locator("section.agenda");
    await expect(agenda.textContent()).resolves.toMatch(
      /[\d,]+ of [\d,]+ planned students enrolled \(expected by/,
    );
    await expectNoAxeViolations(page, "check-in page with its agenda");

    await page.getByRole("button", { name: "Add attendee" }).click();
    await page.getByLabel("Name of attendee 1").fill("Dana Ruiz");
    await page.getByLabel("Role of attendee 1").fill("Program manager");
    await page.getByLabel("Enrolment against plan").fill("Recruiting at two more schools.");
    await page.getByLabel("Decisions (one per line)").fill("Add a Saturday session.");
    await page.getByRole("button", { name: "Save minutes" }).click();
    await page.getByText("Minutes saved.").waitFor();

    await page.getByLabel("Action", { exact: true }).fill("Send the recruiting letter");
    await page.getByLabel("Owner party").selectOption("vendor");
    await page.getByLabel("Owner", { exact: true }).fill("Lee Park");
    await page.getByLabel("Due").fill("2030-01-10");
    await page.getByRole("button", { name: "Add action item" }).click();
    await page.getByText("Action item added.").waitFor();
    const items = page.getByRole("table").filter({ hasText: "Send the recruiting letter" });
    await expect(items.textContent()).resolves.toContain("Vendor: Lee Park");
    await expect(items.textContent()).resolves.toContain("Jan 10, 2030");

    await page.getByRole("button", { name: "Finalise minutes" }).click();
    await page.getByRole("dialog").waitFor();
    await expectNoAxeViolations(page, "finalise dialog open");
    await page.getByRole("dialog").getByRole("button", { name: "Finalise minutes" }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await page.getByText("Finalised minutes cannot be edited.", { exact: false }).waitFor();
    await expect(page.getByRole("button", { name: "Save minutes" }).count()).resolves.toBe(0);
    const minutes = page.locator("section.minutes");
    await expect(minutes.textContent()).resolves.toContain("Dana Ruiz, Program manager (District)");
    await expect(minutes.textContent()).resolves.toContain("Recruiting at two more schools.");
    await expect(minutes.textContent()).resolves.toContain("Add a Saturday session.");
    await expectNoAxeViolations(page, "check-in with finalised minutes");

    // The action item is closed from the keyboard alone, its history kept.
    await page.getByRole("button", { name: "Mark done: Send the recruiting letter" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText('"Send the recruiting letter" is now done.').waitFor();
    await expect(items.textContent()).resolves.toContain("Done");
  });
});

/** "2024-09-03" -> "Sep 3, 2024", as the page writes dates. */
function monthDay(date: string): string {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${months[Number(date.slice(5, 7)) - 1] ?? ""} ${Number(date.slice(8, 10))}, ${date.slice(0, 4)}`;
}
