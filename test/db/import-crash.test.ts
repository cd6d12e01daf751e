/**
 * `accord import` killed with SIGKILL at random points, on PGlite on disk and on the
 * server of TEST_DATABASE_URL. After each kill the store must open, hold every file
 * either completely (its batch with the counts worked out from the planted rejects and
 * exactly its rows and rejects) or not at all (no batch, no rows), hold every file the
 * child reported as imported, and complete the import when it is run again.
 *
 * Each trial runs `accord import students-N.csv assessments-N.csv` (a two-row file, then
 * ~12,000 rows; test/db/crash-data.ts) in a child process and kills it: before or during
 * the first file (a delay after the spawn), in the middle of the big file, or near its
 * end (a delay after the child printed the first file's result, which it does once that
 * file committed). A first, unkilled run measures those moments. Where each kill landed
 * is read from what the child printed and what the store holds, and reported.
 *
 * The kill plan comes from a seeded PRNG: ACCORD_CRASH_SEED=N repeats a run's plan (the
 * moments a plan hits still depend on the machine). ACCORD_CRASH_KILLS sets the kills per
 * store (default 20). ACCORD_CRASH_CLI names another build's bin/accord.js to kill, to
 * check that this test catches a build that does not import atomically.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/ports/db.js";
import { importCanonicalFile } from "../../src/app/import-canonical-file.js";
import { importFile } from "../../src/adapters/csv/import-file.js";
import { prng } from "../properties/arbitraries.js";
import { balanceProblems, orphanRows, readBatches, type BatchState } from "./batch-invariants.js";
import { printed, runImport } from "./crash-child.js";
import { drawPlan, landing, summary, Timing, whole, type FileState, type Kill } from "./crash-plan.js";
import { writeCrashData, type CrashData, type ExpectedFile } from "./crash-data.js";
import { pgliteCrashStore, postgresCrashStore, type CrashStore } from "./crash-stores.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLI = process.env["ACCORD_CRASH_CLI"] ?? join(ROOT, "bin/accord.js");
const SEED = Number(process.env["ACCORD_CRASH_SEED"] ?? Math.floor(Math.random() * 2 ** 31));
const KILLS = Number(process.env["ACCORD_CRASH_KILLS"] ?? 20);
/** About 4 assessment rows a student: the big file has some 12,000 rows. */
const STUDENTS = 3000;
const DISTRICT = "crash";
const serverUrl = process.env["TEST_DATABASE_URL"]?.trim();

/** Fails early when bin/accord.js has nothing to run; warns when the build is older than src/. */
async function checkBuild(): Promise<void> {
  const main = join(ROOT, "dist/cli/main.js");
  if (!existsSync(main)) throw new Error("dist/ is missing: run `npm run build` before the crash test");
  const built = statSync(main).mtimeMs;
  const sources = await readdir(join(ROOT, "src"), { recursive: true });
  const newer = sources.filter((f) => f.endsWith(".ts") && statSync(join(ROOT, "src", f)).mtimeMs > built);
  if (newer.length > 0)
    console.warn(
      `crash test: dist/ is older than ${newer.length} file(s) of src/ (${newer[0]}); run npm run build`,
    );
}

function expectComplete(batch: BatchState, file: ExpectedFile): void {
  expect(
    {
      format: batch.format,
      accepted: batch.accepted,
      rejected: batch.rejected,
      unchanged: batch.unchanged,
      replaced: batch.replaced,
      stored: batch.stored,
      storedLineSum: batch.storedLineSum,
      rejects: batch.rejects,
      rejectLineSum: batch.rejectLineSum,
    },
    `the batch of ${file.path}`,
  ).toEqual({
    format: file.format,
    accepted: file.accepted,
    rejected: file.rejected,
    unchanged: 0,
    replaced: 0,
    stored: file.accepted,
    storedLineSum: file.acceptedLineSum,
    rejects: file.rejected,
    rejectLineSum: file.rejectedLineSum,
  });
}

/**
 * Checks the batches of the district numbered above `after` (all when 0): each balanced
 * and of one of `files`, once, complete; no row of those batch numbers without its
 * batch; the schools those of the stored students. Returns the batches by file SHA-256.
 */
async function checkBatches(
  db: Db,
  after: bigint,
  files: readonly ExpectedFile[],
): Promise<Map<string, BatchState>> {
  const batches = await readBatches(db, DISTRICT, after);
  expect(batches.flatMap(balanceProblems)).toEqual([]);
  expect(await orphanRows(db, DISTRICT, after)).toEqual([]);
  const bySha = new Map(batches.map((b) => [b.fileSha256, b]));
  expect(bySha.size, "one batch per file").toBe(batches.length);
  const known = new Map(files.map((f) => [f.sha256, f]));
  expect(batches.filter((b) => !known.has(b.fileSha256))).toEqual([]);
  for (const batch of batches) {
    const file = known.get(batch.fileSha256);
    if (file !== undefined) expectComplete(batch, file);
  }
  const [schools] = await db.query<{ stored: bigint; named: bigint }>(
    `SELECT (SELECT count(*) FROM schools WHERE district_id = $1) AS stored,
            (SELECT count(DISTINCT school_id) FROM students WHERE district_id = $1) AS named`,
    [DISTRICT],
  );
  expect(schools?.stored, "the schools of the stored students, no more").toBe(schools?.named);
  return bySha;
}

const lastBatch = (batches: Map<string, BatchState>, before: bigint): bigint =>
  [...batches.values()].reduce((max, b) => (b.batchId > max ? b.batchId : max), before);

async function crashImports(store: CrashStore, data: CrashData): Promise<void> {
  const started = performance.now();
  const random = prng(SEED);
  const options = { districtId: DISTRICT, format: null, importedBy: "crash-test" } as const;
  const committed: ExpectedFile[] = [data.students];
  const db = await store.open();
  try {
    expect(await importCanonicalFile(db, importFile(data.students.path), options)).toMatchObject({
      kind: "imported",
      accepted: data.students.accepted,
      rejected: data.students.rejected,
    });
  } finally {
    await db.close();
  }

  // An unkilled run: its printed totals, and how long the first file and the big one take.
  const first = data.trialFiles(0);
  const calibration = await runImport(CLI, [first[0].path, first[1].path], DISTRICT, store.childEnv, null);
  expect(calibration.exitCode, calibration.stderr).toBe(0);
  for (const file of first) {
    const line = calibration.lines.find((l) => l.text.startsWith(`${file.path}: batch `));
    expect(line?.text.replace(/: batch \d+ /, ": batch N ")).toBe(
      `${file.path}: batch N (${file.format}): ` +
        `${file.rows} rows, ${file.accepted} accepted (0 unchanged, 0 replaced), ${file.rejected} rejected`,
    );
  }
  const timing = new Timing();
  timing.observe(calibration, first);
  committed.push(...first);

  let before = 0n;
  const check = await store.open();
  try {
    const batches = await checkBatches(check, 0n, committed);
    expect(committed.filter((f) => !batches.has(f.sha256))).toEqual([]);
    before = lastBatch(batches, 0n);
  } finally {
    await check.close();
  }

  const kills: Kill[] = [];
  for (let n = 1; n <= KILLS; n++) {
    const plan = drawPlan(random, timing.firstMs(), timing.bigMs());
    const files = data.trialFiles(n);
    const run = await runImport(CLI, [files[0].path, files[1].path], DISTRICT, store.childEnv, plan);
    if (run.signal !== "SIGKILL") expect(run.exitCode, run.stderr).toBe(0);
    timing.observe(run, files);
    await store.settle();
    const db = await store.open();
    try {
      // Only this trial's batches can have changed: earlier ones are checked at the end.
      const found = await checkBatches(db, before, files);
      const states = files.map((f): FileState => (found.has(f.sha256) ? "complete" : "absent"));
      files.forEach((file, i) => {
        if (printed(run, file.path)) expect(states[i], `${file.path} was reported imported`).toBe("complete");
      });
      if (states[1] === "complete") expect(states[0], "the files commit in order").toBe("complete");
      kills.push({ n, plan, landing: landing(run, states), run });

      // The import run again completes, skipping the files already imported.
      for (const [i, file] of files.entries()) {
        const result = await importCanonicalFile(db, importFile(file.path), options);
        if (states[i] === "complete") expect(result.kind).toBe("unchanged");
        else
          expect(result).toMatchObject({
            kind: "imported",
            rows: file.rows,
            accepted: file.accepted,
            rejected: file.rejected,
            unchanged: 0,
            replaced: 0,
          });
      }
      const after = await checkBatches(db, before, files);
      expect(files.filter((f) => !after.has(f.sha256))).toEqual([]);
      committed.push(...files);
      before = lastBatch(after, before);
    } catch (error) {
      console.error(
        `${summary(store.name, SEED, kills, (performance.now() - started) / 1000)}\n` +
          `failed after kill #${n}: ${plan.aim} (${plan.anchor} + ${whole(plan.delayMs)} ms), ` +
          `${run.signal === "SIGKILL" ? `killed ${whole(run.killAtMs ?? 0)} ms after the spawn` : "the child had finished"}; ` +
          `it printed: ${JSON.stringify(run.lines.map((l) => l.text))}`,
      );
      throw error;
    } finally {
      await db.close();
    }
  }

  // The whole store: every file of every trial once and complete, nothing else.
  const end = await store.open();
  try {
    const batches = await checkBatches(end, 0n, committed);
    expect(committed.filter((f) => !batches.has(f.sha256))).toEqual([]);
    expect(await orphanRows(end, null)).toEqual([]);
    expect((await readBatches(end, null)).flatMap(balanceProblems)).toEqual([]);
  } finally {
    await end.close();
  }
  console.log(summary(store.name, SEED, kills, (performance.now() - started) / 1000));
  const midImport = kills.filter((k) => k.landing === "mid-import").length;
  expect(midImport, "kills that interrupted the big file's import").toBeGreaterThanOrEqual(
    Math.ceil(KILLS / 3),
  );
}

// The two stores run at the same time: the PGlite trials are bound by the child's start and
// the in-process re-run, the server's by its own processes.
describe.concurrent(
  `accord import killed with SIGKILL (${KILLS} kills a store, ACCORD_CRASH_SEED=${SEED})`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), "accord-crash-"));
    let data: CrashData;

    beforeAll(async () => {
      console.log(`crash test seed ${SEED}: set ACCORD_CRASH_SEED=${SEED} to repeat its kill plan`);
      await checkBuild();
      data = await writeCrashData(dir, STUDENTS);
    }, 60_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("leaves PGlite on disk with whole batches or none, and the import completes when run again", async () => {
      const store = await pgliteCrashStore(dir);
      await crashImports(store, data);
    }, 240_000);

    it.skipIf(serverUrl === undefined || serverUrl === "")(
      "leaves the PostgreSQL server with whole batches or none, and the import completes when run again",
      async () => {
        const store = await postgresCrashStore(serverUrl ?? "");
        try {
          await crashImports(store, data);
        } finally {
          await store.dispose();
        }
      },
      240_000,
    );
  },
);
