import { describe, expect, it } from "vitest";
import type { IsoDate } from "../date.js";
import { addDays, dateOfDayNumber } from "../date.js";
import { addMonths, cadenceText, meetingDays, MAX_SCHEDULED } from "./cadence.js";
import { dayNumber, parseIsoDate } from "../date.js";

const d = (s: string) => s as IsoDate;

describe("check-in cadence", () => {
  it("steps every 2 weeks by exactly 14 days, across a year end", () => {
    expect(meetingDays({ every: 2, unit: "week" }, d("2024-12-03"), d("2025-01-31"))).toEqual([
      "2024-12-03",
      "2024-12-17",
      "2024-12-31",
      "2025-01-14",
      "2025-01-28",
    ]);
  });

  it("keeps the start's day of the month, clamped to short months, never drifting after February", () => {
    expect(meetingDays({ every: 1, unit: "month" }, d("2025-01-31"), d("2025-06-30"))).toEqual([
      "2025-01-31",
      "2025-02-28",
      "2025-03-31",
      "2025-04-30",
      "2025-05-31",
      "2025-06-30",
    ]);
  });

  it("gives February 29 in a leap year and February 28 otherwise", () => {
    expect(meetingDays({ every: 1, unit: "month" }, d("2024-01-30"), d("2024-03-31"))).toEqual([
      "2024-01-30",
      "2024-02-29",
      "2024-03-30",
    ]);
    expect(addMonths(d("2024-02-29"), 12)).toBe("2025-02-28");
    expect(addMonths(d("2024-02-29"), 48)).toBe("2028-02-29");
    // 1900 is not a leap year, 2000 is.
    expect(addMonths(d("1900-01-31"), 1)).toBe("1900-02-28");
    expect(addMonths(d("2000-01-31"), 1)).toBe("2000-02-29");
    expect(addDays(d("2024-02-28"), 1)).toBe("2024-02-29");
    expect(addDays(d("2023-02-28"), 1)).toBe("2023-03-01");
  });

  it("steps every 3 months and backwards across years", () => {
    expect(meetingDays({ every: 3, unit: "month" }, d("2024-11-30"), d("2025-12-31"))).toEqual([
      "2024-11-30",
      "2025-02-28",
      "2025-05-30",
      "2025-08-30",
      "2025-11-30",
    ]);
    expect(addMonths(d("2025-01-15"), -1)).toBe("2024-12-15");
  });

  it("ignores daylight-saving changes: a weekly meeting stays 7 calendar days apart over both switches", () => {
    // US switches on 2025-03-09 and 2025-11-02; dates carry no time of day.
    const days = meetingDays({ every: 1, unit: "week" }, d("2025-03-02"), d("2025-03-16"));
    expect(days).toEqual(["2025-03-02", "2025-03-09", "2025-03-16"]);
    expect(meetingDays({ every: 1, unit: "week" }, d("2025-10-26"), d("2025-11-09"))).toEqual([
      "2025-10-26",
      "2025-11-02",
      "2025-11-09",
    ]);
  });

  it("includes the end day, and gives nothing when the end is before the start", () => {
    expect(meetingDays({ every: 2, unit: "week" }, d("2025-01-01"), d("2025-01-15"))).toEqual([
      "2025-01-01",
      "2025-01-15",
    ]);
    expect(meetingDays({ every: 1, unit: "week" }, d("2025-01-02"), d("2025-01-01"))).toEqual([]);
  });

  it("stops one past the bound, so that an oversized schedule is refused rather than cut", () => {
    const days = meetingDays({ every: 1, unit: "week" }, d("2020-01-01"), d("2030-01-01"));
    expect(days.length).toBe(MAX_SCHEDULED + 1);
  });

  it("inverts the day number on every day of four years (a leap cycle)", () => {
    const start = dayNumber(d("2023-01-01"));
    for (let n = start; n < start + 4 * 366; n++) {
      const date = dateOfDayNumber(n);
      expect(parseIsoDate(date)).toBe(date);
      expect(dayNumber(date)).toBe(n);
    }
  });

  it("says the cadence in words", () => {
    expect(cadenceText({ every: 2, unit: "week" })).toBe("every 2 weeks");
    expect(cadenceText({ every: 1, unit: "month" })).toBe("every month");
  });
});
