/**
 * Renaissance Star (`SR_v2` Star Reading, `SM_v2` Star Math) to canonical assessment
 * rows.
 *
 * Mapping (one row per test):
 * - `StudentIdentifier` (the district's student id in Renaissance) -> student_id;
 * - assessment and subject by the file kind: a header with `Lexile` or
 *   `InstructionalReadingLevel` is Star Reading (`reading`), one with a Quantile column
 *   is Star Math (`math`);
 * - `ScreeningPeriodWindowName` ("Fall") with `SchoolYear` ("2023-2024") -> window
 *   (windows.ts). A test outside every screening window (empty cell) is rejected: it
 *   has no window, and none is guessed from its date;
 * - test_date: the date of `CompletedDateLocal` as written (the day in the school's
 *   time zone); only a file without that column uses `CompletedDate`, whose date is UTC;
 * - `ScaledScore` -> scale_score; `PercentileRank` -> percentile (1..99);
 * - performance_level, growth_target and rapid_guess_percent stay empty: the direction
 *   of `RenaissanceBenchmarkCategoryLevel` is unverified, Star has no growth target
 *   (its SGPs are results, not targets) and no rapid-guess percent.
 * The file carries no subgroup flags, so no student record is produced.
 */
import { parseDecimalCell, parseIntegerCell, parseTimestampDateCell } from "../data/cells.js";
import { RowError } from "../data/row-cells.js";
import type { AssessmentFormat, MappedRow } from "./assessment-format.js";
import { VendorCells, hasColumn, normalizeName, type ColumnRule } from "./vendor-columns.js";
import { parseSchoolYear, parseSeason, windowOf } from "./windows.js";

const LABEL = "Renaissance Star";

const RULES: readonly ColumnRule[] = [
  { key: "student", names: ["StudentIdentifier"], required: true },
  { key: "year", names: ["SchoolYear"], required: true },
  { key: "window", names: ["ScreeningPeriodWindowName"], required: true },
  { key: "localDate", names: ["CompletedDateLocal"], required: false },
  { key: "utcDate", names: ["CompletedDate"], required: false },
  { key: "score", names: ["ScaledScore"], required: true },
  { key: "percentile", names: ["PercentileRank"], required: false },
];

function kindOf(header: readonly string[]): { assessment: string; subject: string } | null {
  if (hasColumn(header, "Lexile", "InstructionalReadingLevel", "EstimatedOralReadingFluency")) {
    return { assessment: "Star Reading", subject: "reading" };
  }
  if (header.some((h) => normalizeName(h).includes("quantile"))) {
    return { assessment: "Star Math", subject: "math" };
  }
  return null;
}

export const STAR: AssessmentFormat = {
  id: "star",
  label: LABEL,
  detect: (header) =>
    hasColumn(header, "RenaissanceClientID", "StudentRenaissanceID") && hasColumn(header, "ScaledScore"),
  bind(header) {
    const { cells, problems } = VendorCells.bind(header, RULES, LABEL);
    const dateKey = cells.has("localDate") ? "localDate" : "utcDate";
    if (!cells.has(dateKey)) {
      problems.push({
        column: 0,
        code: "missing-column",
        message: `a ${LABEL} file needs a "CompletedDateLocal" column (or CompletedDate)`,
      });
    }
    const kind = kindOf(header);
    if (kind === null) {
      problems.push({
        column: 0,
        code: "unknown-subject",
        message: `the ${LABEL} file has no Lexile or Quantile column that tells Star Reading from Star Math`,
      });
    }
    return {
      problems,
      studentColumn: cells.column("student"),
      carriesStudents: false,
      map(fields, count): MappedRow | RowError {
        cells.use(fields, count);
        const studentId = cells.text("student");
        if (studentId instanceof RowError) return studentId;
        const year = cells.value("year", parseSchoolYear);
        if (year instanceof RowError) return year;
        if (cells.raw("window") === "") {
          return cells.error("window", "no-window", "the test is outside every screening window");
        }
        const season = cells.value("window", parseSeason);
        if (season instanceof RowError) return season;
        const testDate = cells.value(dateKey, parseTimestampDateCell);
        if (testDate instanceof RowError) return testDate;
        const scaleScore = cells.value("score", (v) => parseDecimalCell(v));
        if (scaleScore instanceof RowError) return scaleScore;
        const percentile = cells.optional("percentile", (v) => parseIntegerCell(v, 1, 99));
        if (percentile instanceof RowError) return percentile;
        return {
          assessment: {
            studentId,
            assessment: kind?.assessment ?? LABEL,
            subject: kind?.subject ?? "",
            window: windowOf(season, year),
            testDate,
            scaleScore,
            performanceLevel: null,
            percentile,
            growthTarget: null,
            rapidGuessPercent: null,
          },
          student: null,
        };
      },
    };
  },
};
