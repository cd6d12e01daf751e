/** How figures read in a request for proposals: exact money, percents, dates, grades. */
import { describe, expect, it } from "vitest";
import type { IsoDate } from "../../src/core/date.js";
import { ratio } from "../../src/core/ratio.js";
import { addDays } from "../../src/core/date.js";
import { gradesText, longDate, money, partOf, percent } from "../../src/core/rfp/rfp-format.js";

describe("RFP figures", () => {
  it("groups money from exact cents, beyond the doubles' exact range too", () => {
    expect(money(63900000n, "USD")).toBe("$639,000.00");
    expect(money(5n, "USD")).toBe("$0.05");
    expect(money(-123456n, "USD")).toBe("-$1,234.56");
    expect(money(123456n, "EUR")).toBe("1,234.56 EUR");
    expect(money(2n ** 60n, "USD")).toBe("$11,529,215,046,068,469.76");
  });

  it("shows a part of the maximum value with two decimals, rounded half away from zero", () => {
    expect(partOf(1n, 8n)).toBe("12.5%");
    expect(partOf(1n, 3n)).toBe("33.33%");
    expect(partOf(2n, 3n)).toBe("66.67%");
    expect(partOf(1n, 200000n)).toBe("0%");
    expect(partOf(1n, 0n)).toBeNull();
    expect(percent(ratio(125n, 10n))).toBe("12.5%");
  });

  it("writes dates out and adds days across months, leap days and years", () => {
    expect(longDate("2024-09-03")).toBe("September 3, 2024");
    expect(addDays("2024-02-28" as IsoDate, 1)).toBe("2024-02-29");
    expect(addDays("2025-02-28" as IsoDate, 1)).toBe("2025-03-01");
    expect(addDays("2025-12-25" as IsoDate, 14)).toBe("2026-01-08");
    expect(addDays("2000-01-01" as IsoDate, -1)).toBe("1999-12-31");
    expect(addDays("2025-05-23" as IsoDate, 14)).toBe("2025-06-06");
  });

  it("names grades in order, as a range when they run on", () => {
    expect(gradesText(["8"])).toBe("grade 8");
    expect(gradesText(["3", "K", "1", "2"])).toBe("grades K through 3");
    expect(gradesText(["9", "6"])).toBe("grades 6 and 9");
    expect(gradesText(["PK", "K", "2"])).toBe("grades PK, K and 2");
  });
});
