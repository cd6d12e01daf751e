/**
 * One alert mail run at a time per store, whoever starts it (cron's `accord alerts send`,
 * the server's interval, or both by mistake): two runs at once would both read the same
 * pending deliveries and mail each alert twice.
 *
 * On PostgreSQL the run holds a transaction-level advisory lock for its whole length, on
 * a connection of its own (the run's work goes through other connections, each change in
 * a transaction of its own); the lock is released when that transaction ends, also when
 * the process dies. The key is scoped to the schema, so stores in other schemas of the
 * same database do not wait for each other.
 *
 * PGlite is one process's store (its data directory must not be opened by two processes
 * at once): runs in that process are kept apart by an in-process flag.
 */
import type { Db } from "../ports/db.js";

/** The advisory lock's first key: the alert mail run (the second is the schema's hash). */
const LOCK_KEY = 7_411_026;

export type LockedRun<T> = { readonly ran: true; readonly value: T } | { readonly ran: false };

const running = new WeakSet<Db>();

/** Runs `run` holding the store's alert mail lock; `{ ran: false }` without running it when another holds it. */
export async function withAlertMailLock<T>(db: Db, run: () => Promise<T>): Promise<LockedRun<T>> {
  if (db.kind === "pglite") {
    if (running.has(db)) return { ran: false };
    running.add(db);
    try {
      return { ran: true, value: await run() };
    } finally {
      running.delete(db);
    }
  }
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_xact_lock($1, hashtext(current_schema())) AS locked",
      [LOCK_KEY],
    );
    if (row?.locked !== true) return { ran: false } as const;
    return { ran: true, value: await run() } as const;
  });
}
