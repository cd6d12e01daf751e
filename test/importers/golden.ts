import type { AssessmentRecord } from "../../src/core/data/records.js";
import type { AssessmentConversion } from "../../src/adapters/importers/convert-assessments.js";
import { convertAssessmentFile } from "../../src/adapters/importers/convert-assessments.js";

export const fixture = (name: string): string => `test/fixtures/importers/${name}`;

export async function convert(name: string): Promise<AssessmentConversion> {
  return convertAssessmentFile(fixture(name));
}

/** Rejects as [line, column, code], the golden form. */
export const rejects = (r: AssessmentConversion): [number, number, string][] =>
  r.problems.map((p) => [p.line, p.column, p.code]);

type Row = Omit<AssessmentRecord, "testDate"> & { testDate: string };

/** A canonical row with the optional fields empty unless given. */
export const row = (
  fields: Pick<Row, "studentId" | "assessment" | "subject" | "window" | "testDate" | "scaleScore"> &
    Partial<Row>,
): Row => ({
  performanceLevel: null,
  percentile: null,
  growthTarget: null,
  rapidGuessPercent: null,
  ...fields,
});
