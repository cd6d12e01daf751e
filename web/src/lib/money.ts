/**
 * Money in the browser: the API sends decimal strings ("1234.50"); sums and display go
 * through bigint cents so that no amount ever passes through a binary float.
 */
import { groupedAmount } from "../../../src/shared/format-amount.js";

const MONEY = /^(-?)(\d+)\.(\d\d)$/;

/** "1234.50" -> 123450n; null for anything that is not the API's money format. */
export function parseMoneyCents(value: string): bigint | null {
  const match = MONEY.exec(value);
  if (match === null) return null;
  const [, sign = "", whole = "0", frac = "00"] = match;
  const cents = BigInt(whole) * 100n + BigInt(frac);
  return sign === "-" ? -cents : cents;
}

/** The exact sum of decimal strings, in cents; throws on a value that is not money (a bug upstream). */
export function sumMoneyCents(values: Iterable<string>): bigint {
  let total = 0n;
  for (const value of values) {
    const cents = parseMoneyCents(value);
    if (cents === null) throw new Error(`not a money amount: ${JSON.stringify(value)}`);
    total += cents;
  }
  return total;
}

/**
 * For people: "$1,234.50", "-$3.00". A string that is not money is shown as it came,
 * so a surprising value stays visible instead of turning into "$0.00".
 */
export function formatMoney(value: string | bigint, currency = "USD"): string {
  const cents = typeof value === "bigint" ? value : parseMoneyCents(value);
  if (cents === null) return String(value);
  const symbol = currency === "USD" ? "$" : `${currency} `;
  const grouped = groupedAmount(cents < 0n ? -cents : cents);
  return `${cents < 0n ? "-" : ""}${symbol}${grouped}`;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A rate sent as a decimal string ("0.582803") as a percentage with `places` decimals
 * ("58.3%"), rounded half away from zero in bigint arithmetic.
 */
export function formatRatePercent(rate: string, places = 1): string {
  const match = DECIMAL.exec(rate);
  if (match === null) return rate;
  const [, sign = "", whole = "0", frac = ""] = match;
  const numerator = BigInt(whole + frac) * 100n * 10n ** BigInt(places);
  const denominator = 10n ** BigInt(frac.length);
  let scaled = numerator / denominator;
  if ((numerator % denominator) * 2n >= denominator) scaled += 1n;
  // "-0.0%" says nothing a reader can use: a rate that rounds to zero has no sign.
  const shownSign = scaled === 0n ? "" : sign;
  const digits = scaled.toString().padStart(places + 1, "0");
  const intPart = digits.slice(0, digits.length - places);
  const fracPart = places > 0 ? `.${digits.slice(digits.length - places)}` : "";
  return `${shownSign}${intPart}${fracPart}%`;
}
