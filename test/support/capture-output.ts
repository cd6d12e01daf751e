/**
 * Running CLI commands in-process in tests: what they write to standard output and
 * standard error is captured (and not printed), and environment variables are set for
 * the run only.
 */
import { vi } from "vitest";
import { run } from "../../src/cli/main.js";

export interface Captured<T> {
  readonly value: T;
  readonly out: string;
  readonly err: string;
}

type Write = typeof process.stdout.write;

/** Calls `fn` with both output streams captured; streams are restored whatever happens. */
export async function captureOutput<T>(fn: () => Promise<T>): Promise<Captured<T>> {
  let out = "";
  let err = "";
  const capture =
    (sink: (s: string) => void) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      sink(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      (rest.find((r) => typeof r === "function") as (() => void) | undefined)?.();
      return true;
    };
  const o = vi.spyOn(process.stdout, "write").mockImplementation(capture((s) => (out += s)) as Write);
  const e = vi.spyOn(process.stderr, "write").mockImplementation(capture((s) => (err += s)) as Write);
  try {
    const value = await fn();
    return { value, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/**
 * `accord ARGS` in-process: its exit code and output. `env` is set for the run; with a
 * `ACCORD_DATA_DIR` the embedded store there is used (DATABASE_URL is cleared).
 */
export async function runAccord(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<{ code: number; out: string; err: string }> {
  if (env["ACCORD_DATA_DIR"] !== undefined) vi.stubEnv("DATABASE_URL", "");
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  try {
    const { value, out, err } = await captureOutput(() => run([...args]));
    return { code: value, out, err };
  } finally {
    vi.unstubAllEnvs();
  }
}
