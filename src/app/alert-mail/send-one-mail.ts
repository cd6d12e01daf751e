/**
 * Sending one alert mail of a run (send-alert-mail.ts): a new one-click unsubscribe token
 * for the recipient and the kinds the mail is about (unsubscribe.ts), the mail written
 * with its link and sent with List-Unsubscribe and List-Unsubscribe-Post (RFC 8058), and
 * the outcome written with its audit entry in a transaction of its own: a relay that
 * fails leaves the records pending for the next run.
 */
import type { Db, SqlRunner } from "../ports/db.js";
import type { Clock } from "../ports/clock.js";
import type { Mailer } from "../ports/auth.js";
import { actAs, type OrgScope } from "../act-as.js";
import { appendAudit } from "../audit-log.js";
import type { PlannedDelivery } from "../../core/alert-mail/plan-deliveries.js";
import { mailKinds, type AlertMail } from "../../core/alert-mail/compose-alert-mail.js";
import { issueUnsubscribeToken, unsubscribeUrl } from "./unsubscribe.js";
import { markDigestSent, markFailed, markSent } from "./delivery-records.js";

export interface AlertMailDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly mailer: Mailer;
  /** The web app's address, no trailing slash (links in the mails). */
  readonly baseUrl: string;
  /** IANA time zone the digest hour is read in. */
  readonly timeZone: string;
}

export interface MailOutcome {
  readonly organizationId: string;
  readonly userId: string;
  readonly kind: "immediate" | "digest";
  readonly subject: string;
  readonly alerts: number;
  readonly outcome: "sent" | "failed" | "would-send";
}

/** Whom a mail goes to. */
export interface MailRecipient {
  readonly userId: string;
  readonly email: string;
  readonly digestHour: number;
}

/** Why a send failed, without the address or the message (which may name people). */
function failureReason(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z0-9_]{1,40}$/.test(code)) return code;
    const name = (error as { name?: unknown }).name;
    if (typeof name === "string") return name.slice(0, 80);
  }
  return "unknown";
}

async function audit(
  tx: SqlRunner,
  scope: OrgScope,
  userId: string,
  action: "alert.mailed" | "alert.mail-failed",
  districtId: string | null,
  detail: Record<string, unknown>,
  at: Date,
): Promise<void> {
  await appendAudit(
    tx,
    {
      actorUserId: null,
      actorTokenId: null,
      organizationId: scope.organizationId,
      districtId,
      action,
      objectType: "user",
      objectId: userId,
      detail,
    },
    at,
  );
}

/** A mail to send: `compose` writes it with the unsubscribe link it is to carry (none in a dry run). */
export interface Batch {
  readonly kind: "immediate" | "digest";
  readonly items: readonly PlannedDelivery[];
  readonly compose: (unsubscribeUrl: string | null) => AlertMail;
}

export async function sendOne(
  deps: AlertMailDeps,
  scope: OrgScope,
  recipient: MailRecipient,
  batch: Batch,
  localDay: string,
): Promise<MailOutcome> {
  const { kind, items } = batch;
  const orgId = scope.organizationId;
  const token = await actAs(deps.db, scope, (tx) =>
    issueUnsubscribeToken(
      tx,
      { userId: recipient.userId, organizationId: orgId },
      mailKinds(items.map((i) => i.alert)),
      deps.clock.now(),
    ),
  );
  const link = unsubscribeUrl(deps.baseUrl, token);
  const mail = batch.compose(link);
  const outcome = {
    organizationId: orgId,
    userId: recipient.userId,
    kind,
    subject: mail.subject,
    alerts: items.length,
  };
  const first = items[0]?.alert;
  const districtId = kind === "immediate" && first !== undefined ? first.districtId : null;
  const detail =
    kind === "immediate" && first !== undefined
      ? {
          delivery: kind,
          code: first.code,
          contractId: first.contractId,
          subject: first.subject,
          severity: first.severity,
        }
      : { delivery: kind, alerts: items.length };
  try {
    await deps.mailer.send({
      to: recipient.email,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: {
        "List-Unsubscribe": `<${link}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
    });
  } catch (error) {
    const reason = failureReason(error);
    const at = deps.clock.now();
    await actAs(deps.db, scope, async (tx) => {
      for (const item of items) await markFailed(tx, orgId, recipient.userId, item.record, reason);
      await audit(tx, scope, recipient.userId, "alert.mail-failed", districtId, { ...detail, reason }, at);
    });
    return { ...outcome, outcome: "failed" };
  }
  const at = deps.clock.now();
  await actAs(deps.db, scope, async (tx) => {
    for (const item of items) await markSent(tx, orgId, recipient.userId, item.record, at);
    if (kind === "digest")
      await markDigestSent(
        tx,
        { userId: recipient.userId, organizationId: orgId, digestHour: recipient.digestHour },
        localDay,
        at,
      );
    await audit(tx, scope, recipient.userId, "alert.mailed", districtId, detail, at);
  });
  return { ...outcome, outcome: "sent" };
}
