import type { IsoDate } from "../../core/date.js";
/** The clock the server and its use cases read; tests pass a fixed or stepped one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A time as the store gives a `timestamptz` back (ISO 8601, UTC, six fraction digits):
 * values written from the clock compare and hash the same after a round trip.
 */
export function storedTime(at: Date): string {
  return `${at.toISOString().slice(0, -1)}000Z`;
}

/** The UTC calendar day of a time. */
export function utcDay(at: Date): IsoDate {
  return at.toISOString().slice(0, 10) as IsoDate;
}
