/** The server's settings, read and checked once at start from the environment. */
import { z } from "zod";
import type { OidcProviderConfig, ServerConfig } from "./api-env.js";
import { DEFAULT_SESSION_RULES } from "../app/auth/sessions.js";
import { DEFAULT_ALERT_TIME_ZONE, isTimeZone } from "../app/alert-mail/local-time.js";

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  ACCORD_PUBLIC_URL: z.url().optional(),
  ACCORD_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(DEFAULT_SESSION_RULES.idleMs / 60_000),
  ACCORD_SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(DEFAULT_SESSION_RULES.absoluteMs / 3_600_000),
  ACCORD_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "an smtp:// or smtps:// URL")
    .optional(),
  ACCORD_MAIL_FROM: z.string().default("Accord <accord@localhost>"),
  ACCORD_ALERT_TIME_ZONE: z
    .string()
    .refine(isTimeZone, "an IANA time zone such as America/Chicago")
    .default(DEFAULT_ALERT_TIME_ZONE),
  // Minutes between alert mail runs while ACCORD_SMTP_URL is set; 0 turns them off.
  ACCORD_ALERT_MAIL_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(15),
  ACCORD_OIDC_PROVIDERS: z.string().optional(),
});

const OidcList = z.array(
  z.strictObject({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/),
    label: z.string().min(1),
    issuer: z.url(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
  }),
);

export interface ServeSettings {
  readonly port: number;
  readonly host: string;
  readonly smtpUrl: string | null;
  /** Minutes between alert mail runs (0: none); runs happen only with an SMTP relay. */
  readonly alertMailMinutes: number;
  readonly config: ServerConfig;
}

export class ConfigError extends Error {}

/** Reads the settings; every problem is named with its variable. */
export function readServeSettings(env: Readonly<Record<string, string | undefined>>): ServeSettings {
  const parsed = Env.safeParse(env);
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const e = parsed.data;
  let providers: OidcProviderConfig[] = [];
  if (e.ACCORD_OIDC_PROVIDERS !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(e.ACCORD_OIDC_PROVIDERS);
    } catch {
      throw new ConfigError(
        "ACCORD_OIDC_PROVIDERS: not JSON (a list of {id, label, issuer, clientId, clientSecret})",
      );
    }
    const list = OidcList.safeParse(json);
    if (!list.success)
      throw new ConfigError(
        list.error.issues.map((i) => `ACCORD_OIDC_PROVIDERS[${i.path.join("].")}: ${i.message}`).join("; "),
      );
    providers = list.data;
  }
  const publicUrl = (e.ACCORD_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  return {
    port: e.PORT,
    host: e.HOST,
    smtpUrl: e.ACCORD_SMTP_URL ?? null,
    alertMailMinutes: e.ACCORD_ALERT_MAIL_MINUTES,
    config: {
      publicUrl,
      sessionRules: {
        idleMs: e.ACCORD_SESSION_IDLE_MINUTES * 60_000,
        absoluteMs: e.ACCORD_SESSION_ABSOLUTE_HOURS * 3_600_000,
      },
      maxJsonBytes: 1024 * 1024,
      maxUploadBytes: 1024 * 1024 * 1024,
      secureCookies: publicUrl.startsWith("https://"),
      oidcProviders: providers,
      mailFrom: e.ACCORD_MAIL_FROM,
      alertTimeZone: e.ACCORD_ALERT_TIME_ZONE,
    },
  };
}
