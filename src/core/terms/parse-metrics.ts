/**
 * `outcomes.metrics` (terms-v1.md, "Metric"): common keys, the keys of each metric kind,
 * and the payment keys of the contract's outcomes kind (./parse-metric-pay.ts).
 */
import type { GrowthTarget, Metric, MetricMeasure } from "./types.js";
import {
  type Field,
  type JsonObject,
  type Problems,
  describe,
  optional,
  quoteList,
  readArray,
  readBoolean,
  readEnum,
  readUniqueId,
  readInteger,
  readObject,
  readString,
  rejectOtherKindKeys,
} from "./json-reader.js";
import {
  type WindowNames,
  readDecimal,
  readMoney,
  readPercentOrMore,
  readShare,
  readWindowRef,
} from "./read-values.js";
import { type OutcomesKind, PAY_KEYS, parsePay } from "./parse-metric-pay.js";

type MetricKind = MetricMeasure["kind"];

const MEASURE_KEYS: Readonly<Record<MetricKind, readonly string[]>> = {
  growth: ["from", "to", "target"],
  proficiency: ["window", "minLevel", "minScore"],
  dosage: ["minSessions", "minMinutes"],
  consistency: ["minShare"],
};
const METRIC_KINDS: readonly MetricKind[] = ["growth", "proficiency", "dosage", "consistency"];
const METRIC_KEYS: readonly string[] = [
  "id",
  "label",
  "kind",
  "cap",
  ...new Set(Object.values(MEASURE_KEYS).flat()),
  ...PAY_KEYS.perStudent,
  ...PAY_KEYS.pool,
];

const METRICS_FORM = "a list of at least one metric";

/** Metrics with unique ids; `windows` checks the window names they refer to. */
export function parseMetrics(
  p: Problems,
  f: Field,
  outcomesKind: OutcomesKind | undefined,
  windows: WindowNames,
): Metric[] | undefined {
  const items = readArray(p, f, METRICS_FORM);
  if (items === undefined) return undefined;
  if (items.length === 0) {
    p.add(f.loc, "empty", `metrics must be ${METRICS_FORM}`);
    return undefined;
  }
  const firstById = new Map<string, string>();
  const metrics: Metric[] = [];
  for (const item of items) {
    const metric = parseMetric(p, item, outcomesKind, windows, firstById);
    if (metric !== undefined) metrics.push(metric);
  }
  return metrics.length === items.length ? metrics : undefined;
}

function parseMetric(
  p: Problems,
  f: Field,
  outcomesKind: OutcomesKind | undefined,
  windows: WindowNames,
  firstById: Map<string, string>,
): Metric | undefined {
  const start = p.size;
  const obj = readObject(
    p,
    f,
    'a metric: an object with "id", "label", "kind" and its kind\'s keys',
    METRIC_KEYS,
  );
  if (obj === undefined) return undefined;
  const id = readUniqueId(p, obj.field("id"), f, firstById, "metric");
  const label = readString(p, obj.field("label"));
  const kind = readEnum(p, obj.field("kind"), METRIC_KINDS);
  const capCents = optional(obj.field("cap"), (c) => readMoney(p, c));
  const measure = kind === undefined ? undefined : parseMeasure(p, obj, kind, windows);
  const pay = parsePay(p, obj, outcomesKind, kind);
  if (id === undefined || label === undefined || measure === undefined || pay === undefined) return undefined;
  if (capCents === undefined || p.size > start) return undefined;
  return { id, label, measure, pay, capCents };
}

function parseMeasure(
  p: Problems,
  obj: JsonObject,
  kind: MetricKind,
  windows: WindowNames,
): MetricMeasure | undefined {
  rejectOtherKindKeys(
    p,
    obj,
    kind,
    MEASURE_KEYS,
    (key, own) => `a ${kind} metric has no "${key}"; its own keys are ${quoteList(own)}`,
  );
  switch (kind) {
    case "growth":
      return parseGrowth(p, obj, windows);
    case "proficiency":
      return parseProficiency(p, obj, windows);
    case "dosage":
      return parseDosage(p, obj);
    case "consistency": {
      const minShare = readShare(p, obj.field("minShare"));
      return minShare === undefined ? undefined : { kind, minShare };
    }
  }
}

function parseGrowth(p: Problems, obj: JsonObject, windows: WindowNames): MetricMeasure | undefined {
  const from = readWindowRef(p, obj.field("from"), windows);
  const toField = obj.field("to");
  const to = readWindowRef(p, toField, windows);
  if (from !== undefined && from === to) {
    p.add(
      toField.loc,
      "same-window",
      `a growth metric compares two different windows; from and to are both "${from}"`,
    );
  }
  const target = parseTarget(p, obj.field("target"));
  if (from === undefined || to === undefined || from === to || target === undefined) return undefined;
  return { kind: "growth", from, to, target };
}

function parseProficiency(p: Problems, obj: JsonObject, windows: WindowNames): MetricMeasure | undefined {
  const window = readWindowRef(p, obj.field("window"), windows);
  const both = obj.has("minLevel") && obj.has("minScore");
  if (both || (!obj.has("minLevel") && !obj.has("minScore"))) {
    const message = `a proficiency metric needs exactly one of "minLevel" (a performance level) or "minScore" (a scale score)${both ? ", not both" : ""}`;
    p.add(obj.loc, "level-or-score", message);
  }
  const minLevel = optional(obj.field("minLevel"), (f) => readInteger(p, f, 0));
  const minScore = optional(obj.field("minScore"), (f) => readDecimal(p, f));
  if (window === undefined || minLevel === undefined || minScore === undefined) return undefined;
  return { kind: "proficiency", window, minLevel, minScore };
}

function parseDosage(p: Problems, obj: JsonObject): MetricMeasure | undefined {
  if (!obj.has("minSessions") && !obj.has("minMinutes")) {
    p.add(obj.loc, "sessions-or-minutes", 'a dosage metric needs "minSessions", "minMinutes" or both');
  }
  const minSessions = optional(obj.field("minSessions"), (f) => readInteger(p, f, 0));
  const minMinutes = optional(obj.field("minMinutes"), (f) => readInteger(p, f, 0));
  if (minSessions === undefined || minMinutes === undefined) return undefined;
  return { kind: "dosage", minSessions, minMinutes };
}

const TARGET_KEYS: Readonly<Record<GrowthTarget["kind"], readonly string[]>> = {
  points: ["points"],
  fromRow: ["fromRow", "percent", "prorateWeeks"],
};
const TARGET_SHAPES = '{"points": "5"} or {"fromRow": true, "percent": "100"}';
const TARGET_FORM = `a growth target: ${TARGET_SHAPES}`;

function parseTarget(p: Problems, f: Field): GrowthTarget | undefined {
  const obj = readObject(p, f, TARGET_FORM, [...TARGET_KEYS.points, ...TARGET_KEYS.fromRow]);
  if (obj === undefined) return undefined;
  if (obj.has("points") === obj.has("fromRow")) {
    p.add(obj.loc, "points-or-from-row", `target must be exactly one of ${TARGET_SHAPES}`);
    return undefined;
  }
  const kind = obj.has("points") ? "points" : "fromRow";
  rejectOtherKindKeys(
    p,
    obj,
    kind,
    TARGET_KEYS,
    (key, own) => `a ${kind} target has no "${key}"; its keys are ${quoteList(own)}`,
  );
  if (kind === "points") {
    const points = readDecimal(p, obj.field("points"));
    return points === undefined ? undefined : { kind, points };
  }
  const fromRowField = obj.field("fromRow");
  const fromRow = readBoolean(p, fromRowField);
  if (fromRow === false) {
    const message = `fromRow must be true (the target comes from the growth_target column); got ${describe(false)}. For a fixed target use {"points": ...}`;
    p.add(fromRowField.loc, "bad-from-row", message);
  }
  const percent = readPercentOrMore(p, obj.field("percent"));
  const prorateWeeks = optional(obj.field("prorateWeeks"), (w) => readInteger(p, w, 1));
  if (fromRow !== true || percent === undefined || prorateWeeks === undefined) return undefined;
  return { kind, percent, prorateWeeks };
}
