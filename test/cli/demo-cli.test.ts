import { describe, it, expect, vi } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/main.js";

async function demoJson(
  out: string,
  seed: string,
): Promise<{ code: number; statements: { contractId: string; total: string }[] }> {
  let stdout = "";
  const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    stdout += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    (rest.find((r) => typeof r === "function") as (() => void) | undefined)?.();
    return true;
  };
  const o = vi.spyOn(process.stdout, "write").mockImplementation(write as typeof process.stdout.write);
  const e = vi.spyOn(process.stderr, "write").mockImplementation((() => true) as typeof process.stderr.write);
  try {
    const code = await run(["demo", "--students", "300", "--seed", seed, "--out", out, "--format", "json"]);
    return { code, statements: code === 0 ? JSON.parse(stdout) : [] };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe("accord demo", () => {
  it("writes a valid district and settles its three contracts, the same for the same seed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "accord-demo-"));
    try {
      const a = await demoJson(join(dir, "a"), "7");
      const b = await demoJson(join(dir, "b"), "7");
      const c = await demoJson(join(dir, "c"), "8");
      expect(a.code).toBe(0);
      expect(a.statements.map((s) => s.contractId)).toHaveLength(3);
      expect(b.statements).toEqual(a.statements);
      expect(c.statements).not.toEqual(a.statements);
      for (const name of readdirSync(join(dir, "a")).filter((n) => n.endsWith(".csv"))) {
        expect(readFileSync(join(dir, "b", name), "utf8")).toBe(readFileSync(join(dir, "a", name), "utf8"));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
