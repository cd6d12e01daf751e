/**
 * What each role sees: a vendor's portfolio holds only its own contracts, another
 * vendor's contract opened by its address shows a not-found page and none of its data,
 * and the menu offers each role only what the server lets it use; one can sign in and open
 * a contract with the keyboard. (How soon the portfolio paints: `npm run bench:web`.)
 */
import { expect, it } from "vitest";
import { describeBrowser, useBrowserWorld } from "./harness.js";
import { tabTo } from "./page-states.js";
import type { PageGlobals } from "./page-globals.js";

describeBrowser("access by role in the browser", () => {
  const world = useBrowserWorld();

  function vendorsContracts() {
    const { contracts } = world.workspace;
    const own = contracts[0];
    if (own === undefined) throw new Error("the demo workspace has no contract");
    const others = contracts.filter((c) => c.vendorId !== own.vendorId);
    const other = others[0];
    if (other === undefined) throw new Error("the demo workspace has one vendor only");
    return { vendorId: own.vendorId, own: contracts.filter((c) => c.vendorId === own.vendorId), other };
  }

  it("lists only the vendor's own contracts in its portfolio", async () => {
    const { vendorId, own, other } = vendorsContracts();
    const page = await world.signInAs("vendor_user", vendorId);
    await page.getByRole("table").first().waitFor();
    const text = (await page.getByRole("main").textContent()) ?? "";
    for (const c of own.filter((o) => o.stage !== "draft")) expect(text).toContain(c.title);
    expect(text).not.toContain(other.title);
    expect(text).not.toContain(other.contractId);
  });

  it("shows not-found, and no data, for another vendor's contract opened by its address", async () => {
    const { vendorId, other } = vendorsContracts();
    const page = await world.signInAs("vendor_user", vendorId);
    const detail = page.waitForResponse((r) => r.url().includes(`/contracts/${other.contractId}`));
    await page.goto(world.url(`/contracts/${world.workspace.districtId}/${other.contractId}`));
    expect((await detail).status()).toBe(404);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/not found/i);
    const body = (await page.locator("body").textContent()) ?? "";
    expect(body).not.toContain(other.title);
    expect(await page.getByRole("table").count()).toBe(0);

    // Nor its outcomes, evidence or a statement, opened by their addresses.
    const contract = `/contracts/${world.workspace.districtId}/${other.contractId}`;
    for (const path of [`${contract}/outcomes`, `${contract}/evidence`, `${contract}/statements/1`]) {
      await page.goto(world.url(path));
      const refused = page.getByRole("alert").filter({ hasText: /not found/i });
      await refused.first().waitFor({ timeout: 30_000 });
      const text = (await page.locator("body").textContent()) ?? "";
      expect(text, path).not.toContain(other.title);
      expect(await page.locator(".chart-frame, table").count(), path).toBe(0);
    }
  });

  it("offers each role only the pages it may use", async () => {
    const menus: [Parameters<typeof world.signInAs>[0], string[]][] = [
      [
        "district_admin",
        ["Portfolio", "Scorecards", "RFPs", "New contract", "Data imports", "Budget", "Audit log"],
      ],
      ["district_analyst", ["Portfolio", "Scorecards", "RFPs", "Data imports", "Budget"]],
      ["auditor", ["Portfolio", "Scorecards", "RFPs", "Data imports", "Budget", "Audit log"]],
      ["vendor_user", ["Portfolio", "Scorecards", "RFPs", "Data imports"]],
      ["platform_admin", []],
    ];
    for (const [role, expected] of menus) {
      const page = await world.signInAs(role);
      const links = await page.getByRole("navigation", { name: "Main" }).getByRole("link").allTextContents();
      expect(links, role).toEqual(expected);
      // The brand link goes to the portfolio for every role.
      expect(await page.getByRole("link", { name: "Accord" }).getAttribute("href")).toBe("/");
      await page.close();
    }
  });

  it("tells an analyst that the audit log is not for their role, without asking the server for it", async () => {
    const page = await world.signInAs("district_analyst");
    const asked: string[] = [];
    page.on("request", (r) => asked.push(r.url()));
    await page.goto(world.url("/audit"));
    await page.getByRole("heading", { level: 1, name: "Not available to your role" }).waitFor();
    expect(asked.filter((u) => u.includes("/api/audit"))).toEqual([]);
  });

  it("signs in and opens a contract with the keyboard alone, focus always visible", async () => {
    const vendor = world.user("vendor_user");
    const page = await world.newPage();
    await page.goto(world.url("/"));
    await page.getByRole("heading", { name: "Sign in to Accord" }).waitFor();
    await tabTo(page, (el) => el.id === "sign-in-email");
    await page.keyboard.type(vendor.email);
    await tabTo(page, (el) => el.id === "sign-in-password", 1);
    await page.keyboard.type(vendor.password);
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Sign out", exact: true }).waitFor();
    await page.getByRole("table").first().waitFor();
    // The first stop is the skip link, shown when focused.
    await page.keyboard.press("Tab");
    const skip = await page.evaluate(() => {
      const a = (globalThis as unknown as PageGlobals).document.activeElement;
      return { text: a?.textContent ?? "", top: a?.getBoundingClientRect().top ?? -1 };
    });
    expect(skip.text).toBe("Skip to main content");
    expect(skip.top).toBeGreaterThanOrEqual(0);
    const link = await tabTo(page, (el) => el.tag === "a" && el.href.startsWith("/contracts/"));
    const outline = await page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
      return document.activeElement === null ? "none" : getComputedStyle(document.activeElement).outlineStyle;
    });
    expect(outline).not.toBe("none");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === link.href);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).not.toBe("");
  });
});
