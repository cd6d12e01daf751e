/**
 * One-click unsubscribe from alert mail (RFC 8058): every mail sent carries a link with a
 * new random token for its recipient's membership and the kinds of alert it is about. The
 * store keeps only the token's SHA-256 (as for password resets). Using the link (a POST,
 * from the mail program or the confirmation page's button) turns those kinds off for that
 * membership and leaves the others as they were; it needs no sign-in, only the token, and
 * may be repeated until the token expires. Tokens expire after UNSUBSCRIBE_TTL_MS; each
 * send run deletes the expired ones.
 */
import type { Db, SqlRunner } from "../ports/db.js";
import { storedTime } from "../ports/clock.js";
import { actAs } from "../act-as.js";
import { appendAudit } from "../audit-log.js";
import { newSecret, sha256Hex } from "../auth/secrets.js";
import type { AlertCode } from "../../core/alerts/alert.js";
import { ALERT_KINDS, DEFAULT_DIGEST_HOUR } from "../../core/alert-mail/preferences.js";

/** 90 days: long enough for an old mail in the inbox, short enough that the table stays small. */
export const UNSUBSCRIBE_TTL_MS = 90 * 86_400_000;

/** The API path the link names (src/api/routes/alert-unsubscribe-routes.ts). */
export const UNSUBSCRIBE_PATH = "/api/alert-mail/unsubscribe";

/** What newSecret gives: 32 bytes, base64url. Anything else is no token. */
export const UNSUBSCRIBE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function unsubscribeUrl(baseUrl: string, token: string): string {
  return `${baseUrl}${UNSUBSCRIBE_PATH}/${token}`;
}

export interface UnsubscribeMember {
  readonly userId: string;
  readonly organizationId: string;
}

/** Stores a new token for `member` and `kinds`; returns it (it appears only in the mail). */
export async function issueUnsubscribeToken(
  tx: SqlRunner,
  member: UnsubscribeMember,
  kinds: readonly AlertCode[],
  at: Date,
): Promise<string> {
  const token = newSecret();
  await tx.query(
    `INSERT INTO alert_unsubscribe_tokens (token_sha256, user_id, organization_id, alert_codes, created_at, expires_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6)`,
    [
      sha256Hex(token),
      member.userId,
      member.organizationId,
      JSON.stringify(kinds),
      storedTime(at),
      storedTime(new Date(at.getTime() + UNSUBSCRIBE_TTL_MS)),
    ],
  );
  return token;
}

export async function deleteExpiredUnsubscribeTokens(db: Db, at: Date): Promise<void> {
  await actAs(db, null, (tx) =>
    tx.query("DELETE FROM alert_unsubscribe_tokens WHERE expires_at <= $1", [storedTime(at)]),
  );
}

/** A token's standing: what it turns off and for which organization, or why it does nothing. */
export type UnsubscribeToken =
  | {
      readonly kind: "valid";
      readonly kinds: readonly AlertCode[];
      readonly organizationName: string;
      readonly usedAt: string | null;
    }
  | { readonly kind: "expired" }
  | { readonly kind: "unknown" };

type TokenRow = {
  user_id: string;
  organization_id: string;
  organization_name: string;
  alert_codes: unknown;
  expires_at: string;
  used_at: string | null;
};

async function readToken(tx: SqlRunner, token: string, lock: boolean): Promise<TokenRow | null> {
  if (!UNSUBSCRIBE_TOKEN.test(token)) return null;
  const [row] = await tx.query<TokenRow>(
    `SELECT t.user_id, t.organization_id, o.name AS organization_name, t.alert_codes, t.expires_at, t.used_at
       FROM alert_unsubscribe_tokens t JOIN organizations o ON o.organization_id = t.organization_id
      WHERE t.token_sha256 = $1${lock ? " FOR UPDATE OF t" : ""}`,
    [sha256Hex(token)],
  );
  return row ?? null;
}

/** The stored codes, kept to the kinds this version knows, in the settings page's order. */
function kindsOf(row: TokenRow): AlertCode[] {
  const codes = Array.isArray(row.alert_codes) ? (row.alert_codes as unknown[]) : [];
  return ALERT_KINDS.filter((k) => codes.includes(k));
}

function standing(row: TokenRow | null, at: Date): UnsubscribeToken {
  if (row === null) return { kind: "unknown" };
  if (Date.parse(row.expires_at) <= at.getTime()) return { kind: "expired" };
  return {
    kind: "valid",
    kinds: kindsOf(row),
    organizationName: row.organization_name,
    usedAt: row.used_at,
  };
}

/** What `token` would turn off (the confirmation page); changes nothing. */
export function readUnsubscribeToken(db: Db, token: string, at: Date): Promise<UnsubscribeToken> {
  return actAs(db, null, async (tx) => standing(await readToken(tx, token, false), at));
}

/**
 * Turns off the token's kinds for its membership (the other kinds keep their delivery),
 * marks the token used and appends an audit entry, all in one transaction.
 */
export function unsubscribeWithToken(db: Db, token: string, at: Date): Promise<UnsubscribeToken> {
  return actAs(db, null, async (tx) => {
    const row = await readToken(tx, token, true);
    const found = standing(row, at);
    if (found.kind !== "valid" || row === null) return found;
    const off = Object.fromEntries(found.kinds.map((k) => [k, "off"]));
    await tx.query(
      `INSERT INTO alert_preferences (user_id, organization_id, deliveries, digest_hour, updated_at)
       VALUES ($1, $2, $3::jsonb, $4, $5)
       ON CONFLICT (user_id, organization_id)
       DO UPDATE SET deliveries = alert_preferences.deliveries || EXCLUDED.deliveries, updated_at = EXCLUDED.updated_at`,
      [row.user_id, row.organization_id, JSON.stringify(off), DEFAULT_DIGEST_HOUR, storedTime(at)],
    );
    await tx.query("UPDATE alert_unsubscribe_tokens SET used_at = $2 WHERE token_sha256 = $1", [
      sha256Hex(token),
      storedTime(at),
    ]);
    await appendAudit(
      tx,
      {
        // Whoever holds the mailed link acts; no one is signed in.
        actorUserId: null,
        actorTokenId: null,
        organizationId: row.organization_id,
        districtId: null,
        action: "alert-preferences.unsubscribe",
        objectType: "user",
        objectId: row.user_id,
        detail: { turnedOff: found.kinds, via: "one-click link" },
      },
      at,
    );
    return found;
  });
}
