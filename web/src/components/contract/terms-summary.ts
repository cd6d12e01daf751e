/**
 * The terms in plain language: one sentence per rule of an obc-terms/1 document, read
 * defensively from the JSON the API returns (a field of an unexpected shape is left out
 * rather than guessed at; the server checked the document when it was recorded).
 */
import { formatMoney } from "../../lib/money.js";
import { formatIsoDate } from "../../lib/dates.js";

type Json = Record<string, unknown>;

export interface TermsSummary {
  readonly what: readonly string[];
  readonly base: string | null;
  readonly outcomes: readonly string[];
  readonly obligations: readonly string[];
}

const obj = (v: unknown): Json | null =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : null;
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const int = (v: unknown): number | null => (typeof v === "number" && Number.isInteger(v) ? v : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A terms amount ("670", "670.5", "670.00") for people, exactly; null when it is not one. */
export function termsMoney(value: unknown, currency: string): string | null {
  const match = typeof value === "string" ? /^(\d+)(?:\.(\d{1,2}))?$/.exec(value) : null;
  if (match === null) return null;
  const cents = BigInt(match[1] ?? "0") * 100n + BigInt((match[2] ?? "").padEnd(2, "0"));
  return formatMoney(cents, currency);
}

/** "1200" -> "1,200". */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function percent(v: unknown): string | null {
  const s = str(v);
  return s === null ? null : `${s}%`;
}

function share(v: unknown): string | null {
  const s = str(v);
  if (s === null || !/^\d+(\.\d+)?$/.test(s)) return null;
  const [whole = "0", frac = ""] = s.split(".");
  const scaled = `${whole}${frac.padEnd(2, "0").slice(0, 2)}`.replace(/^0+(?=\d)/, "");
  const rest = frac.length > 2 ? `.${frac.slice(2)}` : "";
  return `${scaled}${rest}%`;
}

function sessionsText(m: Json): string {
  const parts = [
    int(m["minSessions"]) !== null ? `${count(int(m["minSessions"]) ?? 0)} sessions` : null,
    int(m["minMinutes"]) !== null ? `${count(int(m["minMinutes"]) ?? 0)} minutes` : null,
  ].filter((p) => p !== null);
  return parts.length === 0 ? "any attended session" : parts.join(" and ");
}

function metricRule(m: Json, windows: Json): string {
  const windowName = (name: unknown) => {
    const w = obj(windows[str(name) ?? ""]);
    return w === null
      ? String(name)
      : `${str(w["assessment"]) ?? ""} ${str(w["subject"]) ?? ""} (${str(w["window"]) ?? ""})`;
  };
  switch (m["kind"]) {
    case "growth": {
      const t = obj(m["target"]) ?? {};
      const target =
        t["points"] !== undefined
          ? `at least ${str(t["points"]) ?? "?"} points`
          : `${str(t["percent"]) ?? "100"}% of the student's growth target${int(t["prorateWeeks"]) !== null ? `, prorated over ${int(t["prorateWeeks"])} weeks` : ""}`;
      return `grows ${target} from ${windowName(m["from"])} to ${windowName(m["to"])}`;
    }
    case "proficiency":
      return int(m["minLevel"]) !== null
        ? `reaches performance level ${int(m["minLevel"])} or higher in ${windowName(m["window"])}`
        : `scores ${str(m["minScore"]) ?? "?"} or more in ${windowName(m["window"])}`;
    case "dosage":
      return `attends at least ${sessionsText(m)} in the period`;
    case "consistency":
      return `has at least ${share(m["minShare"]) ?? "?"} of their sessions with the same tutor`;
    default:
      return "meets the metric";
  }
}

function metricPay(m: Json, kind: string, currency: string): string {
  if (kind === "pool") {
    const parts = [`weight ${str(m["weight"]) ?? "?"}`];
    if (m["targetRate"] !== undefined)
      parts.push(`full share at ${share(m["targetRate"]) ?? "?"} of students`);
    if (m["minRate"] !== undefined) parts.push(`nothing below ${share(m["minRate"]) ?? "?"}`);
    return parts.join(", ");
  }
  const tiers = list(m["tiers"])
    .map(obj)
    .filter((t): t is Json => t !== null);
  if (tiers.length > 0)
    return tiers
      .map(
        (t) => `${termsMoney(t["amount"], currency) ?? "?"} from ${percent(t["atLeast"]) ?? "?"} of target`,
      )
      .join("; ");
  const amount = termsMoney(m["amount"], currency);
  return amount === null ? "" : `${amount} per student`;
}

export function summarizeTerms(terms: unknown): TermsSummary {
  const t = obj(terms) ?? {};
  const currency = str(t["currency"]) ?? "USD";
  const period = obj(t["period"]);
  const what: string[] = [];
  const service = str(t["service"]);
  const vendor = str(obj(t["vendor"])?.["name"]);
  if (service !== null) what.push(`${vendor ?? "The vendor"} provides ${service.replace("-", " ")}.`);
  if (period !== null)
    what.push(
      `Service runs from ${formatIsoDate(str(period["start"]) ?? "")} to ${formatIsoDate(str(period["end"]) ?? "")}.`,
    );
  const max = termsMoney(t["maxValue"], currency);
  if (max !== null) what.push(`The contract pays at most ${max}.`);
  const expected = int(t["expectedStudents"]);
  if (expected !== null) what.push(`The plan is to enrol ${count(expected)} students.`);
  const eligibility = obj(t["eligibility"]);
  const grades = list(eligibility?.["grades"])
    .map(str)
    .filter((g) => g !== null);
  const schools = list(eligibility?.["schools"])
    .map(str)
    .filter((s) => s !== null);
  if (grades.length > 0) what.push(`Students count when they are in grade ${grades.join(", ")}.`);
  if (schools.length > 0)
    what.push(`Only students of ${schools.length === 1 ? "school" : "schools"} ${schools.join(", ")} count.`);
  const threshold = obj(t["service_threshold"]);
  if (threshold !== null && (int(threshold["minSessions"]) ?? 0) + (int(threshold["minMinutes"]) ?? 0) > 0)
    what.push(`A student is served after ${sessionsText(threshold)}.`);

  const b = obj(t["base"]);
  let base: string | null = null;
  if (b?.["kind"] === "perStudent")
    base = `Base: ${termsMoney(b["amount"], currency) ?? "?"} for each ${b["per"] === "enrolled" ? "eligible enrolled" : "served"} student.`;
  else if (b?.["kind"] === "share")
    base = `Base: ${percent(b["percent"]) ?? "?"} of the maximum value${b["prorate"] === true ? ", prorated by served students against the plan" : ""}.`;
  else if (b?.["kind"] === "fixed") base = `Base: a fixed ${termsMoney(b["amount"], currency) ?? "?"}.`;

  const o = obj(t["outcomes"]) ?? {};
  const kind = str(o["kind"]) ?? "perStudent";
  const windows = obj(t["windows"]) ?? {};
  const outcomes: string[] = [];
  const pool = obj(o["pool"]);
  if (kind === "pool" && pool !== null)
    outcomes.push(
      `An outcome pool of ${pool["percent"] !== undefined ? `${percent(pool["percent"]) ?? "?"} of the maximum value` : (termsMoney(pool["amount"], currency) ?? "?")} is shared by the metrics below.`,
    );
  for (const m of list(o["metrics"]).map(obj)) {
    if (m === null) continue;
    const pay = metricPay(m, kind, currency);
    outcomes.push(
      `${str(m["label"]) ?? str(m["id"]) ?? "Metric"}: a student ${metricRule(m, windows)}${pay === "" ? "" : ` (${pay})`}.`,
    );
  }
  const cap = termsMoney(o["cap"], currency);
  if (cap !== null) outcomes.push(`Outcome payments are capped at ${cap}.`);
  if (o["denominator"] === "enrolled")
    outcomes.push("Rates are measured over all eligible enrolled students.");
  if (o["missingOutcome"] === "exclude")
    outcomes.push("Students without the scores a metric needs are left out of it.");

  const obligations = list(t["obligations"]).flatMap((raw) => {
    const ob = obj(raw);
    if (ob === null) return [];
    const party = ob["party"] === "district" ? "District" : "Vendor";
    const c = ob["consequence"];
    const consequence =
      c === "payFull"
        ? "if not met, the district pays the full contract value"
        : obj(c)?.["reduceOutcomePercent"] !== undefined
          ? `if not met, outcome payments drop by ${percent(obj(c)?.["reduceOutcomePercent"]) ?? "?"}`
          : "tracked and reported";
    return [`${party}: ${str(ob["description"]) ?? str(ob["id"]) ?? ""} (${consequence}).`];
  });
  return { what, base, outcomes, obligations };
}
