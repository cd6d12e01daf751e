// The import benchmark (`npm run bench:import`): the 3,000,000-row session file of the
// settlement benchmark loaded by `accord import` into a fresh store, beside the raw
// COPY of the same file into an unindexed table (`psql \copy` on the server, COPY from
// a blob on PGlite) in the same run; then the rest of the district imported and all
// 200 contracts settled from the store, beside DuckDB computing the same aggregates
// from the CSV files.
//
//   node bench/import.js [--stores pglite,postgres] [--size full|tenth] [--sessions-only] [--runs N]
//
// --sessions-only stops after the session file and its raw load (the import's own
// benchmark); --runs repeats the whole measurement, to compare ratios taken in one run.
//
// The server is DATABASE_URL's (default postgres://postgres@127.0.0.1:5432/test); the
// benchmark creates and drops its own database there (accord_bench), and needs psql.
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { SIZES, ensureData, ensureDuckdb, f, lines, machine, timeAccord, timeDuckdb } from "./common.js";

const { values } = parseArgs({
  options: {
    stores: { type: "string", default: "pglite,postgres" },
    size: { type: "string", default: "full" },
    "sessions-only": { type: "boolean", default: false },
    runs: { type: "string", default: "1" },
  },
});
const size = SIZES[values.size];
if (size === undefined) throw new Error(`--size must be one of ${Object.keys(SIZES).join(", ")}`);
const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const benchUrl = (() => {
  const url = new URL(serverUrl);
  url.pathname = "/accord_bench";
  return url.toString();
})();

function psql(url, command) {
  const started = performance.now();
  const r = spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-qc", command], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`psql ${command}: ${r.stderr}`);
  return (performance.now() - started) / 1000;
}

function districtOf(dir) {
  const name = readdirSync(`${dir}/terms`).find((n) => n.endsWith(".json"));
  return JSON.parse(readFileSync(`${dir}/terms/${name}`, "utf8")).district.id;
}

/** A fresh store: the environment for `accord` and how to throw it away. */
function freshStore(kind) {
  if (kind === "pglite") {
    const dir = "bench/.work/pglite";
    rmSync(dir, { recursive: true, force: true });
    return {
      env: { ...process.env, DATABASE_URL: "", ACCORD_DATA_DIR: dir },
      drop: () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  psql(serverUrl, "DROP DATABASE IF EXISTS accord_bench");
  psql(serverUrl, "CREATE DATABASE accord_bench");
  const env = { ...process.env, DATABASE_URL: benchUrl };
  timeAccord(["migrate"], env);
  return { env, drop: () => psql(serverUrl, "DROP DATABASE IF EXISTS accord_bench") };
}

function rawCopy(kind, file) {
  if (kind === "pglite") {
    const r = spawnSync(process.execPath, ["bench/pglite-copy-child.js", file, "bench/.work/pglite-raw"], {
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`PGlite COPY failed: ${r.stderr.slice(0, 2000)}`);
    const out = JSON.parse(r.stdout.trim());
    return {
      seconds: out.seconds,
      what: "COPY from a blob, unindexed table (COPY alone, PGlite start not counted)",
    };
  }
  psql(
    benchUrl,
    `CREATE TABLE raw_sessions (session_id text, contract_id text, student_id text, tutor_id text,
    session_date date, minutes integer, attended boolean, group_size integer)`,
  );
  const seconds = psql(benchUrl, `\\copy raw_sessions FROM '${file}' WITH (FORMAT csv, HEADER true)`);
  psql(benchUrl, "DROP TABLE raw_sessions");
  return { seconds, what: "psql \\copy, unindexed table (psql start counted)" };
}

console.log(machine());
ensureData(size);
if (!values["sessions-only"]) ensureDuckdb();
const district = districtOf(size.dir);
const sessionsFile = `${size.dir}/sessions.csv`;
const rows = lines(sessionsFile);
for (let run = 0; run < Number(values.runs); run++)
  for (const kind of values.stores.split(",")) {
    const store = freshStore(kind);
    try {
      timeAccord(["contract", "add", `${size.dir}/terms`], store.env);
      const imported = timeAccord(["import", sessionsFile, "--district", district], store.env);
      const raw = rawCopy(kind, sessionsFile);
      console.log(
        `${kind}: accord import ${rows} sessions ${f(imported.seconds)} s (${f(rows / imported.seconds / 1000, 0)}k rows/s, ` +
          `peak RSS ${f(imported.maxRssMb, 0)} MB); raw ${f(raw.seconds)} s (${f(rows / raw.seconds / 1000, 0)}k rows/s; ${raw.what}); ` +
          `ratio ${f(imported.seconds / raw.seconds)}; load average ${loadavg()
            .map((x) => f(x))
            .join(" ")}`,
      );
      if (values["sessions-only"]) continue;
      for (const name of ["students", "enrollments", "assessments", "obligations", "payments"]) {
        const other = timeAccord(["import", `${size.dir}/${name}.csv`, "--district", district], store.env);
        console.log(
          `${kind}:   import ${name}.csv ${f(other.seconds)} s (peak RSS ${f(other.maxRssMb, 0)} MB)`,
        );
      }
      const settled = timeAccord(
        ["settle", "--district", district, "--all", "--format", "json", "--out", "/dev/null"],
        store.env,
      );
      const duck = timeDuckdb(size.dir);
      console.log(
        `${kind}: settle 200 contracts from the store ${f(settled.seconds)} s (peak RSS ${f(settled.maxRssMb, 0)} MB); ` +
          `DuckDB from the CSV files ${f(duck.seconds)} s; ratio ${f(settled.seconds / duck.seconds)}`,
      );
    } finally {
      store.drop();
    }
  }
