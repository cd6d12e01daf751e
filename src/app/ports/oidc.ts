/**
 * Port of OpenID Connect sign-in: the relying party's half of the authorization code flow
 * with PKCE (src/adapters/auth/openid-client.ts). The use cases make and keep the state,
 * nonce and code verifier (oidc_logins); the adapter talks to the provider and checks what
 * it answers (state, issuer, ID token signature, audience, nonce).
 */

/** A provider as the server is registered at it. */
export interface OidcProvider {
  /** The Issuer Identifier; its discovery document is read from /.well-known/openid-configuration. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface AuthorizationRequest {
  readonly state: string;
  readonly nonce: string;
  /** BASE64URL(SHA-256(code verifier)): PKCE with S256. */
  readonly codeChallenge: string;
  /** The server's callback URL, exactly as registered at the provider. */
  readonly redirectUri: string;
}

export interface CallbackChecks {
  /** The state this sign-in was started with; the response must carry it. */
  readonly state: string;
  /** The nonce the ID token must carry. */
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly redirectUri: string;
}

/** Who the provider says signed in. */
export interface OidcIdentity {
  /** The `iss` of the ID token (checked against the discovered issuer). */
  readonly issuer: string;
  /** The `sub` of the ID token: stable per person at that issuer, unlike the e-mail. */
  readonly subject: string;
  /** Lower case; null when the provider gave none. */
  readonly email: string | null;
  /** True only when the provider says the person controls `email`. */
  readonly emailVerified: boolean;
  readonly name: string | null;
}

/**
 * The outcome of a callback. A refusal by the provider or a response that fails a check is
 * an expected failure: `error` is the OAuth error code the provider gave (`access_denied`,
 * `invalid_grant`) or `invalid-response`; `message` is for logs, never for the user (it
 * can quote the provider).
 */
export type OidcExchange =
  | { readonly ok: true; readonly identity: OidcIdentity }
  | { readonly ok: false; readonly error: string; readonly message: string };

export interface OidcRelyingParty {
  /** The provider's authorization URL to redirect the browser to. Throws when the provider cannot be discovered. */
  authorizationUrl(provider: OidcProvider, request: AuthorizationRequest): Promise<string>;
  /** Checks the authorization response at `callbackUrl`, redeems its code and reads who signed in. */
  exchange(provider: OidcProvider, callbackUrl: string, checks: CallbackChecks): Promise<OidcExchange>;
}
