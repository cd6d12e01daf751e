/**
 * The OCDS export of the demo workspace (a draft, an active and a settled contract with
 * an approved final statement), read as the district under row-level security: it
 * validates against both schema sets, publishes the active and the settled contracts
 * only, reports the settled contract's final statement figures exactly (students
 * measured = the metric's denominator, share = met / denominator to 0.1 %), and holds no
 * student id.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/ports/db.js";
import { migrate, readMigrations } from "../../src/adapters/db/migrations.js";
import { validateOcdsPackage } from "../../src/adapters/ocds-schemas/validate-ocds.js";
import { actAs } from "../../src/app/act-as.js";
import { seedDemoWorkspace, type DemoWorkspace } from "../../src/app/demo-workspace/seed-demo-workspace.js";
import { readOpenContracts } from "../../src/app/open-data/read-open-contracts.js";
import { buildOcdsPackage } from "../../src/core/open-data/build-ocds-package.js";
import { MIN_CELL_STUDENTS } from "../../src/core/evidence/suppression.js";
import { TEST_STORES } from "../db/stores.js";
import { DEMO_DEPS } from "./demo-deps.js";

type Observation = { id: string; measure?: number };
type Contract = {
  id: string;
  status: string;
  implementation: {
    milestones: { id: string; status?: string }[];
    metrics?: { id: string; observations: Observation[] }[];
  };
};

describe.each(TEST_STORES)("the demo workspace as OCDS ($name)", (store) => {
  let db: Db;
  let workspace: DemoWorkspace;
  const stage = (s: string) => workspace.contracts.find((c) => c.stage === s)?.contractId ?? "";
  const asDistrict = <T>(fn: Parameters<typeof actAs<T>>[2]) =>
    actAs(db, { organizationId: workspace.districtId, orgKind: "district" }, fn);

  beforeAll(async () => {
    db = await store.open();
    await migrate(db, await readMigrations());
    const seeded = await seedDemoWorkspace(db, DEMO_DEPS, { students: 400 });
    if (seeded === null) throw new Error("an empty store was not seeded");
    workspace = seeded;
  }, 120_000);
  afterAll(async () => db?.close());

  it("publishes the active and settled contracts in a package valid against both schemas", async () => {
    const read = await asDistrict((tx) =>
      readOpenContracts(tx, { districtId: workspace.districtId, contractId: null }),
    );
    if (read.kind !== "ok") throw new Error(read.message);
    const pkg = buildOcdsPackage(read.contracts, {
      uri: "urn:accord:test",
      publisherName: read.districtName,
    });
    expect(await validateOcdsPackage(pkg)).toEqual([]);
    expect(pkg?.publisher.name).toBe(workspace.districtName);
    const ids = pkg?.releases.map((r) => (r.contracts as Contract[])[0]?.id);
    expect(ids).toEqual([stage("active"), stage("settled")].sort());

    const settled = pkg?.releases
      .map((r) => (r.contracts as Contract[])[0])
      .find((c) => c?.id === stage("settled"));
    const [statement] = await db.query<{ document: string }>(
      "SELECT (document - 'students')::text AS document FROM statements WHERE contract_id = $1",
      [stage("settled")],
    );
    const doc = JSON.parse(statement?.document ?? "{}") as {
      final: boolean;
      metrics: { id: string; denominator: number; met: number }[];
    };
    expect(doc.final).toBe(true);
    expect(settled?.implementation.milestones.some((m) => m.status === "scheduled")).toBe(false);
    for (const m of doc.metrics) {
      const result = settled?.implementation.metrics?.find((x) => x.id === m.id);
      const measures = result?.observations.map((o) => o.measure);
      if (m.denominator < MIN_CELL_STUDENTS) expect(measures).toEqual([undefined]);
      else expect(measures).toEqual([m.denominator, Math.floor((m.met * 1000) / m.denominator + 0.5) / 10]);
    }

    const json = JSON.stringify(pkg);
    const students = await db.query<{ student_id: string }>("SELECT student_id FROM students");
    expect(students.length).toBe(400);
    expect(students.filter((s) => json.includes(`"${s.student_id}"`))).toEqual([]);
  });

  it("does not publish the draft", async () => {
    const read = await asDistrict((tx) =>
      readOpenContracts(tx, { districtId: workspace.districtId, contractId: stage("draft") }),
    );
    expect(read.kind).toBe("not-found");
  });

  it("finds nothing for another district's organization", async () => {
    const read = await actAs(db, { organizationId: "elsewhere", orgKind: "district" }, (tx) =>
      readOpenContracts(tx, { districtId: workspace.districtId, contractId: stage("settled") }),
    );
    expect(read).toEqual({ kind: "not-found", message: `no district ${workspace.districtId}` });
  });
});
