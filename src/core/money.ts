/**
 * Money as integer minor units (cents). A `Cents` is a branded bigint, so it cannot be
 * mixed with plain numbers or multiplied by a float by accident; arithmetic with rates
 * goes through `Ratio` and comes back with `centsOf`, which rounds half away from zero.
 */
import { type Ratio, parseDecimal, decimalPlaces, ratio, roundHalfAwayFromZero, mul } from "./ratio.js";

export type Cents = bigint & { readonly __brand: "Cents" };

export const ZERO_CENTS = 0n as Cents;

export function cents(value: bigint): Cents {
  return value as Cents;
}

/** Sum of cents: exact. */
export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0n;
  for (const v of values) total += v;
  return total as Cents;
}

export function minCents(a: Cents, b: Cents): Cents {
  return a < b ? a : b;
}

export function maxCents(a: Cents, b: Cents): Cents {
  return a > b ? a : b;
}

export function centsToRatio(value: Cents): Ratio {
  return ratio(value, 100n);
}

/** An amount in currency units (e.g. dollars, exact) to cents, rounded half away from zero. */
export function centsOf(amount: Ratio): Cents {
  return roundHalfAwayFromZero(mul(amount, { n: 100n, d: 1n })) as Cents;
}

export type MoneyProblem = "not-a-string" | "not-a-decimal" | "too-many-decimals" | "negative";

/**
 * Parses a money string of the spec ("670", "670.00", "-5.5"): a decimal with at most
 * `minorDigits` decimals. Negative amounts only when `allowNegative`.
 */
export function parseMoney(
  text: unknown,
  options: { allowNegative?: boolean; minorDigits?: number } = {},
): Cents | MoneyProblem {
  if (typeof text !== "string") return "not-a-string";
  const value = parseDecimal(text);
  if (value === null) return "not-a-decimal";
  if (decimalPlaces(text) > (options.minorDigits ?? 2)) return "too-many-decimals";
  if (value.n < 0n && options.allowNegative !== true) return "negative";
  return centsOf(value);
}

const SAFE = 2n ** 53n;

/** `123456n` -> `"1234.56"`; always two decimals, `-` for negatives. */
export function formatCents(value: Cents | bigint): string {
  if (value > -SAFE && value < SAFE) {
    // Exact in doubles below 2^53 cents; statements format hundreds of thousands of lines.
    const n = Number(value);
    const abs = n < 0 ? -n : n;
    const cents = abs % 100;
    return `${n < 0 ? "-" : ""}${(abs - cents) / 100}.${cents < 10 ? "0" : ""}${cents}`;
  }
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${whole}.${frac}`;
}

/**
 * Splits `total` cents into `count` parts that differ by at most one cent and add up to
 * `total` exactly: each gets the floor of the equal share and the leftover cents go one
 * each to the first parts (the caller orders the parts). Works for negative totals too,
 * the leftover then being negative cents.
 */
export function splitEqually(total: Cents, count: number): Cents[] {
  if (count <= 0) return [];
  const n = BigInt(count);
  const negative = total < 0n;
  const abs = negative ? -total : total;
  const each = abs / n;
  const leftover = Number(abs - each * n);
  const parts: Cents[] = new Array<Cents>(count);
  for (let i = 0; i < count; i++) {
    const part = i < leftover ? each + 1n : each;
    parts[i] = (negative ? -part : part) as Cents;
  }
  return parts;
}
