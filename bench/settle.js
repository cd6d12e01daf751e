// The settlement benchmark (`npm run bench:settle`): a state-scale synthetic district
// (100,000 students, ~3,000,000 session rows, ~400,000 assessment rows, 200 contracts,
// seed 1) and a tenth of it, each settled end to end from the CSV files by `accord
// settle`, beside DuckDB computing the same aggregates from the same files in the same
// run. Prints times, rows/s, peak RSS, the ratio to DuckDB and the scaling.
//
//   node bench/settle.js [--runs 3] [--sizes tenth,full]
import { existsSync, statSync, mkdirSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import os from "node:os";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "3" }, sizes: { type: "string", default: "tenth,full" } },
});
const runs = Number(values.runs);
const SIZES = {
  tenth: { students: 10000, dir: "bench/data/tenth" },
  full: { students: 100000, dir: "bench/data/full" },
};

function ensureData({ students, dir }) {
  if (existsSync(`${dir}/sessions.csv`) && existsSync(`${dir}/terms`)) return;
  console.log(`generating ${dir} (${students} students, 200 contracts, seed 1)...`);
  const r = spawnSync(
    process.execPath,
    ["bench/generate.js", "--students", String(students), "--contracts", "200", "--seed", "1", "--out", dir],
    { stdio: "inherit" },
  );
  if (r.status !== 0) throw new Error(`generating ${dir} failed`);
}

const DUCKDB = "@duckdb/node-api@1.5.6-r.1";

/** DuckDB lives in bench/.duckdb, installed on first use from the npm registry. */
function ensureDuckdb() {
  if (existsSync("bench/.duckdb/node_modules/@duckdb/node-api")) return;
  console.log(`installing ${DUCKDB} into bench/.duckdb (benchmark yardstick only)...`);
  mkdirSync("bench/.duckdb", { recursive: true });
  if (!existsSync("bench/.duckdb/package.json"))
    writeFileSync("bench/.duckdb/package.json", '{ "private": true }\n');
  const r = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--prefix", "bench/.duckdb", DUCKDB], {
    stdio: "inherit",
  });
  if (r.status !== 0) throw new Error("installing DuckDB for the benchmark failed");
}

function lines(path) {
  const r = spawnSync("wc", ["-l", path], { encoding: "utf8" });
  return Number(r.stdout.trim().split(/\s+/)[0]) - 1;
}

function timeAccord(dir) {
  const started = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      "bench/settle-child.js",
      "settle",
      "--terms",
      `${dir}/terms`,
      "--data",
      dir,
      "--format",
      "json",
      "--out",
      "/dev/null",
    ],
    { encoding: "utf8", maxBuffer: 1 << 26 },
  );
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`accord settle failed: ${r.stderr.slice(0, 2000)}`);
  const rss = Number(/maxRSS (\d+)/.exec(r.stderr)?.[1] ?? "0");
  return { seconds, maxRssMb: rss / 1024 };
}

function timeDuckdb(dir) {
  const started = performance.now();
  const r = spawnSync(process.execPath, ["bench/duckdb-child.js", dir], { encoding: "utf8" });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`duckdb failed: ${r.stderr.slice(0, 2000)}`);
  const out = JSON.parse(r.stdout.trim());
  return { seconds, querySeconds: out.seconds, maxRssMb: out.maxRSS / 1024, contracts: out.contracts };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (x, d = 2) => x.toFixed(d);

console.log(
  `machine: ${os.cpus().length} x ${os.cpus()[0]?.model}, ${f(os.totalmem() / 2 ** 30, 1)} GiB, node ${process.version}`,
);
ensureDuckdb();
const results = {};
for (const name of values.sizes.split(",")) {
  const size = SIZES[name];
  ensureData(size);
  const sessions = lines(`${size.dir}/sessions.csv`);
  const assessments = lines(`${size.dir}/assessments.csv`);
  const mb = (statSync(`${size.dir}/sessions.csv`).size + statSync(`${size.dir}/assessments.csv`).size) / 1e6;
  const accord = [];
  const duck = [];
  for (let i = 0; i < runs; i++) {
    accord.push(timeAccord(size.dir));
    duck.push(timeDuckdb(size.dir));
  }
  const a = median(accord.map((x) => x.seconds));
  const d = median(duck.map((x) => x.seconds));
  const rss = Math.max(...accord.map((x) => x.maxRssMb));
  results[name] = { a, d };
  console.log(
    `${name}: ${sessions} sessions, ${assessments} assessments (${f(mb, 0)} MB); ` +
      `accord settle ${f(a)} s (${f((sessions + assessments) / a / 1e6)}M rows/s, peak RSS ${f(rss, 0)} MB); ` +
      `duckdb ${f(d)} s (query ${f(median(duck.map((x) => x.querySeconds)))} s, peak RSS ${f(Math.max(...duck.map((x) => x.maxRssMb)), 0)} MB); ` +
      `ratio accord/duckdb ${f(a / d)}  [median of ${runs}]`,
  );
}
if (results.full && results.tenth) {
  console.log(`scaling: full / tenth = ${f(results.full.a / results.tenth.a)} (10.00 is linear)`);
}
