/**
 * `accord ocds` on a PGlite store holding the demo workspace: the district's package to a
 * file (validated, two releases), one contract to standard output, a draft refused with
 * exit code 2 and nothing written; and the validator names the JSON path of a problem.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPglite } from "../../src/adapters/db/pglite-db.js";
import { migrate, readMigrations } from "../../src/adapters/db/migrations.js";
import { formatOcdsProblems, validateOcdsPackage } from "../../src/adapters/ocds-schemas/validate-ocds.js";
import { seedDemoWorkspace, type DemoWorkspace } from "../../src/app/demo-workspace/seed-demo-workspace.js";
import { DEMO_DEPS } from "./demo-deps.js";
import { runAccord } from "../support/capture-output.js";

const accord = (dir: string, args: string[]) => runAccord(args, { ACCORD_DATA_DIR: join(dir, "store") });

const dir = mkdtempSync(join(tmpdir(), "accord-ocds-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("accord ocds", () => {
  let workspace: DemoWorkspace;
  const stage = (s: string) => workspace.contracts.find((c) => c.stage === s)?.contractId ?? "";
  beforeAll(async () => {
    const db = await openPglite(join(dir, "store"));
    try {
      await migrate(db, await readMigrations());
      const seeded = await seedDemoWorkspace(db, DEMO_DEPS, { students: 200 });
      if (seeded === null) throw new Error("not seeded");
      workspace = seeded;
    } finally {
      await db.close();
    }
  }, 120_000);

  it("writes the district's published contracts to a file, validated", async () => {
    const out = join(dir, "district.json");
    const r = await accord(dir, ["ocds", "--district", workspace.districtId, "--out", out]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`2 contract(s) written to ${out}`);
    const pkg = JSON.parse(readFileSync(out, "utf8")) as { uri: string; releases: { ocid: string }[] };
    expect(await validateOcdsPackage(pkg)).toEqual([]);
    expect(pkg.uri).toBe(`urn:accord:open-data:${workspace.districtId}`);
    expect(pkg.releases.map((r) => r.ocid)).toEqual(
      [stage("active"), stage("settled")].sort().map((c) => `ocds-accord-${workspace.districtId}/${c}`),
    );
  }, 60_000);

  it("writes one contract to standard output", async () => {
    const r = await accord(dir, ["ocds", "--district", workspace.districtId, "--contract", stage("settled")]);
    expect(r.code, r.err).toBe(0);
    const pkg = JSON.parse(r.out) as { releases: unknown[] };
    expect(pkg.releases).toHaveLength(1);
  }, 60_000);

  it("refuses a draft with exit code 2 and writes nothing", async () => {
    const out = join(dir, "draft.json");
    const args = ["ocds", "--district", workspace.districtId, "--contract", stage("draft"), "--out", out];
    const r = await accord(dir, args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`no published contract ${stage("draft")}`);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it("asks for --district", async () => {
    const r = await accord(dir, ["ocds"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--district ID is required");
  });
});

describe("the OCDS validator", () => {
  it("names the JSON path and the schema of each problem", async () => {
    const pkg = JSON.parse(
      readFileSync(join(__dirname, "../fixtures/ocds/minimal-release-package.json"), "utf8"),
    );
    expect(await validateOcdsPackage(pkg)).toEqual([]);
    pkg.releases[0].contracts[0].value.amount = "480000";
    delete pkg.publishedDate;
    const text = formatOcdsProblems(await validateOcdsPackage(pkg));
    expect(text).toContain("release-package $.releases[0].contracts[0].value.amount: must be number");
    expect(text).toContain("release-package+metrics $.releases[0].contracts[0].value.amount: must be number");
    expect(text).toContain("release-package $: must have required property 'publishedDate'");
  });
});
