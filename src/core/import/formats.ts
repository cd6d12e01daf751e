/**
 * The vendor assessment formats Accord reads, and detection of a file's format from its
 * header row.
 */
import type { AssessmentFormat, AssessmentFormatId } from "./assessment-format.js";
import { IREADY_DIAGNOSTIC } from "./iready-diagnostic.js";
import { NWEA_MAP } from "./nwea-map.js";
import { STAR } from "./star.js";

export type { AssessmentFormat, AssessmentFormatId, BoundFormat, MappedRow } from "./assessment-format.js";

export const ASSESSMENT_FORMATS: readonly AssessmentFormat[] = [NWEA_MAP, IREADY_DIAGNOSTIC, STAR];

/** The one format whose `detect` accepts the header, or null when none or several do. */
export function detectAssessmentFormat(header: readonly string[]): AssessmentFormat | null {
  const matches = ASSESSMENT_FORMATS.filter((f) => f.detect(header));
  return matches.length === 1 ? (matches[0] ?? null) : null;
}

export function assessmentFormat(id: AssessmentFormatId): AssessmentFormat {
  const format = ASSESSMENT_FORMATS.find((f) => f.id === id);
  if (format === undefined) throw new Error(`unknown assessment format ${id}`);
  return format;
}
