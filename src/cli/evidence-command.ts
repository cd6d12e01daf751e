/**
 * `accord evidence`: the evidence beside a contract's payment, from the store (data
 * quality, forecast, impact), or with --simulate the pricing of its latest terms on a
 * population's stored data (targets and a bootstrap of the payment).
 */
import { parseArgs } from "node:util";
import { computeEvidence } from "../app/evidence/build-evidence.js";
import { evidenceJson } from "../app/evidence/evidence-json.js";
import { districtsWithContract } from "../app/evidence/read-contract-terms.js";
import { simulateTerms } from "../app/evidence/simulate-terms.js";
import { simulationJson } from "../app/evidence/simulation-json.js";
import type { Db } from "../app/ports/db.js";
import { MAX_DRAWS, MIN_DRAWS } from "../core/evidence/payment-simulation.js";
import { parseIsoDate, type IsoDate } from "../core/date.js";
import { formatRowProblem } from "../core/problem.js";
import { evidenceToText, simulationToText } from "../shared/evidence-text.js";
import { EXIT_INVALID, EXIT_OK, UsageError, say, writeOutput } from "./io.js";
import { withStore, type Env } from "./store.js";

export const EVIDENCE_HELP = `Usage: accord evidence --contract ID [--district ID] [--as-of DATE] [--follow-up WINDOW] [--json]

The evidence beside a contract's payment, computed from the store: the data quality
report (and whether the statement is provisional), the forecast of the final statement
as a range (low, expected, high), the estimated impact on growth, results by
subgroup, and how much of the gain persisted at a follow-up window.

  --contract ID       the contract
  --district ID       its district (needed only when several districts have the id)
  --as-of DATE        as of this date (YYYY-MM-DD); default today, or the period end once passed
  --follow-up WINDOW  the window persistence is measured at, of the outcome's assessment
                      and subject (e.g. 2025-fall); default the fall after the outcome window
  --json              the report as JSON (the district's shape of the API's answer)

Usage: accord evidence --contract ID --simulate [--population ID] [--draws N] [--seed S] [--json]

Prices the contract's latest terms (a draft too) on a population's stored data: the
share of students meeting each metric at candidate targets, and P10/P50/P90 of the
payment over bootstrap draws of the students.

  --population ID     the contract whose data stands in (another school year); default the contract
  --draws N           bootstrap draws, ${MIN_DRAWS} to ${MAX_DRAWS}; default 1000
  --seed S            the seed of the draws; default "accord"
`;

async function resolveDistrict(db: Db, contractId: string, given: string | undefined): Promise<string> {
  if (given !== undefined) {
    const id = given.trim();
    if (id === "") throw new UsageError("--district needs an id");
    return id;
  }
  const districts = await districtsWithContract(db, contractId);
  if (districts.length === 1 && districts[0] !== undefined) return districts[0];
  if (districts.length === 0) throw new UsageError(`no district has a contract ${contractId}`);
  throw new UsageError(
    `districts ${districts.join(", ")} each have a contract ${contractId}: give --district`,
  );
}

function drawsOption(value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < MIN_DRAWS || n > MAX_DRAWS)
    throw new UsageError(`--draws must be a whole number from ${MIN_DRAWS} to ${MAX_DRAWS}`);
  return n;
}

export async function evidenceCommand(args: string[], env: Env = process.env): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      contract: { type: "string" },
      district: { type: "string" },
      "as-of": { type: "string" },
      "follow-up": { type: "string" },
      json: { type: "boolean", default: false },
      simulate: { type: "boolean", default: false },
      population: { type: "string" },
      draws: { type: "string" },
      seed: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(EVIDENCE_HELP);
    return EXIT_OK;
  }
  const contractId = values.contract?.trim() ?? "";
  if (contractId === "") throw new UsageError("--contract ID is required");
  const asOf = values["as-of"] === undefined ? null : parseIsoDate(values["as-of"]);
  if (values["as-of"] !== undefined && asOf === null)
    throw new UsageError(`--as-of ${values["as-of"]} is not a date (YYYY-MM-DD)`);
  if (!values.simulate && (values.population ?? values.draws ?? values.seed) !== undefined)
    throw new UsageError("--population, --draws and --seed go with --simulate");
  if (values.simulate && asOf !== null) throw new UsageError("--as-of does not go with --simulate");
  const followUp = values["follow-up"]?.trim() ?? null;
  if (followUp !== null && !/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/.test(followUp))
    throw new UsageError(
      `--follow-up ${JSON.stringify(followUp)} is not a window name (letters, digits, '-', '_', '.' or space, at most 40)`,
    );
  if (values.simulate && followUp !== null) throw new UsageError("--follow-up does not go with --simulate");
  const draws = drawsOption(values.draws);

  return withStore(env, async (db) => {
    const districtId = await resolveDistrict(db, contractId, values.district);
    if (values.simulate) {
      const request = {
        districtId,
        contractId,
        termsDocument: null,
        populationContractId: values.population ?? null,
        draws,
        seed: values.seed ?? null,
      };
      const result = await db.transaction((tx) => simulateTerms(tx, request));
      if (result.kind === "not-found") return notFound(contractId, districtId, "terms");
      if (result.kind === "invalid-terms") throw new Error("stored terms failed to parse");
      if (result.kind === "no-population") {
        say(`accord: ${result.message}`);
        return EXIT_INVALID;
      }
      const json = simulationJson(districtId, result.result);
      await writeOutput(
        values.json ? JSON.stringify(json, null, 2) + "\n" : simulationToText(json),
        undefined,
      );
      return EXIT_OK;
    }
    const today = new Date().toISOString().slice(0, 10) as IsoDate;
    const result = await db.transaction((tx) =>
      computeEvidence(tx, { districtId, contractId, asOf, today, followUp }),
    );
    if (result.kind === "not-found") return notFound(contractId, districtId, "approved terms");
    if (result.kind === "invalid-data") {
      say(`${result.problems.length} stored row(s) cannot be read; correct and re-import them:`);
      for (const p of result.problems) say(`  ${formatRowProblem(p)}`);
      return EXIT_INVALID;
    }
    const json = evidenceJson(result.report, "district");
    await writeOutput(values.json ? JSON.stringify(json, null, 2) + "\n" : evidenceToText(json), undefined);
    return EXIT_OK;
  });
}

function notFound(contractId: string, districtId: string, what: string): number {
  say(`accord: district ${districtId} has no contract ${contractId} with ${what} (accord contract add)`);
  return EXIT_INVALID;
}
