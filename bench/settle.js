// The settlement benchmark (`npm run bench:settle`): a state-scale synthetic district
// (100,000 students, ~3,000,000 session rows, ~400,000 assessment rows, 200 contracts,
// seed 1) and a tenth of it, each settled end to end from the CSV files by `accord
// settle`, beside DuckDB computing the same aggregates from the same files in the same
// run. Prints times, rows/s, peak RSS, the ratio to DuckDB and the scaling.
//
//   node bench/settle.js [--runs 3] [--sizes tenth,full]
import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  SIZES,
  ensureData,
  ensureDuckdb,
  f,
  lines,
  machine,
  median,
  timeAccord,
  timeDuckdb,
} from "./common.js";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "3" }, sizes: { type: "string", default: "tenth,full" } },
});
const runs = Number(values.runs);

function timeSettle(dir) {
  return timeAccord([
    "settle",
    "--terms",
    `${dir}/terms`,
    "--data",
    dir,
    "--format",
    "json",
    "--out",
    "/dev/null",
  ]);
}

console.log(machine());
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
    accord.push(timeSettle(size.dir));
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
