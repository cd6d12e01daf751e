/**
 * `accord imports` and `accord rejects`: a district's import batches, and a batch's
 * rejected rows as CSV to fix and re-import. Output names files, ids, codes and counts
 * only, never a student's personal values (the rejects file holds the rows as the
 * district sent them, for the district).
 */
import { parseArgs } from "node:util";
import { batchRejects, listImportBatches, rejectsTable } from "../app/import-batches.js";
import { EXIT_INVALID, EXIT_OK, UsageError, say, writeOutput } from "./io.js";
import { districtOption, withStore, type Env } from "./store.js";
import { textTable } from "../shared/text-table.js";

export const IMPORTS_HELP = `Usage: accord imports --district ID

Lists the import batches of a district: id, file, format, when, and row counts.
`;

export const REJECTS_HELP = `Usage: accord rejects BATCH --district ID [--out FILE]

Writes the rejected rows of a batch as CSV. For a CSV file (canonical or a vendor
export): the file's own header plus a reason column (line, column, code, message); fix
the rows and import the file again. For Ed-Fi JSON and OneRoster sets: a reason (line,
JSON path or column, code, message; the file of the set) and the record as read.
`;

export async function importsCommand(args: string[], env: Env = process.env): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { district: { type: "string" }, help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help) {
    process.stdout.write(IMPORTS_HELP);
    return EXIT_OK;
  }
  const districtId = districtOption(values.district);
  const batches = await withStore(env, (db) => listImportBatches(db, districtId));
  const table = [
    ["batch", "file", "format", "imported_at", "accepted", "rejected", "unchanged", "replaced"],
    ...batches.map((b) => [
      String(b.batchId),
      b.fileName,
      b.format,
      b.importedAt,
      String(b.accepted),
      String(b.rejected),
      String(b.unchanged),
      String(b.replaced),
    ]),
  ];
  process.stdout.write(`${textTable(table)}\n`);
  return EXIT_OK;
}

export async function rejectsCommand(args: string[], env: Env = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      district: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(REJECTS_HELP);
    return EXIT_OK;
  }
  const districtId = districtOption(values.district);
  const [batch, ...extra] = positionals;
  if (batch === undefined || extra.length > 0 || !/^\d+$/.test(batch))
    throw new UsageError("give one BATCH number");
  const rejects = await withStore(env, (db) => batchRejects(db, districtId, BigInt(batch)));
  if (rejects === null) {
    say(`accord rejects: district ${districtId} has no batch ${batch}`);
    return EXIT_INVALID;
  }
  const { csvField } = await import("../adapters/csv/write-data-dir.js");
  const text = rejectsTable(rejects)
    .map((row) => row.map(csvField).join(","))
    .join("\n");
  await writeOutput(`${text}\n`, values.out);
  return EXIT_OK;
}
