// Generates a synthetic district and writes it as a data folder, timing both steps.
// Runs against the compiled output: `npx tsc -p tsconfig.build.json` first.
//
//   node bench/generate.js --students 100000 --contracts 200 --seed 1 --out bench/data/full
//
// Optional: --sessions-per-student N (default 30), --enrollments-per-student N (default 1).
import { parseArgs } from "node:util";
import { generateDistrict } from "../dist/core/demo/generate-district.js";
import { writeDataDir } from "../dist/adapters/csv/write-data-dir.js";

const { values } = parseArgs({
  options: {
    students: { type: "string", default: "100000" },
    contracts: { type: "string", default: "200" },
    seed: { type: "string", default: "1" },
    out: { type: "string", default: "bench/data/full" },
    "sessions-per-student": { type: "string" },
    "enrollments-per-student": { type: "string" },
  },
});

function number(name) {
  const text = values[name];
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`--${name} must be a number, got ${text}`);
  return value;
}

const options = {
  students: number("students"),
  contracts: number("contracts"),
  seed: values.seed,
  sessionsPerStudent: number("sessions-per-student"),
  enrollmentsPerStudent: number("enrollments-per-student"),
};

const started = performance.now();
const district = generateDistrict(options);
const planned = performance.now();
const { files } = await writeDataDir(values.out, district);
const done = performance.now();

const twoPlaces = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const onePlace = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const seconds = (ms) => twoPlaces.format(ms / 1000);
const mb = (bytes) => onePlace.format(bytes / 1e6);
const csv = files.filter((f) => f.name.endsWith(".csv"));
const terms = files.filter((f) => f.name.startsWith("terms/"));
const rows = [
  ...csv.map((f) => [f.name, f.rows, f.bytes]),
  [`terms/*.json`, terms.length, terms.reduce((sum, f) => sum + f.bytes, 0)],
];
const total = files.reduce((sum, f) => sum + f.bytes, 0);

console.log(`district: ${district.description.district.name} (seed ${district.description.seed})`);
console.log(
  `options: students=${options.students} contracts=${options.contracts} schools=${district.description.schools.length}`,
);
console.log("file                  rows        MB");
for (const [name, count, bytes] of rows) {
  console.log(`${name.padEnd(18)} ${String(count).padStart(10)} ${mb(bytes).padStart(9)}`);
}
console.log(`${"total".padEnd(18)} ${"".padStart(10)} ${mb(total).padStart(9)}`);
console.log(
  `plan ${seconds(planned - started)} s, stream+write ${seconds(done - planned)} s, ` +
    `total ${seconds(done - started)} s; peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB; node ${process.version}`,
);
console.log(`written to ${values.out}`);
