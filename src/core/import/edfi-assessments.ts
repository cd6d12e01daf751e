/**
 * Ed-Fi `StudentAssessment` (e.g. an NWEA MAP Growth result) to a canonical
 * `AssessmentRecord`.
 *
 * - assessment, subject: from the caller's table keyed by
 *   `assessmentReference.assessmentIdentifier` (e.g. `MAP_Growth_Mathematics` ->
 *   `MAP Growth` / `math`); an identifier not in it is rejected, not guessed.
 * - window <- `period.assessmentPeriodDescriptor` (Fall, Winter, Spring) and
 *   `schoolYearTypeReference.schoolYear` (the year the school year ends): Fall of
 *   school year 2027 is `2026-fall`, Winter and Spring are `2027-winter`, `2027-spring`.
 * - test_date <- `administrationDate`, its date as written (no time-zone shift).
 * - scale_score <- the score result whose reporting method is `RIT scale score` or
 *   `Scale score`; percentile <- `Percentile` (whole number 1..99). Other results
 *   (standard error, growth index) and performance levels are not mapped; results are
 *   strings in Ed-Fi and are validated as data-v1 decimals.
 */
import type { AssessmentRecord } from "../data/records.js";
import { CellError, parseDateTimeCell, parseDecimalCell, parseIntegerCell, show } from "../data/cells.js";
import { EdfiError, EdfiReader } from "./edfi-json.js";

export type EdfiAssessmentNames = ReadonlyMap<
  string,
  { readonly assessment: string; readonly subject: string }
>;

/**
 * The identifiers named without configuration: those of the Ed Analytics MAP Growth
 * mapping (shared/reference/standards.md §2.5), `MAP_Growth_{Mathematics|Reading|Science}`
 * and the `MAP_Screening_*` screeners, named as the NWEA CSV mapping names them.
 */
export const EDFI_ASSESSMENT_NAMES: EdfiAssessmentNames = new Map(
  (["Growth", "Screening"] as const).flatMap((test) =>
    (
      [
        ["Mathematics", "math"],
        ["Reading", "reading"],
        ["Science", "science"],
      ] as const
    ).map(([subject, id]) => [`MAP_${test}_${subject}`, { assessment: `MAP ${test}`, subject: id }]),
  ),
);

const SEASONS: ReadonlyMap<string, { season: string; yearOffset: number }> = new Map([
  ["Fall", { season: "fall", yearOffset: -1 }],
  ["Winter", { season: "winter", yearOffset: 0 }],
  ["Spring", { season: "spring", yearOffset: 0 }],
]);
const SCALE_SCORE = new Set(["RIT scale score", "Scale score"]);

export function mapEdfiStudentAssessment(
  value: unknown,
  names: EdfiAssessmentNames,
): AssessmentRecord | EdfiError {
  const r = new EdfiReader(value);
  const studentId = r.text("$.studentReference.studentUniqueId", true);
  if (studentId instanceof EdfiError) return studentId;
  const identifier = r.text("$.assessmentReference.assessmentIdentifier", true);
  if (identifier instanceof EdfiError) return identifier;
  const name = names.get(identifier);
  if (name === undefined) {
    return new EdfiError(
      "$.assessmentReference.assessmentIdentifier",
      "unknown-assessment",
      `assessment ${show(identifier)} has no name and subject configured`,
    );
  }
  const period = r.descriptor("$.period.assessmentPeriodDescriptor", true);
  if (period instanceof EdfiError) return period;
  const season = SEASONS.get(period);
  if (season === undefined) {
    return new EdfiError(
      "$.period.assessmentPeriodDescriptor",
      "bad-period",
      `period ${show(period)} is not Fall, Winter or Spring`,
    );
  }
  const year = r.value("$.schoolYearTypeReference.schoolYear");
  if (typeof year !== "number" || !Number.isInteger(year) || year < 1900 || year > 9999) {
    return new EdfiError(
      "$.schoolYearTypeReference.schoolYear",
      "required",
      "$.schoolYearTypeReference.schoolYear must be a year",
    );
  }
  const administered = r.text("$.administrationDate", true);
  if (administered instanceof EdfiError) return administered;
  const when = parseDateTimeCell(administered);
  if (when instanceof CellError) return new EdfiError("$.administrationDate", when.code, when.message);
  const results = r.array("$.scoreResults");
  if (results instanceof EdfiError) return results;
  let scaleScore: string | null = null;
  let percentile: number | null = null;
  for (let i = 0; i < results.length; i++) {
    const at = `$.scoreResults[${i}]`;
    const method = r.descriptor(`${at}.assessmentReportingMethodDescriptor`, true);
    if (method instanceof EdfiError) return method;
    if (!SCALE_SCORE.has(method) && method !== "Percentile") continue;
    const result = r.text(`${at}.result`, true);
    if (result instanceof EdfiError) return result;
    const parsed = method === "Percentile" ? parseIntegerCell(result, 1, 99) : parseDecimalCell(result);
    if (parsed instanceof CellError)
      return new EdfiError(`${at}.result`, parsed.code, `${method}: ${parsed.message}`);
    if ((method === "Percentile" ? percentile : scaleScore) !== null) {
      return new EdfiError(
        `${at}.assessmentReportingMethodDescriptor`,
        "duplicate-result",
        `${method} is reported twice`,
      );
    }
    if (typeof parsed === "number") percentile = parsed;
    else scaleScore = parsed;
  }
  if (scaleScore === null) {
    return new EdfiError(
      "$.scoreResults",
      "required",
      "$.scoreResults has no RIT scale score or Scale score result",
    );
  }
  return {
    studentId,
    assessment: name.assessment,
    subject: name.subject,
    window: `${year + season.yearOffset}-${season.season}`,
    testDate: when.date,
    scaleScore,
    performanceLevel: null,
    percentile,
    growthTarget: null,
    rapidGuessPercent: null,
  };
}
