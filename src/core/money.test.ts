import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { formatCents, parseMoney, splitEqually, cents, sumCents } from "./money.js";

describe("money", () => {
  it("formats cents with two decimals and a sign", () => {
    expect(formatCents(0n)).toBe("0.00");
    expect(formatCents(5n)).toBe("0.05");
    expect(formatCents(-5n)).toBe("-0.05");
    expect(formatCents(123456n)).toBe("1234.56");
    expect(formatCents(-100n)).toBe("-1.00");
    expect(formatCents(2n ** 60n)).toBe("11529215046068469.76");
  });

  it("formats every amount the same on the fast and the big-integer path (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), (v) => {
        const neg = v < 0n;
        const abs = neg ? -v : v;
        const expected = `${neg ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
        expect(formatCents(v)).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it("parses money strings of the spec and refuses others", () => {
    expect(parseMoney("670")).toBe(67000n);
    expect(parseMoney("670.5")).toBe(67050n);
    expect(parseMoney("1200000.50")).toBe(120000050n);
    expect(parseMoney(670)).toBe("not-a-string");
    expect(parseMoney("670.001")).toBe("too-many-decimals");
    expect(parseMoney("-5")).toBe("negative");
    expect(parseMoney("-5", { allowNegative: true })).toBe(-500n);
    expect(parseMoney("1,000")).toBe("not-a-decimal");
  });

  it("splits into parts that add up exactly and differ by at most one cent (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.integer({ min: 1, max: 500 }),
        (total, count) => {
          const parts = splitEqually(cents(total), count);
          expect(sumCents(parts)).toBe(total);
          const sorted = [...parts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          expect((sorted[sorted.length - 1] ?? 0n) - (sorted[0] ?? 0n)).toBeLessThanOrEqual(1n);
        },
      ),
    );
  });
});
