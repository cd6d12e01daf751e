import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { ratio, formatFixed, formatTrimmed, roundHalfAwayFromZero, mul, parseDecimal } from "./ratio.js";

/** The reference: exact big-integer rounding. */
function reference(n: bigint, d: bigint, places: number): string {
  const scaled = roundHalfAwayFromZero(mul(ratio(n, d), { n: 10n ** BigInt(places), d: 1n }));
  const neg = scaled < 0n;
  const digits = (neg ? -scaled : scaled).toString().padStart(places + 1, "0");
  const body = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return neg ? `-${body}` : body;
}

describe("ratio formatting", () => {
  it("rounds half away from zero at the named places", () => {
    expect(formatFixed(ratio(1n, 8n), 2)).toBe("0.13");
    expect(formatFixed(ratio(-1n, 8n), 2)).toBe("-0.13");
    expect(formatFixed(ratio(5n, 2n), 0)).toBe("3");
    expect(formatFixed(ratio(-5n, 2n), 0)).toBe("-3");
    expect(formatFixed(ratio(2n, 3n), 6)).toBe("0.666667");
    expect(formatFixed(parseDecimal("1.005")!, 2)).toBe("1.01");
    expect(formatTrimmed(parseDecimal("8.100")!)).toBe("8.1");
    expect(formatTrimmed(ratio(-1n, 10_000_000n))).toBe("0");
  });

  it("formats small ratios exactly as the big-integer reference (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(2n ** 33n), max: 2n ** 33n }),
        fc.bigInt({ min: 1n, max: 2n ** 33n }),
        fc.integer({ min: 0, max: 6 }),
        (n, d, places) => {
          const r = ratio(n, d);
          expect(formatFixed(r, places)).toBe(reference(r.n, r.d, places));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
