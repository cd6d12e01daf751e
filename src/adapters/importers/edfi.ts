/**
 * Reads Ed-Fi DS 5 JSON files (a JSON array, one object, or NDJSON) as they stream in
 * (edfi-events.ts) and maps each resource with the core's mappers (src/core/import/edfi-*.ts). Problems are
 * `JsonProblem`s whose path names the file, the NDJSON line or array index, and the
 * JSON path: `studentAssessment.json:3:$.scoreResults[0].result`.
 */
import type { AssessmentRecord, SessionRecord, StudentRecord } from "../../core/data/records.js";
import type { JsonProblem } from "../../core/problem.js";
import { EdfiError, edfiProblem, type EdfiItem } from "../../core/import/edfi-json.js";
import { mapEdfiAttendanceEvent } from "../../core/import/edfi-sessions.js";
import { mapEdfiStudentAssessment, type EdfiAssessmentNames } from "../../core/import/edfi-assessments.js";
import { edfiEvents } from "./edfi-events.js";
import { joinEdfiStudents, type EdfiStudentResource } from "../../core/import/edfi-students.js";

export interface EdfiCounts {
  readonly resources: number;
  readonly accepted: number;
  readonly rejected: number;
}

/** The file's resources and its unreadable lines; a broken file has no resources, one problem. */
export async function readEdfiDocument(
  path: string,
): Promise<{ items: EdfiItem[]; problems: JsonProblem[] }> {
  const items: EdfiItem[] = [];
  const problems: JsonProblem[] = [];
  for await (const events of edfiEvents(path)) {
    for (const event of events) {
      if (event.kind === "broken") return { items: [], problems: [event.problem] };
      if (event.kind === "item") items.push({ where: event.item.where, value: event.item.value });
      else problems.push(event.problem);
    }
  }
  return { items, problems };
}

async function mapFile<T>(
  path: string,
  map: (value: unknown) => T | EdfiError,
): Promise<{ records: T[]; problems: JsonProblem[]; counts: EdfiCounts }> {
  const { items, problems } = await readEdfiDocument(path);
  const records: T[] = [];
  for (const item of items) {
    const mapped = map(item.value);
    if (mapped instanceof EdfiError) problems.push(edfiProblem(item.where, mapped));
    else records.push(mapped);
  }
  const resources = items.length + problems.filter((p) => p.code === "bad-json").length;
  return {
    records,
    problems,
    counts: { resources, accepted: records.length, rejected: resources - records.length },
  };
}

export async function readEdfiAttendanceEvents(
  path: string,
  options: { readonly contractId: string },
): Promise<{ sessions: SessionRecord[]; problems: JsonProblem[]; counts: EdfiCounts }> {
  const { records, problems, counts } = await mapFile(path, (v) =>
    mapEdfiAttendanceEvent(v, options.contractId),
  );
  return { sessions: records, problems, counts };
}

export async function readEdfiStudentAssessments(
  path: string,
  names: EdfiAssessmentNames,
): Promise<{ assessments: AssessmentRecord[]; problems: JsonProblem[]; counts: EdfiCounts }> {
  const { records, problems, counts } = await mapFile(path, (v) => mapEdfiStudentAssessment(v, names));
  return { assessments: records, problems, counts };
}

export interface EdfiStudentPaths {
  readonly students: string;
  readonly schoolAssociations: string;
  readonly educationOrganizationAssociations: string;
}

/** A problem of the student join: `file` is the path it was read from. */
export interface EdfiFileProblem extends JsonProblem {
  readonly file: string;
}

/**
 * Reads Student, StudentSchoolAssociation and StudentEducationOrganizationAssociation
 * files and joins them into `StudentRecord`s (rules in core/import/edfi-students.ts).
 * Counts: `resources` read from each file (bad JSON lines included) and how many were
 * `rejected` with a problem of their own; for students, `accepted` is the number of
 * records returned (a repeated Student is read once, so it is neither).
 */
export async function readEdfiStudents(paths: EdfiStudentPaths): Promise<{
  students: StudentRecord[];
  problems: EdfiFileProblem[];
  counts: Record<EdfiStudentResource, EdfiCounts>;
}> {
  const read = readEdfiDocument;
  const docs = {
    students: await read(paths.students),
    schoolAssociations: await read(paths.schoolAssociations),
    educationOrganizationAssociations: await read(paths.educationOrganizationAssociations),
  };
  const joined = joinEdfiStudents({
    students: docs.students.items,
    schoolAssociations: docs.schoolAssociations.items,
    educationOrganizationAssociations: docs.educationOrganizationAssociations.items,
  });
  const problems: EdfiFileProblem[] = [];
  const counts = {} as Record<EdfiStudentResource, EdfiCounts>;
  for (const kind of ["students", "schoolAssociations", "educationOrganizationAssociations"] as const) {
    const doc = docs[kind];
    const own = joined.problems.filter((p) => p.resource === kind);
    for (const { path, code, message } of [...doc.problems, ...own]) {
      problems.push({ file: paths[kind], path, code, message });
    }
    const resources = doc.items.length + doc.problems.length;
    const rejected =
      doc.problems.length + new Set(own.map((p) => p.path.slice(0, p.path.lastIndexOf(":$")))).size;
    const accepted = kind === "students" ? joined.students.length : resources - rejected;
    counts[kind] = { resources, accepted, rejected };
  }
  return { students: joined.students, problems, counts };
}
