/**
 * A real OpenID provider for tests (oidc-provider, the certified implementation) on
 * 127.0.0.1 with a random port, and a browser stand-in that signs in at it. The provider
 * runs its development interactions: a login form that accepts any login as the account
 * id with any password, then a consent form. `signInAtProvider` fills both by plain HTTP,
 * carrying the provider's cookies and following redirects by hand, and stops at the first
 * redirect that leaves the provider: the callback URL, with the code, for the API.
 *
 * oidc-provider ships no types: it is imported by a name TypeScript does not resolve and
 * given the few types used here.
 */
import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface TestAccount {
  email: string;
  emailVerified: boolean;
  name: string;
}

export interface TestProviderOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUris: readonly string[];
  /** By login (the `sub`); changes made while the provider runs apply to the next sign-in. */
  readonly accounts: Map<string, TestAccount>;
}

export interface TestProvider {
  /** `http://127.0.0.1:<port>` */
  readonly issuer: string;
  close(): Promise<void>;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;
type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => { callback(): Listener };

const MODULE = "oidc-provider";

export async function startTestProvider(options: TestProviderOptions): Promise<TestProvider> {
  const { default: Provider } = (await import(MODULE)) as { default: ProviderClass };
  // The issuer names the port, so the server listens before the provider exists.
  let listener: Listener = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => listener(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [...options.redirectUris],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    findAccount: (_ctx: unknown, sub: string) => {
      const account = options.accounts.get(sub);
      if (account === undefined) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: account.email,
          email_verified: account.emailVerified,
          name: account.name,
        }),
      };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    cookies: { keys: ["accord test provider cookie key"] },
    // Its own signing key and lifetimes, so the provider does not warn about its defaults.
    jwks: {
      keys: [generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" })],
    },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
  });
  listener = provider.callback();
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}

/** The cookies a browser would keep for the provider (one origin, so paths are ignored). */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => {
        const [key = "", when = ""] = a.split("=");
        return key.trim().toLowerCase() === "expires" && Date.parse(when) <= Date.now();
      });
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

const FORM_ACTION = /<form[^>]*action="([^"]+)"/;
const PROMPT = /name="prompt" value="(login|consent)"/;

/**
 * Follows `authorizationUrl` through the provider's login (as `login`) and consent, and
 * returns the URL the provider finally redirects to (the relying party's callback). With
 * `abort`, the person cancels at the login form instead: the provider answers access_denied.
 */
export async function signInAtProvider(
  authorizationUrl: string,
  login: string,
  options: { readonly abort?: boolean } = {},
): Promise<string> {
  const jar = new CookieJar();
  const origin = new URL(authorizationUrl).origin;
  let url = authorizationUrl;
  let form: URLSearchParams | null = null;
  for (let step = 0; step < 20; step += 1) {
    const response = await fetch(url, {
      method: form === null ? "GET" : "POST",
      redirect: "manual",
      headers: {
        cookie: jar.header(),
        ...(form === null ? {} : { "content-type": "application/x-www-form-urlencoded" }),
      },
      ...(form === null ? {} : { body: form.toString() }),
    });
    jar.keep(response);
    form = null;
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location !== null) {
      url = new URL(location, url).href;
      if (new URL(url).origin !== origin) return url;
      continue;
    }
    const page = await response.text();
    const prompt = PROMPT.exec(page)?.[1];
    const action = FORM_ACTION.exec(page)?.[1];
    if (response.status !== 200 || prompt === undefined || action === undefined)
      throw new Error(`the provider answered ${response.status} at ${url}: ${page.slice(0, 500)}`);
    url = new URL(action.replaceAll("&amp;", "&"), url).href;
    if (prompt === "login" && options.abort === true) url = `${url}/abort`;
    else form = new URLSearchParams(prompt === "login" ? { prompt, login, password: "any" } : { prompt });
  }
  throw new Error("the provider did not redirect back within 20 steps");
}
