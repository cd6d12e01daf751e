/** Output helpers for CLI commands: write to a file or stdout, and report to stderr. */
import { writeFile } from "node:fs/promises";

export async function writeOutput(text: string, out: string | undefined): Promise<void> {
  if (out === undefined || out === "-") {
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(text, (e) => (e ? reject(e) : resolve())),
    );
  } else {
    await writeFile(out, text);
  }
}

export function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Exit codes: 0 success, 2 invalid input (the problems are listed), 1 internal error. */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_INVALID = 2;

export class UsageError extends Error {}
