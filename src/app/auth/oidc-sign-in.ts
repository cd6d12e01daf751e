/**
 * Completing a sign-in with an OpenID provider. The sign-in started for this state is
 * taken once (deleted as it is read, so a callback URL works one time) and only within
 * 10 minutes; the provider's response is checked and its code redeemed by the relying
 * party; the identity is matched to an account (oidc-account.ts); then a session is
 * opened like a password sign-in's, with its second-factor rules. Every refusal after the
 * state check is in the audit log. A bad state is not: it tells nothing about anyone, and
 * anyone could fill the log with them.
 */
import type { SqlRunner } from "../ports/db.js";
import type { OidcIdentity } from "../ports/oidc.js";
import { actAs } from "../act-as.js";
import { appendAudit } from "../audit-log.js";
import { findOidcAccount, type OidcRefusal } from "./oidc-account.js";
import { OIDC_LOGIN_TTL_MS, type OidcDeps, type OidcProviderRef } from "./oidc-start.js";
import { createSession, type NewSession } from "./sessions.js";
import { sha256Hex } from "./secrets.js";

export interface OidcCallback {
  /** The `state` parameter of the callback (already matched to the browser's cookie). */
  readonly state: string;
  /** The URL the provider sent the browser back to, with its query. */
  readonly callbackUrl: string;
  readonly redirectUri: string;
}

export type OidcSignInResult =
  | ({ readonly kind: "signed-in"; readonly linked: boolean } & NewSession)
  | { readonly kind: "refused"; readonly reason: OidcRefusal };

interface LoginRow {
  provider: string;
  nonce: string;
  code_verifier: string;
  created_at: string;
  [column: string]: unknown;
}

async function takeLogin(tx: SqlRunner, state: string): Promise<LoginRow | undefined> {
  const [row] = await tx.query<LoginRow>(
    "DELETE FROM oidc_logins WHERE state = $1 RETURNING provider, nonce, code_verifier, created_at",
    [state],
  );
  return row;
}

/** The audit entry of a refused sign-in; the person appears only as a hash. */
async function auditRefusal(
  deps: OidcDeps,
  provider: OidcProviderRef,
  identity: OidcIdentity | null,
  userId: string | null,
  reason: OidcRefusal,
  extra: Readonly<Record<string, string>> = {},
): Promise<void> {
  const at = deps.clock.now();
  await actAs(deps.db, null, (tx) =>
    appendAudit(
      tx,
      {
        actorUserId: userId,
        actorTokenId: null,
        organizationId: null,
        districtId: null,
        action: "session.sign-in-failed",
        objectType: identity === null ? "oidc-provider" : "account",
        objectId:
          identity === null
            ? provider.id
            : sha256Hex(identity.email ?? `${identity.issuer} ${identity.subject}`).slice(0, 16),
        detail: { method: "oidc", provider: provider.id, reason, ...extra },
      },
      at,
    ),
  );
}

export async function finishOidcSignIn(
  deps: OidcDeps,
  provider: OidcProviderRef,
  callback: OidcCallback,
): Promise<OidcSignInResult> {
  const login = await actAs(deps.db, null, (tx) => takeLogin(tx, callback.state));
  const startedAt = login === undefined ? Number.NaN : Date.parse(login.created_at);
  if (
    login === undefined ||
    login.provider !== provider.id ||
    !(deps.clock.now().getTime() - startedAt <= OIDC_LOGIN_TTL_MS)
  )
    return { kind: "refused", reason: "state-invalid" };
  const exchange = await deps.oidc.exchange(provider, callback.callbackUrl, {
    state: callback.state,
    nonce: login.nonce,
    codeVerifier: login.code_verifier,
    redirectUri: callback.redirectUri,
  });
  if (!exchange.ok) {
    await auditRefusal(deps, provider, null, null, "provider-error", { error: exchange.error });
    return { kind: "refused", reason: "provider-error" };
  }
  const identity = exchange.identity;
  const match = await actAs(deps.db, null, (tx) =>
    findOidcAccount(tx, identity, provider.id, deps.clock.now()),
  );
  if (match.kind === "refused") {
    await auditRefusal(deps, provider, identity, match.userId, match.reason);
    return { kind: "refused", reason: match.reason };
  }
  // Null when the account has no membership left: it cannot act anywhere.
  const session = await createSession(deps, match.userId, null, "oidc");
  if (session === null) {
    await auditRefusal(deps, provider, identity, match.userId, "account-unknown");
    return { kind: "refused", reason: "account-unknown" };
  }
  return { kind: "signed-in", linked: match.linked, ...session };
}
