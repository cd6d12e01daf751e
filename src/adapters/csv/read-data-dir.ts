/**
 * Reads a folder of canonical data-v1 files into a `DataSet` for the given contracts,
 * streaming each file once. Every data row is either accepted or rejected with its
 * file, line, column and reason; nothing is guessed or dropped silently.
 *
 * A large sessions.csv (the bulk of a district's data) is read by worker threads, each
 * taking the records of part of the contracts, while this thread reads the other files;
 * the result is the same as a single-threaded read (a test compares them).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import type { Terms } from "../../core/terms/types.js";
import { DataSet, type ExportedSessions } from "../../core/data/data-set.js";
import { DATA_FILE_KINDS, type DataFileKind } from "../../core/data/records.js";
import type { RowProblem } from "../../core/problem.js";
import { readDataFile, type FileReading, type FileReport } from "./read-data-file.js";

export type { FileReport };

export interface DataReport {
  readonly files: FileReport[];
  /** Problems in file order; at most `maxProblems` kept, `rejected` counts them all. */
  readonly problems: RowProblem[];
  readonly rejected: number;
  /** Files the folder holds that are not data-v1 files (read by nothing). */
  readonly ignoredFiles: string[];
}

export interface ReadDataOptions {
  readonly maxProblems?: number;
  /** Threads for sessions.csv (default 2); 1 reads it on this thread. */
  readonly sessionThreads?: number;
  /** Below this size sessions.csv is read on this thread (default 32 MB). */
  readonly parallelFromBytes?: number;
}

const REQUIRED: ReadonlySet<DataFileKind> = new Set(["students", "enrollments", "assessments", "sessions"]);

export async function readDataDir(
  dir: string,
  contracts: readonly Terms[],
  options: ReadDataOptions = {},
): Promise<{ data: DataSet; report: DataReport }> {
  const maxProblems = options.maxProblems ?? 10_000;
  const data = new DataSet(contracts);
  const known = new Set(DATA_FILE_KINDS.map((k) => `${k}.csv`));
  const ignoredFiles = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !known.has(e.name.toLowerCase()))
    .map((e) => e.name)
    .sort();

  const readings = new Map<DataFileKind, FileReading>();
  const missing: RowProblem[] = [];
  const sessionsPath = join(dir, "sessions.csv");
  const threads = options.sessionThreads ?? 2;
  const parallel =
    threads > 1 &&
    existsSync(sessionsPath) &&
    statSync(sessionsPath).size >= (options.parallelFromBytes ?? 32 << 20);
  const sessionParts = parallel ? readSessionsInParts(sessionsPath, contracts, threads, maxProblems) : null;

  for (const kind of DATA_FILE_KINDS) {
    const path = join(dir, `${kind}.csv`);
    if (!existsSync(path)) {
      if (REQUIRED.has(kind)) {
        missing.push({
          file: path,
          line: 0,
          column: 0,
          code: "missing-file",
          message: `the data folder needs ${kind}.csv`,
        });
      }
      continue;
    }
    if (kind === "sessions" && sessionParts !== null) continue;
    readings.set(kind, await readDataFile(kind, path, data, { maxProblems }));
  }
  if (sessionParts !== null) {
    const parts = await sessionParts;
    for (const p of parts) data.adoptSessions(p.sessions);
    readings.set(
      "sessions",
      mergeParts(
        parts.map((p) => p.reading),
        maxProblems,
      ),
    );
  }

  const problems: RowProblem[] = [...missing];
  let rejected = missing.length;
  const files: FileReport[] = [];
  for (const kind of DATA_FILE_KINDS) {
    const r = readings.get(kind);
    if (r === undefined) continue;
    files.push(r.file);
    rejected += r.problemCount;
    for (const p of r.problems) if (problems.length < maxProblems) problems.push(p);
  }
  return { data, report: { files, problems, rejected, ignoredFiles } };
}

interface PartResult {
  readonly reading: FileReading;
  readonly sessions: ExportedSessions;
}

/** The compiled worker beside this module (tests run the sources, so they use dist/). */
function workerPath(): string {
  const here = fileURLToPath(import.meta.url);
  const js = here.endsWith(".ts")
    ? here.replace(/[/\\]src[/\\]/, "/dist/").replace(/read-data-dir\.ts$/, "read-data-dir.js")
    : here;
  const worker = js.replace(/read-data-dir\.js$/, "sessions-worker.js");
  if (!existsSync(worker)) throw new Error(`${worker} is missing: run \`npm run build\``);
  return worker;
}

function readSessionsInParts(
  path: string,
  contracts: readonly Terms[],
  threads: number,
  maxProblems: number,
): Promise<PartResult[]> {
  const script = workerPath();
  return Promise.all(
    Array.from(
      { length: threads },
      (_, index) =>
        new Promise<PartResult>((resolve, reject) => {
          const worker = new Worker(script, {
            workerData: { path, contracts, part: { index, of: threads }, maxProblems },
          });
          worker.once("message", (m: PartResult) => resolve(m));
          worker.once("error", reject);
          worker.once("exit", (code) => {
            if (code !== 0)
              reject(new Error(`the sessions reader thread ${index} stopped with code ${code}`));
          });
        }),
    ),
  );
}

/** One file's reading from its parts: counts added, problems merged back into line order. */
function mergeParts(parts: readonly FileReading[], maxProblems: number): FileReading {
  const first = parts[0];
  if (first === undefined) throw new Error("no parts");
  const problems = parts
    .flatMap((p) => p.problems)
    .sort((a, b) => a.line - b.line)
    .slice(0, maxProblems);
  const sum = (f: (r: FileReading) => number): number => parts.reduce((n, p) => n + f(p), 0);
  return {
    file: {
      ...first.file,
      rows: sum((p) => p.file.rows),
      accepted: sum((p) => p.file.accepted),
      rejected: sum((p) => p.file.rejected),
    },
    problems,
    problemCount: sum((p) => p.problemCount),
  };
}
