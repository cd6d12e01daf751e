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
import { dayNumber, type IsoDate } from "../date.js";

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

/** The date `days` days after `date` (negative: before), in the civil calendar. */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`whole days only, not ${days}`);
  // Howard Hinnant's civil_from_days, the inverse of dayNumber.
  const z = dayNumber(date) + days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as IsoDate;
}

/** Whether `days` is payment terms an invoice may carry (whole days, 0 to MAX_NET_DAYS). */
export function validNetDays(days: number): boolean {
  return Number.isInteger(days) && days >= 0 && days <= MAX_NET_DAYS;
}
