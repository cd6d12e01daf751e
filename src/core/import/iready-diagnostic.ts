/**
 * Curriculum Associates i-Ready Diagnostic "Diagnostic Results" export (ELA or math) to
 * canonical assessment rows and, where the export has subgroup columns, student rows.
 *
 * Mapping (one row per diagnostic):
 * - `Student ID` -> student_id; `Completion Date` (M/D/YYYY) -> test_date;
 * - `Overall Scale Score` -> scale_score; `Percentile` -> percentile (1..99);
 * - `Annual Typical Growth Measure` -> growth_target;
 * - subject: a `Subject` column when there is one ("ELA"/"Reading" -> `reading`,
 *   "Math" -> `math`), else the file kind: ELA files have `Lexile Measure`, math files
 *   `Quantile Measure`;
 * - window: the season of `Norming Window` ("Winter (November 16 - March 1)") with
 *   `Academic Year` (windows.ts: `2025-2026` winter -> `2026-winter`). When the cell is
 *   empty, the season comes from the completion date by the same norming windows
 *   (fall to November 15, winter November 16 to March 1, spring from March 2), and that
 *   date must fall in the academic year (July 1 to June 30);
 * - performance_level from `Overall Relative Placement`, a closed ordered scale of five
 *   values: 1 = "3 or More Grade Levels Below", 2 = "2 Grade Levels Below",
 *   3 = "1 Grade Level Below", 4 = "Early On Grade Level", 5 = "Mid or Above Grade
 *   Level"; any other text is rejected. `Overall Placement` (Grade K, Early 3, Level 4,
 *   Algebra 1...) has no defensible number and is not used;
 * - rapid_guess_percent stays empty (`Rush Flag` is a colour, not a percent).
 * Student rows: when the header has `Student Grade`, `School` and at least one of the
 * subgroup columns. school_id is the `School` cell (the export's school name: its
 * state id column is usually empty); Y/N flags, empty = false as in data-v1.
 */
import {
  CellError,
  parseBooleanCell,
  parseDecimalCell,
  parseGradeCell,
  parseIntegerCell,
  parseUsDateCell,
  show,
} from "../data/cells.js";
import type { IsoDate } from "../date.js";
import type { StudentRecord } from "../data/records.js";
import { RowError } from "../data/row-cells.js";
import type { AssessmentFormat, MappedRow } from "./assessment-format.js";
import { VendorCells, hasColumn, type ColumnRule } from "./vendor-columns.js";
import { parseSchoolYear, parseSeason, windowOf, type Season } from "./windows.js";

const LABEL = "i-Ready Diagnostic";

const RULES: readonly ColumnRule[] = [
  { key: "student", names: ["Student ID"], required: true },
  { key: "year", names: ["Academic Year"], required: true },
  { key: "date", names: ["Completion Date"], required: true },
  { key: "normingWindow", names: ["Norming Window"], required: false },
  { key: "score", names: ["Overall Scale Score"], required: true },
  { key: "percentile", names: ["Percentile"], required: false },
  { key: "growth", names: ["Annual Typical Growth Measure"], required: false },
  { key: "relative", names: ["Overall Relative Placement"], required: false },
  { key: "subject", names: ["Subject"], required: false },
  { key: "grade", names: ["Student Grade", "Grade"], required: false },
  { key: "school", names: ["School"], required: false },
  { key: "sex", names: ["Sex", "Gender"], required: false },
  { key: "race", names: ["Race"], required: false },
  { key: "el", names: ["English Language Learner", "English Learner", "ELL"], required: false },
  { key: "sped", names: ["Special Education"], required: false },
  { key: "ed", names: ["Economically Disadvantaged"], required: false },
];

const RELATIVE_PLACEMENT: ReadonlyMap<string, number> = new Map([
  ["3 or more grade levels below", 1],
  ["2 grade levels below", 2],
  ["1 grade level below", 3],
  ["early on grade level", 4],
  ["mid or above grade level", 5],
]);

function parseRelativePlacement(value: string): number | CellError {
  return (
    RELATIVE_PLACEMENT.get(value.toLowerCase().replace(/\s+/g, " ")) ??
    new CellError("bad-placement", `${show(value)} is not an i-Ready relative placement`)
  );
}

const SUBJECTS: ReadonlyMap<string, string> = new Map([
  ["ela", "reading"],
  ["reading", "reading"],
  ["math", "math"],
  ["mathematics", "math"],
]);

function fileSubject(header: readonly string[]): string | null {
  if (hasColumn(header, "Lexile Measure", "Phonics Scale Score")) return "reading";
  if (hasColumn(header, "Quantile Measure", "Number and Operations Scale Score")) return "math";
  return null;
}

/** The norming window of a date, by i-Ready's own boundaries (month-day compared as text). */
function seasonOfDate(date: IsoDate): Season {
  const md = date.slice(5);
  if (md >= "03-02" && md <= "06-30") return "spring";
  if (md >= "07-01" && md <= "11-15") return "fall";
  return "winter";
}

export const IREADY_DIAGNOSTIC: AssessmentFormat = {
  id: "iready-diagnostic",
  label: LABEL,
  detect: (header) =>
    hasColumn(header, "Student ID") &&
    hasColumn(header, "Overall Scale Score") &&
    hasColumn(header, "Academic Year"),
  bind(header) {
    const { cells, problems } = VendorCells.bind(header, RULES, LABEL);
    const subjectOfFile = fileSubject(header);
    if (!cells.has("subject") && subjectOfFile === null) {
      problems.push({
        column: 0,
        code: "unknown-subject",
        message: `the ${LABEL} file has no Subject column, nor a Lexile or Quantile column that tells ELA from math`,
      });
    }
    const withStudents =
      cells.has("grade") && cells.has("school") && (cells.has("el") || cells.has("sped") || cells.has("ed"));

    const student = (studentId: string): StudentRecord | null | RowError => {
      if (!withStudents) return null;
      const schoolId = cells.text("school");
      if (schoolId instanceof RowError) return schoolId;
      const grade = cells.value("grade", parseGradeCell);
      if (grade instanceof RowError) return grade;
      const flags: boolean[] = [];
      for (const key of ["ed", "el", "sped"]) {
        const flag = cells.optional(key, parseBooleanCell);
        if (flag instanceof RowError) return flag;
        flags.push(flag ?? false);
      }
      return {
        studentId,
        schoolId,
        grade,
        gender: cells.optionalText("sex"),
        raceEthnicity: cells.optionalText("race"),
        economicallyDisadvantaged: flags[0] === true,
        englishLearner: flags[1] === true,
        specialEducation: flags[2] === true,
      };
    };

    const windowOfRow = (testDate: IsoDate): string | RowError => {
      const year = cells.value("year", parseSchoolYear);
      if (year instanceof RowError) return year;
      const season = cells.optional("normingWindow", parseSeason);
      if (season instanceof RowError) return season;
      if (season !== null) return windowOf(season, year);
      if (testDate < `${year.start}-07-01` || testDate > `${year.end}-06-30`) {
        return cells.error(
          "date",
          "date-outside-year",
          `${testDate} is outside the academic year ${year.start}-${year.end}, and no norming window is given`,
        );
      }
      return windowOf(seasonOfDate(testDate), year);
    };

    return {
      problems,
      studentColumn: cells.column("student"),
      carriesStudents: withStudents,
      map(fields, count): MappedRow | RowError {
        cells.use(fields, count);
        const studentId = cells.text("student");
        if (studentId instanceof RowError) return studentId;
        const testDate = cells.value("date", parseUsDateCell);
        if (testDate instanceof RowError) return testDate;
        const window = windowOfRow(testDate);
        if (window instanceof RowError) return window;
        let subject = subjectOfFile ?? "";
        if (cells.has("subject")) {
          const text = cells.text("subject");
          if (text instanceof RowError) return text;
          subject = SUBJECTS.get(text.toLowerCase()) ?? text.toLowerCase();
        }
        const scaleScore = cells.value("score", (v) => parseDecimalCell(v));
        if (scaleScore instanceof RowError) return scaleScore;
        const percentile = cells.optional("percentile", (v) => parseIntegerCell(v, 1, 99));
        if (percentile instanceof RowError) return percentile;
        const growthTarget = cells.optional("growth", (v) => parseDecimalCell(v));
        if (growthTarget instanceof RowError) return growthTarget;
        const performanceLevel = cells.optional("relative", parseRelativePlacement);
        if (performanceLevel instanceof RowError) return performanceLevel;
        const studentRecord = student(studentId);
        if (studentRecord instanceof RowError) return studentRecord;
        return {
          assessment: {
            studentId,
            assessment: "i-Ready Diagnostic",
            subject,
            window,
            testDate,
            scaleScore,
            performanceLevel,
            percentile,
            growthTarget,
            rapidGuessPercent: null,
          },
          student: studentRecord,
        };
      },
    };
  },
};
