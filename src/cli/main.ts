/** The `accord` command line: dispatches to the commands, maps failures to exit codes. */
import { settleCommand, SETTLE_HELP } from "./settle-command.js";
import { termsCommand, TERMS_HELP } from "./terms-command.js";
import { demoCommand, DEMO_HELP } from "./demo-command.js";
import { migrateCommand, MIGRATE_HELP } from "./migrate-command.js";
import {
  importCommand,
  importsCommand,
  rejectsCommand,
  IMPORT_HELP,
  IMPORTS_HELP,
  REJECTS_HELP,
} from "./import-command.js";
import { contractCommand, contractsCommand, CONTRACT_HELP, CONTRACTS_HELP } from "./contract-command.js";
import { auditCommand, AUDIT_HELP } from "./audit-command.js";
import { evidenceCommand, EVIDENCE_HELP } from "./evidence-command.js";
import { ocdsCommand, OCDS_HELP } from "./ocds-command.js";
import { EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, UsageError, say } from "./io.js";

const HELP = `Usage: accord <command> [options]

Commands:
  serve      run the server: the HTTP API on http://localhost:3000 (accord serve --help)
  settle     settle contracts from terms and data files, or from the store (accord settle --help)
  terms      check terms files (accord terms check FILE...)
  demo       generate a synthetic district and settle its contracts (accord demo --help)
  migrate    apply pending database migrations (DATABASE_URL, else ./.accord or ACCORD_DATA_DIR)
  contract   record contract terms in the store (accord contract add FILE|DIR...)
  contracts  list a district's contracts (accord contracts --district ID)
  import     import data files into the store (accord import FILE|DIR... --district ID)
  imports    list a district's import batches (accord imports --district ID)
  rejects    write a batch's rejected rows as CSV (accord rejects BATCH --district ID)
  audit      verify the audit log's hash chain, or list its entries (accord audit verify|list)
  evidence   a contract's data quality, forecast and impact, or a simulation of its terms (accord evidence --help)
  ocds       a district's published contracts as OCDS open data (accord ocds --district ID [--contract ID])
  invoice    a statement's invoice as PDF and CSV files (accord invoice --statement ID --district ID [--out DIR])
  alerts     mail alerts as members' notification preferences say, for cron (accord alerts send [--dry-run])

Exit codes: 0 success, 2 invalid input (problems listed on standard error), 1 internal error.
`;

const HELPS = new Map([
  ["settle", SETTLE_HELP],
  ["terms", TERMS_HELP],
  ["demo", DEMO_HELP],
  ["migrate", MIGRATE_HELP],
  ["contract", CONTRACT_HELP],
  ["contracts", CONTRACTS_HELP],
  ["import", IMPORT_HELP],
  ["imports", IMPORTS_HELP],
  ["rejects", REJECTS_HELP],
  ["audit", AUDIT_HELP],
  ["evidence", EVIDENCE_HELP],
  ["ocds", OCDS_HELP],
]);

/**
 * Commands whose modules are large (the HTTP API, PDF, mail: most of the CLI's start-up
 * time and memory), loaded only when they run, so that an import or a settle does not pay
 * for them.
 */
const serve = () => import("./serve-command.js");
const invoice = () => import("./invoice-command.js");
const alerts = () => import("./alerts-command.js");

async function helpOf(name: string | undefined): Promise<string> {
  if (name === "serve") return (await serve()).SERVE_HELP;
  if (name === "invoice") return (await invoice()).INVOICE_HELP;
  if (name === "alerts") return (await alerts()).ALERTS_HELP;
  return HELPS.get(name ?? "") ?? HELP;
}

export async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    switch (name) {
      case undefined:
      case "help":
      case "--help":
      case "-h":
        process.stdout.write(HELP);
        return EXIT_OK;
      case "serve":
        return await (await serve()).serveCommand(rest);
      case "settle":
        return await settleCommand(rest);
      case "terms":
        return await termsCommand(rest);
      case "demo":
        return await demoCommand(rest);
      case "migrate":
        return await migrateCommand(rest);
      case "contract":
        return await contractCommand(rest);
      case "contracts":
        return await contractsCommand(rest);
      case "import":
        return await importCommand(rest);
      case "imports":
        return await importsCommand(rest);
      case "rejects":
        return await rejectsCommand(rest);
      case "audit":
        return await auditCommand(rest);
      case "evidence":
        return await evidenceCommand(rest);
      case "ocds":
        return await ocdsCommand(rest);
      case "invoice":
        return await (await invoice()).invoiceCommand(rest);
      case "alerts":
        return await (await alerts()).alertsCommand(rest);
      default:
        throw new UsageError(`unknown command ${JSON.stringify(name)}`);
    }
  } catch (error) {
    if (error instanceof UsageError || isArgError(error)) {
      say(`accord: ${(error as Error).message}`);
      say(await helpOf(name));
      return EXIT_INVALID;
    }
    if (isFileError(error)) {
      say(`accord: ${error.message}`);
      return EXIT_INVALID;
    }
    // The embedded store is open in another process: nothing went wrong here, so no stack.
    if (error instanceof Error && error.name === "StoreLockedError") {
      say(`accord: ${error.message}`);
      return EXIT_INTERNAL;
    }
    say(`accord: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT_INTERNAL;
  }
}

function isArgError(error: unknown): boolean {
  return error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");
}

function isFileError(error: unknown): error is Error & { code: string } {
  return (
    error instanceof Error &&
    "code" in error &&
    (error.code === "ENOENT" ||
      error.code === "ENOTDIR" ||
      error.code === "EISDIR" ||
      error.code === "EACCES")
  );
}
