/**
 * A metric's payment keys (terms-v1.md, "Payment keys"): `amount`, `tiers`,
 * `amountBySubgroup` and `decline` in a `perStudent` contract; `weight`, `targetRate` and
 * `minRate` in a `pool` one. A metric carries only its contract's kind of payment keys.
 */
import type { Cents } from "../money.js";
import { type Ratio, compare, ONE, ZERO } from "../ratio.js";
import type { MetricMeasure, PerStudentPay, PoolPay, SubgroupFlag, Tier } from "./types.js";
import {
  type Field,
  type JsonObject,
  type Problems,
  describe,
  optional,
  quoteList,
  readArray,
  readObject,
  rejectOtherKindKeys,
} from "./json-reader.js";
import { readMoney, readPercentOrMore, readPositiveDecimal, readRate, readShare } from "./read-values.js";

export type OutcomesKind = "perStudent" | "pool";
type MetricKind = MetricMeasure["kind"];

export const PAY_KEYS: Readonly<Record<OutcomesKind, readonly string[]>> = {
  perStudent: ["amount", "tiers", "amountBySubgroup", "decline"],
  pool: ["weight", "targetRate", "minRate"],
};

const SUBGROUP_FLAGS: readonly SubgroupFlag[] = [
  "economicallyDisadvantaged",
  "englishLearner",
  "specialEducation",
];

/**
 * How the metric in `obj` pays. `outcomesKind` undefined (the outcomes kind is itself bad)
 * skips the payment checks; `metricKind` undefined skips the growth-only checks.
 */
export function parsePay(
  p: Problems,
  obj: JsonObject,
  outcomesKind: OutcomesKind | undefined,
  metricKind: MetricKind | undefined,
): PerStudentPay | PoolPay | undefined {
  if (outcomesKind === undefined) return undefined;
  rejectOtherKindKeys(
    p,
    obj,
    outcomesKind,
    PAY_KEYS,
    (key, own) =>
      `"${key}" is a payment key of ${outcomesKind === "pool" ? "perStudent" : "pool"} outcomes, but this ` +
      `contract's outcomes kind is "${outcomesKind}"; its metrics are paid by ${quoteList(own)}`,
  );
  return outcomesKind === "pool" ? parsePoolPay(p, obj) : parsePerStudentPay(p, obj, metricKind);
}

function parsePoolPay(p: Problems, obj: JsonObject): PoolPay | undefined {
  const weight = readPositiveDecimal(p, obj.field("weight"));
  const targetRate = optional(obj.field("targetRate"), (f) => readRate(p, f));
  const minRate = optional(obj.field("minRate"), (f) => readShare(p, f));
  if (weight === undefined || targetRate === undefined || minRate === undefined) return undefined;
  return { kind: "pool", weight, targetRate: targetRate ?? ONE, minRate: minRate ?? ZERO };
}

function parsePerStudentPay(
  p: Problems,
  obj: JsonObject,
  metricKind: MetricKind | undefined,
): PerStudentPay | undefined {
  const start = p.size;
  const hasTiers = obj.has("tiers");
  if (obj.has("amount") === hasTiers) {
    const message = hasTiers
      ? 'a metric pays either "amount" or "tiers", not both'
      : 'in a perStudent contract each metric needs "amount" (money per student who meets it) or "tiers"';
    p.add(obj.loc, "amount-or-tiers", message);
  }
  const amount = optional(obj.field("amount"), (f) => readMoney(p, f));
  const notGrowth = metricKind !== undefined && metricKind !== "growth";

  const tiersField = obj.field("tiers");
  if (tiersField.present && notGrowth) {
    p.add(
      tiersField.loc,
      "tiers-only-growth",
      `tiers are for growth metrics only; pay this ${metricKind} metric with "amount"`,
    );
  }
  const tiers = optional(tiersField, (f) => parseTiers(p, f));

  const subgroupField = obj.field("amountBySubgroup");
  if (subgroupField.present && hasTiers) {
    const message =
      'amountBySubgroup replaces "amount" for flagged students, so it cannot be used with "tiers"';
    p.add(subgroupField.loc, "subgroup-with-tiers", message);
  }
  const subgroups = optional(subgroupField, (f) => parseSubgroupAmounts(p, f));

  const declineField = obj.field("decline");
  if (declineField.present && notGrowth) {
    p.add(
      declineField.loc,
      "decline-only-growth",
      `decline is for growth metrics only; this is a ${metricKind} metric`,
    );
  }
  const decline = optional(declineField, (f) => readMoney(p, f));

  if (amount === undefined || tiers === undefined || subgroups === undefined || decline === undefined)
    return undefined;
  if (p.size > start) return undefined;
  return {
    kind: "perStudent",
    amountCents: amount,
    tiers: tiers ?? [],
    amountBySubgroup: subgroups ?? [],
    declineCents: decline,
  };
}

const TIERS_FORM = 'a list of tiers like [{"atLeast": "50", "amount": "200.00"}, {"atLeast": "100", ...}]';

/** Tiers with strictly increasing `atLeast`; a tier that repeats or goes back is reported at its `atLeast`. */
function parseTiers(p: Problems, f: Field): Tier[] | undefined {
  const items = readArray(p, f, TIERS_FORM);
  if (items === undefined) return undefined;
  if (items.length === 0) {
    p.add(f.loc, "empty", `tiers must list at least one tier: ${TIERS_FORM}`);
    return undefined;
  }
  const tiers: Tier[] = [];
  let previous: { readonly value: Ratio; readonly text: unknown } | undefined;
  for (const item of items) {
    const obj = readObject(p, item, 'a tier: {"atLeast": percent, "amount": money}', ["atLeast", "amount"]);
    if (obj === undefined) continue;
    const atLeastField = obj.field("atLeast");
    const atLeast = readPercentOrMore(p, atLeastField);
    const amount = readMoney(p, obj.field("amount"));
    if (atLeast !== undefined) {
      if (previous !== undefined && compare(atLeast, previous.value) <= 0) {
        const message = `each tier's atLeast must be greater than the tier before it (${JSON.stringify(previous.text)}); got ${describe(atLeastField.value)}`;
        p.add(atLeastField.loc, "tiers-not-increasing", message);
      }
      previous = { value: atLeast, text: atLeastField.value };
    }
    if (atLeast !== undefined && amount !== undefined) tiers.push({ atLeast, amountCents: amount });
  }
  return tiers.length === items.length ? tiers : undefined;
}

/** Subgroup amounts in the object's key order: the first flag a student has wins. */
function parseSubgroupAmounts(
  p: Problems,
  f: Field,
): { flag: SubgroupFlag; amountCents: Cents }[] | undefined {
  const form = 'an object from subgroup flag to money, like {"englishLearner": "600.00"}';
  const obj = readObject(p, f, form, SUBGROUP_FLAGS);
  if (obj === undefined) return undefined;
  const amounts: { flag: SubgroupFlag; amountCents: Cents }[] = [];
  let complete = true;
  for (const key of obj.keys) {
    const flag = SUBGROUP_FLAGS.find((candidate) => candidate === key);
    if (flag === undefined) {
      complete = false;
      continue;
    }
    const amountCents = readMoney(p, obj.field(flag));
    if (amountCents === undefined) complete = false;
    else amounts.push({ flag, amountCents });
  }
  return complete ? amounts : undefined;
}
