/**
 * Debian's Chromium driven by playwright-core. Where /usr/bin/chromium is missing the
 * browser suites are skipped with a message, except in CI (CI=true), where a missing
 * browser is a failure: CI installs it (.ci/run), so its absence there is a broken machine.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const inCi = process.env["CI"] === "true";

/** Whether the browser suites run here. */
export const browserAvailable = existsSync(CHROMIUM_PATH);

if (!browserAvailable) {
  if (inCi) throw new Error(`${CHROMIUM_PATH} is missing: CI must install chromium (see .ci/run)`);
  process.stderr.write(
    `browser tests skipped: ${CHROMIUM_PATH} is missing (install Debian's chromium package to run them)\n`,
  );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
}
