/**
 * The OpenID Connect relying party, on openid-client: authorization code flow with PKCE
 * (S256), state and nonce checked, client_secret_post at the token endpoint (what Google
 * and Microsoft both accept). Each provider's discovery document is read once and kept for
 * a day (a failed discovery is not kept, so the next sign-in tries again); its signing keys
 * are fetched by openid-client as ID tokens name them.
 */
import * as client from "openid-client";
import type {
  AuthorizationRequest,
  CallbackChecks,
  OidcExchange,
  OidcProvider,
  OidcRelyingParty,
} from "../../app/ports/oidc.js";

export interface OpenIdClientOptions {
  /**
   * Accept plain-HTTP issuers on loopback hosts (a provider started by a test or on a
   * developer's machine). Off by default: anywhere else, HTTP would expose the code and
   * the tokens.
   */
  readonly allowHttpLoopback?: boolean;
  /** Timeout of each request to a provider. */
  readonly timeoutSeconds?: number;
}

const SCOPE = "openid email profile";
const DISCOVERY_TTL_MS = 24 * 3_600_000;
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

interface Discovered {
  readonly config: Promise<client.Configuration>;
  readonly at: number;
}

/** `email_verified` is a boolean by the spec; some providers send the string "true". */
function verified(value: unknown): boolean {
  return value === true || value === "true";
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** The OAuth error code of a failure, or `invalid-response` when the response failed a check. */
function errorCode(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError)
    return error.error;
  return "invalid-response";
}

export function openIdClientRelyingParty(options: OpenIdClientOptions = {}): OidcRelyingParty {
  const discovered = new Map<string, Discovered>();

  function discover(provider: OidcProvider): Promise<client.Configuration> {
    const issuer = new URL(provider.issuer);
    const insecure =
      options.allowHttpLoopback === true && issuer.protocol === "http:" && LOOPBACK.has(issuer.hostname);
    return client.discovery(issuer, provider.clientId, provider.clientSecret, undefined, {
      execute: insecure ? [client.allowInsecureRequests] : [],
      timeout: options.timeoutSeconds ?? 10,
    });
  }

  function configFor(provider: OidcProvider): Promise<client.Configuration> {
    const key = `${provider.issuer} ${provider.clientId}`;
    const cached = discovered.get(key);
    if (cached !== undefined && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
    const config = discover(provider);
    discovered.set(key, { config, at: Date.now() });
    config.catch(() => {
      if (discovered.get(key)?.config === config) discovered.delete(key);
    });
    return config;
  }

  return {
    async authorizationUrl(provider: OidcProvider, request: AuthorizationRequest): Promise<string> {
      const config = await configFor(provider);
      return client.buildAuthorizationUrl(config, {
        response_type: "code",
        scope: SCOPE,
        redirect_uri: request.redirectUri,
        state: request.state,
        nonce: request.nonce,
        code_challenge: request.codeChallenge,
        code_challenge_method: "S256",
      }).href;
    },

    async exchange(
      provider: OidcProvider,
      callbackUrl: string,
      checks: CallbackChecks,
    ): Promise<OidcExchange> {
      // The token request's redirect_uri is the current URL without its query, so the
      // response's parameters are put on the registered redirect URI: what the browser
      // came back to through a proxy may differ from it in host or scheme.
      const current = new URL(checks.redirectUri);
      current.search = new URL(callbackUrl).search;
      try {
        const config = await configFor(provider);
        const tokens = await client.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (claims === undefined)
          return { ok: false, error: "invalid-response", message: "the provider returned no ID token" };
        let profile: Record<string, unknown> = claims;
        // Providers that conform to the spec put scope claims in the UserInfo response,
        // not the ID token, when they also issue an access token.
        if (text(claims["email"]) === null)
          profile = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
        const email = text(profile["email"]);
        return {
          ok: true,
          identity: {
            issuer: claims.iss,
            subject: claims.sub,
            email: email === null ? null : email.toLowerCase(),
            emailVerified: email !== null && verified(profile["email_verified"]),
            name: text(profile["name"]),
          },
        };
      } catch (error) {
        return {
          ok: false,
          error: errorCode(error),
          message: error instanceof Error ? error.message : String(error),
        };
      }
    },
  };
}
