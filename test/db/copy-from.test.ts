import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/ports/db.js";
import { copyLine } from "../../src/app/copy-text.js";
import { TEST_STORES } from "./stores.js";

const AWKWARD = ["tab\there", "line\nbreak", "cr\rlf\r\n", "back\\slash", "\\N", "", "ünï ✓", 'a,"b"'];

describe.each(TEST_STORES)("COPY into the store ($name)", (store) => {
  let db: Db;
  beforeAll(async () => {
    db = await store.open();
    await db.exec("CREATE TABLE copied (no integer, t text, d date, n numeric, b boolean, i bigint)");
  });
  afterAll(async () => db.close());

  it("loads every value as written, nulls as nulls, and counts the rows", async () => {
    const text = AWKWARD.map((t, no) =>
      copyLine([no, t, "2025-01-31", "12.50", no % 2 === 0, 9007199254740993n]),
    ).join("");
    const rows = await db.transaction((tx) =>
      tx.copyFrom(
        "copied",
        ["no", "t", "d", "n", "b", "i"],
        text + copyLine([99, null, null, null, null, null]),
      ),
    );
    expect(rows).toBe(AWKWARD.length + 1);
    const stored = await db.query<{
      no: number;
      t: string | null;
      d: string | null;
      n: string | null;
      b: boolean | null;
      i: bigint | null;
    }>("SELECT no, t, d, n, b, i FROM copied ORDER BY no");
    expect(stored.map((r) => r.t)).toEqual([...AWKWARD, null]);
    expect(stored[0]).toEqual({
      no: 0,
      t: AWKWARD[0],
      d: "2025-01-31",
      n: "12.50",
      b: true,
      i: 9007199254740993n,
    });
    expect(stored.at(-1)).toEqual({ no: 99, t: null, d: null, n: null, b: null, i: null });
  });

  it("loads nothing of a COPY that fails, and says where", async () => {
    const text =
      copyLine([200, "ok", "2025-01-31", "1", true, 1]) + copyLine([201, "bad", "2025-02-30", "1", true, 1]);
    await expect(
      db.transaction((tx) => tx.copyFrom("copied", ["no", "t", "d", "n", "b", "i"], text)),
    ).rejects.toThrow(/date/);
    expect(await db.query("SELECT no FROM copied WHERE no >= 200")).toEqual([]);
  });
});
