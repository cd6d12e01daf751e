/**
 * What the demo seed writes besides the use cases it calls: each contract's stage and
 * its terms version's approvals (as the store's owner: a seed, not a workflow), and the
 * audit entries of everything it created, all under the action `demo.seed` with ids and
 * counts only (never an e-mail or a name).
 */
import type { SqlRunner } from "../ports/db.js";
import { storedTime } from "../ports/clock.js";
import { appendAudit, type AuditEvent } from "../audit-log.js";
import type { DataFileKind } from "../../core/data/records.js";
import type { DemoDistrict } from "./demo-district.js";
import { PLATFORM_ORGANIZATION, type DemoUser } from "./demo-accounts.js";
import type { IssuedStatement } from "./issue-demo-statement.js";

export interface SeededBatch {
  readonly batchId: bigint;
  readonly kind: DataFileKind;
  readonly rows: number;
}

/**
 * The draft's terms are a version proposed and approved by no one; the active and settled
 * contracts' terms were approved by the district administrator and the vendor's user.
 */
export async function setDemoStages(
  tx: SqlRunner,
  district: DemoDistrict,
  approvers: {
    readonly districtAdmin: string;
    readonly vendorUser: (vendorId: string) => string;
    readonly at: Date;
  },
): Promise<void> {
  const at = storedTime(approvers.at);
  for (const { contractId, stage, vendorId } of district.contracts) {
    const ids = [district.districtId, contractId];
    await tx.query("UPDATE contracts SET stage = $3 WHERE district_id = $1 AND contract_id = $2", [
      ...ids,
      stage,
    ]);
    if (stage === "draft")
      await tx.query(
        "UPDATE contract_terms_versions SET status = 'proposed' WHERE district_id = $1 AND contract_id = $2",
        ids,
      );
    else
      await tx.query(
        `UPDATE contract_terms_versions
            SET status = 'approved', district_approved_by = $3, district_approved_at = $5,
                vendor_approved_by = $4, vendor_approved_at = $5
          WHERE district_id = $1 AND contract_id = $2`,
        [...ids, approvers.districtAdmin, approvers.vendorUser(vendorId), at],
      );
  }
}

export interface SeedRecord {
  readonly district: DemoDistrict;
  readonly users: readonly DemoUser[];
  readonly batches: readonly SeededBatch[];
  readonly statement: IssuedStatement & { readonly contractId: string };
}

export async function auditDemoSeed(tx: SqlRunner, seed: SeedRecord, at: Date): Promise<void> {
  const districtId = seed.district.districtId;
  const entry = (
    organizationId: string,
    inDistrict: boolean,
    objectType: string,
    objectId: string,
    detail: AuditEvent["detail"],
  ): AuditEvent => ({
    actorUserId: null,
    actorTokenId: null,
    organizationId,
    districtId: inDistrict ? districtId : null,
    action: "demo.seed",
    objectType,
    objectId,
    detail,
  });
  const events: AuditEvent[] = [
    entry(districtId, true, "organization", districtId, { kind: "district" }),
    ...seed.district.vendors.map((v) => entry(v.id, false, "organization", v.id, { kind: "vendor" })),
    entry(PLATFORM_ORGANIZATION.id, false, "organization", PLATFORM_ORGANIZATION.id, { kind: "platform" }),
    ...seed.users.map((u) =>
      entry(u.organizationId, u.organizationId === districtId, "user", u.userId, {
        role: u.role,
        secondFactorEnrolled: u.totpSecret !== undefined,
      }),
    ),
    ...seed.district.contracts.map((c) =>
      entry(districtId, true, "contract", c.contractId, {
        stage: c.stage,
        vendorId: c.vendorId,
        termsVersion: 1,
      }),
    ),
    ...seed.batches.map((b) =>
      entry(districtId, true, "import-batch", b.batchId.toString(), { kind: b.kind, rowsAccepted: b.rows }),
    ),
    entry(districtId, true, "statement", seed.statement.statementId.toString(), {
      contractId: seed.statement.contractId,
      kind: "final",
      termsVersion: seed.statement.termsVersion,
      asOf: seed.statement.asOf,
      students: seed.statement.students,
      reviews: [{ reviewNo: 1, action: "approve" }],
    }),
  ];
  for (const event of events) await appendAudit(tx, event, at);
}
