/**
 * Readers for the value forms of `obc-terms/1`: money, percents, shares, decimals, dates,
 * currencies and window names. Numbers that enter arithmetic are decimal strings in the
 * document and exact `Ratio`s (or integer `Cents`) here; nothing is rounded.
 */
import { type Cents, parseMoney } from "../money.js";
import { type IsoDate, parseIsoDate } from "../date.js";
import { type Ratio, compare, parseDecimal, HUNDRED, ONE, ZERO } from "../ratio.js";
import { type Field, type Problems, describe, present } from "./json-reader.js";

const MONEY_FORM = 'money: a decimal string with at most 2 decimals, like "670.00"';

/** Non-negative money with at most 2 decimals (every supported currency has 2 minor digits). */
export function readMoney(p: Problems, f: Field): Cents | undefined {
  if (!present(p, f, MONEY_FORM)) return undefined;
  const result = parseMoney(f.value, { minorDigits: 2 });
  if (typeof result === "bigint") return result;
  const got = describe(f.value);
  const message =
    result === "negative"
      ? `${f.name} must not be negative; got ${got}`
      : result === "too-many-decimals"
        ? `${f.name} must be ${MONEY_FORM} (whole cents); got ${got}`
        : `${f.name} must be ${MONEY_FORM}; got ${got}`;
  p.add(f.loc, "bad-money", message);
  return undefined;
}

interface DecimalRule {
  readonly code: string;
  readonly form: string;
  readonly accepts: (value: Ratio) => boolean;
}

function readDecimalBy(p: Problems, f: Field, rule: DecimalRule): Ratio | undefined {
  if (!present(p, f, rule.form)) return undefined;
  const value = typeof f.value === "string" ? parseDecimal(f.value) : null;
  if (value !== null && rule.accepts(value)) return value;
  p.add(f.loc, rule.code, `${f.name} must be ${rule.form}; got ${describe(f.value)}`);
  return undefined;
}

const atLeast = (lo: Ratio) => (v: Ratio) => compare(v, lo) >= 0;
const within = (lo: Ratio, hi: Ratio) => (v: Ratio) => compare(v, lo) >= 0 && compare(v, hi) <= 0;

const PERCENT: DecimalRule = {
  code: "bad-percent",
  form: 'a decimal string from 0 to 100 (a percent), like "40" or "12.5"',
  accepts: within(ZERO, HUNDRED),
};
const PERCENT_OR_MORE: DecimalRule = {
  code: "bad-percent",
  form: 'a decimal string of 0 or more (a percent that may exceed 100), like "100" or "150"',
  accepts: atLeast(ZERO),
};
const SHARE: DecimalRule = {
  code: "bad-share",
  form: 'a decimal string from 0 to 1 (a share), like "0.75"',
  accepts: within(ZERO, ONE),
};
const RATE: DecimalRule = {
  code: "bad-share",
  form: 'a decimal string greater than 0 and at most 1 (a share), like "0.6"',
  accepts: (v) => compare(v, ZERO) > 0 && compare(v, ONE) <= 0,
};
const POSITIVE: DecimalRule = {
  code: "bad-decimal",
  form: 'a decimal string greater than 0, like "50" or "0.5"',
  accepts: (v) => compare(v, ZERO) > 0,
};
const DECIMAL: DecimalRule = {
  code: "bad-decimal",
  form: 'a decimal string, like "5" or "-2.5"',
  accepts: () => true,
};

/** Percent in [0, 100]. */
export const readPercent = (p: Problems, f: Field) => readDecimalBy(p, f, PERCENT);
/** Percent >= 0 that may exceed 100 (growth target percent, tier `atLeast`). */
export const readPercentOrMore = (p: Problems, f: Field) => readDecimalBy(p, f, PERCENT_OR_MORE);
/** Share in [0, 1]. */
export const readShare = (p: Problems, f: Field) => readDecimalBy(p, f, SHARE);
/** Share in (0, 1] (`targetRate`: a zero rate would divide by zero). */
export const readRate = (p: Problems, f: Field) => readDecimalBy(p, f, RATE);
/** Decimal > 0 (`weight`). */
export const readPositiveDecimal = (p: Problems, f: Field) => readDecimalBy(p, f, POSITIVE);
/** Any decimal, negative allowed (growth points, scale scores). */
export const readDecimal = (p: Problems, f: Field) => readDecimalBy(p, f, DECIMAL);

const DATE_FORM = 'a date written YYYY-MM-DD, like "2024-09-03"';

export function readDate(p: Problems, f: Field): IsoDate | undefined {
  if (!present(p, f, DATE_FORM)) return undefined;
  const date = typeof f.value === "string" ? parseIsoDate(f.value) : null;
  if (date !== null) return date;
  const message = `${f.name} must be a real calendar date written YYYY-MM-DD, like "2024-09-03"`;
  p.add(f.loc, "bad-date", `${message}; got ${describe(f.value)}`);
  return undefined;
}

/** ISO 4217 codes with 2 minor digits that the format accepts. */
export const CURRENCIES = [
  "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK",
  "MXN", "BRL", "ZAR", "INR", "SGD", "HKD", "PLN", "CZK", "ILS",
] as const; // prettier-ignore

/** Well-known codes whose minor unit is not 2 digits, for a precise message. */
const OTHER_MINOR_DIGITS: Readonly<Record<string, number>> = {
  JPY: 0, KRW: 0, CLP: 0, ISK: 0, VND: 0, PYG: 0, UGX: 0, XOF: 0, XAF: 0, XPF: 0, RWF: 0, KMF: 0, GNF: 0,
  DJF: 0, BIF: 0, VUV: 0, BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3, LYD: 3, IQD: 3, CLF: 4, UYW: 4,
}; // prettier-ignore

const CURRENCY_FORM = `an ISO 4217 currency code with 2 minor digits: one of ${CURRENCIES.join(", ")}`;

export function readCurrency(p: Problems, f: Field): string | undefined {
  if (!present(p, f, CURRENCY_FORM)) return undefined;
  const code = f.value;
  if (typeof code === "string" && (CURRENCIES as readonly string[]).includes(code)) return code;
  const digits = typeof code === "string" ? OTHER_MINOR_DIGITS[code] : undefined;
  const message =
    digits === undefined
      ? `${f.name} must be ${CURRENCY_FORM}; got ${describe(code)}`
      : `${f.name} ${code} has ${digits} minor digits, but the terms format needs a currency with 2 minor digits (${CURRENCIES.join(", ")})`;
  p.add(f.loc, "bad-currency", message);
  return undefined;
}

/**
 * The contract's window names, for checking references. `names` is null when `windows`
 * itself is unusable: references are then not checked, so one mistake is reported once.
 */
export interface WindowNames {
  readonly names: readonly string[] | null;
}

export function readWindowRef(p: Problems, f: Field, windows: WindowNames): string | undefined {
  const form = "the name of one of the contract's windows";
  if (!present(p, f, form)) return undefined;
  if (typeof f.value !== "string") {
    p.add(f.loc, "wrong-type", `${f.name} must be ${form}; got ${describe(f.value)}`);
    return undefined;
  }
  const { names } = windows;
  if (names === null || names.includes(f.value)) return f.value;
  const known = names.map((n) => `"${n}"`).join(", ");
  p.add(
    f.loc,
    "unknown-window",
    `${f.name} must name one of the windows (${known}); got ${describe(f.value)}`,
  );
  return undefined;
}
