/** Locates the public worked examples in ../shared/examples (absent on a user's machine). */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

export const SHARED_EXAMPLES = resolve(process.cwd(), "../shared/examples");
export const HAVE_SHARED_EXAMPLES = existsSync(SHARED_EXAMPLES);

export function sharedExampleNames(): string[] {
  if (!HAVE_SHARED_EXAMPLES) return [];
  return readdirSync(SHARED_EXAMPLES, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(SHARED_EXAMPLES, e.name, "expected-statement.json")))
    .map((e) => e.name)
    .sort();
}
