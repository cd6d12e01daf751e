/**
 * How figures read in a request for proposals: money grouped with two decimals from exact
 * cents, percents from exact ratios (rounded half away from zero, display only), dates
 * written out ("September 3, 2024"), grades and lists in plain English.
 */
import { formatCents, type Cents } from "../money.js";
import { HUNDRED, formatTrimmed, mul, ratio, type Ratio } from "../ratio.js";
import type { Grade, Service, SubgroupFlag, Terms } from "../terms/types.js";

/** `63900000n`, `"USD"` -> `"$639,000.00"`; other currencies `"1,000.00 EUR"`. */
export function money(value: Cents | bigint, currency: string): string {
  const [whole = "0", frac = "00"] = formatCents(value).split(".");
  const negative = whole.startsWith("-");
  const digits = (negative ? whole.slice(1) : whole).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const amount = `${digits}.${frac}`;
  const sign = negative ? "-" : "";
  return currency === "USD" ? `${sign}$${amount}` : `${sign}${amount} ${currency}`;
}

/** A percent value of the terms (`"60"`, `"12.5"`) -> `"60%"`, `"12.5%"`. */
export function percent(value: Ratio): string {
  return `${formatTrimmed(value, 4)}%`;
}

/** A share or rate in [0, 1] as a percent: `0.75` -> `"75%"`. */
export function shareAsPercent(share: Ratio): string {
  return percent(mul(share, HUNDRED));
}

/** `part / whole` as a percent with at most two decimals; null when the whole is zero. */
export function partOf(part: Cents | bigint, whole: Cents | bigint): string | null {
  if (whole === 0n) return null;
  return `${formatTrimmed(ratio(part * 100n, whole), 2)}%`;
}

/** A decimal of the terms (points, scores, weights) as written, without trailing zeros. */
export function decimal(value: Ratio): string {
  return formatTrimmed(value, 6);
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** `"2024-09-03"` -> `"September 3, 2024"`. */
export function longDate(date: string): string {
  const month = MONTHS[Number(date.slice(5, 7)) - 1] ?? date.slice(5, 7);
  return `${month} ${Number(date.slice(8, 10))}, ${date.slice(0, 4)}`;
}

/** `["a"]` -> `a`; `["a", "b", "c"]` -> `a, b and c`. */
export function joinList(items: readonly string[], last = "and"): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${last} ${items[items.length - 1] ?? ""}`;
}

const GRADE_ORDER: readonly Grade[] = [
  "PK",
  "K",
  "1",
  "2",
  "3",
  "4",
  "5",
  "6",
  "7",
  "8",
  "9",
  "10",
  "11",
  "12",
];

/** `["8"]` -> `grade 8`; `["K","1","2","3"]` -> `grades K through 3`; else a list in grade order. */
export function gradesText(grades: readonly Grade[]): string {
  const sorted = [...new Set(grades)].sort((a, b) => GRADE_ORDER.indexOf(a) - GRADE_ORDER.indexOf(b));
  if (sorted.length === 1) return `grade ${sorted[0] ?? ""}`;
  const first = GRADE_ORDER.indexOf(sorted[0] ?? "PK");
  const contiguous = sorted.every((g, i) => GRADE_ORDER.indexOf(g) === first + i);
  if (contiguous && sorted.length >= 3)
    return `grades ${sorted[0] ?? ""} through ${sorted[sorted.length - 1] ?? ""}`;
  return `grades ${joinList(sorted)}`;
}

const SERVICE_TEXT: Readonly<Record<Service, string>> = {
  tutoring: "tutoring",
  edtech: "educational technology",
  "professional-learning": "professional learning",
  curriculum: "curriculum",
  other: "services",
};

export function serviceText(service: Service): string {
  return SERVICE_TEXT[service];
}

/** `MAP Growth math, 2024-fall window ("fall")`: how an assessment window is named in the text. */
export function windowText(terms: Terms, name: string): string {
  const w = terms.windows.find((x) => x.name === name);
  return w === undefined ? `"${name}"` : `${w.assessment} ${w.subject}, ${w.window} window`;
}

/** `1200` -> `1,200`. */
export function whole(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** `1` -> `1 student`, `1200` -> `1,200 students`. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${whole(n)} ${n === 1 ? one : many}`;
}

/** How the text names the students a subgroup flag marks. */
export const SUBGROUP_TEXT: Readonly<Record<SubgroupFlag, string>> = {
  economicallyDisadvantaged: "economically disadvantaged students",
  englishLearner: "English learners",
  specialEducation: "students in special education",
};
