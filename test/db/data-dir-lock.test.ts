import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCK_FILE, StoreLockedError, lockDataDir } from "../../src/adapters/db/data-dir-lock.js";
import { openPglite } from "../../src/adapters/db/pglite-db.js";
import { runAccord } from "../support/capture-output.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "accord-lock-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A process that stays alive until killed (its pid stands for another accord process). */
function sleeper(): Promise<{ pid: number; stop: () => void }> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("spawn", () => resolve({ pid: child.pid!, stop: () => child.kill("SIGKILL") }));
  });
}

describe("the embedded store's folder lock", () => {
  it("lets one store at a time open a folder, and frees it on close", async () => {
    const data = join(dir, "data");
    const db = await openPglite(data);
    expect(JSON.parse(readFileSync(join(data, LOCK_FILE), "utf8"))).toEqual({
      pid: process.pid,
      host: hostname(),
    });
    await expect(openPglite(data)).rejects.toThrow(StoreLockedError);
    await db.query("SELECT 1");
    await db.close();
    expect(existsSync(join(data, LOCK_FILE))).toBe(false);
    const again = await openPglite(data);
    await again.close();
  }, 120_000);

  it("refuses a folder another live process holds, naming it and what to do", async () => {
    const other = await sleeper();
    try {
      writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: other.pid, host: hostname() }));
      expect(() => lockDataDir(dir)).toThrow(
        new RegExp(`open in another process \\(pid ${other.pid}, such as a running accord serve\\)`),
      );
      const r = await runAccord(["imports", "--district", "d1"], { ACCORD_DATA_DIR: dir });
      expect(r.code).toBe(1);
      expect(r.err).toContain(
        `accord: the embedded store in ${dir} is open in another process (pid ${other.pid}`,
      );
      expect(r.err).not.toContain("internal error");
      // The holder's lock is left as it was.
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8"))).toEqual({
        pid: other.pid,
        host: hostname(),
      });
    } finally {
      other.stop();
    }
  });

  it("takes over a lock whose process is gone, or that holds no owner", async () => {
    const gone = await sleeper();
    gone.stop();
    await new Promise((r) => setTimeout(r, 200));
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: gone.pid, host: hostname() }));
    const release = lockDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8"))).toEqual({
      pid: process.pid,
      host: hostname(),
    });
    release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);

    writeFileSync(join(dir, LOCK_FILE), "");
    lockDataDir(dir)();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("leaves a lock from another host standing (a shared folder cannot be checked)", () => {
    mkdirSync(join(dir, "shared"));
    writeFileSync(
      join(dir, "shared", LOCK_FILE),
      JSON.stringify({ pid: 1, host: `${hostname()}-elsewhere` }),
    );
    expect(() => lockDataDir(join(dir, "shared"))).toThrow(StoreLockedError);
  });
});
