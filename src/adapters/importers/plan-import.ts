/**
 * What one `accord import PATH...` imports: each file given, each file of each folder
 * given, a OneRoster set for a folder with manifest.csv, and the Ed-Fi student files
 * gathered into one set, each with the format read from its header or first resource
 * (or `--format`), the kind of records it yields (for the import order) and whether it
 * needs `--contract`. Reading stops at the header or first resource. A path that does
 * not exist throws (ENOENT) before anything is imported.
 */
import { readdirSync, statSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import type { ImportFile, ImportSource } from "../../app/ports/import.js";
import type { DataFileKind } from "../../core/data/records.js";
import type { RowProblem } from "../../core/problem.js";
import type { CsvFormatId } from "../../core/import/csv-format.js";
import { edfiResourceOf, type EdfiResource } from "../../core/import/edfi-resources.js";
import {
  csvFormat,
  detectCsvFormat,
  importFormat,
  type ImportFormatId,
  type JsonFormatId,
} from "../../core/import/import-formats.js";
import { importFile } from "../csv/import-file.js";
import { edfiEvents } from "./edfi-events.js";
import { edfiImportSource } from "./edfi-source.js";
import { edfiStudentsSource } from "./edfi-students-source.js";
import { ONEROSTER_FILES, oneRosterSource } from "./oneroster-source.js";

export type PlannedInput =
  | { readonly kind: "csv"; readonly file: ImportFile; readonly format: CsvFormatId | null }
  | { readonly kind: "source"; readonly source: ImportSource }
  | { readonly kind: "invalid"; readonly problems: readonly RowProblem[] };

export interface PlannedImport {
  readonly name: string;
  /** The format told from the file; null when it cannot be told (its import says why). */
  readonly format: ImportFormatId | null;
  /** The kind of the records it yields; null when the format cannot be told. */
  readonly kind: DataFileKind | null;
  readonly carriesStudents: boolean;
  readonly needsContract: boolean;
  readonly input: PlannedInput;
}

export interface ImportPlan {
  readonly imports: PlannedImport[];
  /** Paths inside folders that are not imported, and why. */
  readonly skipped: { readonly name: string; readonly reason: string }[];
}

export interface PlanOptions {
  /** `--format`: the format of every file given or found (sets are recognised by their files). */
  readonly format: ImportFormatId | null;
  readonly contractId: string | null;
}

const NOT_DATA = "not a .csv, .json, .ndjson or .jsonl file";
const JSON_EXTENSIONS = new Set([".json", ".ndjson", ".jsonl"]);
const isJson = (path: string): boolean => JSON_EXTENSIONS.has(extname(path).toLowerCase());
const isData = (name: string): boolean => isJson(name) || extname(name).toLowerCase() === ".csv";
const hasManifest = (dir: string): boolean =>
  statSync(join(dir, "manifest.csv"), { throwIfNoEntry: false })?.isFile() === true;

export async function planImport(paths: readonly string[], options: PlanOptions): Promise<ImportPlan> {
  const files: string[] = [];
  const sets: string[] = [];
  const skipped: { name: string; reason: string }[] = [];
  const addSet = (dir: string): void => {
    sets.push(dir);
    files.push(...setFolderFiles(dir, skipped));
  };
  for (const path of paths) {
    if (!statSync(path).isDirectory()) files.push(path);
    else if (hasManifest(path)) addSet(path);
    else
      for (const name of readdirSync(path).sort()) {
        const inner = join(path, name);
        if (name.startsWith(".")) continue;
        if (!statSync(inner).isDirectory())
          if (isData(name)) files.push(inner);
          else skipped.push({ name: inner, reason: NOT_DATA });
        else if (hasManifest(inner)) addSet(inner);
        else
          skipped.push({
            name: inner,
            reason: "a folder without manifest.csv (only OneRoster sets are read in subfolders)",
          });
      }
  }
  const imports: PlannedImport[] = sets.map((dir) => ({
    name: dir,
    format: "oneroster",
    kind: "students",
    carriesStudents: false,
    needsContract: false,
    input: { kind: "source", source: oneRosterSource(dir) },
  }));
  const seen = new Set<string>();
  const edfiStudents: [EdfiResource, string][] = [];
  for (const path of files) {
    if (seen.has(resolve(path))) continue;
    seen.add(resolve(path));
    const planned = isJson(path) ? await planJson(path, options, edfiStudents) : await planCsv(path, options);
    if (planned !== null) imports.push(planned);
  }
  if (edfiStudents.length > 0) imports.push(planEdfiStudents(edfiStudents));
  return { imports, skipped };
}

/** The files of a OneRoster set's folder that are not the set's own (its students.csv is its flags). */
function setFolderFiles(dir: string, skipped: { name: string; reason: string }[]): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name.startsWith(".") || ONEROSTER_FILES.has(name) || name === "students.csv") continue;
    if (statSync(path).isDirectory()) skipped.push({ name: path, reason: "a folder inside a OneRoster set" });
    else if (isData(name)) files.push(path);
    else skipped.push({ name: path, reason: NOT_DATA });
  }
  return files;
}

const invalid = (name: string, code: string, message: string): PlannedImport => ({
  name,
  format: null,
  kind: null,
  carriesStudents: false,
  needsContract: false,
  input: { kind: "invalid", problems: [{ file: name, line: 0, column: 0, code, message }] },
});

async function planCsv(path: string, options: PlanOptions): Promise<PlannedImport> {
  const override = options.format === null ? null : csvFormat(options.format);
  if (options.format !== null && override === null)
    return invalid(
      path,
      "wrong-format",
      `--format ${options.format} is not a CSV format, and this is not a JSON file`,
    );
  const file = importFile(path);
  const input = { kind: "csv", file, format: override?.id ?? null } as const;
  let header: readonly string[] | null = null;
  for await (const records of file.records()) {
    const first = records[0];
    if (first === undefined) continue;
    header = first.kind === "row" ? first.fields : null;
    break;
  }
  const format = override ?? (header === null ? null : detectCsvFormat(path, header));
  if (header === null || format === null || "code" in format)
    return { name: path, format: null, kind: null, carriesStudents: false, needsContract: false, input };
  const bound = format.bind(header, { fileName: basename(path), contractId: options.contractId });
  return {
    name: path,
    format: format.id,
    kind: format.kind,
    carriesStudents: bound.problems.length === 0 && bound.carriesStudents,
    needsContract: format.needsContract,
    input,
  };
}

/** The first resource of a JSON file, or null when there is none before the end or a fault. */
async function firstResource(path: string): Promise<{ value: unknown } | null> {
  for await (const events of edfiEvents(path)) {
    for (const event of events) {
      if (event.kind === "item") return { value: event.item.value };
      if (event.kind === "broken") return null;
    }
  }
  return null;
}

async function planJson(
  path: string,
  options: PlanOptions,
  edfiStudents: [EdfiResource, string][],
): Promise<PlannedImport | null> {
  const given = options.format === null ? null : importFormat(options.format);
  if (given !== null && given.id !== "edfi-attendance-events" && given.id !== "edfi-student-assessments")
    return invalid(
      path,
      "wrong-format",
      `--format ${given.id} is not an Ed-Fi JSON format, and this is a JSON file`,
    );
  const first = given === null ? await firstResource(path) : null;
  const resource = first === null ? null : edfiResourceOf(first.value);
  if (
    resource === "students" ||
    resource === "school-associations" ||
    resource === "education-organization-associations"
  ) {
    edfiStudents.push([resource, path]);
    return null;
  }
  const format: JsonFormatId | null =
    (given?.id as JsonFormatId | undefined) ??
    (resource === "attendance-events"
      ? "edfi-attendance-events"
      : resource === "student-assessments"
        ? "edfi-student-assessments"
        : null);
  const info = format === null ? null : importFormat(format);
  return {
    name: path,
    format,
    kind: info?.kind ?? null,
    carriesStudents: false,
    needsContract: info?.needsContract ?? false,
    input: { kind: "source", source: edfiImportSource(path, { format, contractId: options.contractId }) },
  };
}

const ROLES: readonly [
  EdfiResource,
  "students" | "schoolAssociations" | "educationOrganizationAssociations",
  string,
][] = [
  ["students", "students", "Student"],
  ["school-associations", "schoolAssociations", "StudentSchoolAssociation"],
  [
    "education-organization-associations",
    "educationOrganizationAssociations",
    "StudentEducationOrganizationAssociation",
  ],
];

/** The Ed-Fi student files found: one of each resource makes the set. */
function planEdfiStudents(found: readonly [EdfiResource, string][]): PlannedImport {
  const paths: Partial<Record<(typeof ROLES)[number][1], string>> = {};
  const name = found.find(([r]) => r === "students")?.[1] ?? found[0]?.[1] ?? "";
  for (const [resource, key, label] of ROLES) {
    const files = found.filter(([r]) => r === resource).map(([, p]) => p);
    if (files.length > 1)
      return invalid(
        name,
        "ambiguous-set",
        `Ed-Fi students need one ${label} file; found ${files.join(", ")}`,
      );
    if (files[0] === undefined)
      return invalid(
        name,
        "incomplete-set",
        `Ed-Fi students are imported from a Student, a StudentSchoolAssociation and a StudentEducationOrganizationAssociation file together; no ${label} file was given`,
      );
    paths[key] = files[0];
  }
  const { students, schoolAssociations, educationOrganizationAssociations } = paths;
  if (
    students === undefined ||
    schoolAssociations === undefined ||
    educationOrganizationAssociations === undefined
  )
    throw new Error("an Ed-Fi set without its files");
  return {
    name,
    format: "edfi-students",
    kind: "students",
    carriesStudents: false,
    needsContract: false,
    input: {
      kind: "source",
      source: edfiStudentsSource(name, { students, schoolAssociations, educationOrganizationAssociations }),
    },
  };
}
