/**
 * Exact rational numbers over bigint, for rates, shares, percents, scores and targets.
 *
 * Every value is kept normalised: denominator > 0 and gcd(numerator, denominator) = 1,
 * so equal ratios have equal fields. Nothing here rounds except the functions whose
 * names say so, and they round half away from zero (the spec's only rule).
 */
export interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

export function ratio(n: bigint, d: bigint = 1n): Ratio {
  if (d === 0n) throw new RangeError("ratio with a zero denominator");
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (d === 1n) return { n, d };
  const g = gcd(n, d);
  return g === 1n ? { n, d } : { n: n / g, d: d / g };
}

export const ZERO: Ratio = { n: 0n, d: 1n };
export const ONE: Ratio = { n: 1n, d: 1n };
export const HUNDRED: Ratio = { n: 100n, d: 1n };

export function fromInt(value: number | bigint): Ratio {
  return { n: BigInt(value), d: 1n };
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Parses `-12.345` style decimals exactly; null for anything else (no exponent, no `+`, no separators). */
export function parseDecimal(text: string): Ratio | null {
  const m = DECIMAL.exec(text);
  if (m === null) return null;
  const frac = m[3] ?? "";
  const digits = BigInt((m[2] ?? "") + frac);
  return ratio(m[1] === "-" ? -digits : digits, 10n ** BigInt(frac.length));
}

/** Number of digits after the decimal point as written (`"1.50"` -> 2). */
export function decimalPlaces(text: string): number {
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

export function add(a: Ratio, b: Ratio): Ratio {
  if (a.d === b.d) return ratio(a.n + b.n, a.d);
  return ratio(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function sub(a: Ratio, b: Ratio): Ratio {
  return add(a, { n: -b.n, d: b.d });
}

export function mul(a: Ratio, b: Ratio): Ratio {
  return ratio(a.n * b.n, a.d * b.d);
}

export function div(a: Ratio, b: Ratio): Ratio {
  if (b.n === 0n) throw new RangeError("division by zero");
  return ratio(a.n * b.d, a.d * b.n);
}

/** -1, 0 or 1. */
export function compare(a: Ratio, b: Ratio): number {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function min(a: Ratio, b: Ratio): Ratio {
  return compare(a, b) <= 0 ? a : b;
}

export function isNegative(a: Ratio): boolean {
  return a.n < 0n;
}

/** Rounds to an integer, half away from zero. */
export function roundHalfAwayFromZero(a: Ratio): bigint {
  const negative = a.n < 0n;
  const abs = negative ? -a.n : a.n;
  let q = abs / a.d;
  const rem = abs - q * a.d;
  if (rem * 2n >= a.d) q += 1n;
  return negative ? -q : q;
}

const SMALL = 2n ** 31n;

/**
 * `round(|n| * scale / d)` half away from zero, in exact integer arithmetic on doubles:
 * every intermediate stays below 2^53 for |n|, d < 2^31 and scale <= 10^6.
 */
function roundScaledSmall(n: number, d: number, scale: number): number {
  const a = n * scale;
  let q = Math.floor(a / d);
  let r = a - q * d;
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  return 2 * r >= d ? q + 1 : q;
}

/** Decimal string with exactly `places` digits after the point, rounded half away from zero. */
export function formatFixed(a: Ratio, places: number): string {
  const negative = a.n < 0n;
  const abs = negative ? -a.n : a.n;
  let digits: string;
  if (places <= 6 && abs < SMALL && a.d < SMALL) {
    // Rates, shares and scores are small ratios: no big-integer work for them.
    digits = String(roundScaledSmall(Number(abs), Number(a.d), 10 ** places));
  } else {
    digits = roundHalfAwayFromZero(mul({ n: abs, d: a.d }, { n: 10n ** BigInt(places), d: 1n })).toString();
  }
  digits = digits.padStart(places + 1, "0");
  const whole = digits.slice(0, digits.length - places);
  const body = places === 0 ? whole : `${whole}.${digits.slice(digits.length - places)}`;
  return negative && /[1-9]/.test(digits) ? `-${body}` : body;
}

/** Rounded half away from zero to at most `maxPlaces` digits, trailing zeros dropped (`8.100` -> `8.1`). */
export function formatTrimmed(a: Ratio, maxPlaces = 6): string {
  const text = formatFixed(a, maxPlaces);
  if (!text.includes(".")) return text;
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--; // trailing "0"
  if (text.charCodeAt(end - 1) === 46) end--; // a bare "."
  const trimmed = text.slice(0, end);
  return trimmed === "-0" ? "0" : trimmed;
}
