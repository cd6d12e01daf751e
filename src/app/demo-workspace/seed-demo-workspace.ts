/**
 * The demo workspace `accord serve` seeds on its first start: a generated district with
 * its students and a year of data, two vendors, three contracts (a draft, one active with
 * data to mid-year, one settled with an approved final statement), one account per role
 * with a random password, and the audit entries of all of it (`demo.seed`).
 *
 * It runs only on a store without organizations, and all of it in one transaction: the
 * use cases it calls (recording terms, importing files) run inside that transaction, so
 * a seed cut short leaves nothing and the next start seeds again, and two servers
 * starting at once seed once (an advisory lock, then the check again).
 */
import type { Db, SqlRunner } from "../ports/db.js";
import type { Clock } from "../ports/clock.js";
import type { PasswordHasher, Totp } from "../ports/auth.js";
import type { Role } from "../auth/roles.js";
import { createOrganization } from "../auth/create-account.js";
import { importCanonicalFile } from "../import-canonical-file.js";
import { recordContract } from "../record-contract.js";
import { type DemoDistrict, type DemoStage, planDemoDistrict } from "./demo-district.js";
import { PLATFORM_ORGANIZATION, type DemoUser, createAccounts, planAccounts } from "./demo-accounts.js";
import { generatedImportFile } from "./generated-import-file.js";
import { issueDemoStatement } from "./issue-demo-statement.js";
import { seedDemoBudget } from "./demo-budget.js";
import { auditDemoSeed, setDemoStages, type SeededBatch } from "./demo-stages.js";

export type { DemoUser } from "./demo-accounts.js";
export type { DemoStage } from "./demo-district.js";

export interface DemoWorkspaceDeps {
  readonly clock: Clock;
  readonly hasher: PasswordHasher;
  readonly totp: Totp;
}

export interface DemoWorkspaceOptions {
  /** Students in the district; default DEMO_STUDENTS. */
  readonly students?: number;
  /** The generator's seed (the data is the same for the same seed; passwords never are). */
  readonly seed?: string;
}

export interface DemoWorkspace {
  readonly districtId: string;
  readonly districtName: string;
  readonly contracts: readonly {
    readonly contractId: string;
    readonly stage: DemoStage;
    readonly vendorId: string;
    readonly title: string;
  }[];
  readonly users: readonly DemoUser[];
}

/** Small enough for a first start of a few seconds on the embedded store. */
export const DEMO_STUDENTS = 2000;
export const DEMO_SEED = "accord-demo";
/** Any constant: with the key below, serialises the seeds of one store. */
const LOCK_CLASS = 741_104;

async function holdsOrganizations(db: SqlRunner): Promise<boolean> {
  const rows = await db.query("SELECT 1 AS found FROM organizations LIMIT 1");
  return rows.length > 0;
}

/** The caller's transaction as a `Db`: use cases that open a transaction of their own join it. */
function joined(tx: SqlRunner, kind: Db["kind"]): Db {
  return {
    kind,
    query: (sql, params) => tx.query(sql, params),
    exec: (sql) => tx.exec(sql),
    copyFrom: (table, columns, text, format) => tx.copyFrom(table, columns, text, format),
    transaction: (fn) => fn(tx),
    close: () => Promise.resolve(),
  };
}

/** Seeds the demo workspace; null (and nothing changed) when the store holds any organization. */
export async function seedDemoWorkspace(
  db: Db,
  deps: DemoWorkspaceDeps,
  options: DemoWorkspaceOptions = {},
): Promise<DemoWorkspace | null> {
  if (await holdsOrganizations(db)) return null;
  const district = planDemoDistrict({
    students: options.students ?? DEMO_STUDENTS,
    seed: options.seed ?? DEMO_SEED,
  });
  const accounts = await planAccounts(district, deps);
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [LOCK_CLASS, "demo-workspace"]);
    if (await holdsOrganizations(tx)) return null;
    const at = deps.clock.now();
    await createOrganization(tx, { id: district.districtId, kind: "district", name: district.districtName });
    for (const vendor of district.vendors) await createOrganization(tx, { ...vendor, kind: "vendor" });
    await createOrganization(tx, { ...PLATFORM_ORGANIZATION, kind: "platform" });
    const users = await createAccounts(tx, accounts, at);
    const userOf = (role: Role, organizationId: string): string => {
      const user = users.find((u) => u.role === role && u.organizationId === organizationId);
      if (user === undefined) throw new Error(`no demo ${role} in ${organizationId}`);
      return user.userId;
    };
    const admin = userOf("district_admin", district.districtId);
    const analyst = userOf("district_analyst", district.districtId);
    const batches = await storeData(joined(tx, db.kind), district, admin, analyst);
    await setDemoStages(tx, district, {
      districtAdmin: admin,
      vendorUser: (v) => userOf("vendor_user", v),
      at,
    });
    const settled = district.contracts.find((c) => c.stage === "settled");
    if (settled === undefined) throw new Error("the demo district has no settled contract");
    const statement = await issueDemoStatement(tx, {
      districtId: district.districtId,
      contractId: settled.contractId,
      issuedBy: analyst,
      approvedBy: admin,
      at,
    });
    await seedDemoBudget(tx, {
      districtId: district.districtId,
      adminUserId: admin,
      settled: { contractId: settled.contractId, statementId: statement.statementId },
      activeContractId: district.contracts.find((c) => c.stage === "active")?.contractId ?? "",
      at,
    });
    await auditDemoSeed(
      tx,
      { district, users, batches, statement: { contractId: settled.contractId, ...statement } },
      at,
    );
    return {
      districtId: district.districtId,
      districtName: district.districtName,
      contracts: district.contracts.map(({ contractId, stage, vendorId, title }) => ({
        contractId,
        stage,
        vendorId,
        title,
      })),
      users,
    };
  });
}

/** Records the three contracts' terms, then imports the district's files, each as one batch. */
async function storeData(
  db: Db,
  district: DemoDistrict,
  recordedBy: string,
  importedBy: string,
): Promise<SeededBatch[]> {
  const { districtId } = district;
  for (const contract of district.contracts) {
    const text = contract.termsText;
    const result = await recordContract(db, {
      source: {
        path: `${contract.contractId}.json`,
        text,
        document: JSON.parse(text) as unknown,
        syntaxError: null,
      },
      districtId,
      recordedBy,
      reason: "demo workspace",
    });
    if (result.kind !== "recorded")
      throw new Error(`demo terms of ${contract.contractId}: ${JSON.stringify(result)}`);
  }
  const batches: SeededBatch[] = [];
  for (const file of district.files) {
    const name = `demo/${file.kind}.csv`;
    const result = await importCanonicalFile(
      db,
      generatedImportFile(name, file.columns, () => file.rows()),
      {
        districtId,
        format: file.kind,
        importedBy,
      },
    );
    // Generated rows are valid by construction: a reject is a bug to see, not a demo to show.
    if (result.kind !== "imported" || result.rejected > 0)
      throw new Error(
        `demo ${name}: ${result.kind === "imported" ? `${result.rejected} rows rejected` : result.kind}`,
      );
    batches.push({ batchId: result.batchId, kind: file.kind, rows: result.accepted });
  }
  await db.query("UPDATE import_batches SET organization_id = $1 WHERE district_id = $1", [districtId]);
  return batches;
}
