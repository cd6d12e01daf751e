/**
 * `accord ocds`: a district's published contracts (active, settled, closed), or one of
 * them, as an OCDS 1.1 release package with the Metrics extension, read from the store as
 * the district (row-level security applies). The package is validated against the
 * release package and release schemas (plain and with the extension) before anything is
 * written: an invalid package is a bug, reported with the JSON path of each problem and
 * exit code 1, and no file is written.
 */
import { parseArgs } from "node:util";
import { actAs } from "../app/act-as.js";
import { readOpenContracts } from "../app/open-data/read-open-contracts.js";
import { buildOcdsPackage } from "../core/open-data/build-ocds-package.js";
import { EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, UsageError, say, writeOutput } from "./io.js";
import { districtOption, withStore, type Env } from "./store.js";

export const OCDS_HELP = `Usage: accord ocds --district ID [--contract ID] [--out FILE] [--uri URI]

Writes the district's published contracts (stages active, settled and closed) as an
OCDS 1.1 release package with the Metrics extension: one release per contract, ocid
ocds-accord-{district}/{contract}. Results are aggregates (students measured, share
meeting each metric), withheld for metrics measured on fewer than 10 students.
The package is validated against the OCDS schemas before it is written.

  --district ID   the district (the command reads its store rows as that district)
  --contract ID   one contract only
  --out FILE      write to FILE (default: standard output)
  --uri URI       the package's uri (default urn:accord:open-data:{district}[:{contract}])
`;

export async function ocdsCommand(args: string[], env: Env = process.env): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      district: { type: "string" },
      contract: { type: "string" },
      out: { type: "string" },
      uri: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(OCDS_HELP);
    return EXIT_OK;
  }
  const districtId = districtOption(values.district);
  const contractId = values.contract === undefined ? null : values.contract.trim();
  if (contractId === "") throw new UsageError("--contract needs an id");
  const uri =
    values.uri ?? `urn:accord:open-data:${districtId}${contractId === null ? "" : `:${contractId}`}`;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(uri)) throw new UsageError(`--uri ${uri} is not an absolute URI`);

  const result = await withStore(env, (db) =>
    actAs(db, { organizationId: districtId, orgKind: "district" }, (tx) =>
      readOpenContracts(tx, { districtId, contractId }),
    ),
  );
  if (result.kind === "not-found") {
    say(`accord: ${result.message}`);
    return EXIT_INVALID;
  }
  const pkg = buildOcdsPackage(result.contracts, { uri, publisherName: result.districtName });
  if (pkg === null) {
    say(`accord: district ${districtId} has no published contract yet`);
    return EXIT_INVALID;
  }
  // Loaded here: only this command needs the validator and the schemas.
  const { validateOcdsPackage, formatOcdsProblems } =
    await import("../adapters/ocds-schemas/validate-ocds.js");
  const problems = await validateOcdsPackage(pkg);
  if (problems.length > 0) {
    say(`accord: internal error: the OCDS package does not validate (nothing written):`);
    say(formatOcdsProblems(problems));
    return EXIT_INTERNAL;
  }
  await writeOutput(`${JSON.stringify(pkg, null, 2)}\n`, values.out);
  if (values.out !== undefined && values.out !== "-")
    say(`accord: ${pkg.releases.length} contract(s) written to ${values.out}`);
  return EXIT_OK;
}
