/**
 * What the store's columns can hold, checked before a record is written: a value past
 * them is rejected (`out-of-range`), never cut or rounded. Amounts are cents in a 64-bit
 * integer (`amount_cents bigint`); scores, targets and percents are `numeric`, which
 * holds up to 131,072 digits before the point and 16,383 after it. Other values are
 * already bounded by their parsers (minutes 0..1440, percentiles 1..99, ...).
 */
import type { CanonicalRecord } from "./canonical.js";

const MAX_CENTS = 2n ** 63n - 1n;
const MIN_CENTS = -(2n ** 63n);
const WHOLE_DIGITS = 131_072;
const FRACTION_DIGITS = 16_383;

export interface StoreLimitError {
  /** The data-v1 column of the value. */
  readonly column: string;
  readonly message: string;
}

function decimalError(column: string, value: string | null): StoreLimitError | null {
  if (value === null) return null;
  const [whole = "", fraction = ""] = value.replace(/^[-+]/, "").split(".");
  const wholeDigits = whole.replace(/^0+/, "").length;
  if (wholeDigits <= WHOLE_DIGITS && fraction.length <= FRACTION_DIGITS) return null;
  return {
    column,
    message: `${column} has ${wholeDigits} digit(s) before the point and ${fraction.length} after it; the store holds at most ${WHOLE_DIGITS} and ${FRACTION_DIGITS}`,
  };
}

export function storeLimitError(r: CanonicalRecord): StoreLimitError | null {
  if (r.kind === "payments") {
    const cents = r.record.amountCents;
    if (cents >= MIN_CENTS && cents <= MAX_CENTS) return null;
    return {
      column: "amount",
      message: "amount is outside what the store can hold (92,233,720,368,547,758.07 either way)",
    };
  }
  if (r.kind !== "assessments") return null;
  return (
    decimalError("scale_score", r.record.scaleScore) ??
    decimalError("growth_target", r.record.growthTarget) ??
    decimalError("rapid_guess_percent", r.record.rapidGuessPercent)
  );
}
