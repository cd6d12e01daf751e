/**
 * Where the builder shows each problem of the terms validator. Every problem has one
 * home: the field (or group of fields) whose JSON path is the problem's path or its
 * nearest ancestor, and the step that field is on. A problem the builder has no field
 * for (an unknown key of an imported file) lands on the nearest group, at worst the
 * document itself, which the review step lists.
 */
import type { JsonProblem } from "../../../../src/shared/terms/check-terms.js";
import { jsonPath, parseJsonPath, type Segment } from "./json-path.js";

export type StepId = "template" | "parties" | "population" | "metrics" | "payment" | "obligations" | "review";

const METRIC = "$.outcomes.metrics.#";
const PAY_KEYS = ["amount", "tiers", "tiers.#", "tiers.#.atLeast", "tiers.#.amount", "decline", "weight"];
const SUBGROUPS = ["economicallyDisadvantaged", "englishLearner", "specialEducation"];

/** The builder's fields and groups, by path pattern: `#` any list index, `*` any window name. */
export const FIELD_PATTERNS: ReadonlySet<string> = new Set([
  "$",
  ...["format", "contractId", "title", "district", "vendor", "service", "currency", "period"].map(
    (k) => `$.${k}`,
  ),
  "$.period.start",
  "$.period.end",
  "$.maxValue",
  "$.expectedStudents",
  "$.eligibility",
  "$.eligibility.grades",
  "$.eligibility.schools",
  "$.eligibility.baselineMaxScore",
  "$.eligibility.baselineMaxScore.window",
  "$.eligibility.baselineMaxScore.score",
  "$.service_threshold",
  "$.service_threshold.minSessions",
  "$.service_threshold.minMinutes",
  "$.windows",
  "$.windows.*",
  "$.windows.*.assessment",
  "$.windows.*.subject",
  "$.windows.*.window",
  "$.maxRapidGuessPercent",
  "$.base",
  ...["kind", "amount", "per", "percent", "prorate"].map((k) => `$.base.${k}`),
  "$.outcomes",
  ...["kind", "denominator", "missingOutcome", "pool", "cap", "metrics"].map((k) => `$.outcomes.${k}`),
  METRIC,
  ...["id", "label", "kind", "from", "to", "target", "window", "minLevel", "minScore"].map(
    (k) => `${METRIC}.${k}`,
  ),
  ...["minSessions", "minMinutes", "minShare", "pay"].map((k) => `${METRIC}.${k}`),
  ...["target.points", "target.percent", "target.prorateWeeks"].map((k) => `${METRIC}.${k}`),
  ...PAY_KEYS.map((k) => `${METRIC}.${k}`),
  ...["targetRate", "minRate", "cap", "amountBySubgroup"].map((k) => `${METRIC}.${k}`),
  ...SUBGROUPS.map((k) => `${METRIC}.amountBySubgroup.${k}`),
  "$.obligations",
  "$.obligations.#",
  ...["id", "party", "description", "measure", "measure.kind", "measure.min", "consequence"].map(
    (k) => `$.obligations.#.${k}`,
  ),
  "$.obligations.#.consequence.reduceOutcomePercent",
]);

/** A path as a pattern: list indexes become `#`, window names `*`. */
export function pathPattern(segments: readonly Segment[]): string {
  let pattern = "$";
  segments.forEach((s, i) => {
    if (typeof s === "number") pattern += ".#";
    else if (i === 1 && segments[0] === "windows") pattern += ".*";
    else pattern += `.${s}`;
  });
  return pattern;
}

/**
 * Problems about a metric as a whole that are about how it pays: shown with its payment
 * fields rather than with what it measures.
 */
const PAY_CODES = new Set(["amount-or-tiers", "subgroup-with-tiers"]);

/** The path of the field or group that shows the problem. */
export function fieldPathOf(problem: JsonProblem): string {
  const segments = parseJsonPath(problem.path);
  if (segments === null) return "$";
  if (
    PAY_CODES.has(problem.code) &&
    segments.length === 3 &&
    segments[0] === "outcomes" &&
    segments[1] === "metrics"
  )
    return jsonPath([...segments, "pay"]);
  for (let n = segments.length; n > 0; n -= 1) {
    const head = segments.slice(0, n);
    if (FIELD_PATTERNS.has(pathPattern(head))) return jsonPath(head);
  }
  return "$";
}

const STEP_RULES: readonly (readonly [RegExp, StepId])[] = [
  [
    /^\$\.outcomes\.metrics\.#\.(amount|tiers|amountBySubgroup|decline|weight|targetRate|minRate|cap|pay)(\.|$)/,
    "payment",
  ],
  [/^\$\.outcomes\.(denominator|missingOutcome|metrics)(\.|$)/, "metrics"],
  [/^\$\.(base|outcomes)(\.|$)/, "payment"],
  [/^\$\.(eligibility|service_threshold|windows|maxRapidGuessPercent)(\.|$)/, "population"],
  [/^\$\.obligations(\.|$)/, "obligations"],
  [
    /^\$\.(format|contractId|title|district|vendor|service|currency|period|maxValue|expectedStudents)(\.|$)/,
    "parties",
  ],
];

/** The step whose page holds the field at `fieldPath`. */
export function stepOfField(fieldPath: string): StepId {
  const segments = parseJsonPath(fieldPath);
  const pattern = segments === null ? "$" : pathPattern(segments);
  return STEP_RULES.find(([rule]) => rule.test(pattern))?.[1] ?? "review";
}

export interface PlacedProblem extends JsonProblem {
  /** The field or group that shows it. */
  readonly field: string;
  readonly step: StepId;
}

export function placeProblems(problems: readonly JsonProblem[]): PlacedProblem[] {
  return problems.map((p) => {
    const field = fieldPathOf(p);
    return { ...p, field, step: stepOfField(field) };
  });
}

/** The problems a field shows, by its path. */
export function problemsByField(placed: readonly PlacedProblem[]): ReadonlyMap<string, PlacedProblem[]> {
  const map = new Map<string, PlacedProblem[]>();
  for (const p of placed) {
    const list = map.get(p.field);
    if (list === undefined) map.set(p.field, [p]);
    else list.push(p);
  }
  return map;
}

/** Problems whose fix is to take a key out: an unknown key, or one of another kind. */
const REMOVABLE = new Set(["unknown-key", "key-not-for-kind", "pool-not-allowed", "subgroup-with-tiers"]);

/** The key a removable problem names (the last segment of its path), else null. */
export function removableKey(problem: JsonProblem): string | null {
  if (!REMOVABLE.has(problem.code)) return null;
  const segments = parseJsonPath(problem.path);
  const last = segments?.[segments.length - 1];
  return typeof last === "string" ? last : null;
}
