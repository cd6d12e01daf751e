/**
 * Helpers for reaching a page in a given state: waiting until a page has settled (no
 * request in flight, no "Loading…" status), reading the API as the signed-in page does,
 * holding or replacing an API answer to see a page's loading, empty and error states, and
 * moving focus with the keyboard alone.
 */
import type { Page } from "playwright-core";
import type { PageGlobals } from "./page-globals.js";

/** Waits until nothing loads: the network is idle and no status says "Loading". */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(
    () => {
      const { document } = globalThis as unknown as PageGlobals;
      return (
        document.querySelector("main h1") !== null &&
        ![...document.querySelectorAll('[role="status"]')].some((e) => /loading/i.test(e.textContent ?? ""))
      );
    },
    undefined,
    { timeout: 20_000 },
  );
}

/** GET `path` of the API with the page's session (as the app would read it). */
export async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const response = await fetch(p, { headers: { accept: "application/json" } });
    if (!response.ok) throw new Error(`GET ${p}: ${response.status} ${await response.text()}`);
    return (await response.json()) as unknown;
  }, path) as Promise<T>;
}

/** Answers matching API requests with a problem document of `status`. */
export async function failApi(page: Page, pattern: RegExp, status = 500): Promise<void> {
  await page.route(pattern, (route) =>
    route.fulfill({
      status,
      contentType: "application/problem+json",
      body: JSON.stringify({
        type: "about:blank",
        title: "Internal",
        status,
        code: status === 500 ? "internal" : "unavailable",
        detail: "something went wrong on the server; it has been logged",
      }),
    }),
  );
}

/** Answers matching API requests with `body` (JSON, 200). */
export async function answerApi(page: Page, pattern: RegExp, body: unknown): Promise<void> {
  await page.route(pattern, (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(body) }),
  );
}

/**
 * Holds matching API requests unanswered until the returned function is called, so the
 * page stays in its loading state meanwhile.
 */
export async function holdApi(page: Page, pattern: RegExp): Promise<() => Promise<void>> {
  const held: (() => Promise<void>)[] = [];
  let released = false;
  await page.route(pattern, async (route) => {
    if (released) await route.continue();
    else held.push(() => route.continue());
  });
  return async () => {
    released = true;
    for (const go of held.splice(0)) await go();
  };
}

/** Presses Tab until `matches` holds for the focused element (at most `max` times). */
export async function tabTo(
  page: Page,
  matches: (el: { tag: string; id: string; href: string }) => boolean,
  max = 60,
) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press("Tab");
    const el = await page.evaluate(() => {
      const a = (globalThis as unknown as PageGlobals).document.activeElement;
      return { tag: a?.tagName.toLowerCase() ?? "", id: a?.id ?? "", href: a?.getAttribute("href") ?? "" };
    });
    if (matches(el)) return el;
  }
  throw new Error(`no element matched after ${max} presses of Tab`);
}

/**
 * Opens every "Show the numbers" disclosure of the page and waits until each shows its
 * table (a table is drawn when its disclosure opens); the number of disclosures.
 */
export async function openAllNumbers(page: Page): Promise<number> {
  const closed = page.locator("details.numbers:not([open]) > summary");
  while ((await closed.count()) > 0) await closed.first().click();
  const count = await page.locator("details.numbers").count();
  await page.waitForFunction(
    (expected) =>
      (globalThis as unknown as PageGlobals).document.querySelectorAll("details.numbers table").length ===
      expected,
    count,
  );
  return count;
}
