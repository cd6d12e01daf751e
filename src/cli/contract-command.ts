/**
 * `accord contract add` records terms files in the store (a new contract, or a new terms
 * version of a known one); `accord contracts` lists a district's contracts.
 */
import { parseArgs } from "node:util";
import { recordContract } from "../app/record-contract.js";
import { listContracts } from "../app/list-contracts.js";
import { formatJsonProblem } from "../core/problem.js";
import { readTermsSources } from "../adapters/files/read-terms.js";
import { EXIT_INVALID, EXIT_OK, UsageError, say } from "./io.js";
import { whoami } from "./whoami.js";
import { districtOption, withStore, type Env } from "./store.js";

export const CONTRACT_HELP = `Usage: accord contract add FILE|DIR... [--district ID] [--reason TEXT]

Records obc-terms/1 files (a folder: its *.json files) in the store: the district and
vendor they name, the contract, and a terms version. The same terms again change
nothing; other terms for a known contract become its next version, with --reason
(default: "recorded from FILE"). With --district, every file must be that district's.
`;

export const CONTRACTS_HELP = `Usage: accord contracts --district ID

Lists a district's contracts: id, vendor, latest terms version, title.
`;

export async function contractCommand(args: string[], env: Env = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      district: { type: "string" },
      reason: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(CONTRACT_HELP);
    return EXIT_OK;
  }
  const [action, ...paths] = positionals;
  if (action !== "add") throw new UsageError("the contract command is: accord contract add FILE|DIR...");
  if (paths.length === 0) throw new UsageError("give at least one terms FILE or DIR");
  const sources = (await Promise.all(paths.map((p) => readTermsSources(p)))).flat();
  if (sources.length === 0) throw new UsageError("no *.json terms file found");
  const districtId = values.district?.trim() || null;
  const recordedBy = whoami();
  return withStore(env, async (db) => {
    let code = EXIT_OK;
    for (const source of sources) {
      const result = await recordContract(db, {
        source,
        districtId,
        recordedBy,
        reason: values.reason ?? `recorded from ${source.path}`,
      });
      if (result.kind === "invalid") {
        say(`${source.path}: not recorded, ${result.problems.length} problem(s)`);
        for (const p of result.problems) say(`  ${formatJsonProblem(p)}`);
        code = EXIT_INVALID;
      } else {
        const what = result.kind === "unchanged" ? "unchanged, already" : "recorded as";
        process.stdout.write(
          `${source.path}: contract ${result.contractId} of district ${result.districtId}: ${what} terms version ${result.version}\n`,
        );
      }
    }
    return code;
  });
}

export async function contractsCommand(args: string[], env: Env = process.env): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { district: { type: "string" }, help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help) {
    process.stdout.write(CONTRACTS_HELP);
    return EXIT_OK;
  }
  const districtId = districtOption(values.district);
  const contracts = await withStore(env, (db) => listContracts(db, districtId));
  for (const c of contracts)
    process.stdout.write(`${c.contractId}\t${c.vendorId}\tv${c.version}\t${c.title}\n`);
  if (contracts.length === 0)
    say(`district ${districtId} has no contracts (record one with accord contract add)`);
  return EXIT_OK;
}
