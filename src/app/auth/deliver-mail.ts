/**
 * Sends an account mail (a reset or invitation link) and never throws: a relay that is
 * down must not undo the account change the mail is about, and a mail sent after the
 * answer has nobody to throw to. A failure is written to the audit log instead (the
 * account and the purpose, never the address or the link), where the operator sees it.
 */
import type { Db } from "../ports/db.js";
import type { Clock } from "../ports/clock.js";
import type { MailMessage, Mailer } from "../ports/auth.js";
import { actAs } from "../act-as.js";
import { appendAudit } from "../audit-log.js";

export interface MailAbout {
  readonly userId: string;
  readonly organizationId: string | null;
  readonly purpose: "password-reset" | "invitation";
}

/** True when the relay took the mail. */
export async function deliverMail(
  deps: { readonly db: Db; readonly clock: Clock; readonly mailer: Mailer },
  message: MailMessage,
  about: MailAbout,
): Promise<boolean> {
  try {
    await deps.mailer.send(message);
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.name : "unknown";
    await actAs(deps.db, null, (tx) =>
      appendAudit(
        tx,
        {
          actorUserId: null,
          actorTokenId: null,
          organizationId: about.organizationId,
          districtId: null,
          action: "mail.failed",
          objectType: "user",
          objectId: about.userId,
          detail: { purpose: about.purpose, reason },
        },
        deps.clock.now(),
      ),
    ).catch(() => undefined);
    return false;
  }
}
