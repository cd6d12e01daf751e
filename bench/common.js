// Helpers the benchmarks share: the machine line, the generated data, DuckDB as a
// yardstick, timing a child process with its peak RSS.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import os from "node:os";

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const f = (x, d = 2) => x.toFixed(d);

export function machine() {
  return `machine: ${os.cpus().length} x ${os.cpus()[0]?.model}, ${f(os.totalmem() / 2 ** 30, 1)} GiB, node ${process.version}`;
}

export const SIZES = {
  tenth: { students: 10000, dir: "bench/data/tenth" },
  full: { students: 100000, dir: "bench/data/full" },
};

export function ensureData({ students, dir }) {
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
export function ensureDuckdb() {
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

export function timeDuckdb(dir) {
  const started = performance.now();
  const r = spawnSync(process.execPath, ["bench/duckdb-child.js", dir], { encoding: "utf8" });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`duckdb failed: ${r.stderr.slice(0, 2000)}`);
  const out = JSON.parse(r.stdout.trim());
  return { seconds, querySeconds: out.seconds, maxRssMb: out.maxRSS / 1024, contracts: out.contracts };
}

/** Runs `accord ARGS` in a child (bench/settle-child.js): wall seconds and the child's own peak RSS. */
export function timeAccord(args, env = process.env) {
  const started = performance.now();
  const r = spawnSync(process.execPath, ["bench/settle-child.js", ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
    env,
  });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`accord ${args.join(" ")} failed: ${r.stderr.slice(0, 2000)}`);
  const rss = Number(/maxRSS (\d+)/.exec(r.stderr)?.[1] ?? "0");
  return { seconds, maxRssMb: rss / 1024, stdout: r.stdout };
}

export function lines(path) {
  const r = spawnSync("wc", ["-l", path], { encoding: "utf8" });
  return Number(r.stdout.trim().split(/\s+/)[0]) - 1;
}
