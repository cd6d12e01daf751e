/**
 * A folder imported at once: its files planned (format, kind) and imported in
 * dependency order whatever their names, a OneRoster subfolder as one batch, files that
 * are not data skipped; and the `accord import` command over such a folder: the result
 * lines, the summary table, --format, --contract and the exit codes.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planImport, type PlannedImport } from "../../src/adapters/importers/plan-import.js";
import { openStore } from "../../src/adapters/db/open-store.js";
import { csvImportSource } from "../../src/app/csv-import-source.js";
import { importOrder } from "../../src/core/import/import-order.js";
import { importCommand, rejectsCommand } from "../../src/cli/import-command.js";
import { FIXTURES, ImportStore, counts } from "./import-helpers.js";
import { TEST_STORES } from "./stores.js";
import { captureOutput } from "../support/capture-output.js";

const root = mkdtempSync(join(tmpdir(), "accord-folder-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A district's folder: names sorted so that their order is not the dependency order. */
function districtFolder(name: string): string {
  const folder = join(root, name);
  mkdirSync(folder);
  const write = (file: string, text: string) => writeFileSync(join(folder, file), text);
  write("a-payments.csv", "contract_id,paid_on,amount\nC1,2026-12-01,100.00\n");
  write("b-sessions.csv", "student_id,session_date,session_duration,tutor_id\nS2001,2026-09-08,30,T1\n");
  write(
    "c-enrollments.csv",
    "contract_id,student_id,enrolled_on\nC1,S2001,2026-09-01\nC1,605003,2026-09-01\n",
  );
  cpSync(join(FIXTURES, "iready-math.csv"), join(folder, "d-iready.csv"));
  write("e-notes.txt", "not data\n");
  write("z-students.csv", "student_id,school_id,grade\n605001,SCH1,3\n");
  cpSync(join(FIXTURES, "oneroster-1.1"), join(folder, "roster"), { recursive: true });
  mkdirSync(join(folder, "old"));
  return folder;
}

describe.each(TEST_STORES)("a folder imported in dependency order on $name", (store) => {
  const s = new ImportStore(store);
  beforeAll(() => s.open());
  afterAll(() => s.close());

  it("plans each file's format and imports students, carried students, enrollments, sessions, payments in turn", async () => {
    s.next();
    await s.addContract("C1");
    const folder = districtFolder(`plan-${store.name}`);
    const plan = await planImport([folder], { format: null, contractId: "C1" });
    expect(plan.skipped.map((k) => k.name)).toEqual([join(folder, "e-notes.txt"), join(folder, "old")]);
    const ordered = importOrder(plan.imports);
    expect(ordered.map((p) => [p.name.slice(folder.length + 1), p.format, p.needsContract])).toEqual([
      ["roster", "oneroster", false],
      ["z-students.csv", "students", false],
      ["d-iready.csv", "iready-diagnostic", false],
      ["c-enrollments.csv", "enrollments", false],
      ["b-sessions.csv", "datas-sessions", true],
      ["a-payments.csv", "payments", false],
    ]);
    const results = [];
    for (const planned of ordered) results.push(counts(await s.import(sourceOf(planned, "C1"))));
    expect(results.map((r) => (r as { format: string; rejected: number }).rejected)).toEqual([
      5, 0, 6, 0, 0, 0,
    ]);
    // Enrollments of a roster student and of a student the i-Ready file carried: both known by then.
    expect(
      await s.rows("SELECT student_id FROM enrollments WHERE district_id = $1 ORDER BY student_id"),
    ).toEqual([{ student_id: "605003" }, { student_id: "S2001" }]);
    expect(
      await s.rows("SELECT format FROM import_batches WHERE district_id = $1 ORDER BY batch_id"),
    ).toEqual(ordered.map((p) => ({ format: p.format })));
  });
});

function sourceOf(planned: PlannedImport, contractId: string | null) {
  const { input } = planned;
  if (input.kind === "invalid") throw new Error(JSON.stringify(input.problems));
  return input.kind === "csv"
    ? csvImportSource(input.file, { format: input.format, contractId })
    : input.source;
}

async function accord(
  command: (args: string[], env: Record<string, string>) => Promise<number>,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; out: string; err: string }> {
  const { value, out, err } = await captureOutput(() => command(args, env));
  return { code: value, out, err };
}

describe("accord import FILE|DIR (embedded store on disk)", () => {
  it("imports a folder, prints each file's line and a summary table, and asks for --contract when needed", async () => {
    const folder = districtFolder("cli");
    const env = { ACCORD_DATA_DIR: join(root, "cli-store") };
    const db = await openStore(env);
    await db.query("INSERT INTO districts (district_id, name) VALUES ('d1', 'd1')");
    await db.query("INSERT INTO vendors (district_id, vendor_id, name) VALUES ('d1', 'v1', 'Vendor')");
    await db.query(
      "INSERT INTO contracts (district_id, contract_id, vendor_id, title) VALUES ('d1', 'C1', 'v1', 'A')",
    );
    await db.close();

    await expect(accord(importCommand, [folder, "--district", "d1"], env)).rejects.toThrow(
      `--contract ID is required: the rows of ${join(folder, "b-sessions.csv")} (datas-sessions) name no contract`,
    );

    const run = await accord(importCommand, [folder, "--district", "d1", "--contract", "C1"], env);
    expect(run.code).toBe(0);
    const lines = run.out.split("\n");
    expect(
      lines.slice(0, 6).map((l) => l.slice(folder.length + 1).replace(/: batch \d+ /, ": batch N ")),
    ).toEqual([
      "roster: batch N (oneroster): 8 rows, 3 accepted (0 unchanged, 0 replaced), 5 rejected",
      "z-students.csv: batch N (students): 1 rows, 1 accepted (0 unchanged, 0 replaced), 0 rejected",
      "d-iready.csv: batch N (iready-diagnostic): 10 rows, 4 accepted (0 unchanged, 0 replaced), 6 rejected",
      "c-enrollments.csv: batch N (enrollments): 2 rows, 2 accepted (0 unchanged, 0 replaced), 0 rejected",
      "b-sessions.csv: batch N (datas-sessions): 1 rows, 1 accepted (0 unchanged, 0 replaced), 0 rejected",
      "a-payments.csv: batch N (payments): 1 rows, 1 accepted (0 unchanged, 0 replaced), 0 rejected",
    ]);
    expect(lines[7]).toMatch(/^file +format +batch +rows +accepted +rejected +unchanged +replaced +note$/);
    expect(lines[8]).toMatch(/roster +oneroster +1 +8 +3 +5 +0 +0$/);
    expect(lines[10]).toMatch(/d-iready\.csv +iready-diagnostic +3 +10 +4 +6 +0 +0$/);
    expect(run.err).toContain(
      `${join(folder, "e-notes.txt")}: skipped: not a .csv, .json, .ndjson or .jsonl file`,
    );
    expect(run.err).toContain(
      `${join(folder, "roster")}: see the rejected rows with: accord rejects 1 --district d1`,
    );
    expect(run.err).not.toContain("\r"); // no progress line when standard error is not a terminal

    const again = await accord(importCommand, [join(folder, "d-iready.csv"), "--district", "d1"], env);
    expect(again.code).toBe(0);
    expect(again.out.split("\n").at(-2)).toMatch(
      /d-iready\.csv +iready-diagnostic +3 +- +- +- +- +- +already imported$/,
    );

    const out = join(root, "rejects.csv");
    expect(await accord(rejectsCommand, ["3", "--district", "d1", "--out", out], env)).toMatchObject({
      code: 0,
    });
    const exported = readFileSync(out, "utf8").split("\n");
    expect(
      exported[0]?.startsWith("\ufeffLast Name,First Name,Student ID,") ||
        exported[0]?.startsWith("Last Name,"),
    ).toBe(true);
    expect(exported[0]?.endsWith(",reason")).toBe(true);
    expect(exported).toHaveLength(8);
  }, 60_000);

  it("takes --format for every file given, and refuses a format it does not know", async () => {
    const env = { ACCORD_DATA_DIR: join(root, "format-store") };
    const scores = join(root, "scores.txt");
    cpSync(join(FIXTURES, "nwea-assessment-results.csv"), scores);
    const star = await accord(importCommand, [scores, "--district", "d2", "--format", "star"], env);
    expect(star.code).toBe(2);
    expect(star.err).toContain(
      `${scores}:1:0: missing-column: a Renaissance Star file needs a "StudentIdentifier" column`,
    );
    expect(star.out).toMatch(/scores\.txt +star +- +- +- +- +- +- +not imported\n$/);
    const map = await accord(importCommand, [scores, "--district", "d2", "--format", "nwea-map"], env);
    expect(map.code).toBe(0);
    expect(map.out).toContain(
      ": batch 1 (nwea-map): 10 rows, 0 accepted (0 unchanged, 0 replaced), 10 rejected",
    );
    await expect(accord(importCommand, [scores, "--district", "d2", "--format", "map"], env)).rejects.toThrow(
      /--format must be one of students\|enrollments\|.*\|nwea-map\|iready-diagnostic\|star\|datas-sessions\|datas-students\|edfi-attendance-events\|edfi-student-assessments$/,
    );
  }, 60_000);
});
