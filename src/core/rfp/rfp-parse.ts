/**
 * Reads an `accord-rfp/1` document (an edited draft, say) back into a typed
 * `RfpDocument`, reporting every problem with its JSON path (`$.sections[2].paragraphs[0]`),
 * a stable code and a plain message, in document order. Nothing is coerced or dropped:
 * unknown keys, empty text, control characters, texts or lists over their bounds, rows
 * of the wrong width, repeated keys, weights that are not whole numbers adding up to
 * 100, and an evaluation table that does not show the criteria are all problems.
 */
import type { JsonProblem } from "../problem.js";
import { parseIsoDate } from "../date.js";
import {
  type Field,
  Problems,
  describe,
  readArray,
  readInteger,
  readObject,
  readString,
  rootField,
} from "../terms/json-reader.js";
import {
  RFP_FORMAT,
  type EvaluationCriterion,
  type RfpDocument,
  type RfpSection,
  type RfpTable,
} from "./rfp-types.js";
import { EVALUATION_KEY, criteriaRows } from "./rfp-proposal.js";

/** Bounds on sizes, so that a stored document always renders in reasonable time and pages. */
export const RFP_LIMITS = {
  titleChars: 300,
  headingChars: 200,
  paragraphChars: 10_000,
  cellChars: 2_000,
  sections: 40,
  paragraphsPerSection: 200,
  columns: 8,
  rows: 1_000,
  criteria: 20,
} as const;

const KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export type ParseRfpResult =
  { ok: true; document: RfpDocument } | { ok: false; problems: readonly JsonProblem[] };

function readText(p: Problems, f: Field, max: number, allowEmpty = false): string | undefined {
  const text = readString(p, f);
  if (text === undefined) return undefined;
  if (!allowEmpty && text.trim() === "") {
    p.add(f.loc, "empty-string", `${f.name} must not be empty`);
    return undefined;
  }
  if (text.length > max) {
    p.add(f.loc, "too-long", `${f.name} has ${text.length} characters; at most ${max} are allowed`);
    return undefined;
  }
  if (CONTROL.test(text)) {
    p.add(
      f.loc,
      "control-character",
      `${f.name} holds a control character (a line break, tab or other); split paragraphs instead`,
    );
    return undefined;
  }
  return text;
}

function readList(p: Problems, f: Field, min: number, max: number): Field[] | undefined {
  const items = readArray(p, f, `a list of ${min} to ${max} items`);
  if (items === undefined) return undefined;
  if (items.length < min || items.length > max) {
    p.add(f.loc, "bad-length", `${f.name} has ${items.length} items; it must have ${min} to ${max}`);
    return undefined;
  }
  return items;
}

function readKey(p: Problems, f: Field, seen: Set<string>): string | undefined {
  const key = readString(p, f);
  if (key === undefined) return undefined;
  if (!KEY.test(key)) {
    p.add(
      f.loc,
      "bad-key",
      `${f.name} must be 1 to 64 lower-case letters, digits or "-", starting with a letter or digit; got ${describe(key)}`,
    );
    return undefined;
  }
  if (seen.has(key)) {
    p.add(f.loc, "duplicate-key", `${f.name} "${key}" is used more than once`);
    return undefined;
  }
  seen.add(key);
  return key;
}

function readDate(p: Problems, f: Field): string | null | undefined {
  if (!f.present) {
    p.add(f.loc, "required", `${f.name} is missing; it must be a date YYYY-MM-DD or null`);
    return undefined;
  }
  if (f.value === null) return null;
  if (typeof f.value === "string" && parseIsoDate(f.value) !== null) return f.value;
  p.add(f.loc, "bad-date", `${f.name} must be a date YYYY-MM-DD or null; got ${describe(f.value)}`);
  return undefined;
}

function readTable(p: Problems, f: Field): RfpTable | undefined {
  const obj = readObject(p, f, "an object with columns and rows", ["columns", "rows"]);
  if (obj === undefined) return undefined;
  const columnFields = readList(p, obj.field("columns"), 1, RFP_LIMITS.columns);
  const columns = columnFields?.map((c) => readText(p, c, RFP_LIMITS.headingChars));
  const rowFields = readList(p, obj.field("rows"), 0, RFP_LIMITS.rows);
  const rows = rowFields?.map((r) => {
    const cells = readArray(p, r, "a list of cells");
    if (cells === undefined) return undefined;
    if (columnFields !== undefined && cells.length !== columnFields.length) {
      p.add(
        r.loc,
        "bad-row-width",
        `${r.name} has ${cells.length} cells; the table has ${columnFields.length} columns`,
      );
      return undefined;
    }
    const texts = cells.map((c) => readText(p, c, RFP_LIMITS.cellChars, true));
    return texts.every((t) => t !== undefined) ? (texts as string[]) : undefined;
  });
  if (columns === undefined || rows === undefined) return undefined;
  if (!columns.every((c) => c !== undefined) || !rows.every((r) => r !== undefined)) return undefined;
  return { columns: columns as string[], rows: rows as string[][] };
}

function readSection(p: Problems, f: Field, keys: Set<string>): RfpSection | undefined {
  const obj = readObject(p, f, "a section object", ["key", "heading", "paragraphs", "table"]);
  if (obj === undefined) return undefined;
  const key = readKey(p, obj.field("key"), keys);
  const heading = readText(p, obj.field("heading"), RFP_LIMITS.headingChars);
  const paragraphs = readList(p, obj.field("paragraphs"), 0, RFP_LIMITS.paragraphsPerSection)?.map((x) =>
    readText(p, x, RFP_LIMITS.paragraphChars),
  );
  const table = obj.has("table") ? readTable(p, obj.field("table")) : null;
  if (key === undefined || heading === undefined || paragraphs === undefined || table === undefined)
    return undefined;
  if (!paragraphs.every((x) => x !== undefined)) return undefined;
  return { key, heading, paragraphs: paragraphs as string[], ...(table === null ? {} : { table }) };
}

function readCriterion(p: Problems, f: Field, keys: Set<string>): EvaluationCriterion | undefined {
  const obj = readObject(p, f, "a criterion object", ["key", "name", "weight", "description"]);
  if (obj === undefined) return undefined;
  const key = readKey(p, obj.field("key"), keys);
  const name = readText(p, obj.field("name"), RFP_LIMITS.headingChars);
  const weightField = obj.field("weight");
  let weight = readInteger(p, weightField, 1);
  if (weight !== undefined && weight > 100) {
    p.add(weightField.loc, "bad-weight", `weight must be a whole percent from 1 to 100; got ${weight}`);
    weight = undefined;
  }
  const description = readText(p, obj.field("description"), RFP_LIMITS.cellChars);
  if (key === undefined || name === undefined || weight === undefined || description === undefined)
    return undefined;
  return { key, name, weight, description };
}

function sameRows(a: readonly (readonly string[])[], b: readonly (readonly string[])[]): boolean {
  return (
    a.length === b.length &&
    a.every((row, i) => row.length === b[i]?.length && row.every((c, j) => c === b[i]?.[j]))
  );
}

/** A typed document, or every problem found (never both, never an empty list). */
export function parseRfpDocument(value: unknown): ParseRfpResult {
  const p = new Problems();
  const root = readObject(p, rootField(value, "the document"), "a JSON object", [
    "format",
    "title",
    "districtName",
    "issuedOn",
    "proposalsDueOn",
    "sections",
    "criteria",
  ]);
  if (root === undefined) return { ok: false, problems: p.inDocumentOrder() };
  const formatField = root.field("format");
  const format = readString(p, formatField);
  if (format !== undefined && format !== RFP_FORMAT)
    p.add(formatField.loc, "bad-format", `format must be "${RFP_FORMAT}"; got ${describe(format)}`);
  const title = readText(p, root.field("title"), RFP_LIMITS.titleChars);
  const districtName = readText(p, root.field("districtName"), RFP_LIMITS.titleChars);
  const issuedOn = readDate(p, root.field("issuedOn"));
  const dueField = root.field("proposalsDueOn");
  const proposalsDueOn = readDate(p, dueField);
  if (typeof issuedOn === "string" && typeof proposalsDueOn === "string" && proposalsDueOn < issuedOn)
    p.add(
      dueField.loc,
      "due-before-issue",
      `proposalsDueOn ${proposalsDueOn} is before issuedOn ${issuedOn}`,
    );
  const sectionKeys = new Set<string>();
  const sectionFields = readList(p, root.field("sections"), 1, RFP_LIMITS.sections);
  const sections = sectionFields?.map((f) => readSection(p, f, sectionKeys));
  const criteriaField = root.field("criteria");
  const criterionKeys = new Set<string>();
  const criteria = readList(p, criteriaField, 1, RFP_LIMITS.criteria)?.map((f) =>
    readCriterion(p, f, criterionKeys),
  );
  if (criteria !== undefined && criteria.every((c) => c !== undefined)) {
    const total = criteria.reduce((sum, c) => sum + (c?.weight ?? 0), 0);
    if (total !== 100)
      p.add(
        criteriaField.loc,
        "weights-not-100",
        `the criteria's weights add up to ${total}; they must add up to 100`,
      );
    const index = sections?.findIndex((s) => s?.key === EVALUATION_KEY) ?? -1;
    const evaluation = index < 0 ? undefined : sections?.[index];
    const sectionField = index < 0 ? undefined : sectionFields?.[index];
    if (evaluation?.table !== undefined && sectionField !== undefined) {
      const expected = criteriaRows(criteria as EvaluationCriterion[]);
      if (!sameRows(evaluation.table.rows, expected))
        p.add(
          { path: `${sectionField.loc.path}.table.rows`, order: [...sectionField.loc.order, 1e9] },
          "criteria-table-mismatch",
          "the evaluation table must show each criterion's name, weight and description as the criteria list does",
        );
    }
  }
  if (p.size > 0) return { ok: false, problems: p.inDocumentOrder() };
  return {
    ok: true,
    document: {
      format: RFP_FORMAT,
      title: title ?? "",
      districtName: districtName ?? "",
      issuedOn: issuedOn ?? null,
      proposalsDueOn: proposalsDueOn ?? null,
      sections: (sections ?? []) as RfpSection[],
      criteria: (criteria ?? []) as EvaluationCriterion[],
    },
  };
}
