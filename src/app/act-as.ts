/**
 * Runs store work as an organization: in one transaction, as the role accord_app (never a
 * superuser, so row-level security applies) with the acting organization set for the
 * policies of db/migrations/0003_server.sql. The application checks what a role may do;
 * these policies make sure no query, however written, reads another tenant's rows.
 */
import type { Db, Row, SqlParam, SqlRunner } from "./ports/db.js";

export type OrgKind = "district" | "vendor" | "platform";

export interface OrgScope {
  readonly organizationId: string;
  readonly orgKind: OrgKind;
}

/** The role the server works as; created by the migrations. */
export const APP_ROLE = "accord_app";

async function enter(tx: SqlRunner, scope: OrgScope | null): Promise<void> {
  await tx.query(
    `SELECT set_config('role', $1, true), set_config('accord.org_id', $2, true),
            set_config('accord.org_kind', $3, true)`,
    [APP_ROLE, scope?.organizationId ?? "", scope?.orgKind ?? ""],
  );
}

/** Runs `fn` in one transaction as `scope` (null: as no organization, which sees no tenant rows). */
export function actAs<T>(db: Db, scope: OrgScope | null, fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await enter(tx, scope);
    return fn(tx);
  });
}

/**
 * The store as seen by `scope`: every transaction, query and COPY runs as the
 * organization, so use cases written against `Db` (an import, a settlement) run unchanged
 * under the tenant policies.
 */
export function scopedDb(db: Db, scope: OrgScope): Db {
  return {
    kind: db.kind,
    query: <R extends Row = Row>(sql: string, params?: readonly SqlParam[]) =>
      actAs(db, scope, (tx) => tx.query<R>(sql, params)),
    exec: (sql: string) => actAs(db, scope, (tx) => tx.exec(sql)),
    copyFrom: (table, columns, text) => actAs(db, scope, (tx) => tx.copyFrom(table, columns, text)),
    transaction: (fn) => actAs(db, scope, fn),
    close: () => Promise.resolve(),
  };
}
