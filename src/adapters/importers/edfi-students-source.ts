/**
 * Ed-Fi Student, StudentSchoolAssociation and StudentEducationOrganizationAssociation
 * files as one import source of students (one batch, format `edfi-students`), joined
 * by the core (edfi-students.ts). The join needs every resource at once, so the three
 * files are held in memory: the size of a roster, not of a session log.
 *
 * A batch row is a joined student, at the line of its Student resource. Each problem is
 * a reject at the line of its resource in its file, with the JSON path of the fault;
 * its message starts with that file's name. Only the fields the mapping reads are kept
 * with a reject (`keptEdfiRecord`): never names, birth dates or contact details.
 */
import { statSync } from "node:fs";
import { basename } from "node:path";
import type { ImportItem, ImportSource, OpenSource } from "../../app/ports/import.js";
import type { RowProblem } from "../../core/problem.js";
import { canonical } from "../../core/import/canonical.js";
import { joinEdfiStudents, type EdfiStudentResource } from "../../core/import/edfi-students.js";
import type { EdfiStreamItem } from "../../core/import/edfi-json-stream.js";
import { keptEdfiRecord, type EdfiResource } from "../../core/import/edfi-resources.js";
import type { EdfiStudentPaths } from "./edfi.js";
import { edfiEvents } from "./edfi-events.js";
import { joinedSetSource, setSha256 } from "./set-files.js";

const RESOURCES: readonly [EdfiStudentResource, EdfiResource][] = [
  ["students", "students"],
  ["schoolAssociations", "school-associations"],
  ["educationOrganizationAssociations", "education-organization-associations"],
];

/** `name` is the batch's file name (the Student file, or the folder that holds the three). */
export function edfiStudentsSource(name: string, paths: EdfiStudentPaths): ImportSource {
  return {
    name,
    sha256: () => setSha256(RESOURCES.map(([kind]) => [kind, paths[kind]])),
    open: () => openEdfiStudents(paths),
  };
}

interface ReadFile {
  readonly items: EdfiStreamItem[];
  readonly rejects: ImportItem[];
}

async function readResources(path: string): Promise<ReadFile | RowProblem> {
  const file = basename(path);
  const items: EdfiStreamItem[] = [];
  const rejects: ImportItem[] = [];
  for await (const events of edfiEvents(path)) {
    for (const event of events) {
      if (event.kind === "broken")
        return {
          file: path,
          line: event.line,
          column: 0,
          code: event.problem.code,
          message: event.problem.message,
        };
      if (event.kind === "item") items.push(event.item);
      else {
        const message = `${file}: ${event.problem.message}`;
        // The text of an unreadable student-side line may hold names or addresses: it is not kept.
        rejects.push({
          kind: "reject",
          line: event.line,
          column: 0,
          path: null,
          code: "bad-json",
          message,
          original: null,
        });
      }
    }
  }
  return { items, rejects };
}

async function openEdfiStudents(paths: EdfiStudentPaths): Promise<OpenSource | { problems: RowProblem[] }> {
  const read: Partial<Record<EdfiStudentResource, ReadFile>> = {};
  const problems: RowProblem[] = [];
  for (const [kind] of RESOURCES) {
    const result = await readResources(paths[kind]);
    if ("code" in result) problems.push(result);
    else read[kind] = result;
  }
  const students = read.students;
  const schools = read.schoolAssociations;
  const demographics = read.educationOrganizationAssociations;
  if (students === undefined || schools === undefined || demographics === undefined) return { problems };

  const joined = joinEdfiStudents({
    students: students.items,
    schoolAssociations: schools.items,
    educationOrganizationAssociations: demographics.items,
  });
  const byWhere = new Map<string, { item: EdfiStreamItem; resource: EdfiResource; file: string }>();
  for (const [kind, resource] of RESOURCES)
    for (const item of read[kind]?.items ?? [])
      byWhere.set(item.where, { item, resource, file: basename(paths[kind]) });
  const firstStudent = new Map<string, EdfiStreamItem>();
  for (const item of students.items) {
    const id = (item.value as { studentUniqueId?: unknown } | null)?.studentUniqueId;
    const key = typeof id === "number" ? String(id) : typeof id === "string" ? id.trim() : null;
    if (key !== null && !firstStudent.has(key)) firstStudent.set(key, item);
  }

  const items: ImportItem[] = [];
  for (const record of joined.students) {
    const at = firstStudent.get(record.studentId);
    if (at === undefined) throw new Error("a joined student without its Student resource");
    const original = keptEdfiRecord("students", at.value);
    items.push({
      kind: "row",
      line: at.line,
      record: canonical("students", record),
      student: null,
      root: at.root,
      original,
    });
  }
  for (const p of joined.problems) {
    const cut = p.path.lastIndexOf(":$");
    const found = byWhere.get(cut < 0 ? p.path : p.path.slice(0, cut));
    if (found === undefined) throw new Error(`a problem of no resource: ${p.path}`);
    const { item, resource, file } = found;
    const path = cut < 0 ? null : `${item.root}${p.path.slice(cut + 2)}`;
    const original = keptEdfiRecord(resource, item.value);
    items.push({
      kind: "reject",
      line: item.line,
      column: 0,
      path,
      code: p.code,
      message: `${file}: ${p.message}`,
      original,
    });
  }
  for (const [kind] of RESOURCES) items.push(...(read[kind]?.rejects ?? []));

  const total = RESOURCES.reduce((sum, [kind]) => sum + statSync(paths[kind]).size, 0);
  return joinedSetSource("edfi-students", items, total, []);
}
