import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { type Ratio, compare, formatTrimmed, fromInt, parseDecimal, ratio, ZERO } from "../ratio.js";
import { fixedBins, niceBins } from "./histogram.js";

const d = (text: string): Ratio => {
  const r = parseDecimal(text);
  if (r === null) throw new Error(text);
  return r;
};
const shown = (bins: ReturnType<typeof niceBins>) =>
  bins.map((b) => `${formatTrimmed(b.from)}..${formatTrimmed(b.to)}:${b.count}`);

describe("histogram bins", () => {
  it("picks the smallest nice width that fits, with edges on its multiples", () => {
    expect(shown(niceBins(["-3", "0", "4.5", "18"].map(d)))).toEqual([
      "-4..-2:1",
      "-2..0:0",
      "0..2:1",
      "2..4:0",
      "4..6:1",
      "6..8:0",
      "8..10:0",
      "10..12:0",
      "12..14:0",
      "14..16:0",
      "16..18:0",
      "18..20:1",
    ]);
    expect(niceBins(["-3", "12"].map(d)).length).toBe(16);
    expect(shown(niceBins([d("7"), d("7")])).slice(-2)).toEqual(["6..7:0", "7..8:2"]);
    expect(niceBins([])).toEqual([]);
  });

  it("starts a bin at the anchor (a target), so the bins from it on hold the values that reach it", () => {
    expect(shown(niceBins(["8", "9.5", "11", "14"].map(d), d("9.5")))).toEqual([
      "7.5..8.5:1",
      "8.5..9.5:0",
      "9.5..10.5:1",
      "10.5..11.5:1",
      "11.5..12.5:0",
      "12.5..13.5:0",
      "13.5..14.5:1",
    ]);
    // Values all below the target: the bins reach it.
    expect(shown(niceBins(["1", "2"].map(d), d("5"))).at(-1)).toBe("5..6:0");
  });

  it("puts a share of exactly 1 in the last tenth and refuses a value outside the bins", () => {
    const bins = fixedBins([ZERO, ratio(1n, 10n), ratio(99n, 100n), fromInt(1)], ZERO, ratio(1n, 10n), 10);
    expect(bins.map((b) => b.count)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(() => fixedBins([fromInt(2)], ZERO, ratio(1n, 10n), 10)).toThrow(RangeError);
  });

  it("counts every value once, in the bin that holds it, in at most 16 bins", () => {
    const value = fc.tuple(fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: 1, max: 8 }));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 50 }), (pairs) => {
        const values = pairs.map(([n, den]) => ratio(BigInt(n), BigInt(den)));
        const anchor = values[0] ?? ZERO;
        const bins = niceBins(values, anchor);
        expect(bins.length).toBeLessThanOrEqual(16);
        expect(bins.some((b) => compare(b.from, anchor) === 0)).toBe(true);
        expect(bins.reduce((s, b) => s + b.count, 0)).toBe(values.length);
        for (const v of values) {
          const holders = bins.filter((b) => compare(b.from, v) <= 0 && compare(v, b.to) < 0);
          expect(holders.length).toBe(1);
        }
      }),
    );
  });
});
