/**
 * Runs store work as an organization: in one transaction, as the role accord_app (never a
 * superuser, so row-level security applies) with the acting organization set for the
 * policies of db/migrations/0003_server.sql. The application checks what a role may do;
 * these policies make sure no query, however written, reads another tenant's rows.
 */
import type { Db, Row, SqlParam, SqlRunner, TransactionSettings } from "./ports/db.js";

export type OrgKind = "district" | "vendor" | "platform";

export interface OrgScope {
  readonly organizationId: string;
  readonly orgKind: OrgKind;
}

/** The role the server works as; created by the migrations. */
export const APP_ROLE = "accord_app";

/** The settings that make a transaction act as `scope` (null: as no organization). */
function scopeSettings(scope: OrgScope | null): TransactionSettings {
  return [
    ["role", APP_ROLE],
    ["accord.org_id", scope?.organizationId ?? ""],
    ["accord.org_kind", scope?.orgKind ?? ""],
  ];
}

/** Runs `fn` in one transaction as `scope` (null: as no organization, which sees no tenant rows). */
export function actAs<T>(db: Db, scope: OrgScope | null, fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
  return db.transaction(fn, scopeSettings(scope));
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
    copyFrom: (table, columns, text, format) =>
      actAs(db, scope, (tx) => tx.copyFrom(table, columns, text, format)),
    transaction: (fn) => actAs(db, scope, fn),
    close: () => Promise.resolve(),
  };
}
