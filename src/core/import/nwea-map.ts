/**
 * NWEA MAP Growth, Comprehensive Data File `AssessmentResults.csv` (also the combined
 * `ComboStudentAssessment.csv`, and the legacy column names of older CDFs) to canonical
 * assessment rows.
 *
 * Mapping (one row per test event):
 * - `StudentID` -> student_id; `TermName` ("Fall 2024-2025") -> window (windows.ts);
 * - `TestStartDate` (MM/DD/YYYY) -> test_date; `TestRITScore` -> scale_score;
 * - `Subject` (legacy `Discipline`; `Course`/`MeasurementScale` when neither is there)
 *   -> subject, lower-cased, "Mathematics" and "Math" as `math`;
 * - `TestPercentile` -> percentile (1..99); `FallToSpringProjectedGrowth` -> growth_target;
 * - `RapidGuessingPercentage` -> rapid_guess_percent (0..100, as written);
 * - assessment = "MAP Growth", or "MAP Screening" for screeners (`TestName` starting
 *   "Screening:"), which are not growth tests and must not be compared with them.
 * - performance_level stays empty: the CDF has no numeric achievement level
 *   (`AchievementQuintile` is a norm band, Low..High, already carried by the percentile;
 *   `ProjectedProficiencyLevelN` are projections to state tests, not results).
 * The CDF carries no subgroup flags, so no student record is produced.
 */
import { parseDecimalCell, parseIntegerCell, parsePercentCell, parseUsDateCell } from "../data/cells.js";
import { RowError } from "../data/row-cells.js";
import type { AssessmentFormat, MappedRow } from "./assessment-format.js";
import { VendorCells, hasColumn, type ColumnRule } from "./vendor-columns.js";
import { parseTermNameCell } from "./windows.js";

const LABEL = "NWEA MAP Growth";

const RULES: readonly ColumnRule[] = [
  { key: "student", names: ["StudentID", "Student ID"], required: true },
  { key: "term", names: ["TermName", "Term Name"], required: true },
  { key: "subject", names: ["Subject", "Discipline"], required: false },
  { key: "course", names: ["Course", "MeasurementScale"], required: false },
  { key: "testName", names: ["TestName"], required: false },
  { key: "date", names: ["TestStartDate"], required: true },
  { key: "score", names: ["TestRITScore", "TestRIT"], required: true },
  { key: "percentile", names: ["TestPercentile"], required: false },
  { key: "growth", names: ["FallToSpringProjectedGrowth"], required: false },
  { key: "rapidGuess", names: ["RapidGuessingPercentage"], required: false },
];

const SUBJECTS: ReadonlyMap<string, string> = new Map([
  ["mathematics", "math"],
  ["math", "math"],
]);

function subjectOf(text: string): string {
  const lower = text.toLowerCase();
  return SUBJECTS.get(lower) ?? lower;
}

export const NWEA_MAP: AssessmentFormat = {
  id: "nwea-map",
  label: LABEL,
  detect: (header) =>
    hasColumn(header, "TermName") &&
    hasColumn(header, "StudentID") &&
    hasColumn(header, "TestRITScore", "TestRIT"),
  bind(header) {
    const { cells, problems } = VendorCells.bind(header, RULES, LABEL);
    if (!cells.has("subject") && !cells.has("course")) {
      problems.push({
        column: 0,
        code: "missing-column",
        message: `a ${LABEL} file needs a "Subject" column (or Discipline, Course)`,
      });
    }
    const subjectKey = cells.has("subject") ? "subject" : "course";
    return {
      problems,
      studentColumn: cells.column("student"),
      carriesStudents: false,
      map(fields, count): MappedRow | RowError {
        cells.use(fields, count);
        const studentId = cells.text("student");
        if (studentId instanceof RowError) return studentId;
        const window = cells.value("term", parseTermNameCell);
        if (window instanceof RowError) return window;
        const subject = cells.text(subjectKey);
        if (subject instanceof RowError) return subject;
        const testDate = cells.value("date", parseUsDateCell);
        if (testDate instanceof RowError) return testDate;
        const scaleScore = cells.value("score", (v) => parseDecimalCell(v));
        if (scaleScore instanceof RowError) return scaleScore;
        const percentile = cells.optional("percentile", (v) => parseIntegerCell(v, 1, 99));
        if (percentile instanceof RowError) return percentile;
        const growthTarget = cells.optional("growth", (v) => parseDecimalCell(v));
        if (growthTarget instanceof RowError) return growthTarget;
        const rapidGuessPercent = cells.optional("rapidGuess", parsePercentCell);
        if (rapidGuessPercent instanceof RowError) return rapidGuessPercent;
        const screener = cells.raw("testName").toLowerCase().startsWith("screening:");
        return {
          assessment: {
            studentId,
            assessment: screener ? "MAP Screening" : "MAP Growth",
            subject: subjectOf(subject),
            window,
            testDate,
            scaleScore,
            performanceLevel: null,
            percentile,
            growthTarget,
            rapidGuessPercent,
          },
          student: null,
        };
      },
    };
  },
};
