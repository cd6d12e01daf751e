/**
 * Data imports and the audit log in a real browser: a district analyst chooses a canonical
 * file with two bad rows from the keyboard, sees its format before importing, imports it
 * with a progress bar, reads each reject with its line and column on the batch page, and
 * a second import of the same file is a no-op. Every page and its empty state passes axe.
 */
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { auditPath, importBatchPath, importsPath } from "../../web/src/lib/routes.js";
import { describeBrowser, expectNoAxeViolations, useBrowserWorld } from "./harness.js";
import { apiGet, holdApi } from "./page-states.js";

// Lines 3 and 4 are bad: a grade that does not exist, and no school.
const ROSTER = [
  "student_id,school_id,grade",
  "BT-9001,S1,5",
  "BT-9002,S1,13",
  "BT-9003,,4",
  "BT-9004,S1,K",
  "",
].join("\n");
const FILE = { name: "students.csv", mimeType: "text/csv", buffer: Buffer.from(ROSTER, "utf8") };

/** Tabs until the element named `name` has focus; fails if it never does. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate<string>('document.activeElement?.textContent?.trim() ?? ""');
    if (focused === name) return;
  }
  throw new Error(`no element named ${name} was reached with Tab`);
}

describeBrowser("data imports and the audit log", () => {
  const world = useBrowserWorld();

  it("imports a file with bad rows and shows each reject with its line; the same file again is a no-op", async () => {
    const page = await world.signInAs("district_analyst");
    await page.goto(world.url(importsPath()));
    await page.getByRole("heading", { level: 1, name: "Data imports" }).waitFor();
    await page.getByRole("table", { name: /Import batches/ }).waitFor();
    await expectNoAxeViolations(page, "the imports page with the district's batches");

    // Keyboard only: Tab to the file button and press Enter to open the file chooser.
    await tabTo(page, "Choose files");
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.keyboard.press("Enter")]);
    await chooser.setFiles(FILE);
    const item = page.getByRole("list", { name: "Files to import" }).getByRole("listitem");
    await item.getByText("canonical students.csv").waitFor();
    await expectNoAxeViolations(page, "the imports page with a file chosen and its format shown");

    await page.getByRole("button", { name: "Import 1 file" }).click();
    const outcome = item.getByRole("status").filter({ hasText: "Imported" });
    await outcome.waitFor();
    const text = await outcome.textContent();
    expect(text).toContain("Accepted: 2");
    expect(text).toContain("Rejected: 2");
    await expectNoAxeViolations(page, "the imports page with an import's result");

    // The same file again: nothing imported, said plainly.
    await page.locator('input[type="file"]').setInputFiles(FILE);
    await page.getByRole("button", { name: "Import 1 file" }).click();
    const noop = page.getByRole("status").filter({ hasText: "Same file already imported" });
    await noop.waitFor();
    expect(await noop.textContent()).toContain("nothing was imported again");

    await noop.getByRole("link", { name: /See the 2 rejected rows/ }).click();
    await page.getByRole("heading", { level: 2, name: "Rejected rows" }).waitFor();
    const table = page.getByRole("table", { name: /Rejected rows of students\.csv/ });
    await table.waitFor();
    const rows = await table.locator("tbody tr").allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^3grade \(column 3\)bad-grade/);
    expect(rows[1]).toMatch(/^4school_id \(column 2\)required/);
    await expectNoAxeViolations(page, "the batch page with its rejects");

    const download = page.getByRole("link", { name: "Download rejects to fix (CSV)" });
    const csv = await page.request.get(world.url((await download.getAttribute("href")) ?? ""));
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("BT-9002");
  });

  it("takes several files dropped on the drop zone and shows each one's format before importing", async () => {
    const page = await world.signInAs("district_analyst");
    await page.goto(world.url(importsPath()));
    await page.getByRole("heading", { level: 1, name: "Data imports" }).waitFor();
    await page.locator(".drop-zone").waitFor();
    // A drop made by a script carries files without the file-system entries a person's drag
    // gives them (the drop zone reads files through those entries): give each file one.
    await page.evaluate(() => {
      const item = (globalThis as unknown as { DataTransferItem: { prototype: Record<string, unknown> } })
        .DataTransferItem.prototype;
      item["webkitGetAsEntry"] = function (this: { kind: string }) {
        return this.kind === "file" ? { isFile: true, isDirectory: false } : null;
      };
    });
    const dropped = await page.evaluateHandle(() => {
      const g = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        File: new (parts: string[], name: string, options: { type: string }) => unknown;
      };
      const transfer = new g.DataTransfer();
      transfer.items.add(
        new g.File(["student_id,school_id,grade\nDD-1,S1,5\n"], "students.csv", { type: "text/csv" }),
      );
      transfer.items.add(
        new g.File(["student_id,subject,window,test_date,scale_score\n"], "assessments.csv", {
          type: "text/csv",
        }),
      );
      return transfer;
    });
    for (const type of ["dragenter", "dragover", "drop"])
      await page.dispatchEvent(".drop-zone", type, { dataTransfer: dropped });
    const items = page.getByRole("list", { name: "Files to import" }).getByRole("listitem");
    await items.filter({ hasText: "students.csv" }).getByText("canonical students.csv").waitFor();
    await items.filter({ hasText: "assessments.csv" }).getByText("canonical assessments.csv").waitFor();
    expect(await page.getByRole("button", { name: "Import 2 files" }).count()).toBe(1);
    await expectNoAxeViolations(page, "the imports page with two dropped files");
  });

  it("shows a batch without rejects, and a vendor without batches, as empty states", async () => {
    const analyst = await world.signInAs("district_analyst");
    await analyst.goto(world.url(importBatchPath(world.workspace.districtId, "1")));
    await analyst.getByText("No rows of this batch were rejected.").waitFor();
    await expectNoAxeViolations(analyst, "the batch page without rejects");

    const vendor = await world.signInAs("vendor_user");
    await vendor.goto(world.url(importsPath()));
    await vendor.getByText(/No files have been imported by your organization/).waitFor();
    await expectNoAxeViolations(vendor, "the imports page of a vendor without batches");
  });

  it("lists, filters and empties the audit log for an auditor; a vendor is told it is not for its role", async () => {
    const page = await world.signInAs("auditor");
    await page.goto(world.url(auditPath()));
    const table = page.getByRole("table", { name: /Audit entries/ });
    await table.waitFor();
    expect(await table.locator("tbody tr").count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, "the audit page");

    await page.getByLabel("Object kind").fill("import_batch");
    await page.getByRole("button", { name: "Apply filters" }).click();
    // Every object shown is an import batch once the filtered page has replaced the first one.
    // (Polled from here: a predicate given as a string would be eval'd in the page, which its CSP forbids.)
    await expect
      .poll(async () => {
        const objects = await page.locator(".audit-table tbody tr td:nth-child(4)").allTextContents();
        return objects.length > 0 && objects.every((c) => c.startsWith("import_batch "));
      })
      .toBe(true);
    const actions = await page.locator(".audit-table tbody tr td:nth-child(3)").allTextContents();
    // The analyst's import of the first test, and its rejects read on the batch page.
    expect(actions).toContain("import.create");
    expect(actions).toContain("rejects.read");

    // Choosing a name among the entries adds that user to the filters (the filter takes their id).
    const analyst = world.user("district_analyst");
    await page
      .getByRole("button", { name: "District analyst: show only this user's entries" })
      .first()
      .click();
    await expect.poll(() => page.getByLabel("User", { exact: true }).inputValue()).toBe(analyst.userId);
    await expect
      .poll(async () => {
        const who = await page.locator(".audit-table tbody tr td:nth-child(2)").allTextContents();
        return who.length > 0 && who.every((c) => c.startsWith("District analyst"));
      })
      .toBe(true);
    // The focus goes to the entries' heading, not back to the top of the page.
    await expect
      .poll(() => page.evaluate<string>('document.activeElement?.id ?? ""'))
      .toBe("entries-heading");
    // And an object among the entries: that object's entries only.
    await page
      .getByRole("button", { name: /^import_batch \d+: show only this object's entries$/ })
      .first()
      .click();
    const objectId = await page.getByLabel("Object id").inputValue();
    expect(await page.getByLabel("Object kind").inputValue()).toBe("import_batch");
    await expect
      .poll(async () => {
        const objects = await page.locator(".audit-table tbody tr td:nth-child(4)").allTextContents();
        return objects.length > 0 && objects.every((c) => c === `import_batch ${objectId}`);
      })
      .toBe(true);
    await expectNoAxeViolations(page, "the audit page filtered by a user and an object");

    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.getByLabel("To (UTC day)").fill("2001-01-01");
    await page.getByLabel("From (UTC day)").fill("2001-01-02");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByText("the last day comes before the first day").waitFor();
    await page.getByLabel("From (UTC day)").fill("2000-12-31");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByText("No entries match these filters.").waitFor();
    await expectNoAxeViolations(page, "the audit page with no entries matching");

    const vendor = await world.signInAs("vendor_user");
    await vendor.goto(world.url(auditPath()));
    await vendor.getByRole("heading", { level: 1, name: /Not available/ }).waitFor();
  });

  it("lets a vendor upload its session logs; a row naming another vendor's contract is rejected with its line", async () => {
    const { districtId, contracts } = world.workspace;
    const own = contracts.find((c) => c.stage === "settled");
    const other = contracts.find((c) => own !== undefined && c.vendorId !== own.vendorId);
    if (own === undefined || other === undefined)
      throw new Error("the demo workspace lacks two vendors' contracts");
    const page = await world.signInAs("vendor_user", own.vendorId);
    const base = `/api/districts/${districtId}/contracts/${own.contractId}/statements`;
    const statementId = (await apiGet<{ items: { statementId: string }[] }>(page, base)).items[0]
      ?.statementId;
    const students = await apiGet<{ students: { studentId: string }[] }>(
      page,
      `${base}/${statementId ?? ""}/students`,
    );
    const student = students.students[0]?.studentId;
    if (student === undefined) throw new Error("the settled contract's statement has no student");
    const sessions = [
      "session_id,contract_id,student_id,tutor_id,session_date,minutes,attended",
      `VS-1,${own.contractId},${student},T-1,2024-10-01,45,true`,
      `VS-2,${own.contractId},${student},T-1,2024-10-02,45,true`,
      `VS-3,${other.contractId},${student},T-1,2024-10-02,45,true`,
      "",
    ].join("\n");
    await page.goto(world.url(importsPath()));
    await page.getByRole("heading", { level: 1, name: "Data imports" }).waitFor();
    await page.getByText(/Import your tutoring session logs/).waitFor();
    await page.locator('input[type="file"]').setInputFiles({
      name: "sessions.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(sessions, "utf8"),
    });
    const item = page.getByRole("list", { name: "Files to import" }).getByRole("listitem");
    await item.getByText("canonical sessions.csv").waitFor();
    // While the file is sent and imported, a progress bar named after it shows.
    const release = await holdApi(page, /\/api\/districts\/[^/]+\/imports\?/);
    await page.getByRole("button", { name: "Import 1 file" }).click();
    await page.getByRole("progressbar", { name: "Importing sessions.csv" }).waitFor();
    await expectNoAxeViolations(page, "a vendor's imports page with an import in progress");
    await release();
    const outcome = item.getByRole("status").filter({ hasText: "Imported" });
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain("Accepted: 2");
    expect(await outcome.textContent()).toContain("Rejected: 1");
    await expectNoAxeViolations(page, "a vendor's imports page with its session log's result");
    await outcome.getByRole("link", { name: /See the 1 rejected row/ }).click();
    const table = page.getByRole("table", { name: /Rejected rows of sessions\.csv/ });
    await table.waitFor();
    const rows = await table.locator("tbody tr").allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^4contract_id \(column 2\)unknown-contract/);
  });
});
