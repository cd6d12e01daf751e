/**
 * A vendor's rate card: the parts of obc-terms/1 terms a vendor prices, as a fragment of
 * a terms document (the shape the RFP document shows, src/core/rfp/rfp-proposal.ts),
 * merged into an RFP's terms and checked by the terms validator.
 *
 *   {
 *     "base": <a terms `base` object>,                                required
 *     "outcomes": {                                                   required
 *       "kind": "perStudent" | "pool",                                optional; the RFP's
 *       "pool": <a terms `outcomes.pool` object>,                     pool RFPs
 *       "cap": money,                                                 optional outcome cap
 *       "metrics": [ { "id": <an RFP metric id>, ...its rates } ]     every RFP metric once
 *     }
 *   }
 *
 * A metric's rates are its payment keys: `amount`, `tiers`, `amountBySubgroup`, `decline`
 * and `cap` in a `perStudent` RFP; `weight`, `targetRate`, `minRate` and `cap` in a `pool`
 * one. What is measured (windows, targets, eligibility, obligations) stays the RFP's.
 *
 * The proposal's total price must not exceed the RFP's `maxValue`, and becomes the merged
 * terms' `maxValue`: the contract never pays more than the vendor asked.
 *
 * Merging replaces the RFP's `base`, `outcomes.pool` and `outcomes.cap` (an RFP cap the
 * rate card leaves out is gone) and each metric's payment keys (all of them: the RFP's
 * example rates never mix with the vendor's). Every problem is reported at its JSON path
 * in the proposal: `$.rateCard...` or `$.price`.
 */
import type { JsonProblem } from "../problem.js";
import { parseMoney } from "../money.js";
import { parseTerms } from "../terms/parse-terms.js";
import type { Terms } from "../terms/types.js";
import { childPath, isPlainObject } from "../terms/json-reader.js";

type Json = Readonly<Record<string, unknown>>;
type Kind = "perStudent" | "pool";

const RATE_KEYS: Readonly<Record<Kind, readonly string[]>> = {
  perStudent: ["amount", "tiers", "amountBySubgroup", "decline", "cap"],
  pool: ["weight", "targetRate", "minRate", "cap"],
};

export type MergeResult =
  | { readonly ok: true; readonly document: Json; readonly terms: Terms }
  | { readonly ok: false; readonly problems: readonly JsonProblem[] };

const FRAGMENT = "$.rateCard";

function problem(path: string, code: string, message: string): JsonProblem {
  return { path, code, message };
}

/**
 * Merges `fragment` and the total `price` (a money string, at most the RFP's maxValue)
 * into the RFP's terms document (valid obc-terms/1) and validates the result.
 */
export function mergeRateCard(rfpTerms: Json, fragment: unknown, price: string): MergeResult {
  const outcomes = isPlainObject(rfpTerms.outcomes) ? rfpTerms.outcomes : {};
  const kind: Kind = outcomes.kind === "pool" ? "pool" : "perStudent";
  const metrics = Array.isArray(outcomes.metrics) ? (outcomes.metrics as unknown[]) : [];
  const metricIds = metrics.map((m) => (isPlainObject(m) && typeof m.id === "string" ? m.id : ""));
  const priceProblems = checkPrice(rfpTerms, price);
  const shape = checkShape(fragment, kind, metricIds);
  if (shape.length > 0) return { ok: false, problems: [...priceProblems, ...shape] };
  const card = fragment as Json;
  const cardOutcomes = card.outcomes as Json;
  const rates = cardOutcomes.metrics as readonly Json[];
  const mergedMetrics = metrics.map((m, i) => {
    const own = rates.find((r) => r.id === metricIds[i]);
    if (!isPlainObject(m) || own === undefined) return m;
    const kept = Object.entries(m).filter(([key]) => !RATE_KEYS[kind].includes(key));
    const priced = Object.entries(own).filter(([key]) => key !== "id");
    return Object.fromEntries([...kept, ...priced]);
  });
  const mergedOutcomes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(outcomes))
    if (key !== "cap" && key !== "pool") mergedOutcomes[key] = key === "metrics" ? mergedMetrics : value;
  if (cardOutcomes.pool !== undefined) mergedOutcomes.pool = cardOutcomes.pool;
  if (cardOutcomes.cap !== undefined) mergedOutcomes.cap = cardOutcomes.cap;
  const document: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rfpTerms)) {
    // A bad price is reported once; the rate card is still checked, under the RFP's maxValue.
    if (key === "maxValue") document[key] = priceProblems.length > 0 ? value : price;
    else if (key === "base") document[key] = card.base;
    else if (key === "outcomes") document[key] = mergedOutcomes;
    else document[key] = value;
  }
  const parsed = parseTerms(document);
  if (!parsed.ok)
    return {
      ok: false,
      problems: [...priceProblems, ...parsed.problems.map((p) => toFragmentPath(p, metricIds, rates))],
    };
  if (priceProblems.length > 0) return { ok: false, problems: priceProblems };
  return { ok: true, document, terms: parsed.terms };
}

/** The price: money above zero, at most the RFP's maxValue. */
function checkPrice(rfpTerms: Json, price: string): JsonProblem[] {
  const cents = parseMoney(price);
  const max = parseMoney(rfpTerms.maxValue);
  if (typeof cents === "string" || cents <= 0n)
    return [
      problem(
        "$.price",
        "invalid-price",
        `the total price is an amount above zero as a decimal string with at most 2 decimals ("125000.00"), not ${JSON.stringify(price)}`,
      ),
    ];
  if (typeof max !== "string" && cents > max)
    return [
      problem(
        "$.price",
        "above-max-value",
        `the total price may not exceed the RFP's maximum contract value of ${String(rfpTerms.maxValue)}`,
      ),
    ];
  return [];
}

/** The fragment's own rules: known keys, every RFP metric priced once, rates of the RFP's kind. */
function checkShape(fragment: unknown, kind: Kind, metricIds: readonly string[]): JsonProblem[] {
  if (!isPlainObject(fragment))
    return [problem(FRAGMENT, "not-an-object", "a rate card is an object with `base` and `outcomes`")];
  const out: JsonProblem[] = [];
  for (const key of Object.keys(fragment))
    if (key !== "base" && key !== "outcomes")
      out.push(
        problem(
          childPath(FRAGMENT, key),
          "not-a-rate",
          `\`${key}\` is not priced by a vendor: a rate card has only \`base\` and \`outcomes\` (the total is \`price\`)`,
        ),
      );
  if (fragment.base === undefined)
    out.push(problem(`${FRAGMENT}.base`, "required", "the base payment is required (obc-terms/1 `base`)"));
  const path = `${FRAGMENT}.outcomes`;
  const outcomes = fragment.outcomes;
  if (!isPlainObject(outcomes))
    return [
      ...out,
      problem(
        path,
        outcomes === undefined ? "required" : "not-an-object",
        "`outcomes` is an object with the metrics' rates",
      ),
    ];
  for (const key of Object.keys(outcomes))
    if (!["kind", "pool", "cap", "metrics"].includes(key))
      out.push(
        problem(
          childPath(path, key),
          "not-a-rate",
          `\`${key}\` is the RFP's, not a price: a rate card's outcomes have \`kind\`, \`pool\`, \`cap\` and \`metrics\``,
        ),
      );
  if (outcomes.kind !== undefined && outcomes.kind !== kind)
    out.push(
      problem(
        `${path}.kind`,
        "not-the-rfp-kind",
        `the RFP's outcomes are paid ${kind}: keep "kind": "${kind}"`,
      ),
    );
  const metricsPath = `${path}.metrics`;
  const rates = outcomes.metrics;
  if (!Array.isArray(rates))
    return [
      ...out,
      problem(
        metricsPath,
        rates === undefined ? "required" : "not-an-array",
        `\`metrics\` lists each metric of the RFP with its rates: ${metricIds.join(", ")}`,
      ),
    ];
  const seen = new Set<string>();
  rates.forEach((rate: unknown, i) => {
    const at = `${metricsPath}[${i}]`;
    if (!isPlainObject(rate)) {
      out.push(problem(at, "not-an-object", "a metric's rates are an object with its `id`"));
      return;
    }
    const id = rate.id;
    if (typeof id !== "string" || !metricIds.includes(id))
      out.push(
        problem(
          `${at}.id`,
          "unknown-metric",
          `name one of the RFP's metrics: ${metricIds.join(", ")} (not ${JSON.stringify(id)})`,
        ),
      );
    else if (seen.has(id)) out.push(problem(`${at}.id`, "duplicate", `metric ${id} is priced twice`));
    else seen.add(id);
    for (const key of Object.keys(rate))
      if (key !== "id" && !RATE_KEYS[kind].includes(key))
        out.push(
          problem(
            childPath(at, key),
            "not-a-rate",
            `\`${key}\` is not a rate of a ${kind} metric: use ${RATE_KEYS[kind].map((k) => `\`${k}\``).join(", ")}`,
          ),
        );
  });
  for (const id of metricIds)
    if (!seen.has(id) && rates.every((r: unknown) => !isPlainObject(r) || r.id !== id))
      out.push(
        problem(metricsPath, "missing-metric", `price metric ${id}: every metric of the RFP has its rates`),
      );
  return out;
}

/** A problem of the merged terms, told at the place of the fragment (or the price) it came from. */
function toFragmentPath(p: JsonProblem, metricIds: readonly string[], rates: readonly Json[]): JsonProblem {
  const { path } = p;
  const under = (prefix: string) =>
    path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
  if (under("$.maxValue")) return { ...p, path: `$.price${path.slice("$.maxValue".length)}` };
  if (under("$.base") || under("$.outcomes.pool") || under("$.outcomes.cap"))
    return { ...p, path: `${FRAGMENT}${path.slice(1)}` };
  const metric = /^\$\.outcomes\.metrics\[(\d+)\](.*)$/.exec(path);
  if (metric !== null) {
    const id = metricIds[Number(metric[1])];
    const index = rates.findIndex((r) => r.id === id);
    const rest = metric[2] ?? "";
    const key = /^\.([A-Za-z]+)/.exec(rest)?.[1];
    if (
      index >= 0 &&
      (rest === "" || (key !== undefined && key !== "id" && (rates[index] ?? {})[key] !== undefined))
    )
      return { ...p, path: `${FRAGMENT}.outcomes.metrics[${index}]${rest}` };
  }
  if (path === "$.outcomes") return { ...p, path: `${FRAGMENT}.outcomes` };
  return { ...p, path: FRAGMENT, message: `with this rate card, the RFP's terms at ${path}: ${p.message}` };
}
