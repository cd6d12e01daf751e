/**
 * `base` and `outcomes` (terms-v1.md): the base payment, and the contingent payment with
 * its pool and metrics (./parse-metrics.ts).
 */
import type { BaseTerms, Outcomes, PoolSize } from "./types.js";
import {
  type Field,
  type Problems,
  optional,
  quoteList,
  readBoolean,
  readEnum,
  readObject,
  rejectOtherKindKeys,
} from "./json-reader.js";
import { type WindowNames, readMoney, readPercent } from "./read-values.js";
import type { OutcomesKind } from "./parse-metric-pay.js";
import { parseMetrics } from "./parse-metrics.js";

const BASE_KEYS: Readonly<Record<BaseTerms["kind"], readonly string[]>> = {
  perStudent: ["amount", "per"],
  share: ["percent", "prorate"],
  fixed: ["amount"],
};
const BASE_KINDS: readonly BaseTerms["kind"][] = ["perStudent", "share", "fixed"];
const BASE_FORM =
  'a base payment: {"kind": "perStudent", "amount": money, "per": "served" | "enrolled"}, ' +
  '{"kind": "share", "percent": percent, "prorate": true | false} or {"kind": "fixed", "amount": money}';

export function parseBase(p: Problems, f: Field): BaseTerms | undefined {
  const obj = readObject(p, f, BASE_FORM, ["kind", "amount", "per", "percent", "prorate"]);
  if (obj === undefined) return undefined;
  const kind = readEnum(p, obj.field("kind"), BASE_KINDS);
  if (kind === undefined) return undefined;
  const start = p.size;
  rejectOtherKindKeys(
    p,
    obj,
    kind,
    BASE_KEYS,
    (key, own) => `a ${kind} base has no "${key}"; its keys are "kind", ${quoteList(own)}`,
  );
  let base: BaseTerms | undefined;
  if (kind === "share") {
    const percent = readPercent(p, obj.field("percent"));
    const prorate = optional(obj.field("prorate"), (b) => readBoolean(p, b));
    base =
      percent === undefined || prorate === undefined
        ? undefined
        : { kind, percent, prorate: prorate ?? false };
  } else {
    const amountCents = readMoney(p, obj.field("amount"));
    const per = kind === "perStudent" ? readEnum(p, obj.field("per"), ["served", "enrolled"] as const) : null;
    if (amountCents === undefined || per === undefined) base = undefined;
    else base = per === null ? { kind: "fixed", amountCents } : { kind: "perStudent", amountCents, per };
  }
  return p.size > start ? undefined : base;
}

const OUTCOMES_KEYS = ["kind", "denominator", "missingOutcome", "pool", "cap", "metrics"];
const OUTCOMES_FORM = 'the outcome payment: an object with "kind", "metrics" and optional keys';
const POOL_SHAPES = '{"percent": percent of maxValue} or {"amount": money}';
const POOL_FORM = `the pool: ${POOL_SHAPES}`;

export function parseOutcomes(p: Problems, f: Field, windows: WindowNames): Outcomes | undefined {
  const obj = readObject(p, f, OUTCOMES_FORM, OUTCOMES_KEYS);
  if (obj === undefined) return undefined;
  const start = p.size;
  const kind = readEnum<OutcomesKind>(p, obj.field("kind"), ["perStudent", "pool"]);
  const denominator = optional(obj.field("denominator"), (d) =>
    readEnum(p, d, ["served", "enrolled"] as const),
  );
  const missingOutcome = optional(obj.field("missingOutcome"), (m) =>
    readEnum(p, m, ["notMet", "exclude"] as const),
  );
  const poolField = obj.field("pool");
  if (kind === "pool" && !poolField.present) {
    p.add(poolField.loc, "pool-required", `a pool contract needs "pool": ${POOL_SHAPES}`);
  }
  if (kind === "perStudent" && poolField.present) {
    const message =
      'a perStudent contract has no "pool": each metric pays its own amount (use kind "pool" for a pool)';
    p.add(poolField.loc, "pool-not-allowed", message);
  }
  const pool = kind === "pool" ? optional(poolField, (pf) => parsePool(p, pf)) : null;
  const capCents = optional(obj.field("cap"), (c) => readMoney(p, c));
  const metrics = parseMetrics(p, obj.field("metrics"), kind, windows);
  if (kind === undefined || denominator === undefined || missingOutcome === undefined) return undefined;
  if (pool === undefined || capCents === undefined || metrics === undefined || p.size > start)
    return undefined;
  return {
    kind,
    denominator: denominator ?? "served",
    missingOutcome: missingOutcome ?? "notMet",
    pool,
    capCents,
    metrics,
  };
}

function parsePool(p: Problems, f: Field): PoolSize | undefined {
  const obj = readObject(p, f, POOL_FORM, ["percent", "amount"]);
  if (obj === undefined) return undefined;
  if (obj.has("percent") === obj.has("amount")) {
    p.add(obj.loc, "percent-or-amount", `pool must be exactly one of ${POOL_SHAPES}`);
    return undefined;
  }
  if (obj.has("percent")) {
    const percent = readPercent(p, obj.field("percent"));
    return percent === undefined ? undefined : { kind: "percent", percent };
  }
  const amountCents = readMoney(p, obj.field("amount"));
  return amountCents === undefined ? undefined : { kind: "amount", amountCents };
}
