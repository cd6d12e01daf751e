/**
 * Validating an encumbrance: a contract's maxValue split over funding sources. Every
 * problem is reported at once, each with its JSON path under `path` (`$.body.splits`).
 *
 * Rules: at least one split; each names a known source once; each amount is a positive
 * amount of cents with at most two decimals, no more than the source's available money;
 * no source ends before the contract does (its money could not pay the contract's last
 * months); and the amounts add up to exactly the maxValue.
 */
import type { IsoDate } from "../date.js";
import type { JsonProblem } from "../problem.js";
import { cents, formatCents, parseMoney, type Cents } from "../money.js";

export interface SourceFacts {
  readonly sourceId: string;
  readonly code: string;
  readonly endsOn: IsoDate;
  readonly availableCents: Cents;
}

export interface SplitInput {
  readonly sourceId: string;
  /** As sent: a decimal string of currency units ("1250.50"). */
  readonly amount: string;
}

export interface EncumbranceInput {
  readonly maxValueCents: Cents;
  readonly contractEndsOn: IsoDate;
  readonly splits: readonly SplitInput[];
}

export interface EncumbranceLine {
  readonly sourceId: string;
  readonly amountCents: Cents;
}

export type EncumbrancePlan =
  | { readonly ok: true; readonly lines: readonly EncumbranceLine[] }
  | { readonly ok: false; readonly problems: readonly JsonProblem[] };

/** Amounts above this are typing mistakes (ten trillion dollars). */
const MAX_CENTS = 10n ** 15n;

function amountOf(text: string): Cents | string {
  const parsed = parseMoney(text);
  if (typeof parsed === "string")
    return parsed === "negative" ? "an encumbrance is a positive amount" : `not an amount (${parsed})`;
  if (parsed <= 0n) return "an encumbrance is a positive amount";
  if (parsed >= MAX_CENTS) return "larger than any funding source";
  return parsed;
}

export function planEncumbrance(
  input: EncumbranceInput,
  sources: ReadonlyMap<string, SourceFacts>,
  path: string,
): EncumbrancePlan {
  const problems: JsonProblem[] = [];
  if (input.splits.length === 0)
    problems.push({ path, code: "required", message: "split the maxValue over at least one funding source" });
  const seen = new Set<string>();
  const lines: EncumbranceLine[] = [];
  let total = 0n;
  let allParsed = true;
  input.splits.forEach((split, i) => {
    const at = `${path}[${i}]`;
    const source = sources.get(split.sourceId);
    if (source === undefined)
      problems.push({
        path: `${at}.fundingSourceId`,
        code: "unknown-funding-source",
        message: `no funding source ${split.sourceId} in this district`,
      });
    else if (seen.has(split.sourceId))
      problems.push({
        path: `${at}.fundingSourceId`,
        code: "duplicate-funding-source",
        message: `funding source ${source.code} is named twice; give it one split`,
      });
    else if (source.endsOn < input.contractEndsOn)
      problems.push({
        path: `${at}.fundingSourceId`,
        code: "source-ends-before-contract",
        message: `funding source ${source.code} ends on ${source.endsOn}, before the contract ends on ${input.contractEndsOn}`,
      });
    seen.add(split.sourceId);
    const amount = amountOf(split.amount);
    if (typeof amount === "string") {
      allParsed = false;
      problems.push({ path: `${at}.amount`, code: "invalid-amount", message: amount });
      return;
    }
    total += amount;
    if (source !== undefined && amount > source.availableCents)
      problems.push({
        path: `${at}.amount`,
        code: "exceeds-available",
        message: `funding source ${source.code} has ${formatCents(source.availableCents)} available; ${formatCents(amount)} asked`,
      });
    lines.push({ sourceId: split.sourceId, amountCents: amount });
  });
  if (allParsed && input.splits.length > 0 && total !== input.maxValueCents)
    problems.push({
      path,
      code: "splits-do-not-add-up",
      message: `the splits add up to ${formatCents(total)}; the contract's maxValue is ${formatCents(input.maxValueCents)}`,
    });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, lines: lines.map((l) => ({ ...l, amountCents: cents(l.amountCents) })) };
}
