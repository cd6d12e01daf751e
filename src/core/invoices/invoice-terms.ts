/**
 * The pure rules of a vendor invoice: its number and its dates.
 *
 * Numbers are `INV-<district>-<vendor>-<year>-<seq>`: one sequence per district, vendor
 * and issue year, starting at 1 and gap-free (the store takes the next one under a lock),
 * the sequence at least four digits (`0001`; a 10,000th invoice of a year reads `10000`).
 * The vendor is in the number so that a district's invoice numbers are unique across its
 * vendors too, and a finance office can tell whose invoice a number is.
 *
 * Payment terms are net days after the issue date: 30 unless the request gives 0 to 90.
 */
import type { IsoDate } from "../date.js";

export const DEFAULT_NET_DAYS = 30;
export const MAX_NET_DAYS = 90;

/** `INV-d1-v1-2025-0007`. Ids are used as stored (they never hold spaces or `/`). */
export function invoiceNumber(districtId: string, vendorId: string, year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`an invoice sequence starts at 1, not ${seq}`);
  return `INV-${districtId}-${vendorId}-${year}-${String(seq).padStart(4, "0")}`;
}

/** The calendar year of a date (the year an invoice's sequence belongs to). */
export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Whether `days` is payment terms an invoice may carry (whole days, 0 to MAX_NET_DAYS). */
export function validNetDays(days: number): boolean {
  return Number.isInteger(days) && days >= 0 && days <= MAX_NET_DAYS;
}
