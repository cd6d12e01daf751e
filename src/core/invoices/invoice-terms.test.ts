import { describe, expect, it } from "vitest";
import { dayNumber, parseIsoDate, type IsoDate } from "../date.js";
import { addDays } from "../date.js";
import { invoiceNumber, validNetDays, yearOf } from "./invoice-terms.js";

const d = (s: string) => s as IsoDate;

describe("invoice terms", () => {
  it("numbers invoices per district, vendor and year with at least four digits", () => {
    expect(invoiceNumber("d1", "v1", 2025, 1)).toBe("INV-d1-v1-2025-0001");
    expect(invoiceNumber("d1", "v2", 2026, 42)).toBe("INV-d1-v2-2026-0042");
    expect(invoiceNumber("d1", "v1", 2025, 12345)).toBe("INV-d1-v1-2025-12345");
    expect(() => invoiceNumber("d1", "v1", 2025, 0)).toThrow(RangeError);
  });

  it("puts net 30 across month, year and leap-day ends", () => {
    expect(addDays(d("2025-01-15"), 30)).toBe("2025-02-14");
    expect(addDays(d("2024-02-15"), 30)).toBe("2024-03-16");
    expect(addDays(d("2025-02-15"), 30)).toBe("2025-03-17");
    expect(addDays(d("2025-12-15"), 30)).toBe("2026-01-14");
    expect(addDays(d("2025-03-01"), 0)).toBe("2025-03-01");
    expect(addDays(d("2025-03-01"), -1)).toBe("2025-02-28");
    expect(yearOf(d("2025-12-31"))).toBe(2025);
  });

  it("is the inverse of dayNumber over four centuries of days", () => {
    let date = d("1900-01-01");
    for (let i = 0; i < 146097; i += 7) {
      const next = addDays(date, 7);
      expect(parseIsoDate(next)).toBe(next);
      expect(dayNumber(next) - dayNumber(date)).toBe(7);
      date = next;
    }
  });

  it("takes whole net days from 0 to 90 only", () => {
    expect([0, 30, 90].every(validNetDays)).toBe(true);
    expect([-1, 91, 1.5, Number.NaN].some(validNetDays)).toBe(false);
  });
});
