/**
 * One Ed-Fi JSON file as an import source, streamed: StudentInterventionAttendanceEvent
 * resources become sessions of the contract given (`--contract`), StudentAssessment
 * resources assessments (named by `EDFI_ASSESSMENT_NAMES` unless a table is given). The
 * resource is told from the first one read, unless `format` names it. A resource that
 * does not map is a reject at its line with the JSON path of the fault, kept whole; a
 * line that is not JSON a reject of its own; a broken JSON array refuses the file.
 */
import { statSync } from "node:fs";
import type { ImportItem, ImportSource, OpenSource } from "../../app/ports/import.js";
import type { RowProblem } from "../../core/problem.js";
import { canonical, type CanonicalRecord } from "../../core/import/canonical.js";
import { EdfiError } from "../../core/import/edfi-json.js";
import type { EdfiSplitEvent, EdfiStreamItem } from "../../core/import/edfi-json-stream.js";
import { mapEdfiAttendanceEvent } from "../../core/import/edfi-sessions.js";
import {
  EDFI_ASSESSMENT_NAMES,
  mapEdfiStudentAssessment,
  type EdfiAssessmentNames,
} from "../../core/import/edfi-assessments.js";
import { EDFI_RESOURCE_NAMES, edfiResourceOf } from "../../core/import/edfi-resources.js";
import type { JsonFormatId } from "../../core/import/import-formats.js";
import { fileSha256 } from "../csv/import-file.js";
import { edfiEvents } from "./edfi-events.js";

export interface EdfiSourceOptions {
  /** The resource to read the file as; null to tell it from the first resource. */
  readonly format: JsonFormatId | null;
  /** The contract of every session (attendance events name none). */
  readonly contractId: string | null;
  readonly assessmentNames?: EdfiAssessmentNames;
}

const STUDENT = "$.studentReference.studentUniqueId";

export function edfiImportSource(path: string, options: EdfiSourceOptions): ImportSource {
  return { name: path, sha256: () => fileSha256(path), open: () => openEdfi(path, options) };
}

/** The format of a single-file Ed-Fi resource, or why the first resource is not one. */
export function edfiFormatOf(value: unknown): JsonFormatId | string {
  const resource = edfiResourceOf(value);
  if (resource === "attendance-events") return "edfi-attendance-events";
  if (resource === "student-assessments") return "edfi-student-assessments";
  if (resource === null)
    return "the first resource is not an Ed-Fi StudentInterventionAttendanceEvent or StudentAssessment";
  return `${EDFI_RESOURCE_NAMES[resource]} resources are imported with the StudentSchoolAssociation and StudentEducationOrganizationAssociation files together`;
}

async function openEdfi(
  path: string,
  options: EdfiSourceOptions,
): Promise<OpenSource | { problems: RowProblem[] }> {
  const read = { bytes: 0 };
  const iterator = edfiEvents(path, read);
  const problem = (line: number, code: string, message: string): RowProblem => ({
    file: path,
    line,
    column: 0,
    code,
    message,
  });
  const refuse = async (problems: RowProblem[]): Promise<{ problems: RowProblem[] }> => {
    await iterator.return(undefined);
    return { problems };
  };
  // Read up to the first resource: it tells the format.
  const buffered: EdfiSplitEvent[] = [];
  let first: EdfiStreamItem | null = null;
  while (first === null) {
    const next = await iterator.next();
    if (next.done === true) break;
    buffered.push(...next.value);
    for (const event of next.value) {
      if (event.kind === "broken")
        return refuse([problem(event.line, event.problem.code, event.problem.message)]);
      if (event.kind === "item" && first === null) first = event.item;
    }
  }
  if (first === null) return refuse([problem(1, "empty-file", "the file holds no Ed-Fi resource")]);
  const format = options.format ?? edfiFormatOf(first.value);
  if (format !== "edfi-attendance-events" && format !== "edfi-student-assessments")
    return refuse([problem(first.line, "unknown-format", `${format}; give --format`)]);
  if (format === "edfi-attendance-events" && options.contractId === null)
    return refuse([
      problem(0, "contract-required", "Ed-Fi attendance events name no contract; give it with --contract ID"),
    ]);
  const contractId = options.contractId ?? "";
  const names = options.assessmentNames ?? EDFI_ASSESSMENT_NAMES;
  const map = (value: unknown): CanonicalRecord | EdfiError => {
    if (format === "edfi-student-assessments") {
      const record = mapEdfiStudentAssessment(value, names);
      return record instanceof EdfiError ? record : canonical("assessments", record);
    }
    const record = mapEdfiAttendanceEvent(value, contractId);
    return record instanceof EdfiError ? record : canonical("sessions", record);
  };
  let size: number | null = null;
  return {
    format,
    header: null,
    refs: { student: { column: 0, path: STUDENT }, contract: { column: 0, path: null } },
    contractId: format === "edfi-attendance-events" ? contractId : null,
    items: () => edfiItems(path, buffered, iterator, map),
    progress() {
      size ??= statSync(path).size;
      return { bytesRead: read.bytes, bytesTotal: size };
    },
    notes: () => [],
    close: async () => {
      await iterator.return(undefined);
    },
  };
}

async function* edfiItems(
  path: string,
  buffered: readonly EdfiSplitEvent[],
  rest: AsyncGenerator<EdfiSplitEvent[]>,
  map: (value: unknown) => CanonicalRecord | EdfiError,
): AsyncGenerator<ImportItem[]> {
  const toItem = (event: EdfiSplitEvent): ImportItem => {
    if (event.kind === "broken")
      return {
        kind: "fault",
        problem: {
          file: path,
          line: event.line,
          column: 0,
          code: event.problem.code,
          message: event.problem.message,
        },
      };
    if (event.kind === "bad-line") {
      const { line, text, problem } = event;
      return {
        kind: "reject",
        line,
        column: 0,
        path: null,
        code: problem.code,
        message: problem.message,
        original: text,
      };
    }
    const { line, root, value } = event.item;
    const mapped = map(value);
    if (mapped instanceof EdfiError) {
      const { code, message } = mapped;
      return {
        kind: "reject",
        line,
        column: 0,
        path: `${root}${mapped.path.slice(1)}`,
        code,
        message,
        original: value,
      };
    }
    return { kind: "row", line, record: mapped, student: null, root, original: value };
  };
  if (buffered.length > 0) yield buffered.map(toItem);
  for (let next = await rest.next(); next.done !== true; next = await rest.next())
    yield next.value.map(toItem);
}
