// CSV parsers on the benchmark's sessions.csv, one process each, counting rows only:
// Accord's scanner (src/adapters/csv/scanner.ts), uDSV and csv-parse, all streaming
// the same file in 1 MiB reads. `npm run bench:csv` (after bench:settle made the data).
import { createReadStream, existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const file = process.argv[3] ?? "bench/data/full/sessions.csv";

async function accord() {
  const { readCsvFile } = await import("../dist/adapters/csv/read-csv-file.js");
  let rows = 0;
  await readCsvFile(file, { row: () => rows++, bad: () => rows++ });
  return rows - 1;
}

async function udsv() {
  const { inferSchema, initParser } = await import("udsv");
  let parser = null;
  let rows = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20, encoding: "utf8" })) {
    parser ??= initParser(inferSchema(chunk));
    parser.chunk(chunk, parser.stringArrs, () => rows++);
  }
  parser?.end();
  return rows;
}

async function csvParse() {
  const { parse } = await import("csv-parse");
  let rows = 0;
  const parser = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(parse({ from_line: 2 }));
  for await (const _ of parser) rows++;
  return rows;
}

const PARSERS = { accord, udsv, "csv-parse": csvParse };

if (process.argv[2] in PARSERS) {
  const started = performance.now();
  const rows = await PARSERS[process.argv[2]]();
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(JSON.stringify({ rows, seconds }) + "\n");
} else {
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run bench:settle first`);
  for (const name of Object.keys(PARSERS)) {
    const r = spawnSync(process.execPath, ["bench/csv-parsers.js", name, file], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`);
    const { rows, seconds } = JSON.parse(r.stdout);
    console.log(
      `${name.padEnd(10)} ${rows} rows in ${seconds.toFixed(2)} s = ${(rows / seconds / 1e6).toFixed(2)}M rows/s`,
    );
  }
}
