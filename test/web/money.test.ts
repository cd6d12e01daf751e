import { describe, expect, it } from "vitest";
import { formatMoney, formatRatePercent, parseMoneyCents, sumMoneyCents } from "../../web/src/lib/money.js";

describe("web money", () => {
  it("parses the API's decimal strings into exact cents", () => {
    expect(parseMoneyCents("1234.50")).toBe(123450n);
    expect(parseMoneyCents("-3.07")).toBe(-307n);
    expect(parseMoneyCents("0.00")).toBe(0n);
    expect(parseMoneyCents("90071992547409.93")).toBe(9007199254740993n);
  });

  it("refuses strings that are not the API's money format", () => {
    for (const bad of ["12", "12.5", "12.345", "1,234.50", " 1.00", "1e3", "", "-", ".50"])
      expect(parseMoneyCents(bad), bad).toBeNull();
  });

  it("sums amounts beyond float precision exactly", () => {
    // 0.10 + 0.20 is 0.30000000000000004 in floats; 2^53 + 1 cents is not representable.
    expect(sumMoneyCents(["0.10", "0.20"])).toBe(30n);
    expect(sumMoneyCents(["90071992547409.92", "0.01"])).toBe(9007199254740993n);
    expect(sumMoneyCents([])).toBe(0n);
  });

  it("throws on a sum over a value that is not money", () => {
    expect(() => sumMoneyCents(["1.00", "abc"])).toThrow(/not a money amount/);
  });

  it("formats with a dollar sign, thousands separators and two decimals", () => {
    expect(formatMoney("572000.00")).toBe("$572,000.00");
    expect(formatMoney(123456789n)).toBe("$1,234,567.89");
    expect(formatMoney("0.05")).toBe("$0.05");
    expect(formatMoney("-1234.50")).toBe("-$1,234.50");
    expect(formatMoney("12.00", "EUR")).toBe("EUR 12.00");
  });

  it("shows a value that is not money as it came, never as $0.00", () => {
    expect(formatMoney("n/a")).toBe("n/a");
  });

  it("formats rates as percentages rounded half away from zero", () => {
    expect(formatRatePercent("0.582803")).toBe("58.3%");
    expect(formatRatePercent("0.55725")).toBe("55.7%");
    expect(formatRatePercent("0.00125")).toBe("0.1%");
    expect(formatRatePercent("0.00049")).toBe("0.0%");
    expect(formatRatePercent("1")).toBe("100.0%");
    expect(formatRatePercent("-0.0125")).toBe("-1.3%");
    expect(formatRatePercent("-0.0001")).toBe("0.0%");
    expect(formatRatePercent("0.5", 0)).toBe("50%");
    expect(formatRatePercent("1/3")).toBe("1/3");
  });
});
