import { describe, it, expect } from "vitest";
import { CellError, parseClockCell, parseDateTimeCell } from "../../src/core/data/cells.js";

describe("parseDateTimeCell", () => {
  it("takes the date as written from ISO dates and date-times, with no time-zone shift", () => {
    expect(parseDateTimeCell("2026-09-08")).toEqual({ date: "2026-09-08", secondOfDay: null });
    expect(parseDateTimeCell("2026-09-08 10:30:00")).toEqual({ date: "2026-09-08", secondOfDay: 37800 });
    expect(parseDateTimeCell("2027-05-12T23:14:00-05:00")).toEqual({
      date: "2027-05-12",
      secondOfDay: 83640,
    });
    expect(parseDateTimeCell("2023-08-21T17:28:05.852Z")).toEqual({ date: "2023-08-21", secondOfDay: 62885 });
  });

  it("rejects US dates, impossible days and times", () => {
    for (const bad of [
      "9/8/2026",
      "2026-9-8",
      "2026-02-30",
      "2026-09-08 24:00",
      "2026-09-08T10:61",
      "2026-09-08x",
    ]) {
      expect(parseDateTimeCell(bad)).toBeInstanceOf(CellError);
    }
  });
});

describe("parseClockCell", () => {
  it("reads HH:MM and HH:MM:SS as the second of the day and rejects others", () => {
    expect(parseClockCell("10:30")).toBe(37800);
    expect(parseClockCell("23:59:59")).toBe(86399);
    expect(parseClockCell("9:30")).toBeInstanceOf(CellError);
    expect(parseClockCell("24:00")).toBeInstanceOf(CellError);
  });
});
