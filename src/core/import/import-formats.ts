/**
 * Every format `accord import` reads, by id (the id recorded in an import batch), and
 * how a CSV file's format is told: the canonical kinds by file name, then by header,
 * then the vendor formats' own detection; `--format` overrides all of it.
 */
import { DATA_FILE_KINDS, type DataFileKind } from "../data/records.js";
import { bindHeader, type HeaderProblem } from "../data/header.js";
import { CANONICAL_CSV_FORMATS, formatFromHeader, formatFromName } from "./canonical-csv.js";
import type { CsvFormat, CsvFormatId } from "./csv-format.js";
import { VENDOR_CSV_FORMATS } from "./vendor-csv.js";

/** JSON formats read one file at a time (Ed-Fi resources). */
export type JsonFormatId = "edfi-attendance-events" | "edfi-student-assessments";
/** Formats read from several files at once, recognised by their contents. */
export type SetFormatId = "oneroster" | "edfi-students";
export type ImportFormatId = CsvFormatId | JsonFormatId | SetFormatId;

export interface ImportFormatInfo {
  readonly id: ImportFormatId;
  /** The kind of the records it yields. */
  readonly kind: DataFileKind;
  readonly needsContract: boolean;
  readonly description: string;
}

const info = (
  id: ImportFormatId,
  kind: DataFileKind,
  description: string,
  needsContract = false,
): ImportFormatInfo => ({ id, kind, needsContract, description });

export const IMPORT_FORMATS: readonly ImportFormatInfo[] = [
  ...DATA_FILE_KINDS.map((kind) => info(kind, kind, `canonical data-v1 ${kind}.csv`)),
  info("nwea-map", "assessments", "NWEA MAP Growth AssessmentResults.csv (or ComboStudentAssessment.csv)"),
  info("iready-diagnostic", "assessments", "i-Ready Diagnostic results (ELA or math), with students"),
  info("star", "assessments", "Renaissance Star Reading or Math (SR_v2, SM_v2)"),
  info("datas-sessions", "sessions", "DATAS tutoring sessions (needs --contract)", true),
  info("datas-students", "students", "DATAS students"),
  info(
    "edfi-attendance-events",
    "sessions",
    "Ed-Fi StudentInterventionAttendanceEvent JSON (needs --contract)",
    true,
  ),
  info("edfi-student-assessments", "assessments", "Ed-Fi StudentAssessment JSON"),
  info("edfi-students", "students", "Ed-Fi Student + StudentSchoolAssociation + SEOA JSON files, together"),
  info("oneroster", "students", "a OneRoster 1.1/1.2 bulk set: a folder with manifest.csv"),
];

export const SET_FORMAT_IDS: readonly string[] = ["oneroster", "edfi-students"] satisfies SetFormatId[];

/** The ids `--format` accepts: formats of one file (sets are recognised by their files). */
export const FILE_FORMAT_IDS: readonly ImportFormatId[] = IMPORT_FORMATS.map((f) => f.id).filter(
  (id) => !SET_FORMAT_IDS.includes(id),
);

export function importFormat(id: string): ImportFormatInfo | null {
  return IMPORT_FORMATS.find((f) => f.id === id) ?? null;
}

const CSV_FORMATS: ReadonlyMap<string, CsvFormat> = new Map(
  [...Object.values(CANONICAL_CSV_FORMATS), ...VENDOR_CSV_FORMATS].map((f) => [f.id, f]),
);

export function csvFormat(id: string): CsvFormat | null {
  return CSV_FORMATS.get(id) ?? null;
}

/**
 * The format of a CSV file from its name and header row. A canonical name counts only
 * when the header binds to it (a DATAS `sessions.csv` is not canonical); when nothing
 * matches and the name was canonical, that format is returned so that its binding
 * problems say what is missing.
 */
export function detectCsvFormat(name: string, header: readonly string[]): CsvFormat | HeaderProblem {
  const byName = formatFromName(name);
  if (byName !== null && bindHeader(byName, header, header.length).problems.length === 0)
    return CANONICAL_CSV_FORMATS[byName];
  const byHeader = formatFromHeader(header);
  if (byHeader !== null) return CANONICAL_CSV_FORMATS[byHeader];
  const vendors = VENDOR_CSV_FORMATS.filter((f) => f.detect(header));
  const [only, second] = vendors;
  if (only !== undefined && second === undefined) return only;
  if (byName !== null) return CANONICAL_CSV_FORMATS[byName];
  if (only !== undefined)
    return {
      column: 0,
      code: "ambiguous-format",
      message: `the header fits ${vendors.map((f) => f.id).join(" and ")}; give --format`,
    };
  return {
    column: 0,
    code: "unknown-format",
    message: `cannot tell the format from the file name or the header; give --format (${FILE_FORMAT_IDS.join(", ")})`,
  };
}
