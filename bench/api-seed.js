// The data of the API benchmark (bench/api.js): a generated district written as a data
// folder and stored the way the CLI stores one (`accord contract add DIR/terms`, then
// `accord import DIR`), its organizations, two accounts with a password known to the
// benchmark, and a final statement per contract when the settlement-run use case exists.
// Everything goes through the compiled use cases in dist/, as the store's owner.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { generateDistrict } from "../dist/core/demo/generate-district.js";
import { writeDataDir } from "../dist/adapters/csv/write-data-dir.js";
import { readTermsSources } from "../dist/adapters/files/read-terms.js";
import { recordContract } from "../dist/app/record-contract.js";
import { planImport } from "../dist/adapters/importers/plan-import.js";
import { importOrder } from "../dist/core/import/import-order.js";
import { csvImportSource } from "../dist/app/csv-import-source.js";
import { importSource } from "../dist/app/import-batch.js";
import { addMembership, createOrganization, createUser } from "../dist/app/auth/create-account.js";
import { argon2Hasher } from "../dist/adapters/auth/argon2-hasher.js";

const RUN_SETTLEMENT = new URL("../dist/app/statements/run-settlement.js", import.meta.url);

/** Records the terms of the folder's terms/ and imports its data files, in the CLI's order. */
async function storeFolder(db, dir, districtId) {
  for (const source of await readTermsSources(join(dir, "terms"))) {
    const r = await recordContract(db, { source, districtId, recordedBy: "bench", reason: "bench:api seed" });
    if (r.kind === "invalid") throw new Error(`terms ${source.path}: ${JSON.stringify(r.problems)}`);
  }
  const plan = await planImport([dir], { format: null, contractId: null });
  let rows = 0;
  for (const planned of importOrder(plan.imports)) {
    const { input } = planned;
    if (input.kind === "invalid") throw new Error(`${planned.name}: ${JSON.stringify(input.problems)}`);
    const source =
      input.kind === "csv"
        ? csvImportSource(input.file, { format: input.format, contractId: null })
        : input.source;
    const r = await importSource(db, source, { districtId, importedBy: "bench", contractId: null });
    // Generated rows are valid by construction: a reject is a bug, not data to benchmark on.
    if (r.kind !== "imported" || r.rejected > 0)
      throw new Error(`${planned.name}: ${r.kind === "imported" ? `${r.rejected} rows rejected` : r.kind}`);
    rows += r.accepted;
  }
  return rows;
}

/** The district's organization, one per vendor its terms name, and the two accounts. */
async function createAccounts(db, description, vendors, passwordHash) {
  const { id: districtId, name } = description.district;
  return db.transaction(async (tx) => {
    await createOrganization(tx, { id: districtId, kind: "district", name });
    for (const v of vendors) await createOrganization(tx, { id: v.id, kind: "vendor", name: v.name });
    const account = async (role, who) => {
      const email = `${who}@${districtId}.example`;
      const userId = await createUser(tx, { email, displayName: `Bench ${who}`, passwordHash });
      await addMembership(tx, userId, districtId, role);
      return { userId, email };
    };
    return {
      admin: await account("district_admin", "admin"),
      analyst: await account("district_analyst", "analyst"),
    };
  });
}

/** A final statement per contract, issued by the district administrator; null without the use case. */
async function issueStatements(db, districtId, contractIds, adminUserId) {
  if (!existsSync(RUN_SETTLEMENT)) return null;
  const { runSettlement } = await import(RUN_SETTLEMENT.href);
  const actor = {
    userId: adminUserId,
    tokenId: null,
    organizationId: districtId,
    orgKind: "district",
    role: "district_admin",
    session: null,
  };
  const ids = new Map();
  for (const contractId of contractIds) {
    const r = await db.transaction((tx) =>
      runSettlement(tx, { districtId, contractId, kind: "final", asOf: null }, { actor, at: new Date() }),
    );
    if (r.kind !== "created")
      throw new Error(
        `settling ${contractId}: ${JSON.stringify(r, (_, v) => (typeof v === "bigint" ? String(v) : v))}`,
      );
    ids.set(contractId, r.statement.statementId.toString());
  }
  return ids;
}

/** Up-to-date planner statistics for every table of the store's schema, as a running server would have. */
async function analyze(db) {
  const tables = await db.query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()");
  for (const { tablename } of tables) await db.exec(`ANALYZE "${tablename}"`);
}

/**
 * Seeds a migrated, empty store; `workDir` receives the data folder. Returns the district,
 * its contract ids, the analyst's sign-in, the statement id per contract (or null) and
 * the number of data rows imported.
 */
export async function seedStore(db, { students, contracts, workDir }) {
  const district = generateDistrict({ students, seed: 1, contracts });
  const { description } = district;
  const dir = join(workDir, "data");
  await writeDataDir(dir, district);
  const vendors = [...new Map(district.terms().map((t) => [t.vendor.id, t.vendor])).values()];
  const password = randomBytes(18).toString("base64url");
  const users = await createAccounts(db, description, vendors, await argon2Hasher().hash(password));
  const districtId = description.district.id;
  const rows = await storeFolder(db, dir, districtId);
  const contractIds = description.contracts.map((c) => c.contractId);
  const statements = await issueStatements(db, districtId, contractIds, users.admin.userId);
  await analyze(db);
  return { districtId, contractIds, statements, rows, signIn: { email: users.analyst.email, password } };
}
