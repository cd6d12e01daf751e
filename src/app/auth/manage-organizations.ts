/**
 * Organizations, as the platform's operators manage them: a district or a vendor, each
 * with its first member, who is mailed a link to set a password. Operators see names
 * and member counts, never a district's data (row-level security shows a platform
 * organization no tenant rows).
 */
import type { Db } from "../ports/db.js";
import type { Clock } from "../ports/clock.js";
import { actAs, type OrgKind } from "../act-as.js";
import { appendAudit } from "../audit-log.js";
import { actorScope, type Actor } from "./actor.js";
import { actorAudit } from "./actor-audit.js";
import { createOrganization } from "./create-account.js";
import { addMemberIn, type AddMemberResult } from "./manage-members.js";
import type { Role } from "./roles.js";

type AddedMember = Extract<AddMemberResult, { kind: "added" }>;

export interface OrganizationSummary {
  readonly organizationId: string;
  readonly kind: OrgKind;
  readonly name: string;
  readonly createdAt: string;
  readonly members: number;
}

export async function listOrganizations(db: Db, actor: Actor): Promise<OrganizationSummary[]> {
  const rows = await actAs(db, actorScope(actor), (tx) =>
    tx.query<{ organization_id: string; kind: OrgKind; name: string; created_at: string; members: number }>(
      `SELECT o.organization_id, o.kind, o.name, o.created_at,
              (SELECT count(*)::int FROM memberships m WHERE m.organization_id = o.organization_id) AS members
         FROM organizations o ORDER BY o.organization_id`,
    ),
  );
  return rows.map((r) => ({
    organizationId: r.organization_id,
    kind: r.kind,
    name: r.name,
    createdAt: r.created_at,
    members: r.members,
  }));
}

/** The role of an organization's first member: its administrator, or a vendor's user. */
export const FIRST_MEMBER_ROLE: Readonly<Record<"district" | "vendor", Role>> = {
  district: "district_admin",
  vendor: "vendor_user",
};

export type AddOrganizationResult =
  | { readonly kind: "exists" }
  | { readonly kind: "first-member-disabled" }
  | { readonly kind: "created"; readonly firstMember: AddedMember | null };

export async function addOrganization(
  deps: { readonly db: Db; readonly clock: Clock; readonly publicUrl: string },
  actor: Actor,
  request: {
    readonly id: string;
    readonly kind: "district" | "vendor";
    readonly name: string;
    readonly firstMember: { readonly email: string; readonly displayName: string } | null;
  },
): Promise<AddOrganizationResult> {
  const now = deps.clock.now();
  return actAs(deps.db, actorScope(actor), async (tx) => {
    const exists = await tx.query("SELECT 1 FROM organizations WHERE organization_id = $1", [request.id]);
    if (exists.length > 0) return { kind: "exists" };
    if (request.firstMember !== null) {
      const disabled = await tx.query("SELECT 1 FROM users WHERE email = $1 AND disabled_at IS NOT NULL", [
        request.firstMember.email.trim().toLowerCase(),
      ]);
      if (disabled.length > 0) return { kind: "first-member-disabled" };
    }
    await createOrganization(tx, { id: request.id, kind: request.kind, name: request.name });
    await appendAudit(
      tx,
      {
        ...actorAudit(
          actor,
          "organization.create",
          { type: "organization", id: request.id },
          { kind: request.kind },
        ),
        districtId: request.kind === "district" ? request.id : null,
      },
      now,
    );
    if (request.firstMember === null) return { kind: "created", firstMember: null };
    const target = { organizationId: request.id, orgKind: request.kind };
    const firstMember = await addMemberIn(tx, deps, actor, target, {
      ...request.firstMember,
      role: FIRST_MEMBER_ROLE[request.kind],
    });
    // A new organization has no members and the role fits its kind: only "added" can come back.
    if (firstMember.kind !== "added") throw new Error(`first member of ${request.id}: ${firstMember.kind}`);
    return { kind: "created", firstMember };
  });
}
