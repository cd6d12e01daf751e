/**
 * `accord demo`: writes a synthetic district (deterministic by seed) as a data folder
 * with one terms file per contract, then settles every contract from those files,
 * exactly as `accord settle` would.
 */
import { parseArgs } from "node:util";
import { generateDistrict } from "../core/demo/generate-district.js";
import { writeDataDir } from "../adapters/csv/write-data-dir.js";
import { settleOffline } from "../app/settle-offline.js";
import { offlineFiles } from "../adapters/files/offline-files.js";
import { formatRowProblem } from "../core/problem.js";
import { statementToText } from "../shared/statement-text.js";
import { statementToJson } from "../shared/statement-json.js";
import { groupedAmount } from "../shared/format-amount.js";
import { say, writeOutput, EXIT_OK, EXIT_INTERNAL, UsageError } from "./io.js";

export const DEMO_HELP = `Usage: accord demo [--students N] [--seed S] [--contracts N] [--out DIR] [--format text|json]

Generates a synthetic district (students with subgroups, enrollments, fall, winter and
spring MAP Growth results with growth targets and rapid-guess flags, tutoring sessions
with tutors and no-shows, contract terms) into DIR and settles its contracts.
The same seed always gives the same files and the same statements.

  --students N     students in the district (default 2000)
  --seed S         any number or word (default 1)
  --contracts N    contracts, 1 to 8 (default 3)
  --out DIR        where to write the files (default ./demo-district)
  --format F       text (default) or json
`;

function wholeNumber(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return value;
}

export async function demoCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      students: { type: "string", default: "2000" },
      seed: { type: "string", default: "1" },
      contracts: { type: "string", default: "3" },
      out: { type: "string", default: "demo-district" },
      format: { type: "string", default: "text" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(DEMO_HELP);
    return EXIT_OK;
  }
  if (values.format !== "text" && values.format !== "json")
    throw new UsageError("--format must be text or json");
  const students = wholeNumber("students", values.students, 10, 1_000_000);
  const contracts = wholeNumber("contracts", values.contracts, 1, 8);
  const district = generateDistrict({ students, seed: values.seed, contracts });
  const { files } = await writeDataDir(values.out, district);
  const d = district.description;
  say(`${d.district.name}: ${students} students in ${d.schools.length} schools (seed ${d.seed})`);
  for (const f of files.filter((x) => x.name.endsWith(".csv")))
    say(`  wrote ${values.out}/${f.name} (${f.rows} rows)`);
  say(`  wrote ${values.out}/terms/ (${d.contracts.length} contracts)`);
  say("");

  const result = await settleOffline(offlineFiles, {
    termsPath: `${values.out}/terms`,
    dataDir: values.out,
    asOf: null,
    allowRejects: false,
  });
  if (result.kind !== "settled") {
    // Generated data is valid by construction; anything else is a bug worth reporting whole.
    say(`accord demo: the generated data did not settle: ${result.kind}`);
    if (result.kind === "rejected-rows")
      for (const p of result.report.problems.slice(0, 20)) say(`  ${formatRowProblem(p)}`);
    return EXIT_INTERNAL;
  }
  if (values.format === "json") {
    await writeOutput(
      JSON.stringify(
        result.settled.map((s) => statementToJson(s.statement)),
        null,
        2,
      ) + "\n",
      undefined,
    );
    return EXIT_OK;
  }
  const text = result.settled
    .map((s) => statementToText(s.statement, s.terms))
    .join("\n" + "=".repeat(88) + "\n\n");
  const summary = result.settled
    .map(
      (s) =>
        `  ${s.statement.contractId.padEnd(36)} ${s.terms.vendor.name.padEnd(28)} total ${groupedAmount(s.statement.totalCents).padStart(14)}  due ${groupedAmount(s.statement.dueCents).padStart(14)}`,
    )
    .join("\n");
  await writeOutput(
    `${text}\n${"=".repeat(88)}\n\nContracts settled as of their period end:\n${summary}\n\n` +
      `Settle again, or as of another date, with for example:\n` +
      `  npx accord settle --terms ${values.out}/terms --data ${values.out} --format text\n` +
      `  npx accord settle --terms ${values.out}/terms --data ${values.out} --as-of 2025-01-31 --format csv --out lines.csv\n` +
      `Or keep them in the store (./.accord) and settle from there:\n` +
      `  npx accord contract add ${values.out}/terms\n` +
      `  npx accord import ${values.out} --district ${d.district.id}\n` +
      `  npx accord settle --district ${d.district.id} --all --format text\n`,
    undefined,
  );
  return EXIT_OK;
}
