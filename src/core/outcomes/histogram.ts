/**
 * Histogram bins over exact values (growth points, tutor shares). Bin edges are exact
 * ratios; a value falls in the bin whose `from` it reaches and whose `to` it stays under,
 * except that the last bin also holds its `to` (a share of exactly 1).
 */
import { type Ratio, add, compare, div, fromInt, mul, sub, ZERO } from "../ratio.js";

export interface Bin {
  readonly from: Ratio;
  readonly to: Ratio;
  readonly count: number;
}

/** floor(a) for an exact ratio. */
function floor(a: Ratio): bigint {
  const q = a.n / a.d;
  return a.n < 0n && q * a.d !== a.n ? q - 1n : q;
}

/** Widths 1, 2 and 5 times a power of ten, from 1 up (scores and growth are in points). */
function* niceWidths(): Generator<Ratio> {
  for (let scale = 1n; ; scale *= 10n) for (const step of [1n, 2n, 5n]) yield fromInt(step * scale);
}

/**
 * Bins of a "nice" width (1, 2 or 5 times a power of ten) over the values and `anchor`,
 * as few as `maxBins` or fewer, with edges on `anchor` plus multiples of the width: a
 * target given as the anchor is always the start of a bin, so the bins from it on hold
 * exactly the values at or above it. Every bin between the lowest and the highest is
 * listed (empty ones too, so the axis has no gaps). No bins for no values.
 */
export function niceBins(values: readonly Ratio[], anchor: Ratio = ZERO, maxBins = 16): Bin[] {
  if (values.length === 0) return [];
  let low = anchor;
  let high = anchor;
  for (const v of values) {
    if (compare(v, low) < 0) low = v;
    if (compare(v, high) > 0) high = v;
  }
  for (const width of niceWidths()) {
    const start = floor(div(sub(low, anchor), width));
    const end = floor(div(sub(high, anchor), width));
    if (end - start + 1n <= BigInt(maxBins))
      return fixedBins(values, add(anchor, mul(fromInt(start), width)), width, Number(end - start + 1n));
  }
  throw new Error("unreachable: widths grow without bound");
}

/** `count` bins of `width` from `start`; a value outside them is a caller's bug (it throws). */
export function fixedBins(values: readonly Ratio[], start: Ratio, width: Ratio, count: number): Bin[] {
  const counts = new Array<number>(count).fill(0);
  for (const v of values) {
    let index = Number(floor(div(sub(v, start), width)));
    if (index === count && compare(v, add(start, mul(fromInt(count), width))) === 0) index = count - 1;
    if (index < 0 || index >= count) throw new RangeError("a value outside the bins");
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts.map((c, i) => {
    const from = add(start, mul(fromInt(i), width));
    return { from, to: add(from, width), count: c };
  });
}
