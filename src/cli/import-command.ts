/**
 * `accord import`, `accord imports` and `accord rejects`: canonical data-v1 files into the
 * store (DATABASE_URL, else PGlite under ACCORD_DATA_DIR or ./.accord), the list of import
 * batches, and a batch's rejected rows as CSV to fix and re-import. Output names files,
 * ids, codes and counts only, never a student's personal values.
 */
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import type { Db } from "../app/ports/db.js";
import {
  batchRejects,
  importCanonicalFile,
  listImportBatches,
  rejectsTable,
} from "../app/import-canonical-file.js";
import { DATA_FILE_KINDS, type DataFileKind } from "../core/data/records.js";
import { formatRowProblem } from "../core/problem.js";
import { EXIT_INVALID, EXIT_OK, UsageError, say, writeOutput } from "./io.js";

const FORMATS = DATA_FILE_KINDS.join("|");

export const IMPORT_HELP = `Usage: accord import FILE... --district ID [--format ${FORMATS}]

Imports canonical data-v1 CSV files into the store, each file in one transaction. The
format comes from the file name (students.csv, sessions-2025.csv), else from the header.
A file already imported (same SHA-256) is skipped; rows with a data-v1 key replace the
stored row of that key; rejected rows are stored (see accord rejects).
`;

export const IMPORTS_HELP = `Usage: accord imports --district ID

Lists the import batches of a district: id, file, format, when, and row counts.
`;

export const REJECTS_HELP = `Usage: accord rejects BATCH --district ID [--out FILE]

Writes the rejected rows of a batch as CSV in the file's header layout plus a reason
column (line, column, code, message); fix the rows and import the file again.
`;

type Env = Readonly<Record<string, string | undefined>>;

async function withStore<T>(env: Env, fn: (db: Db) => Promise<T>): Promise<T> {
  // Loaded here so that the other commands never load the database drivers.
  const { openStore } = await import("../adapters/db/open-store.js");
  const db = await openStore(env);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

function district(value: string | undefined): string {
  const id = value?.trim() ?? "";
  if (id === "") throw new UsageError("--district ID is required");
  return id;
}

function whoami(): string {
  try {
    const name = userInfo().username.trim();
    return name === "" ? "cli" : name;
  } catch {
    return "cli";
  }
}

export async function importCommand(args: string[], env: Env = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      district: { type: "string" },
      format: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(IMPORT_HELP);
    return EXIT_OK;
  }
  const districtId = district(values.district);
  if (positionals.length === 0) throw new UsageError("give at least one FILE");
  const format = values.format ?? null;
  if (format !== null && !DATA_FILE_KINDS.includes(format as DataFileKind))
    throw new UsageError(`--format must be one of ${FORMATS}`);
  const { importFile } = await import("../adapters/csv/import-file.js");
  const importedBy = whoami();
  return withStore(env, async (db) => {
    let code = EXIT_OK;
    for (const path of positionals) {
      const result = await importCanonicalFile(db, importFile(path), {
        districtId,
        format: format as DataFileKind | null,
        importedBy,
      });
      if (result.kind === "unchanged") {
        process.stdout.write(`${path}: unchanged: already imported as batch ${result.batchId}\n`);
      } else if (result.kind === "invalid") {
        for (const p of result.problems) say(formatRowProblem(p));
        say(`${path}: not imported`);
        code = EXIT_INVALID;
      } else {
        process.stdout.write(
          `${path}: batch ${result.batchId} (${result.format}): ${result.rows} rows, ` +
            `${result.accepted} accepted (${result.unchanged} unchanged, ${result.replaced} replaced), ` +
            `${result.rejected} rejected\n`,
        );
        if (result.rejected > 0)
          say(
            `${path}: see the rejected rows with: accord rejects ${result.batchId} --district ${districtId}`,
          );
      }
    }
    return code;
  });
}

export async function importsCommand(args: string[], env: Env = process.env): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { district: { type: "string" }, help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help) {
    process.stdout.write(IMPORTS_HELP);
    return EXIT_OK;
  }
  const districtId = district(values.district);
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
  const widths = table[0]?.map((_, i) => Math.max(...table.map((row) => (row[i] ?? "").length))) ?? [];
  const text = table
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
  process.stdout.write(`${text}\n`);
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
  const districtId = district(values.district);
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
