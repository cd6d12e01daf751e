/**
 * Starting a sign-in with an OpenID provider: a fresh state, nonce and PKCE code verifier
 * are kept in oidc_logins for 10 minutes and the browser is sent to the provider. The
 * callback takes the row back once (oidc-sign-in.ts). Starting writes no audit entry:
 * anyone can start, and an entry per click would let anyone fill the log; the outcome of
 * each sign-in is recorded at the callback.
 */
import { createHash } from "node:crypto";
import type { Db } from "../ports/db.js";
import type { Clock } from "../ports/clock.js";
import { storedTime } from "../ports/clock.js";
import type { OidcProvider, OidcRelyingParty } from "../ports/oidc.js";
import { actAs } from "../act-as.js";
import { newSecret } from "./secrets.js";

/** How long a started sign-in can be completed. */
export const OIDC_LOGIN_TTL_MS = 10 * 60_000;

export interface OidcDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly oidc: OidcRelyingParty;
}

/** A configured provider: its id names it in URLs and in oidc_logins. */
export interface OidcProviderRef extends OidcProvider {
  readonly id: string;
}

export interface StartedOidcSignIn {
  /** Also bound to the browser by the caller (a cookie), so a callback link sent by someone else fails. */
  readonly state: string;
  readonly authorizationUrl: string;
}

/** BASE64URL(SHA-256(verifier)), RFC 7636's S256 challenge. */
export function pkceChallenge(codeVerifier: string): string {
  return createHash("sha256").update(codeVerifier, "ascii").digest("base64url");
}

export async function startOidcSignIn(
  deps: OidcDeps,
  provider: OidcProviderRef,
  redirectUri: string,
): Promise<StartedOidcSignIn> {
  const state = newSecret();
  const nonce = newSecret();
  // 32 random bytes in base64url are 43 characters, the shortest verifier RFC 7636 allows.
  const codeVerifier = newSecret();
  // Asked first: when the provider cannot be discovered, nothing is written.
  const authorizationUrl = await deps.oidc.authorizationUrl(provider, {
    state,
    nonce,
    codeChallenge: pkceChallenge(codeVerifier),
    redirectUri,
  });
  const now = deps.clock.now();
  await actAs(deps.db, null, async (tx) => {
    // Sign-ins abandoned at the provider are swept here, so the table stays small.
    await tx.query("DELETE FROM oidc_logins WHERE created_at < $1", [
      storedTime(new Date(now.getTime() - OIDC_LOGIN_TTL_MS)),
    ]);
    await tx.query(
      "INSERT INTO oidc_logins (state, provider, nonce, code_verifier, created_at) VALUES ($1, $2, $3, $4, $5)",
      [state, provider.id, nonce, codeVerifier, storedTime(now)],
    );
  });
  return { state, authorizationUrl };
}
