/**
 * One process at a time in an embedded store's folder. Two PGlite instances on the same
 * folder do not see each other's writes and would overwrite each other's files, so the
 * store takes `accord.lock` in the folder (created exclusively, holding the owner's pid
 * and host) before PGlite opens it, and removes it on close or exit. A lock whose
 * process is gone (killed, crashed) on this host is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

export const LOCK_FILE = "accord.lock";

export class StoreLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the embedded store in ${dataDir} is open in another process (pid ${pid}, such as a running accord serve): ` +
        `stop it first, or run this through that server, or use a PostgreSQL server (DATABASE_URL) to share a store`,
    );
    this.name = "StoreLockedError";
  }
}

interface Holder {
  readonly pid: number;
  readonly host: string;
}

function readHolder(path: string): Holder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<Holder>;
    if (typeof parsed.pid === "number" && typeof parsed.host === "string")
      return { pid: parsed.pid, host: parsed.host };
    return null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the folder's lock or throws StoreLockedError; answers the function that releases it. */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  const me: Holder = { pid: process.pid, host: hostname() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, "wx", 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(path);
      // Another host's lock (a shared folder) cannot be checked: it stands.
      if (holder !== null && (holder.host !== me.host || alive(holder.pid)))
        throw new StoreLockedError(dataDir, holder.pid);
      // A lock left by a process that is gone, or half written by one: taken over.
      try {
        unlinkSync(path);
      } catch (unlinkError) {
        if ((unlinkError as NodeJS.ErrnoException).code !== "ENOENT") throw unlinkError;
      }
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(me));
    } finally {
      closeSync(fd);
    }
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      process.off("exit", release);
      const holder = readHolder(path);
      if (holder?.pid === me.pid && holder.host === me.host) {
        try {
          unlinkSync(path);
        } catch {
          // Gone already: nothing to release.
        }
      }
    };
    process.on("exit", release);
    return release;
  }
  throw new StoreLockedError(dataDir, readHolder(path)?.pid ?? 0);
}
