/**
 * The audit entry of something an actor did: who (user or API token), in which
 * organization and, for a district organization, which district, so the district's
 * auditors find it in their log.
 */
import type { AuditEvent } from "../audit-log.js";
import type { Actor } from "./actor.js";

export function actorAudit(
  actor: Actor,
  action: string,
  object: { readonly type: string; readonly id: string },
  detail: Readonly<Record<string, unknown>> = {},
): AuditEvent {
  return {
    actorUserId: actor.userId,
    actorTokenId: actor.tokenId,
    organizationId: actor.organizationId,
    districtId: actor.orgKind === "district" ? actor.organizationId : null,
    action,
    objectType: object.type,
    objectId: object.id,
    detail,
  };
}

/** The short form of a session's hash the audit log names it by (as sign-in and sign-out do). */
export function sessionObject(sha256: string): { readonly type: string; readonly id: string } {
  return { type: "session", id: sha256.slice(0, 16) };
}
