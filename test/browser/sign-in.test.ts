/**
 * Signing in and out in a real browser: password then TOTP for an administrator, the
 * messages of a wrong password and a wrong code, providers' buttons, a refused provider
 * sign-in, an administrator's first authenticator enrolment, switching organization, and
 * resetting a forgotten password. Every signed-out state is checked with axe-core.
 */
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { TOTP } from "otpauth";
import { argon2Hasher } from "../../src/adapters/auth/argon2-hasher.js";
import { addMembership, createOrganization, createUser } from "../../src/app/auth/create-account.js";
import { describeBrowser, expectNoAxeViolations, useBrowserWorld } from "./harness.js";

const SECOND = { id: "cedar-hollow-schools", name: "Cedar Hollow Schools" };
/** An administrator who has not set up an authenticator app yet. */
const NEW_ADMIN = { email: "new-admin@cedar-hollow.example", password: "amber violin quarry 4410 harbor" };
const PROVIDERS = [
  {
    id: "google",
    label: "Google",
    issuer: "https://accounts.google.com",
    clientId: "accord",
    clientSecret: "x",
  },
  {
    id: "microsoft",
    label: "Microsoft",
    issuer: "https://login.microsoftonline.com/common/v2.0",
    clientId: "accord",
    clientSecret: "x",
  },
];

describeBrowser("signing in and out", () => {
  const world = useBrowserWorld({
    env: { ACCORD_OIDC_PROVIDERS: JSON.stringify(PROVIDERS) },
    // The analyst also works for a second district, so has an organization to switch to.
    async prepare(db, workspace) {
      const analyst = workspace.users.find((u) => u.role === "district_analyst");
      if (analyst === undefined) throw new Error("no demo analyst");
      await createOrganization(db, { ...SECOND, kind: "district" });
      await addMembership(db, analyst.userId, SECOND.id, "district_analyst");
      const passwordHash = await argon2Hasher().hash(NEW_ADMIN.password);
      const admin = await createUser(db, {
        email: NEW_ADMIN.email,
        displayName: "New administrator",
        passwordHash,
      });
      await addMembership(db, admin, SECOND.id, "district_admin");
    },
  });

  async function submitPassword(page: Page, email: string, password: string) {
    await page.goto(world.url("/"));
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
  }

  it("signs an administrator in with password and TOTP code, then out", async () => {
    const admin = world.user("district_admin");
    const page = await world.newPage();
    await page.goto(world.url("/"));
    await page.getByRole("heading", { name: "Sign in to Accord" }).waitFor();
    await expectNoAxeViolations(page, "the sign-in form");
    await submitPassword(page, admin.email, admin.password);
    await page.getByRole("heading", { level: 1, name: "Enter your authenticator code" }).waitFor();
    await expectNoAxeViolations(page, "the second-factor step");
    await page.getByLabel(/6-digit code/).fill(await world.totpCode(admin));
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByRole("navigation", { name: "Main" }).waitFor();
    expect(await page.getByRole("banner").textContent()).toContain(world.workspace.districtName);

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.getByRole("heading", { name: "Sign in to Accord" }).waitFor();
    expect(await page.getByRole("status").textContent()).toContain("You are signed out.");
    await expectNoAxeViolations(page, "the sign-in form after signing out");
    // The session is gone on the server too: a reload stays signed out.
    await page.reload();
    await page.getByRole("heading", { name: "Sign in to Accord" }).waitFor();
  });

  it("refuses a second-factor code that is wrong, with a message", async () => {
    const admin = world.user("district_admin");
    const page = await world.newPage();
    await submitPassword(page, admin.email, admin.password);
    const good = await world.totpCode(admin);
    await page.getByLabel(/6-digit code/).fill(good === "000000" ? "111111" : "000000");
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(0);
    await expectNoAxeViolations(page, "the second-factor step with a wrong code");
  });

  it("says the e-mail or password is wrong, and signs in nobody", async () => {
    const analyst = world.user("district_analyst");
    const page = await world.newPage();
    await submitPassword(page, analyst.email, `${analyst.password}x`);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/e-mail or the password is wrong/i);
    expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(0);
    expect(await page.getByLabel("E-mail").inputValue()).toBe(analyst.email);
    await expectNoAxeViolations(page, "the sign-in form after a wrong password");
  });

  it("offers the configured providers, and explains a refused provider sign-in", async () => {
    const page = await world.newPage();
    await page.goto(world.url("/sign-in?error=account-unknown"));
    const google = page.getByRole("link", { name: "Sign in with Google" });
    await google.waitFor();
    expect(await google.getAttribute("href")).toBe("/api/auth/oidc/google/start");
    expect(await page.getByRole("link", { name: "Sign in with Microsoft" }).getAttribute("href")).toBe(
      "/api/auth/oidc/microsoft/start",
    );
    expect(await page.getByRole("alert").textContent()).toMatch(/no Accord account for that e-mail/);
    await expectNoAxeViolations(page, "the sign-in form with providers and a refused provider sign-in");
  });

  it("walks an administrator without an authenticator through enrolment", async () => {
    const page = await world.newPage();
    await submitPassword(page, NEW_ADMIN.email, NEW_ADMIN.password);
    await page.getByRole("heading", { name: "Set up your authenticator app" }).waitFor();
    await expectNoAxeViolations(page, "the second-factor step before enrolment");
    await page.getByRole("button", { name: "Show my setup key" }).click();
    const secret = (await page.locator("code.secret").textContent()) ?? "";
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expectNoAxeViolations(page, "the second-factor step with the setup key");
    await page.getByLabel(/6-digit code/).fill(new TOTP({ secret, digits: 6, period: 30 }).generate());
    await page.getByRole("button", { name: "Confirm and continue" }).click();
    await page.getByRole("button", { name: "Sign out", exact: true }).waitFor();
    expect(
      await page.getByRole("navigation", { name: "Main" }).getByRole("link").allTextContents(),
    ).toContain("Audit log");
  });

  it("switches an analyst to their other district by signing in again", async () => {
    const analyst = world.user("district_analyst");
    const page = await world.signInThroughForm(analyst);
    const switcher = page.getByLabel("Organization");
    expect(await switcher.locator("option").allTextContents()).toEqual(
      expect.arrayContaining([world.workspace.districtName, SECOND.name]),
    );
    await expectNoAxeViolations(page, "the header with the organization switcher");
    await switcher.selectOption(SECOND.id);
    await page.getByRole("button", { name: "Switch" }).click();
    await page.getByText(`Sign in again to work in ${SECOND.name}.`).waitFor();
    expect(await page.getByLabel("E-mail").inputValue()).toBe(analyst.email);
    await page.getByLabel("Password", { exact: true }).fill(analyst.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("button", { name: "Sign out", exact: true }).waitFor();
    // The new session works in the chosen district: the switcher shows it as current.
    expect(await page.getByLabel("Organization").inputValue()).toBe(SECOND.id);
    const session = await page.evaluate(async () => (await fetch("/api/session")).json() as unknown);
    expect(session).toMatchObject({ organizationId: SECOND.id, role: "district_analyst" });
  });

  it("mails a reset link whose page sets a new password that then signs in", async () => {
    const auditor = world.user("auditor");
    const page = await world.newPage();
    await page.goto(world.url("/"));
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await page.getByRole("heading", { name: "Reset your password" }).waitFor();
    await expectNoAxeViolations(page, "the password-reset request form");
    await page.getByLabel("E-mail").fill(auditor.email);
    await page.getByRole("button", { name: "Send the reset link" }).click();
    await page.getByRole("heading", { name: "Check your e-mail" }).waitFor();
    await expectNoAxeViolations(page, "the password-reset request, sent");

    let link: string | undefined;
    for (let i = 0; i < 50 && link === undefined; i += 1) {
      const mail = (await world.server.mails()).find((m) => m.includes(auditor.email));
      link = mail?.match(/https?:\/\/\S+\/reset-password\?token=\S+/)?.[0];
      if (link === undefined) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (link === undefined) throw new Error("no reset mail reached the outbox");
    expect(new URL(link).origin).toBe(world.baseUrl);

    await page.goto(world.url("/reset-password?token=not-a-token"));
    await page.getByLabel("New password", { exact: true }).fill("copper lantern orbit 2291 meadow");
    await page.getByLabel("Repeat the new password").fill("copper lantern orbit 2291 meadow");
    await page.getByRole("button", { name: "Set the new password" }).click();
    expect(await page.getByRole("alert").textContent()).toMatch(/unknown, used or expired/);
    expect(await page.getByRole("link", { name: "Ask for a new link" }).getAttribute("href")).toBe(
      "/reset-password",
    );
    await expectNoAxeViolations(page, "the new-password form with an unknown link");

    await page.goto(link);
    await page.getByLabel("New password", { exact: true }).fill("copper lantern orbit 2291 meadow");
    await page.getByLabel("Repeat the new password").fill("copper lantern orbit 2291 meadowx");
    await page.getByRole("button", { name: "Set the new password" }).click();
    await page.getByText("The two passwords differ").waitFor();
    await expectNoAxeViolations(page, "the new-password form with different passwords");
    await page.getByLabel("Repeat the new password").fill("copper lantern orbit 2291 meadow");
    await page.getByRole("button", { name: "Set the new password" }).click();
    await page.getByRole("heading", { name: "Your password is set" }).waitFor();
    await expectNoAxeViolations(page, "the password-reset page, done");

    await world.signInThroughForm({ ...auditor, password: "copper lantern orbit 2291 meadow" });
  });
});
