/**
 * The Notifications page (account menu): one's own alert e-mail preferences as a table of
 * alert kinds by delivery, changed with the keyboard, saved with feedback, kept after a
 * reload, and clean under axe-core.
 */
import { expect, it } from "vitest";
import { describeBrowser, expectNoAxeViolations, useBrowserWorld } from "./harness.js";

describeBrowser("notification preferences", () => {
  const world = useBrowserWorld();

  it("opens from the account menu, changes a kind and the digest hour by keyboard, and saves", async () => {
    const page = await world.signInAs("district_admin");
    await page.getByRole("banner").getByRole("link", { name: "Notifications" }).click();
    await page.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
    await page.getByRole("table", { name: "E-mail for each kind of alert" }).waitFor();
    await expectNoAxeViolations(page, "the notifications page");

    const immediately = page.getByRole("radio", { name: "Enrolment behind plan Immediately" });
    const digest = page.getByRole("radio", { name: "Enrolment behind plan Daily digest" });
    expect(await immediately.isChecked()).toBe(true);
    expect(
      await page.getByRole("radio", { name: "Statement awaiting approval Daily digest" }).isChecked(),
    ).toBe(true);
    await immediately.focus();
    await page.keyboard.press("ArrowRight");
    expect(await digest.isChecked()).toBe(true);
    await expect.poll(() => page.getByRole("status").last().textContent()).toContain("not saved yet");

    await page.getByLabel("Send the daily digest after").focus();
    await page.getByLabel("Send the daily digest after").selectOption("16");
    await page.getByRole("button", { name: "Save preferences" }).focus();
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.getByRole("status").last().textContent())
      .toBe("Saved. Alerts will be e-mailed as shown.");
    await expectNoAxeViolations(page, "the notifications page after saving");

    await page.reload();
    await page.getByRole("table", { name: "E-mail for each kind of alert" }).waitFor();
    expect(await page.getByRole("radio", { name: "Enrolment behind plan Daily digest" }).isChecked()).toBe(
      true,
    );
    expect(await page.getByLabel("Send the daily digest after").inputValue()).toBe("16");
  });

  it("shows an auditor every kind off by default", async () => {
    const page = await world.openAs("auditor", "/account/notifications");
    await page.getByRole("table", { name: "E-mail for each kind of alert" }).waitFor();
    const offs = page.getByRole("radio", { name: / Off$/ });
    const count = await offs.count();
    expect(count).toBeGreaterThanOrEqual(8);
    for (let i = 0; i < count; i += 1) expect(await offs.nth(i).isChecked()).toBe(true);
  });
});
