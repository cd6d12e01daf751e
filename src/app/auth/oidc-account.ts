/**
 * Which account an OpenID identity signs in to. An identity already linked (issuer and
 * subject on the account) signs in to its account. Otherwise an account whose e-mail the
 * provider says the person controls, and that belongs to an organization, is linked to
 * the identity, once: from then on the subject finds it even if the e-mail changes at
 * the provider. Nobody is ever created here: an administrator creates accounts and
 * memberships, and a person the server does not know is refused.
 */
import type { SqlRunner } from "../ports/db.js";
import type { OidcIdentity } from "../ports/oidc.js";
import type { OrgKind } from "../act-as.js";
import { appendAudit } from "../audit-log.js";

export type OidcRefusal =
  /** No sign-in in flight for this state: forged, used, expired, or another browser's. */
  | "state-invalid"
  /** The provider refused, or its response failed a check. */
  | "provider-error"
  /** The identity is not linked and the provider vouches for no e-mail. */
  | "email-unverified"
  /** No account (with a membership, not disabled) for this identity or e-mail. */
  | "account-unknown"
  /** The account of this e-mail is already linked to another identity. */
  | "account-linked-elsewhere";

export type AccountMatch =
  | { readonly kind: "found"; readonly userId: string; readonly linked: boolean }
  | { readonly kind: "refused"; readonly reason: OidcRefusal; readonly userId: string | null };

interface LinkedRow {
  user_id: string;
  disabled_at: string | null;
  [column: string]: unknown;
}

interface EmailRow {
  user_id: string;
  oidc_issuer: string | null;
  disabled_at: string | null;
  organization_id: string;
  kind: OrgKind;
  [column: string]: unknown;
}

/** Finds the account of `identity`, linking it by verified e-mail when it is not linked yet. */
export async function findOidcAccount(
  tx: SqlRunner,
  identity: OidcIdentity,
  providerId: string,
  at: Date,
): Promise<AccountMatch> {
  const [linked] = await tx.query<LinkedRow>(
    "SELECT user_id, disabled_at FROM users WHERE oidc_issuer = $1 AND oidc_subject = $2",
    [identity.issuer, identity.subject],
  );
  if (linked !== undefined)
    return linked.disabled_at === null
      ? { kind: "found", userId: linked.user_id, linked: false }
      : { kind: "refused", reason: "account-unknown", userId: linked.user_id };
  if (identity.email === null || !identity.emailVerified)
    return { kind: "refused", reason: "email-unverified", userId: null };
  // The first membership, as createSession picks it, names the organization of the entry.
  const [account] = await tx.query<EmailRow>(
    `SELECT u.user_id, u.oidc_issuer, u.disabled_at, m.organization_id, o.kind
       FROM users u JOIN memberships m USING (user_id) JOIN organizations o USING (organization_id)
      WHERE u.email = $1 ORDER BY m.created_at, m.organization_id LIMIT 1`,
    [identity.email],
  );
  if (account === undefined || account.disabled_at !== null)
    return { kind: "refused", reason: "account-unknown", userId: account?.user_id ?? null };
  // Re-linking would let whoever controls the e-mail at another provider take the
  // account over; an administrator unlinks first.
  if (account.oidc_issuer !== null)
    return { kind: "refused", reason: "account-linked-elsewhere", userId: account.user_id };
  // A concurrent sign-in may have linked it since it was read: then nothing is updated.
  const updated = await tx.query(
    "UPDATE users SET oidc_issuer = $2, oidc_subject = $3 WHERE user_id = $1 AND oidc_issuer IS NULL RETURNING user_id",
    [account.user_id, identity.issuer, identity.subject],
  );
  if (updated.length === 0)
    return { kind: "refused", reason: "account-linked-elsewhere", userId: account.user_id };
  await appendAudit(
    tx,
    {
      actorUserId: account.user_id,
      actorTokenId: null,
      organizationId: account.organization_id,
      districtId: account.kind === "district" ? account.organization_id : null,
      action: "account.oidc-link",
      objectType: "user",
      objectId: account.user_id,
      detail: { provider: providerId, issuer: identity.issuer },
    },
    at,
  );
  return { kind: "found", userId: account.user_id, linked: true };
}
