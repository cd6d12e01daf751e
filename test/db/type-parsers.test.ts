import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/ports/db.js";
import { parseTimestamptz } from "../../src/adapters/db/type-parsers.js";
import { TEST_STORES } from "./stores.js";

const savedTz = process.env["TZ"];
beforeAll(() => {
  // West of UTC, so a date turned into a local-time Date lands on the day before.
  process.env["TZ"] = "America/Chicago";
});
afterAll(() => {
  if (savedTz === undefined) delete process.env["TZ"];
  else process.env["TZ"] = savedTz;
});

const LITERALS = `SELECT
  '2024-03-10'::date AS dst_day,
  '1900-01-01'::date AS old_day,
  '9999-12-31'::date AS last_day,
  9007199254740993::int8 AS past_2_53,
  9223372036854775807::int8 AS int8_max,
  (-9223372036854775807 - 1)::int8 AS int8_min,
  '123456789012345678901234567890.123456789012345678901234567890'::numeric AS long_decimal,
  '1.50'::numeric AS trailing_zero,
  '-0.000000000000000001'::numeric AS tiny,
  '2024-03-10 08:30:00.123456-06'::timestamptz AS instant,
  '2024-11-03 01:30:00-05'::timestamptz AS whole_second,
  '2024-03-10 02:30:00'::timestamp AS wall_clock,
  42::int4 AS int4,
  true AS flag,
  '{"b": 1, "a": [2]}'::jsonb AS doc,
  count(*) AS one_row`;

const EXPECTED = {
  dst_day: "2024-03-10",
  old_day: "1900-01-01",
  last_day: "9999-12-31",
  past_2_53: 9007199254740993n,
  int8_max: 9223372036854775807n,
  int8_min: -9223372036854775808n,
  long_decimal: "123456789012345678901234567890.123456789012345678901234567890",
  trailing_zero: "1.50",
  tiny: "-0.000000000000000001",
  instant: "2024-03-10T14:30:00.123456Z",
  whole_second: "2024-11-03T06:30:00.000000Z",
  wall_clock: "2024-03-10T02:30:00.000000",
  int4: 42,
  flag: true,
  doc: { a: [2], b: 1 },
  one_row: 1n,
};

describe.each(TEST_STORES)("type parsers on $name", ({ open }) => {
  let db: Db;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db.close();
  });

  it("runs under a time zone west of UTC", () => {
    expect(new Date(2024, 0, 1).getTimezoneOffset()).toBeGreaterThan(0);
  });

  it("returns dates as YYYY-MM-DD, int8 as bigint, numeric as text, timestamptz as ISO UTC", async () => {
    expect(await db.query(LITERALS)).toEqual([EXPECTED]);
  });

  it("round-trips the same values through parameters and a table", async () => {
    await db.exec("CREATE TABLE t (d date, i int8, n numeric, ts timestamptz, j jsonb)");
    await db.query("INSERT INTO t VALUES ($1, $2, $3, $4, $5::jsonb)", [
      "2024-03-10",
      9007199254740993n,
      "0.10",
      "2024-03-10T14:30:00.5Z",
      JSON.stringify({ amount: "12.30" }),
    ]);
    expect(await db.query("SELECT * FROM t")).toEqual([
      {
        d: "2024-03-10",
        i: 9007199254740993n,
        n: "0.10",
        ts: "2024-03-10T14:30:00.500000Z",
        j: { amount: "12.30" },
      },
    ]);
  });

  it("rolls a failed transaction back and commits a good one", async () => {
    await db.exec("CREATE TABLE tx (n int4)");
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO tx VALUES (1)");
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    await db.transaction((tx) => tx.query("INSERT INTO tx VALUES (2)"));
    expect(await db.query("SELECT n FROM tx")).toEqual([{ n: 2 }]);
  });
});

describe("timestamptz text", () => {
  it("applies offsets with minutes and keeps microseconds", () => {
    expect(parseTimestamptz("2024-01-01 00:15:00.000001+05:30")).toBe("2023-12-31T18:45:00.000001Z");
  });
  it("leaves infinity as PostgreSQL wrote it", () => {
    expect(parseTimestamptz("infinity")).toBe("infinity");
  });
});
