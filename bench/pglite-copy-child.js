// The PGlite yardstick of `npm run bench:import`: raw COPY of a canonical CSV file into
// an unindexed table of a fresh on-disk PGlite, the file fed in pieces of about 4 MiB
// cut at line ends. Prints JSON: seconds of the COPY alone, rows, peak RSS.
import { createReadStream, rmSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";

const [file, dir] = process.argv.slice(2);
rmSync(dir, { recursive: true, force: true });
const db = await PGlite.create({ dataDir: dir });
await db.exec(`CREATE TABLE raw_sessions (session_id text, contract_id text, student_id text, tutor_id text,
  session_date date, minutes integer, attended boolean, group_size integer)`);
const started = performance.now();
let carry = "";
let first = true;
let rows = 0;
const copy = async (tx, text) => {
  const options = first ? "FORMAT csv, HEADER true" : "FORMAT csv";
  first = false;
  const result = await tx.query(`COPY raw_sessions FROM '/dev/blob' WITH (${options})`, [], {
    blob: new Blob([text]),
  });
  rows += result.affectedRows ?? 0;
};
await db.transaction(async (tx) => {
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 4 << 20 })) {
    const text = carry + chunk;
    const cut = text.lastIndexOf("\n") + 1;
    carry = text.slice(cut);
    if (cut > 0) await copy(tx, text.slice(0, cut));
  }
  if (carry !== "") await copy(tx, carry);
});
const seconds = (performance.now() - started) / 1000;
await db.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ seconds, rows, maxRSS: process.resourceUsage().maxRSS })}\n`);
