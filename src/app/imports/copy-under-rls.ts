/**
 * COPY for a transaction that runs under row-level security. PostgreSQL refuses
 * `COPY table FROM` into a table with row-level security enabled for a role the policies
 * apply to ("COPY FROM not supported with row-level security"), and the importer loads
 * sessions and assessment results with COPY. So under the acting organization, rows are
 * copied into a temporary table of the same columns (temporary tables have no policies)
 * and moved with one INSERT ... SELECT, which the table's policies check row by row as
 * they check any INSERT. The temporary tables go with the transaction (ON COMMIT DROP).
 *
 * PGlite reads COPY input as a file ('/dev/blob'), which only a superuser may do: there
 * the COPY into the temporary table runs as the session's own (superuser) role, and the
 * INSERT, which the policies check, as the acting organization again.
 *
 * The statements are sent at once, in order, before anything else the import sends
 * after them, so they keep COPY's place in the transaction's order of statements.
 * It costs a second write of each row; the operator's CLI, which the policies do not
 * apply to, keeps the direct COPY.
 */
import { createHash } from "node:crypto";
import type { Db, Row, SqlParam, SqlRunner } from "../ports/db.js";
import { APP_ROLE } from "../act-as.js";

/** A plain or double-quoted lower-case identifier (`minutes`, `"window"`). */
const IDENTIFIER = /^(?:[a-z_][a-z0-9_]*|"[a-z_][a-z0-9_]*")$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain identifier: ${JSON.stringify(name)}`);
  return name;
}

/** `tx` with its `copyFrom` going through a temporary table; everything else unchanged. */
export function copyUnderRls(tx: SqlRunner, kind: Db["kind"]): SqlRunner {
  const staged = new Set<string>();
  return {
    query: <R extends Row = Row>(sql: string, params?: readonly SqlParam[]) => tx.query<R>(sql, params),
    exec: (sql) => tx.exec(sql),
    copyFrom(table, columns, text, format) {
      const target = identifier(table);
      const list = columns.map(identifier).join(", ");
      const temp = `accord_copy_${createHash("sha256").update(`${target}(${list})`).digest("hex").slice(0, 12)}`;
      const created = staged.has(temp)
        ? Promise.resolve()
        : tx.exec(`CREATE TEMP TABLE ${temp} ON COMMIT DROP AS SELECT ${list} FROM ${target} WITH NO DATA`);
      staged.add(temp);
      const asOwner = kind === "pglite" ? tx.exec("SET LOCAL ROLE NONE") : Promise.resolve();
      const copied = tx.copyFrom(temp, columns, text, format);
      const moved = tx.exec(
        `${kind === "pglite" ? `SET LOCAL ROLE ${APP_ROLE}; ` : ""}` +
          `INSERT INTO ${target} (${list}) SELECT ${list} FROM ${temp}; TRUNCATE ${temp}`,
      );
      return Promise.all([created, asOwner, copied, moved]).then(([, , rows]) => rows);
    },
  };
}
