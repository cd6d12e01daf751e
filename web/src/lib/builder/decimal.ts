/**
 * Decimal strings of a terms document (money, percents, shares) as exact fractions, for
 * the builder's summary: "12.5" is 125/10. Money shown in cents is rounded once, half
 * away from zero, in bigint arithmetic; nothing passes through a binary float.
 */
import { formatMoney } from "../money.js";

export interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

export function parseDecimal(text: unknown): Fraction | null {
  if (typeof text !== "string") return null;
  const match = DECIMAL.exec(text);
  if (match === null) return null;
  const [, sign = "", whole = "0", frac = ""] = match;
  const num = BigInt(whole + frac) * (sign === "-" ? -1n : 1n);
  return { num, den: 10n ** BigInt(frac.length) };
}

export function times(a: Fraction, b: Fraction): Fraction {
  return { num: a.num * b.num, den: a.den * b.den };
}

export function plus(a: Fraction, b: Fraction): Fraction {
  return { num: a.num * b.den + b.num * a.den, den: a.den * b.den };
}

export function fromInteger(n: number | bigint): Fraction {
  return { num: BigInt(n), den: 1n };
}

export const HUNDREDTH: Fraction = { num: 1n, den: 100n };

/** Rounded half away from zero to whole units of the fraction. */
export function roundHalfAway(a: Fraction): bigint {
  const negative = a.num < 0n !== a.den < 0n;
  const n = a.num < 0n ? -a.num : a.num;
  const d = a.den < 0n ? -a.den : a.den;
  let q = n / d;
  if ((n % d) * 2n >= d) q += 1n;
  return negative ? -q : q;
}

/** An amount of money (a fraction of currency units) for people: "$1,234.50". */
export function moneyOf(amount: Fraction, currency: string): string {
  return formatMoney(roundHalfAway(times(amount, fromInteger(100))), currency);
}

/** A money string of the document for people; the text itself when it is not a decimal. */
export function moneyText(text: unknown, currency: string): string {
  const amount = parseDecimal(text);
  return amount === null ? String(text) : moneyOf(amount, currency);
}

/** A share ("0.75") as a percentage ("75%"), with up to two decimals. */
export function shareAsPercent(text: unknown): string {
  const share = parseDecimal(text);
  if (share === null) return String(text);
  return `${trimmed(times(share, fromInteger(100)))}%`;
}

/** A fraction with up to two decimals, trailing zeros dropped: "12.5", "60". */
export function trimmed(a: Fraction): string {
  const hundredths = roundHalfAway(times(a, fromInteger(100)));
  const negative = hundredths < 0n;
  const abs = negative ? -hundredths : hundredths;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${frac === "" ? "" : `.${frac}`}`;
}
