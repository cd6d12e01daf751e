/**
 * `accord import`: data files into the store (DATABASE_URL, else PGlite under
 * ACCORD_DATA_DIR or ./.accord), each file or set of files one batch in one transaction,
 * in dependency order. Each file's result line is printed on standard output when its
 * transaction commits, then a table of all of them; on a terminal a progress line per
 * file is drawn on standard error. Output names files, ids, codes and counts only,
 * never a student's personal values.
 */
import { parseArgs } from "node:util";
import type { Db } from "../app/ports/db.js";
import type { ImportSource } from "../app/ports/import.js";
import { csvImportSource } from "../app/csv-import-source.js";
import { importSource, type ImportResult } from "../app/import-batch.js";
import { importOrder } from "../core/import/import-order.js";
import { FILE_FORMAT_IDS, IMPORT_FORMATS, type ImportFormatId } from "../core/import/import-formats.js";
import { formatRowProblem } from "../core/problem.js";
import type { PlannedImport } from "../adapters/importers/plan-import.js";
import { EXIT_INVALID, EXIT_OK, UsageError, say } from "./io.js";
import { ProgressLine } from "./import-progress.js";
import { districtOption, withStore, type Env } from "./store.js";
import { textTable } from "../shared/text-table.js";
import { whoami } from "./whoami.js";

export { importsCommand, rejectsCommand, IMPORTS_HELP, REJECTS_HELP } from "./batches-command.js";

const formatList = (sets: boolean): string =>
  IMPORT_FORMATS.filter((f) => FILE_FORMAT_IDS.includes(f.id) !== sets)
    .map((f) => `  ${f.id.padEnd(26)}${f.description}`)
    .join("\n");

export const IMPORT_HELP = `Usage: accord import FILE|DIR... --district ID [--format FORMAT] [--contract ID]

Imports data files into the store, each file (or set of files) as one batch in one
transaction. Files are imported in dependency order: students (then the students that
vendor assessment exports carry), enrollments, assessments, sessions, obligations,
payments. A folder's .csv, .json, .ndjson and .jsonl files are imported; a folder with
manifest.csv is a OneRoster set, one batch of students (their english_learner,
special_education and economically_disadvantaged flags from a canonical students.csv in
that folder). Ed-Fi Student, StudentSchoolAssociation and
StudentEducationOrganizationAssociation files found together are one batch of students.

The format is read from each file: canonical files by name (students.csv,
sessions-2025.csv) or header, vendor exports by header, Ed-Fi JSON by its first
resource. --format names it for every file given:
${formatList(false)}
Sets of files are told by their files (not by --format):
${formatList(true)}

  --contract ID             the contract of rows that name none (DATAS sessions, Ed-Fi
                            attendance events); it must be in the store

A file already imported (same SHA-256) is skipped; rows with a data-v1 key replace the
stored row of that key; rejected rows are stored (see accord rejects). Each file's
result is printed when its transaction commits, and a table of all files at the end.
`;

interface Summary {
  readonly name: string;
  readonly format: string;
  readonly result: ImportResult | null;
}

export async function importCommand(args: string[], env: Env = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      district: { type: "string" },
      format: { type: "string" },
      contract: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(IMPORT_HELP);
    return EXIT_OK;
  }
  const districtId = districtOption(values.district);
  if (positionals.length === 0) throw new UsageError("give at least one FILE or DIR");
  const format = (values.format ?? null) as ImportFormatId | null;
  if (format !== null && !FILE_FORMAT_IDS.includes(format))
    throw new UsageError(`--format must be one of ${FILE_FORMAT_IDS.join("|")}`);
  const contractId = values.contract === undefined ? null : values.contract.trim();
  if (contractId === "") throw new UsageError("--contract needs a contract id");
  const { planImport } = await import("../adapters/importers/plan-import.js");
  const plan = await planImport(positionals, { format, contractId });
  const needing = plan.imports.filter((p) => p.needsContract);
  if (needing.length > 0 && contractId === null)
    throw new UsageError(
      `--contract ID is required: the rows of ${needing.map((p) => `${p.name} (${p.format ?? ""})`).join(", ")} name no contract`,
    );
  for (const s of plan.skipped) say(`${s.name}: skipped: ${s.reason}`);
  const importedBy = whoami();
  return withStore(env, async (db) => {
    const summaries: Summary[] = [];
    for (const planned of importOrder(plan.imports)) {
      const result = await importOne(db, planned, { districtId, importedBy, contractId });
      summaries.push({ name: planned.name, format: planned.format ?? "", result });
    }
    process.stdout.write(`\n${summaryTable(summaries)}\n`);
    const invalid = summaries.some((s) => s.result === null || s.result.kind === "invalid");
    return invalid ? EXIT_INVALID : EXIT_OK;
  });
}

async function importOne(
  db: Db,
  planned: PlannedImport,
  options: { districtId: string; importedBy: string; contractId: string | null },
): Promise<ImportResult | null> {
  const { name, input } = planned;
  if (input.kind === "invalid") {
    for (const p of input.problems) say(formatRowProblem(p));
    say(`${name}: not imported`);
    return null;
  }
  const source: ImportSource =
    input.kind === "csv"
      ? csvImportSource(input.file, { format: input.format, contractId: options.contractId })
      : input.source;
  const progress = new ProgressLine(
    {
      isTTY: process.stderr.isTTY === true,
      columns: process.stderr.columns || 80, // 0 when the terminal does not say
      write: (text) => process.stderr.write(text),
      now: () => performance.now(),
    },
    name,
  );
  let result: ImportResult;
  try {
    result = await importSource(db, source, { ...options, onProgress: progress.update });
  } finally {
    progress.done();
  }
  report(result, options.districtId);
  return result;
}

/** The file's line, printed once its transaction committed, and what to do about rejects. */
function report(result: ImportResult, districtId: string): void {
  const { file } = result;
  if (result.kind === "unchanged") {
    process.stdout.write(`${file}: unchanged: already imported as batch ${result.batchId}\n`);
  } else if (result.kind === "invalid") {
    for (const p of result.problems) say(formatRowProblem(p));
    say(`${file}: not imported`);
  } else {
    process.stdout.write(
      `${file}: batch ${result.batchId} (${result.format}): ${result.rows} rows, ` +
        `${result.accepted} accepted (${result.unchanged} unchanged, ${result.replaced} replaced), ` +
        `${result.rejected} rejected\n`,
    );
    for (const note of result.notes) say(`${file}: ${note}`);
    if (result.rejected > 0)
      say(`${file}: see the rejected rows with: accord rejects ${result.batchId} --district ${districtId}`);
  }
}

function summaryTable(summaries: readonly Summary[]): string {
  const dash = ["-", "-", "-", "-", "-"];
  const rows = summaries.map(({ name, format, result }): string[] => {
    if (result === null || result.kind === "invalid")
      return [name, format || "-", "-", ...dash, "not imported"];
    if (result.kind === "unchanged")
      return [name, result.format, String(result.batchId), ...dash, "already imported"];
    const { rows: n, accepted, rejected, unchanged, replaced } = result;
    return [
      name,
      result.format,
      String(result.batchId),
      ...[n, accepted, rejected, unchanged, replaced].map(String),
      "",
    ];
  });
  return textTable([
    ["file", "format", "batch", "rows", "accepted", "rejected", "unchanged", "replaced", "note"],
    ...rows,
  ]);
}
