/** The store as the CLI commands open it, and the `--district` option they share. */
import type { Db } from "../app/ports/db.js";
import { UsageError } from "./io.js";

export type Env = Readonly<Record<string, string | undefined>>;

/** Opens the store (DATABASE_URL, else PGlite under ACCORD_DATA_DIR or ./.accord), runs `fn`, closes it. */
export async function withStore<T>(env: Env, fn: (db: Db) => Promise<T>): Promise<T> {
  // Loaded here so that the other commands never load the database drivers.
  const { openStore } = await import("../adapters/db/open-store.js");
  const db = await openStore(env);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export function districtOption(value: string | undefined): string {
  const id = value?.trim() ?? "";
  if (id === "") throw new UsageError("--district ID is required");
  return id;
}
