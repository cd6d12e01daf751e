/**
 * `accord evidence` on a PGlite store: 12 students of contract c1 (district d), S1-S6
 * growing 6 points (met), S7-S11 growing 2, S12 without a spring score. The report says
 * the statement is provisional (1 of 12 missing spring is over 5%) and its forecast at
 * the period end is the statement: 12 x 100.00 base + 6 x 50.00.
 */
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { enrollments, ids, scores, sessions, students, terms } from "../scenario.js";
import { runAccord } from "../support/capture-output.js";

const accord = (dir: string, args: string[]) => runAccord(args, { ACCORD_DATA_DIR: join(dir, "store") });

const dir = mkdtempSync(join(tmpdir(), "accord-evidence-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function seed(): Promise<void> {
  const data = join(dir, "data");
  mkdirSync(data, { recursive: true });
  const all = ids(12);
  writeFileSync(join(data, "students.csv"), students(12));
  writeFileSync(join(data, "enrollments.csv"), enrollments(all));
  writeFileSync(join(data, "sessions.csv"), sessions(all.slice(0, 11)));
  const rows = all.map((id, i): [string, number, number] => [id, 200, i < 6 ? 206 : 202]);
  const s12Fall = "S12,MAP Growth,math,2024-fall,2024-09-20,200,1,50,,\n";
  writeFileSync(join(data, "assessments.csv"), scores(rows.slice(0, 11)) + s12Fall);
  writeFileSync(join(dir, "c1.json"), JSON.stringify(terms()));
  expect((await accord(dir, ["contract", "add", join(dir, "c1.json")])).code).toBe(0);
  const imported = await accord(dir, ["import", data, "--district", "d"]);
  expect(imported.code, imported.err).toBe(0);
}

describe("accord evidence", () => {
  it("prints the data quality verdict, the forecast and the impact section of a stored contract", async () => {
    await seed();
    const r = await accord(dir, ["evidence", "--contract", "c1"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("Evidence for contract c1 (district d, terms version 1) as of 2025-06-30");
    expect(r.out).toContain("Data quality: PROVISIONAL");
    expect(r.out).toContain(
      "! window spring (MAP Growth math 2025-spring): 1 of 12 enrolled students have no score",
    );
    expect(r.out).toMatch(/error\s+missing-window\s+spring\s+1\s+1\s+S12\n/);
    expect(r.out).not.toMatch(/missing-window\s+fall/);
    expect(r.out).toContain("Forecast: the period has ended");
    expect(r.out).toMatch(/total\s+1,500\.00\s+1,500\.00\s+1,500\.00/);
    expect(r.out).toContain("Impact on math growth (fall to spring)");
  }, 60_000);

  it("runs the same data quality check before settling from the store, and says the statement is provisional", async () => {
    const r = await accord(dir, ["settle", "--district", "d", "--contract", "c1", "--format", "json"]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ contractId: "c1" });
    expect(r.err).toContain("c1: data quality: PROVISIONAL, the data may change this statement");
    expect(r.err).toContain(
      "  ! window spring (MAP Growth math 2025-spring): 1 of 12 enrolled students have no score",
    );
  }, 60_000);

  it("writes the district's JSON shape with --json", async () => {
    const r = await accord(dir, [
      "evidence",
      "--contract",
      "c1",
      "--district",
      "d",
      "--as-of",
      "2025-06-30",
      "--json",
    ]);
    expect(r.code, r.err).toBe(0);
    const body = JSON.parse(r.out) as {
      audience: string;
      forecast: { current: { total: string } };
      quality: { provisional: boolean };
    };
    expect(body.audience).toBe("district");
    expect(body.forecast.current.total).toBe("1500.00");
    expect(body.quality.provisional).toBe(true);
  }, 60_000);

  it("simulates the terms: every spread is printed, and the same seed prints the same", async () => {
    const args = ["evidence", "--contract", "c1", "--simulate", "--draws", "1000", "--seed", "x"];
    const a = await accord(dir, args);
    expect(a.code, a.err).toBe(0);
    expect(a.out).toContain("Simulation of contract c1 (terms version 1) on the population of c1");
    expect(a.out).toContain("1000 bootstrap draws");
    expect(a.out).toContain("* growth >= 5 points");
    expect((await accord(dir, args)).out).toBe(a.out);
  }, 60_000);

  it("refuses an unknown contract and a bad date with exit 2", async () => {
    expect((await accord(dir, ["evidence", "--contract", "nope"])).code).toBe(2);
    const bad = await accord(dir, ["evidence", "--contract", "c1", "--as-of", "2025-02-30"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--as-of 2025-02-30 is not a date");
  }, 60_000);
});
