import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CellError, parseTimestampDateCell, parseUsDateCell } from "./cells.js";
import { daysInMonth } from "../date.js";

const code = (v: unknown): string | null => (v instanceof CellError ? v.code : null);

describe("parseUsDateCell", () => {
  it("reads MM/DD/YYYY and M/D/YYYY as YYYY-MM-DD", () => {
    expect(parseUsDateCell("09/16/2024")).toBe("2024-09-16");
    expect(parseUsDateCell("1/4/2026")).toBe("2026-01-04");
    expect(parseUsDateCell("02/29/2024")).toBe("2024-02-29");
  });

  it("rejects days that do not exist and other forms, naming the expected form", () => {
    for (const bad of [
      "13/45/2024",
      "02/29/2025",
      "2024-09-16",
      "9/16/24",
      "09-16-2024",
      "009/16/2024",
      "09/16/2024 ",
    ]) {
      expect(code(parseUsDateCell(bad))).toBe("bad-date");
    }
    expect((parseUsDateCell("13/45/2024") as CellError).message).toBe(
      '"13/45/2024" is not a date in the form MM/DD/YYYY',
    );
  });

  it("round-trips every real day", () => {
    const day = fc
      .record({ year: fc.integer({ min: 1, max: 9999 }), month: fc.integer({ min: 1, max: 12 }) })
      .chain(({ year, month }) =>
        fc.integer({ min: 1, max: daysInMonth(year, month) }).map((d) => ({ year, month, d })),
      );
    fc.assert(
      fc.property(day, ({ year, month, d }) => {
        const [y, m, dd] = [
          String(year).padStart(4, "0"),
          String(month).padStart(2, "0"),
          String(d).padStart(2, "0"),
        ];
        expect(parseUsDateCell(`${m}/${dd}/${y}`)).toBe(`${y}-${m}-${dd}`);
      }),
    );
  });
});

describe("parseTimestampDateCell", () => {
  it("takes the date of a timestamp as written, without shifting time zones", () => {
    expect(parseTimestampDateCell("2023-08-21T17:28:05.852Z")).toBe("2023-08-21");
    expect(parseTimestampDateCell("2023-08-31 21:10:00")).toBe("2023-08-31");
    expect(parseTimestampDateCell("2023-08-31T21:10:00-05:00")).toBe("2023-08-31");
    expect(parseTimestampDateCell("8/21/2023 12:28:05 PM")).toBe("2023-08-21");
    expect(parseTimestampDateCell("2023-08-21")).toBe("2023-08-21");
  });

  it("rejects a bad date or anything but a time after it", () => {
    for (const bad of [
      "31/08/2023",
      "2023-02-30T10:00:00Z",
      "2023-08-21 soon",
      "2023-08-21T25",
      "yesterday",
      "",
    ]) {
      expect(code(parseTimestampDateCell(bad))).toBe("bad-date");
    }
  });
});
