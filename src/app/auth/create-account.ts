/**
 * Creates organizations, accounts and memberships (the demo workspace, tests, and the
 * platform administrators' routes). A district organization also gets its districts row,
 * under the same id.
 */
import { randomUUID } from "node:crypto";
import type { SqlRunner } from "../ports/db.js";
import type { OrgKind } from "../act-as.js";
import type { Role } from "./roles.js";

export async function createOrganization(
  tx: SqlRunner,
  organization: { readonly id: string; readonly kind: OrgKind; readonly name: string },
): Promise<void> {
  await tx.query("INSERT INTO organizations (organization_id, kind, name) VALUES ($1, $2, $3)", [
    organization.id,
    organization.kind,
    organization.name,
  ]);
  if (organization.kind === "district")
    await tx.query(
      "INSERT INTO districts (district_id, name) VALUES ($1, $2) ON CONFLICT (district_id) DO NOTHING",
      [organization.id, organization.name],
    );
}

export interface NewAccount {
  readonly email: string;
  readonly displayName: string;
  /** An argon2id hash; null for an account that signs in only with OpenID Connect. */
  readonly passwordHash: string | null;
}

/** Creates a user; returns the new user id. The e-mail is stored in lower case. */
export async function createUser(tx: SqlRunner, account: NewAccount): Promise<string> {
  const userId = randomUUID();
  await tx.query("INSERT INTO users (user_id, email, display_name, password_hash) VALUES ($1, $2, $3, $4)", [
    userId,
    account.email.trim().toLowerCase(),
    account.displayName,
    account.passwordHash,
  ]);
  return userId;
}

export async function addMembership(
  tx: SqlRunner,
  userId: string,
  organizationId: string,
  role: Role,
): Promise<void> {
  await tx.query("INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, $3)", [
    userId,
    organizationId,
    role,
  ]);
}
