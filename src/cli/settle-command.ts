/** `accord settle`: statements from terms files and a folder of canonical data files. */
import { parseArgs } from "node:util";
import { stat } from "node:fs/promises";
import { settleOffline } from "../app/settle-offline.js";
import type { DataReport } from "../adapters/csv/read-data-dir.js";
import { offlineFiles } from "../adapters/files/offline-files.js";
import { parseIsoDate } from "../core/date.js";
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
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(SETTLE_HELP);
    return EXIT_OK;
  }
  if (values.terms === undefined || values.data === undefined)
    throw new UsageError("settle needs --terms and --data");
  const asOf = values["as-of"] === undefined ? null : parseIsoDate(values["as-of"]);
  if (values["as-of"] !== undefined && asOf === null)
    throw new UsageError(`--as-of ${values["as-of"]} is not a date (YYYY-MM-DD)`);
  const toTerminal = values.out === undefined && process.stdout.isTTY === true;
  const format = values.format ?? (toTerminal ? "text" : "json");
  if (format !== "json" && format !== "text" && format !== "csv")
    throw new UsageError(`--format must be json, text or csv`);

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
  let text: string;
  if (format === "csv") text = statementsToCsv(result.settled.map((x) => x.statement));
  else if (format === "text") {
    text = result.settled.map((x) => statementToText(x.statement, x.terms)).join("\n");
    if (rejects !== undefined)
      text += `\nData rejects: ${rejects.count} rows were rejected and left out (listed on standard error).\n`;
  } else {
    const docs = result.settled.map((x) => ({
      ...statementToJson(x.statement),
      ...(rejects ? { rejectedRows: rejects } : {}),
    }));
    const isDir = result.settled.length !== 1 || (await isDirectory(values.terms));
    // One contract: an indented document to read. A folder: a JSON array with one
    // statement a line, which stays small and fast for a district's many contracts.
    text = isDir
      ? `[\n${docs.map((d) => JSON.stringify(d)).join(",\n")}\n]\n`
      : JSON.stringify(docs[0], null, 2) + "\n";
  }
  await writeOutput(text, values.out);
  return EXIT_OK;
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
