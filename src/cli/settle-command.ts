/** `accord settle`: statements from terms files and a folder of canonical data files. */
import { parseArgs } from "node:util";
import { stat } from "node:fs/promises";
import { settleOffline } from "../app/settle-offline.js";
import {
  settleStoredContracts,
  type SettleStoredRequest,
  type StoredSettlement,
} from "../app/settle-stored-contracts.js";
import {
  checkDataQuality,
  checkDataSetQuality,
  type StatementDataQuality,
} from "../app/statements/check-data-quality.js";
import type { SqlRunner } from "../app/ports/db.js";
import type { Terms } from "../core/terms/types.js";
import type { Statement } from "../core/settlement/statement.js";
import type { DataReport } from "../adapters/csv/read-data-dir.js";
import { offlineFiles } from "../adapters/files/offline-files.js";
import { dataFileImports } from "../adapters/files/data-file-imports.js";
import { parseIsoDate, type IsoDate } from "../core/date.js";
import { formatJsonProblem, formatRowProblem } from "../core/problem.js";
import { statementToJson } from "../shared/statement-json.js";
import { statementToText } from "../shared/statement-text.js";
import { statementsToCsv } from "../shared/statement-csv.js";
import { writeOutput, say, EXIT_OK, EXIT_INVALID, UsageError } from "./io.js";

export const SETTLE_HELP = `Usage: accord settle --terms FILE|DIR --data DIR [options]

Settles contracts from obc-terms/1 files and a folder of data-v1 CSV files.

  --terms FILE|DIR    one terms file, or a folder of *.json terms files (one pass over the data)
  --data DIR          folder with students.csv, enrollments.csv, assessments.csv, sessions.csv
                      and optionally obligations.csv and payments.csv
  --as-of DATE        settle as of this date (YYYY-MM-DD); default: each contract's period end
  --format F          json (obc-statement/1), text, or csv (per-student lines);
                      default: text on a terminal, json otherwise
  --out FILE          write to FILE instead of standard output
  --allow-rejects     compute on the accepted rows when some rows are rejected, and report them

The data quality check that runs before every statement the server issues runs on the
files too: each contract's verdict (provisional, with the reasons, or not) is printed on
standard error. A data file's age is counted from the time it was last written.

Usage: accord settle --district ID (--contract ID... | --all) [--as-of DATE] [--format F] [--out FILE]

Settles contracts recorded in the store (accord contract add) on the rows imported into
it (accord import), with each contract's latest terms: the same statement as settling
the same terms and files offline. The data quality check that runs before every
statement the server issues runs too: each contract's verdict (provisional, with the
reasons, or not) is printed on standard error; accord evidence --contract ID gives the
whole report.

  --district ID       the district whose store rows are read
  --contract ID       a contract to settle (repeat for several)
  --all               every contract of the district
`;

export async function settleCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      terms: { type: "string" },
      data: { type: "string" },
      "as-of": { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      "allow-rejects": { type: "boolean", default: false },
      district: { type: "string" },
      contract: { type: "string", multiple: true },
      all: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(SETTLE_HELP);
    return EXIT_OK;
  }
  const fromStore = values.contract !== undefined || values.all || values.district !== undefined;
  if (fromStore && (values.terms !== undefined || values.data !== undefined))
    throw new UsageError(
      "settle reads either --terms and --data, or the store (--district with --contract or --all)",
    );
  if (!fromStore && (values.terms === undefined || values.data === undefined))
    throw new UsageError("settle needs --terms and --data, or --district with --contract or --all");
  const asOf = values["as-of"] === undefined ? null : parseIsoDate(values["as-of"]);
  if (values["as-of"] !== undefined && asOf === null)
    throw new UsageError(`--as-of ${values["as-of"]} is not a date (YYYY-MM-DD)`);
  const toTerminal = values.out === undefined && process.stdout.isTTY === true;
  const format = values.format ?? (toTerminal ? "text" : "json");
  if (format !== "json" && format !== "text" && format !== "csv")
    throw new UsageError(`--format must be json, text or csv`);
  if (fromStore) {
    const districtId = values.district?.trim() ?? "";
    if (districtId === "") throw new UsageError("--district ID is required to settle from the store");
    if (values.all === (values.contract !== undefined))
      throw new UsageError("give --contract ID (one or more) or --all");
    return settleFromStore(
      { districtId, contractIds: values.all ? null : (values.contract ?? []), asOf },
      format,
      values.out,
    );
  }
  if (values.terms === undefined || values.data === undefined)
    throw new UsageError("settle needs --terms and --data");

  const result = await settleOffline(offlineFiles, {
    termsPath: values.terms,
    dataDir: values.data,
    asOf,
    allowRejects: values["allow-rejects"],
  });
  if (result.kind === "invalid-terms") {
    for (const file of result.problems) {
      say(`${file.path}: ${file.problems.length} problem${file.problems.length === 1 ? "" : "s"}`);
      for (const p of file.problems) say(`  ${formatJsonProblem(p)}`);
    }
    return EXIT_INVALID;
  }
  if (result.kind === "rejected-rows") {
    reportRejects(result.report);
    say(
      "No statement was computed. Fix the rows and run again, or use --allow-rejects to settle on the accepted rows.",
    );
    return EXIT_INVALID;
  }
  if (result.report.rejected > 0) reportRejects(result.report);

  const rejects =
    result.report.rejected > 0
      ? { count: result.report.rejected, rows: result.report.problems.map((p) => ({ ...p })) }
      : undefined;
  const imports = await dataFileImports(result.report.files);
  const today = todayUtc();
  for (const { terms, statement } of result.settled)
    sayDataQuality(terms.contractId, checkDataSetQuality(result.data, terms, imports, statement.asOf, today));
  const oneDocument = result.settled.length === 1 && !(await isDirectory(values.terms));
  await writeOutput(renderStatements(result.settled, format, oneDocument, rejects), values.out);
  return EXIT_OK;
}

type Rejects = { readonly count: number; readonly rows: readonly object[] };

function renderStatements(
  settled: readonly { readonly terms: Terms; readonly statement: Statement }[],
  format: "json" | "text" | "csv",
  oneDocument: boolean,
  rejects: Rejects | undefined,
): string {
  if (format === "csv") return statementsToCsv(settled.map((x) => x.statement));
  if (format === "text") {
    const text = settled.map((x) => statementToText(x.statement, x.terms)).join("\n");
    return rejects === undefined
      ? text
      : `${text}\nData rejects: ${rejects.count} rows were rejected and left out (listed on standard error).\n`;
  }
  const docs = settled.map((x) => ({
    ...statementToJson(x.statement),
    ...(rejects ? { rejectedRows: rejects } : {}),
  }));
  // One contract: an indented document to read. Several: a JSON array with one
  // statement a line, which stays small and fast for a district's many contracts.
  return oneDocument
    ? JSON.stringify(docs[0], null, 2) + "\n"
    : `[\n${docs.map((d) => JSON.stringify(d)).join(",\n")}\n]\n`;
}

async function settleFromStore(
  request: SettleStoredRequest,
  format: "json" | "text" | "csv",
  out: string | undefined,
): Promise<number> {
  const { openStore } = await import("../adapters/db/open-store.js");
  const db = await openStore(process.env);
  try {
    const result = await settleStoredContracts(db, request);
    if (result.kind === "unknown-contracts") {
      say(
        `district ${request.districtId} has no contract ${result.contractIds.join(", ")} (record it with accord contract add)`,
      );
      return EXIT_INVALID;
    }
    if (result.kind === "invalid-data") {
      say(`${result.problems.length} stored row(s) cannot be settled on:`);
      for (const p of result.problems.slice(0, 20)) say(`  ${formatRowProblem(p)}`);
      say("No statement was computed. Import corrected rows and run again.");
      return EXIT_INVALID;
    }
    for (const settled of result.settled) await reportDataQuality(db, request.districtId, settled);
    const oneDocument = request.contractIds?.length === 1;
    await writeOutput(renderStatements(result.settled, format, oneDocument, undefined), out);
    return EXIT_OK;
  } finally {
    await db.close();
  }
}

/** The data quality verdict of a stored contract's statement, on standard error. */
async function reportDataQuality(
  db: SqlRunner,
  districtId: string,
  settled: StoredSettlement,
): Promise<void> {
  const quality = await checkDataQuality(db, districtId, settled, settled.statement.asOf, todayUtc());
  sayDataQuality(settled.terms.contractId, quality);
}

function todayUtc(): IsoDate {
  return new Date().toISOString().slice(0, 10) as IsoDate;
}

/** A contract's data quality verdict on standard error, with the reasons when provisional. */
function sayDataQuality(contractId: string, quality: StatementDataQuality): void {
  const warnings = quality.findings.filter((f) => f.severity !== "error").length;
  const more =
    warnings === 0 ? "" : ` (${warnings} warning${warnings === 1 ? "" : "s"}: accord evidence lists them)`;
  if (!quality.provisional) {
    say(`${contractId}: data quality: not provisional${more}`);
    return;
  }
  say(`${contractId}: data quality: PROVISIONAL, the data may change this statement${more}`);
  for (const reason of quality.reasons) say(`  ! ${reason}`);
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path)).isDirectory();
}

function reportRejects(report: DataReport): void {
  say(`${report.rejected} row${report.rejected === 1 ? "" : "s"} rejected:`);
  for (const f of report.files) {
    say(`  ${f.path}: ${f.rows} rows, ${f.accepted} accepted, ${f.rejected} rejected`);
  }
  const byCode = new Map<string, number>();
  for (const p of report.problems) byCode.set(p.code, (byCode.get(p.code) ?? 0) + 1);
  say(`  by reason: ${[...byCode].map(([c, n]) => `${c} ${n}`).join(", ")}`);
  const shown = report.problems.slice(0, 20);
  say(`First ${shown.length}:`);
  for (const p of shown) say(`  ${formatRowProblem(p)}`);
  if (report.problems.length > shown.length) say(`  ... and ${report.rejected - shown.length} more`);
}
