import { formatCents, type Cents } from "../core/money.js";

/** `1234567n` cents -> `12,345.67`: for people; files and JSON use plain decimals. */
export function groupedAmount(value: Cents | bigint): string {
  const [whole = "0", frac = "00"] = formatCents(value).split(".");
  const negative = whole.startsWith("-");
  const digits = negative ? whole.slice(1) : whole;
  return `${negative ? "-" : ""}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${frac}`;
}
