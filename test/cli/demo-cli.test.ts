import { describe, it, expect } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAccord } from "../support/capture-output.js";

async function demoJson(
  out: string,
  seed: string,
): Promise<{ code: number; statements: { contractId: string; total: string }[] }> {
  const { code, out: stdout } = await runAccord([
    "demo",
    "--students",
    "300",
    "--seed",
    seed,
    "--out",
    out,
    "--format",
    "json",
  ]);
  return { code, statements: code === 0 ? JSON.parse(stdout) : [] };
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
