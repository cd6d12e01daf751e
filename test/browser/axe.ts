/**
 * axe-core's WCAG 2.1 A and AA rules run in the page. A violation fails the test with
 * each rule's id, what it asks for and the elements that break it, so the message alone
 * says what to fix and where.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import type { PageGlobals } from "./page-globals.js";

const AXE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
let source: Promise<string> | null = null;
const axeSource = (): Promise<string> => (source ??= readFile(AXE_PATH, "utf8"));
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly helpUrl: string;
  readonly targets: readonly string[];
}

/** The WCAG 2.1 A/AA violations of the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => "axe" in globalThis);
  // Evaluated through the debugging protocol, not added as a script tag: the page's CSP
  // forbids inline scripts and stays in force, so a test also sees what it would block.
  if (!loaded) await page.evaluate(await axeSource());
  return page.evaluate(async (tags) => {
    type Result = {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        helpUrl: string;
        nodes: { target: unknown[] }[];
      }[];
    };
    const { axe, document } = globalThis as unknown as PageGlobals & {
      axe: { run: (c: unknown, o: unknown) => Promise<Result> };
    };
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.map((n) => n.target.map(String).join(" ")),
    }));
  }, TAGS);
}

export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `- ${v.id} (${v.impact ?? "?"}): ${v.help}\n    ${v.targets.slice(0, 8).join("\n    ")}`)
    .join("\n");
}

/** Fails with every violation listed; `context` names the page and state checked. */
export async function expectNoAxeViolations(page: Page, context: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0)
    throw new Error(
      `${violations.length} accessibility violation(s) on ${context}:\n${describeViolations(violations)}`,
    );
}
