/**
 * The server refuses to run on a PostgreSQL connection that could step around row-level
 * security: a superuser or a role with BYPASSRLS. (It works as accord_app in every
 * transaction anyway; this keeps a misconfigured deployment from starting at all.)
 * PGlite has only its superuser, so there the role switch alone applies.
 */
import type { Db } from "./ports/db.js";
import { APP_ROLE } from "./act-as.js";

export type ServerRoleVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export async function checkServerRole(db: Db): Promise<ServerRoleVerdict> {
  if (db.kind === "pglite") return { ok: true };
  const [role] = await db.query<{ name: string; rolsuper: boolean; rolbypassrls: boolean; member: boolean }>(
    `SELECT r.rolname AS name, r.rolsuper, r.rolbypassrls, pg_has_role(session_user, $1, 'MEMBER') AS member
       FROM pg_roles r WHERE r.rolname = session_user`,
    [APP_ROLE],
  );
  if (role === undefined) return { ok: false, reason: "the connection's role was not found" };
  const fix = `connect as a login role that is a member of ${APP_ROLE}, e.g. CREATE ROLE accord_web LOGIN PASSWORD '...' IN ROLE ${APP_ROLE}; (run accord migrate first, as the owner)`;
  if (role.rolsuper)
    return { ok: false, reason: `DATABASE_URL connects as ${role.name}, a superuser: ${fix}` };
  if (role.rolbypassrls)
    return {
      ok: false,
      reason: `DATABASE_URL connects as ${role.name}, which bypasses row-level security: ${fix}`,
    };
  if (!role.member)
    return {
      ok: false,
      reason: `DATABASE_URL connects as ${role.name}, not a member of ${APP_ROLE}: ${fix}`,
    };
  return { ok: true };
}
