/**
 * Reads an `obc-terms/1` document (shared/spec/terms-v1.md) into typed `Terms`.
 *
 * The document is untyped JSON (already parsed). Every rule of the spec is checked and
 * every broken rule is reported, not only the first, as a `JsonProblem` with the JSON path
 * of the offending value, a stable kebab-case code and a plain message, in document order.
 * Nothing is coerced: `670` where money is expected is a problem, not 670.00. Money becomes
 * integer cents, decimals exact ratios; nothing is rounded.
 */
import type { JsonProblem } from "../problem.js";
import type { AssessmentWindow, Organization, Service, Terms } from "./types.js";
import {
  type Field,
  ID_PATTERN,
  Problems,
  describe,
  optional,
  readEnum,
  readId,
  readInteger,
  readNonEmptyString,
  readObject,
  readString,
  rootField,
} from "./json-reader.js";
import { type WindowNames, readCurrency, readDate, readMoney, readPercent } from "./read-values.js";
import { parseEligibility, parseServiceThreshold } from "./parse-eligibility.js";
import { parseBase, parseOutcomes } from "./parse-payment.js";
import { parseObligations } from "./parse-obligations.js";

export type ParseTermsResult = { ok: true; terms: Terms } | { ok: false; problems: JsonProblem[] };

export const TERMS_FORMAT = "obc-terms/1";

const TOP_KEYS = [
  "format",
  "contractId",
  "title",
  "district",
  "vendor",
  "service",
  "currency",
  "period",
  "maxValue",
  "expectedStudents",
  "eligibility",
  "service_threshold",
  "windows",
  "maxRapidGuessPercent",
  "base",
  "outcomes",
  "obligations",
];
const SERVICES: readonly Service[] = ["tutoring", "edtech", "professional-learning", "curriculum", "other"];

/** Typed terms, or every problem of the document (never both, never an empty list). */
export function parseTerms(document: unknown): ParseTermsResult {
  const p = new Problems();
  const root = readObject(p, rootField(document, "the terms document"), "a JSON object", TOP_KEYS);
  if (root === undefined) return { ok: false, problems: p.inDocumentOrder() };
  const field = (key: string): Field => root.field(key);

  const format = readFormat(p, field("format"));
  const contractId = readId(p, field("contractId"));
  const title = readString(p, field("title"));
  const district = parseOrganization(p, field("district"));
  const vendor = parseOrganization(p, field("vendor"));
  const service = readEnum(p, field("service"), SERVICES);
  const currency = readCurrency(p, field("currency"));
  const period = parsePeriod(p, field("period"));
  const maxValueCents = readMoney(p, field("maxValue"));
  const expectedStudents = readInteger(p, field("expectedStudents"), 1);
  const { list: windowList, names: windows } = parseWindows(p, field("windows"));
  const eligibility = optional(field("eligibility"), (f) => parseEligibility(p, f, windows));
  const serviceThreshold = parseServiceThreshold(p, field("service_threshold"));
  const maxRapidGuessPercent = optional(field("maxRapidGuessPercent"), (f) => readPercent(p, f));
  const base = parseBase(p, field("base"));
  const outcomes = parseOutcomes(p, field("outcomes"), windows);
  const obligations = optional(field("obligations"), (f) => parseObligations(p, f));

  if (p.size > 0) return { ok: false, problems: p.inDocumentOrder() };
  if (
    format === undefined ||
    contractId === undefined ||
    title === undefined ||
    district === undefined ||
    vendor === undefined ||
    service === undefined ||
    currency === undefined ||
    period === undefined ||
    maxValueCents === undefined ||
    expectedStudents === undefined ||
    windowList === undefined ||
    eligibility === undefined ||
    serviceThreshold === undefined ||
    maxRapidGuessPercent === undefined ||
    base === undefined ||
    outcomes === undefined ||
    obligations === undefined
  ) {
    throw new Error("parseTerms: a value was rejected without a problem being reported");
  }
  return {
    ok: true,
    terms: {
      format,
      contractId,
      title,
      district,
      vendor,
      service,
      currency,
      period,
      maxValueCents,
      expectedStudents,
      eligibility: eligibility ?? {},
      serviceThreshold,
      windows: windowList,
      maxRapidGuessPercent,
      base,
      outcomes,
      obligations: obligations ?? [],
    },
  };
}

function readFormat(p: Problems, f: Field): typeof TERMS_FORMAT | undefined {
  if (f.value === TERMS_FORMAT) return TERMS_FORMAT;
  const got = f.present ? `got ${describe(f.value)}` : "it is missing";
  p.add(f.loc, f.present ? "bad-format" : "required", `format must be exactly "${TERMS_FORMAT}"; ${got}`);
  return undefined;
}

function parseOrganization(p: Problems, f: Field): Organization | undefined {
  const obj = readObject(p, f, `an object {"id": ..., "name": ...}`, ["id", "name"]);
  if (obj === undefined) return undefined;
  const id = readString(p, obj.field("id"));
  const name = readString(p, obj.field("name"));
  return id === undefined || name === undefined ? undefined : { id, name };
}

function parsePeriod(p: Problems, f: Field): Terms["period"] | undefined {
  const obj = readObject(p, f, `an object {"start": date, "end": date}`, ["start", "end"]);
  if (obj === undefined) return undefined;
  const start = readDate(p, obj.field("start"));
  const endField = obj.field("end");
  const end = readDate(p, endField);
  if (start === undefined || end === undefined) return undefined;
  if (start > end) {
    p.add(endField.loc, "end-before-start", `the period ends (${end}) before it starts (${start})`);
    return undefined;
  }
  return { start, end };
}

const WINDOW_FORM = '{"assessment": ..., "subject": ..., "window": ...}';
const WINDOWS_FORM = `an object from window name to ${WINDOW_FORM}`;

/**
 * Windows in the document's key order (at least one), and the names that references may
 * use: every key, even a bad one, so that one bad window is not reported again at each use.
 */
function parseWindows(p: Problems, f: Field): { list: AssessmentWindow[] | undefined; names: WindowNames } {
  const obj = readObject(p, f, WINDOWS_FORM, null);
  if (obj === undefined) return { list: undefined, names: { names: null } };
  if (obj.keys.length === 0) {
    p.add(f.loc, "empty", `windows must name at least one assessment window: ${WINDOWS_FORM}`);
    return { list: undefined, names: { names: null } };
  }
  const windows: AssessmentWindow[] = [];
  for (const name of obj.keys) {
    const entryField = obj.field(name);
    if (!ID_PATTERN.test(name)) {
      const message = `a window name must be 1 to 64 letters, digits, ".", "_" or "-" that starts with a letter or digit; got ${describe(name)}`;
      p.add(entryField.loc, "bad-pattern", message);
    }
    const entry = readObject(p, entryField, WINDOW_FORM, ["assessment", "subject", "window"]);
    if (entry === undefined) continue;
    const assessment = readNonEmptyString(p, entry.field("assessment"));
    const subject = readNonEmptyString(p, entry.field("subject"));
    const window = readNonEmptyString(p, entry.field("window"));
    if (assessment !== undefined && subject !== undefined && window !== undefined) {
      windows.push({ name, assessment, subject, window });
    }
  }
  return { list: windows.length === obj.keys.length ? windows : undefined, names: { names: obj.keys } };
}
