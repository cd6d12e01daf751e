/**
 * Edits of a terms document that change more than one value: switching a metric's kind
 * or how outcomes pay (the keys of the old kind go, the new kind's come with starting
 * values), switching the base, adding and renaming windows, metrics and obligations.
 * Everything else the builder sets one value at a time (json-path.ts).
 */
import { isObject, type JsonObject } from "./json-path.js";

export type MetricKind = "growth" | "proficiency" | "dosage" | "consistency";
export type OutcomesKind = "perStudent" | "pool";
export type BaseKind = "perStudent" | "share" | "fixed";

const MEASURE_KEYS = [
  "from",
  "to",
  "target",
  "window",
  "minLevel",
  "minScore",
  "minSessions",
  "minMinutes",
  "minShare",
];
const PER_STUDENT_KEYS = ["amount", "tiers", "amountBySubgroup", "decline"];
const POOL_KEYS = ["weight", "targetRate", "minRate"];

/** `prefix`, or `prefix-2`, `prefix-3`... : the first not taken. */
export function uniqueId(prefix: string, taken: readonly string[]): string {
  if (!taken.includes(prefix)) return prefix;
  for (let n = 2; ; n += 1) if (!taken.includes(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

function measureOf(kind: MetricKind, windows: readonly string[]): JsonObject {
  const first = windows[0] ?? "fall";
  const last = windows[windows.length - 1] ?? first;
  switch (kind) {
    case "growth":
      return { from: first, to: last, target: { fromRow: true, percent: "100" } };
    case "proficiency":
      return { window: last, minLevel: 3 };
    case "dosage":
      return { minSessions: 20 };
    case "consistency":
      return { minShare: "0.75" };
  }
}

function payOf(outcomes: OutcomesKind): JsonObject {
  return outcomes === "pool" ? { weight: "1" } : { amount: "100.00" };
}

export function newMetric(
  kind: MetricKind,
  outcomes: OutcomesKind,
  windows: readonly string[],
  takenIds: readonly string[],
): JsonObject {
  const id = uniqueId(kind, takenIds);
  return { id, label: `New ${kind} metric`, kind, ...measureOf(kind, windows), ...payOf(outcomes) };
}

/** The metric measuring `kind` instead: its id, label, payment and cap stay. */
export function switchMetricKind(metric: unknown, kind: MetricKind, windows: readonly string[]): JsonObject {
  const old = isObject(metric) ? metric : {};
  const kept = Object.fromEntries(
    Object.entries(old).filter(
      ([k]) =>
        !MEASURE_KEYS.includes(k) &&
        k !== "kind" &&
        !(kind !== "growth" && (k === "tiers" || k === "decline")),
    ),
  );
  const { id, label, ...pay } = kept;
  const payment = Object.keys(pay).some((k) => k === "amount" || POOL_KEYS.includes(k))
    ? pay
    : { ...pay, amount: "100.00" };
  return { id, label, kind, ...measureOf(kind, windows), ...payment };
}

/** Outcomes paying the other way: each metric loses the old kind's payment keys and gets the new kind's. */
export function switchOutcomesKind(outcomes: unknown, kind: OutcomesKind): JsonObject {
  const old = isObject(outcomes) ? outcomes : {};
  const drop = kind === "pool" ? PER_STUDENT_KEYS : POOL_KEYS;
  const metrics = (Array.isArray(old["metrics"]) ? (old["metrics"] as unknown[]) : []).map((m) => {
    const kept = Object.fromEntries(Object.entries(isObject(m) ? m : {}).filter(([k]) => !drop.includes(k)));
    return { ...kept, ...payOf(kind) };
  });
  const { pool: _pool, ...rest } = old;
  return kind === "pool" ? { ...rest, kind, pool: { percent: "40" }, metrics } : { ...rest, kind, metrics };
}

export function baseOf(kind: BaseKind): JsonObject {
  switch (kind) {
    case "perStudent":
      return { kind, amount: "500.00", per: "served" };
    case "share":
      return { kind, percent: "60", prorate: true };
    case "fixed":
      return { kind, amount: "50000.00" };
  }
}

/** Renames a window, keeping its place, and every reference to it (metrics, baseline). */
export function renameWindow(document: unknown, from: string, to: string): unknown {
  if (!isObject(document) || from === to) return document;
  const windows = isObject(document["windows"]) ? document["windows"] : {};
  const renamed = Object.fromEntries(Object.entries(windows).map(([k, v]) => [k === from ? to : k, v]));
  const swap = (v: unknown): unknown => (v === from ? to : v);
  const outcomes = isObject(document["outcomes"]) ? document["outcomes"] : null;
  const metrics =
    outcomes !== null && Array.isArray(outcomes["metrics"]) ? (outcomes["metrics"] as unknown[]) : null;
  const eligibility = isObject(document["eligibility"]) ? document["eligibility"] : null;
  const baseline =
    eligibility !== null && isObject(eligibility["baselineMaxScore"])
      ? eligibility["baselineMaxScore"]
      : null;
  return {
    ...document,
    windows: renamed,
    ...(outcomes === null || metrics === null
      ? {}
      : {
          outcomes: {
            ...outcomes,
            metrics: metrics.map((m) =>
              isObject(m)
                ? {
                    ...m,
                    ...("from" in m ? { from: swap(m["from"]) } : {}),
                    ...("to" in m ? { to: swap(m["to"]) } : {}),
                    ...("window" in m ? { window: swap(m["window"]) } : {}),
                  }
                : m,
            ),
          },
        }),
    ...(eligibility === null || baseline === null
      ? {}
      : {
          eligibility: {
            ...eligibility,
            baselineMaxScore: { ...baseline, window: swap(baseline["window"]) },
          },
        }),
  };
}

export function newObligation(party: "district" | "vendor", takenIds: readonly string[]): JsonObject {
  return party === "district"
    ? {
        id: uniqueId("enroll", takenIds),
        party,
        description: "Enroll at least 100 eligible students",
        measure: { kind: "enrolledStudents", min: 100 },
        consequence: "none",
      }
    : {
        id: uniqueId("serve", takenIds),
        party,
        description: "Serve at least 100 students",
        measure: { kind: "servedStudents", min: 100 },
        consequence: "none",
      };
}

/** The consequences a party's obligation may have (payFull is the district's, a reduction the vendor's). */
export function consequencesFor(party: unknown): readonly ("payFull" | "reduce" | "none")[] {
  return party === "district" ? ["none", "payFull"] : party === "vendor" ? ["none", "reduce"] : ["none"];
}

/** Ids of the objects in a list (metrics, obligations) that have a string id. */
export function idsOf(list: readonly unknown[]): string[] {
  return list.flatMap((x) => (isObject(x) && typeof x["id"] === "string" ? [x["id"]] : []));
}
