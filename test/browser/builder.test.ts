/**
 * The contract builder in a real browser: a district administrator starts from the 60/40
 * pool template, goes through every step from the keyboard, sees a problem next to the
 * field it belongs to as it is typed, previews what the terms would pay on the district's
 * stored data and on demo data, saves them and lands on the new draft contract's page. Every step passes
 * axe, and an imported file that breaks rules lists each problem with its JSON path.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { contractPath, newContractPath } from "../../web/src/lib/routes.js";
import { describeBrowser, expectNoAxeViolations, useBrowserWorld } from "./harness.js";
import type { PageGlobals } from "./page-globals.js";

const STEPS = [
  "Template",
  "Parties and period",
  "Population and eligibility",
  "Metrics and targets",
  "Payment",
  "Obligations",
  "Review",
];

/** Waits for a step; the page's first opening may queue behind the portfolio's loads on a busy machine. */
async function stepHeading(page: Page, index: number, timeout = 30_000): Promise<void> {
  await page
    .getByRole("heading", { level: 2, name: `Step ${index + 1} of 7: ${STEPS[index]}` })
    .waitFor({ timeout });
}

async function focusedText(page: Page): Promise<string> {
  return page.evaluate<string>('document.activeElement?.textContent?.trim() ?? ""');
}

describeBrowser("the contract builder", () => {
  const world = useBrowserWorld();

  it("builds a contract from a template by keyboard, previews it, saves it and opens the new contract", async () => {
    const page = await world.signInAs("district_admin");
    await page.goto(world.url(newContractPath()));
    await stepHeading(page, 0, 90_000);
    await expectNoAxeViolations(page, "builder step 1 (template)");

    // Keyboard only: choose the pool template with the arrow keys, start from it with Enter.
    await page.getByLabel("High-dosage tutoring, paid per student").focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    expect(await page.getByLabel("60/40 pool").isChecked()).toBe(true);
    await page.getByRole("button", { name: "Start from this template" }).focus();
    await page.keyboard.press("Enter");
    await stepHeading(page, 1);
    // Focus moves to the new step's heading, so the step is announced.
    expect(await focusedText(page)).toBe("Step 2 of 7: Parties and period");

    await page.getByLabel("Contract id").fill("builder-pool-2024");
    await page.getByLabel("Title").fill("Pool built in the browser");
    const maxValue = page.getByLabel("Maximum value: the most the district ever pays");
    await maxValue.fill("600000.001");
    expect(await maxValue.getAttribute("aria-invalid")).toBe("true");
    const described = (await maxValue.getAttribute("aria-describedby")) ?? "";
    const messages = await page.locator(`[id="${described.split(" ").pop() ?? ""}"]`).innerText();
    expect(messages).toContain("maxValue");
    expect(await page.getByRole("button", { name: /Parties and period \(1 problem\)/ }).count()).toBe(1);
    await page
      .getByRole("region", { name: "Problems in this step" })
      .getByRole("link", { name: "$.maxValue" })
      .waitFor();
    await expectNoAxeViolations(page, "builder step 2 with a problem shown");
    await maxValue.fill("600000.00");
    expect(await maxValue.getAttribute("aria-invalid")).toBeNull();

    for (let index = 1; index < STEPS.length - 1; index += 1) {
      await stepHeading(page, index);
      await expectNoAxeViolations(page, `builder step ${index + 1} (${STEPS[index] ?? ""})`);
      await page.getByRole("button", { name: `Next: ${STEPS[index + 1] ?? ""}` }).focus();
      await page.keyboard.press("Enter");
    }
    await stepHeading(page, 6);
    await expectNoAxeViolations(page, "builder step 7 (review)");
    const summary = await page.locator(".terms-summary").innerText();
    expect(summary).toContain(
      "Pay 60% of the maximum value, prorated by students served out of the 600 expected.",
    );
    expect(summary).toContain("Planned split at 600 students: base $360,000.00");

    // The preview settles on the settled contract's data: students served, a total in dollars.
    const settled = world.workspace.contracts.find((c) => c.stage === "settled");
    if (settled === undefined) throw new Error("the demo workspace has no settled contract");
    expect(await page.getByLabel("Students, tests and sessions of").inputValue()).toBe(settled.contractId);
    await page.getByRole("button", { name: "Preview what this would pay" }).click();
    const table = page.getByRole("table", { name: /What these terms would pay as of 2025-05-23/ });
    await table.waitFor();
    const rows = await table.locator("tbody tr").allInnerTexts();
    expect(rows.map((r) => r.split("\t")[0])).toEqual([
      "Base",
      "Met projected growth",
      "Reached level 3",
      "Same tutor for 75% of sessions",
      // The demo district serves fewer than the 450 students the vendor must serve.
      "Reduction for obligations not met",
      "Total",
    ]);
    expect(
      await page
        .getByText(/^serve \(the vendor's\): not met \(\d+ students\), its reduction applies$/)
        .count(),
    ).toBe(1);
    expect(rows.at(-1)).toMatch(/^Total\s+\$[1-9][\d,]*\.\d\d$/);
    expect(Number((await page.locator(".facts dd").nth(2).innerText()).replace(/,/g, ""))).toBeGreaterThan(0);
    await expectNoAxeViolations(page, "builder review with the preview");

    // The same terms on demo data: chosen from the keyboard, marked as synthetic, paying something.
    await page.getByRole("radio", { name: "A contract's stored data" }).focus();
    await page.keyboard.press("ArrowDown");
    expect(await page.getByRole("radio", { name: /^Demo data/ }).isChecked()).toBe(true);
    expect(await page.getByLabel("Students, tests and sessions of").count()).toBe(0);
    await page.getByRole("button", { name: "Preview what this would pay" }).focus();
    await page.keyboard.press("Enter");
    const demo = page.getByRole("table", {
      name: "What these terms would pay as of 2025-05-23, on synthetic demo data",
    });
    await demo.waitFor();
    expect(await page.locator(".demo-note").innerText()).toMatch(
      /^Synthetic demo data, not your district's.* 600 students; tests dated 2024-fall \d{4}-\d\d-\d\d, 2025-spring /,
    );
    const demoRows = await demo.locator("tbody tr").allInnerTexts();
    expect(demoRows.at(-1)).toMatch(/^Total\s+\$[1-9][\d,]*\.\d\d$/);
    await expectNoAxeViolations(page, "builder review with the preview on demo data");

    // The terms export as an obc-terms/1 file holding what was edited.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download the terms file (builder-pool-2024.json)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("builder-pool-2024.json");
    const exported = JSON.parse(readFileSync(await download.path(), "utf8")) as Record<string, unknown>;
    expect(exported).toMatchObject({
      format: "obc-terms/1",
      contractId: "builder-pool-2024",
      title: "Pool built in the browser",
      maxValue: "600000.00",
      outcomes: { kind: "pool" },
    });

    await page.getByRole("button", { name: "Save as a draft contract" }).click();
    await page.getByRole("heading", { level: 1, name: "Pool built in the browser" }).waitFor();
    expect(new URL(page.url()).pathname).toBe(contractPath(world.workspace.districtId, "builder-pool-2024"));
    expect(await page.locator(".facts").innerText()).toContain("Draft");
  }, 240_000);

  it("imports a file that breaks rules and lists each problem with its JSON path, linked to its field", async () => {
    const page = await world.signInAs("district_admin");
    await page.goto(world.url(newContractPath()));
    await stepHeading(page, 0, 90_000);
    const broken = {
      format: "obc-terms/1",
      contractId: "imported",
      title: "Imported terms",
      district: { id: world.workspace.districtId, name: world.workspace.districtName },
      vendor: { id: "acme", name: "Acme" },
      service: "tutoring",
      currency: "USD",
      period: { start: "2024-09-03", end: "2025-05-23" },
      maxValue: 1000,
      expectedStudents: 10,
      windows: { fall: { assessment: "MAP Growth", subject: "math", window: "2024-fall" } },
      base: { kind: "fixed", amount: "100.00" },
      outcomes: {
        kind: "perStudent",
        metrics: [{ id: "d", label: "Dosage", kind: "dosage", minSessions: 5 }],
      },
      notes: "not a key of obc-terms/1",
    };
    await page.getByLabel("Terms file (obc-terms/1 JSON)").setInputFiles({
      name: "broken.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(broken), "utf8"),
    });
    const list = page.getByRole("region", { name: "Problems in broken.json" });
    await list.waitFor();
    const items = await list.locator("li").allInnerTexts();
    expect(items, items.join("\n")).toHaveLength(3);
    expect(items[0]).toMatch(/^\$\.maxValue /);
    expect(items[1]).toMatch(/^\$\.outcomes\.metrics\[0\] /);
    expect(items[2]).toMatch(/^\$\.notes /);
    await expectNoAxeViolations(page, "builder step 1 with an imported file's problems");

    // Following a problem opens its step and focuses its field.
    await list.getByRole("link", { name: "$.maxValue" }).click();
    await stepHeading(page, 1);
    await page.waitForFunction(
      () => (globalThis as unknown as PageGlobals).document.activeElement?.id === "bf_2emaxValue",
    );
    await page.getByLabel("Maximum value: the most the district ever pays").fill("1000.00");
    expect(await page.getByRole("button", { name: /Payment \(1 problem\)/ }).count()).toBe(1);

    // A key obc-terms/1 does not have is listed on the review step, with a way to remove it.
    await page
      .getByRole("navigation", { name: "Builder steps" })
      .getByRole("button", { name: /Review/ })
      .click();
    await stepHeading(page, 6);
    const remaining = page.getByRole("region", { name: "Problems to fix before saving" });
    expect(await remaining.locator("li").count()).toBe(2);
    await remaining.getByRole("button", { name: "Remove notes" }).click();
    expect(await remaining.locator("li").count()).toBe(1);
    await expectNoAxeViolations(page, "builder review with problems left");
  }, 240_000);
});
