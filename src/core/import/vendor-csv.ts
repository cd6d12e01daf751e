/**
 * The vendor CSV exports as import formats: NWEA MAP Growth, i-Ready Diagnostic and
 * Renaissance Star (assessments, and i-Ready's students), and the DATAS tutoring files
 * (sessions of the contract given to the import, and students). The row mappings are
 * the formats' own (nwea-map.ts, iready-diagnostic.ts, star.ts, datas-*.ts); this adds
 * the field-count rule that every CSV import applies.
 */
import { RowError } from "../data/row-cells.js";
import type { RowProblem } from "../problem.js";
import type { AssessmentFormat } from "./assessment-format.js";
import { ASSESSMENT_FORMATS } from "./formats.js";
import { canonical } from "./canonical.js";
import { contractRequired, fieldCountError, type CsvFormat } from "./csv-format.js";
import { bindDatasHeader, datasColumn } from "./datas-header.js";
import { DATAS_SESSION_COLUMNS, mapDatasSessionRow } from "./datas-sessions.js";
import { DATAS_STUDENT_COLUMNS, mapDatasStudentRow } from "./datas-students.js";
import { hasColumn } from "./vendor-columns.js";

const rowError = (p: RowProblem): RowError => new RowError(p.column, p.code, p.message);
const headerProblem = (p: RowProblem) => ({ column: p.column, code: p.code, message: p.message });

function assessmentCsv(format: AssessmentFormat): CsvFormat {
  return {
    id: format.id,
    label: format.label,
    kind: "assessments",
    needsContract: false,
    detect: format.detect,
    bind(header) {
      const bound = format.bind(header);
      return {
        problems: bound.problems,
        studentColumn: bound.studentColumn,
        contractColumn: 0,
        carriesStudents: bound.carriesStudents,
        checksStoreLimits: false,
        map(fields, count) {
          const wrong = fieldCountError(count, header.length);
          if (wrong !== null) return wrong;
          const mapped = bound.map(fields, count);
          if (mapped instanceof RowError) return mapped;
          return { record: canonical("assessments", mapped.assessment), student: mapped.student };
        },
        notes: () => [],
      };
    },
  };
}

const DATAS_SESSIONS: CsvFormat = {
  id: "datas-sessions",
  label: "DATAS sessions",
  kind: "sessions",
  needsContract: true,
  detect: (header) =>
    hasColumn(header, "student_id") &&
    hasColumn(header, "session_date", "session_datetime") &&
    !hasColumn(header, "contract_id"),
  bind(header, { fileName, contractId }) {
    const { index, problems } = bindDatasHeader(fileName, DATAS_SESSION_COLUMNS, header);
    const all = problems.map(headerProblem);
    if (contractId === null) all.push(contractRequired("DATAS sessions"));
    const ctx = { file: fileName, contractId: contractId ?? "", index };
    return {
      problems: all,
      studentColumn: datasColumn(index, "student_id"),
      contractColumn: 0,
      carriesStudents: false,
      checksStoreLimits: false,
      map(fields, count) {
        const wrong = fieldCountError(count, header.length);
        if (wrong !== null) return wrong;
        const mapped = mapDatasSessionRow(ctx, fields, 0);
        return "code" in mapped ? rowError(mapped) : { record: canonical("sessions", mapped), student: null };
      },
      notes: () => [],
    };
  },
};

const DATAS_STUDENTS: CsvFormat = {
  id: "datas-students",
  label: "DATAS students",
  kind: "students",
  needsContract: false,
  detect: (header) => hasColumn(header, "student_id") && hasColumn(header, "current_grade_level"),
  bind(header, { fileName }) {
    const { index, problems } = bindDatasHeader(fileName, DATAS_STUDENT_COLUMNS, header);
    let unknownFlags = 0;
    return {
      problems: problems.map(headerProblem),
      studentColumn: datasColumn(index, "student_id"),
      contractColumn: 0,
      carriesStudents: false,
      checksStoreLimits: false,
      map(fields, count) {
        const wrong = fieldCountError(count, header.length);
        if (wrong !== null) return wrong;
        const mapped = mapDatasStudentRow(fileName, index, fields, 0);
        if ("code" in mapped) return rowError(mapped);
        unknownFlags += mapped.unknownFlags;
        return { record: canonical("students", mapped.student), student: null };
      },
      notes: () =>
        unknownFlags === 0
          ? []
          : [
              `${unknownFlags} blank ell, iep or economic_disadvantage cells (unknown in DATAS) were read as false`,
            ],
    };
  },
};

/** The vendor CSV formats, in the order `--help` lists them. */
export const VENDOR_CSV_FORMATS: readonly CsvFormat[] = [
  ...ASSESSMENT_FORMATS.map(assessmentCsv),
  DATAS_SESSIONS,
  DATAS_STUDENTS,
];
