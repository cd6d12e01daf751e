/**
 * OCDS values from Accord's exact ones. Money: OCDS wants a JSON number of currency
 * units, so cents are formatted as a decimal string ("1250.50") and that string is read
 * as a number: no float arithmetic ever touches an amount (a sum is summed in cents
 * first). Shares: an exact ratio rounded half away from zero once, to one decimal of a
 * percent, then read as a number. Dates: OCDS wants date-times; a civil date is given
 * as midnight UTC of that date, and stored times are cut to whole seconds in UTC.
 */
import { formatCents, type Cents } from "../money.js";
import type { IsoDate } from "../date.js";
import { formatFixed, ratio } from "../ratio.js";
import type { Terms } from "../terms/types.js";
import type { OcdsOrganizationReference, OcdsPeriod, OcdsValue } from "./ocds-types.js";

/**
 * The ocid prefix of Accord's releases. Registered prefixes are `ocds-` and six
 * characters given by the Open Contracting Partnership; a district that publishes
 * beyond its own staff registers one and replaces this value (see docs/ARCHITECTURE.md).
 */
export const OCID_PREFIX = "ocds-accord";

/** Metrics extension, as listed in a package's `extensions`. */
export const METRICS_EXTENSION_URL =
  "https://raw.githubusercontent.com/open-contracting-extensions/ocds_metrics_extension/master/extension.json";

/**
 * `ocds-accord-{districtId}/{contractId}`: ids never hold `/`, so the two parts cannot be
 * confused (`a-b` + `c` and `a` + `b-c` give different ocids); stable for the contract's life.
 */
export function ocidOf(districtId: string, contractId: string, prefix: string = OCID_PREFIX): string {
  return `${prefix}-${districtId}/${contractId}`;
}

/** `123456n` cents -> `{ amount: 1234.56, currency }`, through the exact string "1234.56". */
export function moneyValue(amountCents: Cents, currency: string): OcdsValue {
  return { amount: Number(formatCents(amountCents)), currency };
}

/** `2025-05-23` -> `2025-05-23T00:00:00Z`. */
export function dateTimeOf(date: IsoDate): string {
  return `${date}T00:00:00Z`;
}

const STORED_TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z$/;

/**
 * A stored UTC time (`2025-01-15T15:00:00.123000Z`) to whole seconds (`2025-01-15T15:00:00Z`),
 * so that times compare as strings. Anything else is a bug in the caller.
 */
export function storedDateTime(text: string): string {
  const m = STORED_TIME.exec(text);
  if (m === null) throw new Error(`not a stored UTC time: ${JSON.stringify(text)}`);
  return `${m[1]}Z`;
}

/** The latest of UTC date-times in the one form this module writes (string order is time order). */
export function latestDateTime(first: string, ...rest: readonly string[]): string {
  return rest.reduce((latest, t) => (t > latest ? t : latest), first);
}

export function periodOf(start: IsoDate, end: IsoDate): OcdsPeriod {
  return { startDate: dateTimeOf(start), endDate: dateTimeOf(end) };
}

/** `met / denominator` as a percent with one decimal, rounded half away from zero once (0 when nobody). */
export function percentOf(met: number, denominator: number): number {
  if (denominator <= 0) return 0;
  return Number(formatFixed(ratio(BigInt(met) * 100n, BigInt(denominator)), 1));
}

/** The buyer's party id and name in a release: `district-{id}` (ids are local to a release). */
export function districtRef(terms: Terms): OcdsOrganizationReference {
  return { id: `district-${terms.district.id}`, name: terms.district.name };
}

/** The supplier's party id and name in a release: `vendor-{id}`. */
export function vendorRef(terms: Terms): OcdsOrganizationReference {
  return { id: `vendor-${terms.vendor.id}`, name: terms.vendor.name };
}
