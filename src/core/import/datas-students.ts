/**
 * DATAS student file to canonical `StudentRecord`s (the fields DATAS has).
 *
 * Mapping (decisions):
 * - student_id, school_id: as written (text, leading zeros kept).
 * - current_grade_level: `K`, `KG`, `1`..`12`, `01`..`12`, `PK`, plus the DATAS
 *   spellings `Pre-K`/`PreK`/`-1` (PK) and `0`/`Kindergarten` (K). Anything else is
 *   rejected (`13`, `TK`, `UG`): a grade outside PK..12 is not guessed at.
 * - gender (or `sex`), ethnicity (or `race_ethnicity`): as written; empty = null.
 * - english_learner <- `ell`, special_education <- `iep`, economically_disadvantaged
 *   <- `economic_disadvantage` (or `free_reduced_lunch`). DATAS flags are tri-state:
 *   blank means unknown, which data-v1 cannot say, so blank becomes false (the data-v1
 *   default) and `unknownFlags` counts them so the import can report it. `disability`,
 *   `gifted_flag`, `homeless_flag` and the outcome columns are not part of a student
 *   record and are not read.
 */
import type { StudentRecord } from "../data/records.js";
import type { Grade } from "../terms/types.js";
import type { RowProblem } from "../problem.js";
import { CellError, parseBooleanCell, parseGradeCell, show } from "../data/cells.js";
import { datasCell, datasColumn, type DatasColumn, type DatasIndex } from "./datas-header.js";

export const DATAS_STUDENT_COLUMNS: readonly DatasColumn[] = [
  { name: "student_id", required: true },
  { name: "school_id", required: true },
  { name: "current_grade_level", required: true },
  { name: "gender", aliases: ["sex"] },
  { name: "ethnicity", aliases: ["race_ethnicity"] },
  { name: "ell", aliases: ["english_learner"] },
  { name: "iep" },
  { name: "economic_disadvantage", aliases: ["free_reduced_lunch"] },
];

const DATAS_GRADES: ReadonlyMap<string, Grade> = new Map<string, Grade>([
  ["pre-k", "PK"],
  ["prek", "PK"],
  ["-1", "PK"],
  ["0", "K"],
  ["00", "K"],
  ["kindergarten", "K"],
]);

export function parseDatasGrade(value: string): Grade | CellError {
  const grade = DATAS_GRADES.get(value.toLowerCase()) ?? parseGradeCell(value);
  return grade instanceof CellError
    ? new CellError("bad-grade", `${show(value)} is not a grade (PK, Pre-K, -1, K, 0, 1..12)`)
    : grade;
}

export interface DatasStudentRow {
  readonly student: StudentRecord;
  /** How many of the three flags were blank (unknown in DATAS, false here). */
  readonly unknownFlags: number;
}

export function mapDatasStudentRow(
  file: string,
  index: DatasIndex,
  fields: readonly string[],
  line: number,
): DatasStudentRow | RowProblem {
  const cell = (name: string): string => datasCell(index, fields, name);
  const reject = (name: string, code: string, message: string): RowProblem => ({
    file,
    line,
    column: datasColumn(index, name),
    code,
    message,
  });
  for (const name of ["student_id", "school_id", "current_grade_level"]) {
    if (cell(name) === "") return reject(name, "required", `${name} is required`);
  }
  const grade = parseDatasGrade(cell("current_grade_level"));
  if (grade instanceof CellError)
    return reject("current_grade_level", grade.code, `current_grade_level: ${grade.message}`);
  let unknownFlags = 0;
  const flags: boolean[] = [];
  for (const name of ["ell", "iep", "economic_disadvantage"]) {
    const value = cell(name);
    if (value === "") {
      unknownFlags++;
      flags.push(false);
      continue;
    }
    const flag = parseBooleanCell(value);
    if (flag instanceof CellError) return reject(name, flag.code, `${name}: ${flag.message}`);
    flags.push(flag);
  }
  const optional = (name: string): string | null => (cell(name) === "" ? null : cell(name));
  return {
    student: {
      studentId: cell("student_id"),
      schoolId: cell("school_id"),
      grade,
      gender: optional("gender"),
      raceEthnicity: optional("ethnicity"),
      economicallyDisadvantaged: flags[2] ?? false,
      englishLearner: flags[0] ?? false,
      specialEducation: flags[1] ?? false,
    },
    unknownFlags,
  };
}
