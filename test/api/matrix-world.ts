/**
 * The world of the authorization matrix and the bad-request suite: the harness's
 * districts, vendors and users, plus objects of every kind for each organization
 * (students, import batches with rejects, statements, API tokens, a spare member,
 * evidence files), created as their owner, so that a request aimed at another
 * organization's object names a real object, not a missing one. Statements are issued
 * through the API by the district's administrator; the rest is written as the store's
 * owner, below row-level security.
 */
import type { Role } from "../../src/app/auth/roles.js";
import type { TestStore } from "../db/stores.js";
import { PASSWORD, emailOf, openApiWorld, termsFor, type ApiWorld } from "./harness.js";
import { batch, digest, evidence, reject, spareMember, statement, students, token } from "./matrix-seed.js";
import { fundingSource } from "./matrix-budget-seed.js";
import type { ObjectKind, RequestHelpers, Side } from "./matrix-expectations.js";
import { seedRfps } from "./matrix-rfps.js";
import { invoice } from "./matrix-invoice-seed.js";
import { checkInWithItem } from "./check-in-seed.js";

export type SideName = "d1" | "v1" | "v2" | "d2" | "platform";

/** Where each role acts from: district roles in d1, vendor users in v2, the platform administrator. */
export const ACTING_ORG: Readonly<Record<Role, "d1" | "v2" | "platform">> = {
  district_admin: "d1",
  district_analyst: "d1",
  auditor: "d1",
  vendor_user: "v2",
  platform_admin: "platform",
};

/**
 * Another organization's objects, as seen from an acting organization. A value equal to
 * the acting organization's own (v1's contract is in d1, which v2 also serves) is not
 * another organization's: the matrix aims only at the kinds whose values differ.
 */
export interface Other {
  readonly label: string;
  readonly objects: Partial<Side>;
}

export interface Acting {
  readonly role: Role;
  readonly organizationId: string;
  readonly own: Side;
  readonly others: readonly Other[];
  /** Text the organization must never be shown: other organizations' students, titles, names, files. */
  readonly markers: readonly string[];
  /** Other organizations' ids, matched as whole words. */
  readonly foreignWords: readonly string[];
  /** Other organizations' numbered objects, matched as the value of a property named like the kind. */
  readonly foreignNumbers: Readonly<Record<"statementId" | "batchId" | "evidenceId", readonly string[]>>;
}

export interface MatrixWorld extends ApiWorld {
  readonly sides: Readonly<Record<SideName, Side>>;
  /** A digest of every table that holds what organizations own, read as the store's owner. */
  digest(): Promise<Record<string, string>>;
  acting(role: Role): Acting;
  helpers(role: Role): RequestHelpers;
}

/** Values no object has, per kind: the answer for another organization's object must be the same. */
export const MISSING: Readonly<Record<ObjectKind, string>> = {
  organizationId: "zz-missing-org",
  districtId: "zz-missing-district",
  contractId: "zz-missing-contract",
  vendorId: "zz-missing-vendor",
  statementId: "987654321",
  batchId: "987654321",
  uploadId: "zz-missing-upload",
  tokenId: "00000000-0000-4000-8000-000000000000",
  userId: "00000000-0000-4000-8000-000000000001",
  studentId: "ZZ-MISSING-STUDENT",
  obligationId: "zz-missing-obligation",
  evidenceId: "987654321",
  checkInId: "987654321",
  actionItemId: "987654321",
  fundingSourceId: "987654321",
  ledgerEntryId: "987654321",
  invoiceId: "987654321",
  rfpId: "zz-missing-rfp",
  proposalId: "zz-missing-proposal",
};

const CONTRACT_OF = { d1: "c1", v1: "c1", v2: "c2", d2: "c3", platform: "c1" } as const;

export async function openMatrixWorld(store: TestStore): Promise<MatrixWorld> {
  const world = await openApiWorld(store);
  const rosterD1 = await batch(world, "d1", "d1", "roster-d1.csv", "students");
  const rosterD2 = await batch(world, "d2", "d2", "roster-d2.csv", "students");
  const sessionsV1 = await batch(world, "d1", "v1", "sessions-v1-d1.csv", "sessions");
  const sessionsV2 = await batch(world, "d1", "v2", "sessions-v2-d1.csv", "sessions");
  const studentC1 = await students(world, "d1", "c1", rosterD1);
  const studentC2 = await students(world, "d1", "c2", rosterD1);
  const studentC3 = await students(world, "d2", "c3", rosterD2);
  await reject(world, "d1", rosterD1, studentC1);
  await reject(world, "d2", rosterD2, studentC3);
  await reject(world, "d1", sessionsV1, studentC1);
  await reject(world, "d1", sessionsV2, studentC2);

  const base = (org: SideName, districtId: string, vendorId: string, role: Role, studentId: string) => ({
    organizationId: org === "platform" ? "platform" : org,
    districtId,
    contractId: CONTRACT_OF[org],
    vendorId,
    uploadId: `up-${org}`,
    obligationId: "same-tutor",
    studentId,
    role,
  });
  const specs = {
    d1: { ...base("d1", "d1", "v1", "district_analyst", studentC1), batchId: rosterD1 },
    v1: { ...base("v1", "d1", "v1", "vendor_user", studentC1), batchId: sessionsV1 },
    v2: { ...base("v2", "d1", "v2", "vendor_user", studentC2), batchId: sessionsV2 },
    d2: { ...base("d2", "d2", "v1", "district_analyst", studentC3), batchId: rosterD2 },
    platform: { ...base("platform", "d1", "v1", "platform_admin", studentC1), batchId: rosterD1 },
  } as const;
  const statements = {
    c1: await statement(world, "d1", "c1"),
    c2: await statement(world, "d1", "c2"),
    c3: await statement(world, "d2", "c3"),
  };
  const evidenceOf = {
    c1: await evidence(world, "d1", "c1"),
    c2: await evidence(world, "d1", "c2"),
    c3: await evidence(world, "d2", "c3"),
  };
  const fundingOf = { d1: await fundingSource(world, "d1"), d2: await fundingSource(world, "d2") };
  const checkInOf = {
    c1: await checkInWithItem(world, "d1", "c1"),
    c2: await checkInWithItem(world, "d1", "c2"),
    c3: await checkInWithItem(world, "d2", "c3"),
  };
  const invoiceOf = {
    c1: await invoice(world, "d1", "c1", statements.c1),
    c2: await invoice(world, "d1", "c2", statements.c2),
    c3: await invoice(world, "d2", "c3", statements.c3),
  };
  const rfps = await seedRfps(world);
  // d1 and the platform see d1's RFP with v1's proposal; each vendor its own; d2 its draft.
  const rfpOf: Readonly<Record<SideName, { rfpId: string; proposalId: string }>> = {
    d1: { rfpId: rfps.d1.rfpId, proposalId: rfps.d1.v1 },
    v1: { rfpId: rfps.d1.rfpId, proposalId: rfps.d1.v1 },
    v2: { rfpId: rfps.d1.rfpId, proposalId: rfps.d1.v2 },
    d2: rfps.d2,
    platform: { rfpId: rfps.d1.rfpId, proposalId: rfps.d1.v1 },
  };
  const sides = {} as Record<SideName, Side>;
  for (const [name, { role, ...spec }] of Object.entries(specs) as [SideName, (typeof specs)[SideName]][])
    sides[name] = {
      ...spec,
      statementId: statements[spec.contractId],
      evidenceId: evidenceOf[spec.contractId],
      invoiceId: invoiceOf[spec.contractId],
      ...rfpOf[name],
      ...checkInOf[spec.contractId],
      ...fundingOf[spec.districtId as keyof typeof fundingOf],
      // Platform administrators hold no API tokens: the platform's side names a missing one.
      tokenId:
        name === "platform" ? MISSING.tokenId : await token(world, spec.organizationId, tokenRole(role)),
      userId: await spareMember(world, spec.organizationId, role),
    };
  return {
    ...world,
    sides,
    digest: () => digest(world),
    acting: (role) => acting(role, sides),
    helpers: (role) => helpers(world, role),
  };
}

function tokenRole(role: Role): Role {
  return role === "vendor_user" ? "vendor_user" : "district_analyst";
}

function helpers(world: ApiWorld, role: Role): RequestHelpers {
  let counter = 0;
  return {
    email: emailOf(role, ACTING_ORG[role]),
    password: PASSWORD,
    etag: async (districtId, contractId) => {
      const [row] = await world.db.query<{ revision: number }>(
        "SELECT revision FROM contracts WHERE district_id = $1 AND contract_id = $2",
        [districtId, contractId],
      );
      return `"${contractId}-r${row?.revision ?? 1}"`;
    },
    rfpEtag: async (districtId, rfpId, proposalId) => {
      const [row] = await world.db.query<{ revision: number }>(
        proposalId === undefined
          ? "SELECT revision FROM rfps WHERE district_id = $1 AND rfp_id = $2"
          : "SELECT revision FROM proposals WHERE district_id = $1 AND rfp_id = $2 AND proposal_id = $3",
        proposalId === undefined ? [districtId, rfpId] : [districtId, rfpId, proposalId],
      );
      return `"${proposalId ?? rfpId}-r${row?.revision ?? 1}"`;
    },
    terms: termsFor,
    unique: (prefix) => `${prefix}-${role.replace("_", "-")}-${Date.now().toString(36)}-${++counter}`,
  };
}

const ids = (sides: readonly Side[], kind: ObjectKind) => sides.map((s) => s[kind]);

// Text of other organizations' objects (matrix-seed.ts and the harness name them so).
// d1 sees the vendors' session batches in its district: they are imports into it.
const D1_NEVER_SEES = [
  ...["D2STU-", "Tutoring c3", "District d2", "@d2.test", "roster-d2", "evidence-d2"],
  ...["token-of-d2", "token-of-v", "spare@v", "spare@platform"],
];
// v2 serves c2 in d1: d1's and v1's other students, contracts, files and people are not its own.
const V2_NEVER_SEES = [
  ...["D1STU-C1-", "D2STU-", "Tutoring c1", "Tutoring c3", "District d2", "@d2.test", "@v1.test"],
  ...["roster-", "sessions-v1", "evidence-d1-c1", "evidence-d2"],
  ...["token-of-d", "token-of-v1", "spare@d", "spare@v1", "spare@platform"],
];
// The platform sees organizations, never a district's data nor their people.
const PLATFORM_NEVER_SEES = [
  ...["STU-C", "Tutoring c", "roster-", "sessions-v", "evidence-"],
  ...["token-of-", "spare@d", "spare@v", "@d1.test", "@d2.test", "@v1.test", "@v2.test"],
];

function acting(role: Role, sides: Readonly<Record<SideName, Side>>): Acting {
  const { d1, v1, v2, d2, platform } = sides;
  const numbers = (of: readonly Side[]) => ({
    statementId: ids(of, "statementId"),
    batchId: ids(of, "batchId"),
    evidenceId: ids(of, "evidenceId"),
  });
  const orgOnly = (s: Side): Other => ({
    label: `${s.organizationId}'s own token and member`,
    objects: {
      organizationId: s.organizationId,
      userId: s.userId,
      uploadId: s.uploadId,
      ...(s.tokenId === MISSING.tokenId ? {} : { tokenId: s.tokenId }),
    },
  });
  const whole = (s: Side): Other => ({ label: `${s.organizationId}'s objects`, objects: s });
  switch (ACTING_ORG[role]) {
    case "d1":
      return {
        role,
        organizationId: "d1",
        own: d1,
        others: [whole(d2), orgOnly(v1), orgOnly(v2), orgOnly(platform)],
        markers: D1_NEVER_SEES,
        foreignWords: ["d2", "c3", ...ids([d2, v1, v2], "tokenId"), ...ids([d2, v1, v2, platform], "userId")],
        // The vendors' session batches in d1 are d1's to see: they are imports into its district.
        foreignNumbers: numbers([d2]),
      };
    case "v2":
      return {
        role,
        organizationId: "v2",
        own: v2,
        others: [
          { label: "v1's objects in d1", objects: v1 },
          {
            label: "d1's own batch, token and member",
            objects: { ...orgOnly(d1).objects, batchId: d1.batchId },
          },
          whole(d2),
          orgOnly(platform),
        ],
        markers: V2_NEVER_SEES,
        foreignWords: [
          "c1",
          "c3",
          "d2",
          "v1",
          ...ids([d1, v1, d2], "tokenId"),
          ...ids([d1, v1, d2, platform], "userId"),
        ],
        foreignNumbers: { ...numbers([v1, d2]), batchId: [d1.batchId, v1.batchId, d2.batchId] },
      };
    case "platform":
      return {
        role,
        organizationId: "platform",
        own: platform,
        others: [whole(d1), whole(d2), orgOnly(v1), orgOnly(v2)],
        markers: PLATFORM_NEVER_SEES,
        foreignWords: [
          "c1",
          "c2",
          "c3",
          ...ids([d1, d2, v1, v2], "tokenId"),
          ...ids([d1, d2, v1, v2], "userId"),
        ],
        foreignNumbers: numbers([d1, v2, d2, v1]),
      };
  }
}
