/** Who is acting: a signed-in user in one organization, or an API token of one. */
import type { OrgKind, OrgScope } from "../act-as.js";
import type { Role } from "./roles.js";

export interface BrowserSession {
  readonly sha256: string;
  readonly csrfToken: string;
  /** False until the TOTP code is given, for accounts that must give one. */
  readonly secondFactorDone: boolean;
}

export interface Actor {
  readonly userId: string | null;
  readonly tokenId: string | null;
  readonly organizationId: string;
  readonly orgKind: OrgKind;
  readonly role: Role;
  /** The browser session the request came with; null for an API token. */
  readonly session: BrowserSession | null;
}

export function actorScope(actor: Actor): OrgScope {
  return { organizationId: actor.organizationId, orgKind: actor.orgKind };
}
