/** What every request handler can reach: the dependencies of the server and the acting user. */
import type { Db } from "../app/ports/db.js";
import type { Clock } from "../app/ports/clock.js";
import type { ImportFilesPort } from "../app/ports/import-files.js";
import type { Mailer, PasswordHasher, PasswordPolicy, Totp } from "../app/ports/auth.js";
import type { Actor } from "../app/auth/actor.js";
import type { SessionRules } from "../app/auth/sessions.js";
import type { OidcRelyingParty } from "../app/ports/oidc.js";

export interface OidcProviderConfig {
  /** The path segment: /api/auth/oidc/{id}/start. */
  readonly id: string;
  readonly label: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface ServerConfig {
  /** The address users reach the server at (links in mails, OIDC redirect URIs). */
  readonly publicUrl: string;
  readonly sessionRules: SessionRules;
  /** The largest JSON body accepted (uploads have their own limit). */
  readonly maxJsonBytes: number;
  readonly maxUploadBytes: number;
  /** Cookies get `Secure` when the public URL is https. */
  readonly secureCookies: boolean;
  readonly oidcProviders: readonly OidcProviderConfig[];
  readonly mailFrom: string;
  /** IANA time zone the alert digest hour is read in (default DEFAULT_ALERT_TIME_ZONE). */
  readonly alertTimeZone?: string;
  /** Check every successful JSON answer against its documented schema (tests). */
  readonly checkResponses?: boolean;
}

export interface ApiDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly hasher: PasswordHasher;
  readonly passwordPolicy: PasswordPolicy;
  readonly totp: Totp;
  readonly mailer: Mailer;
  readonly oidc: OidcRelyingParty;
  readonly config: ServerConfig;
  /** Uploaded data files: kept as private temporary files and planned for import. */
  readonly importFiles: ImportFilesPort;
  /** Migration state of the store, for /api/health. */
  readonly storeStatus: () => Promise<{ readonly applied: number; readonly pending: readonly string[] }>;
}

export interface ApiEnv {
  Variables: {
    deps: ApiDeps;
    /** Set by the authentication middleware on every route that is not public. */
    actor: Actor;
  };
}
