/**
 * Reads Ed-Fi DS 5 JSON files (a JSON array, one object, or NDJSON) and maps each
 * resource with the core's mappers (src/core/import/edfi-*.ts). Problems are
 * `JsonProblem`s whose path names the file, the NDJSON line or array index, and the
 * JSON path: `studentAssessment.json:3:$.scoreResults[0].result`.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { AssessmentRecord, SessionRecord } from "../../core/data/records.js";
import type { JsonProblem } from "../../core/problem.js";
import { EdfiError, edfiProblem, splitEdfiDocument } from "../../core/import/edfi-json.js";
import { mapEdfiAttendanceEvent } from "../../core/import/edfi-sessions.js";
import { mapEdfiStudentAssessment, type EdfiAssessmentNames } from "../../core/import/edfi-assessments.js";

export interface EdfiCounts {
  readonly resources: number;
  readonly accepted: number;
  readonly rejected: number;
}

async function mapFile<T>(
  path: string,
  map: (value: unknown) => T | EdfiError,
): Promise<{ records: T[]; problems: JsonProblem[]; counts: EdfiCounts }> {
  const { items, problems } = splitEdfiDocument(basename(path), await readFile(path, "utf8"));
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
