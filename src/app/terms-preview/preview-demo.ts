/**
 * Use case: "what would these terms pay" on demo data, for a district with no data of
 * its own yet. The rows are synthetic, fitted to the draft terms (core/demo/fitted-data.ts):
 * nothing is read from the store and nothing is written. They are settled by the same
 * data set and core as a settlement run, so the answer has the stored preview's shape.
 */
import { DataSet } from "../../core/data/data-set.js";
import type { IsoDate } from "../../core/date.js";
import { generateFittedData } from "../../core/demo/fitted-data.js";
import { settleContract } from "../../core/settlement/settle.js";
import { parseDraft, type PreviewTermsResult } from "./preview-terms.js";

/** The seed of the demo data: the same terms always get the same rows. */
export const DEMO_PREVIEW_SEED = "accord-demo-preview";

export function previewTermsOnDemo(request: {
  readonly districtId: string;
  readonly terms: unknown;
  readonly asOf: IsoDate | null;
}): PreviewTermsResult {
  const parsed = parseDraft(request.districtId, request.terms);
  if (!parsed.ok) return { kind: "invalid-terms", problems: parsed.problems };
  const terms = parsed.terms;
  const fitted = generateFittedData(terms, DEMO_PREVIEW_SEED);
  const data = new DataSet([terms]);
  for (const s of fitted.students) data.addStudent(s);
  for (const e of fitted.enrollments) data.addEnrollment(e);
  for (const a of fitted.assessments) data.addAssessment(a);
  for (const s of fitted.sessions) data.addSession(s);
  const asOf = request.asOf ?? terms.period.end;
  return {
    kind: "previewed",
    preview: {
      terms,
      dataFrom: "demo",
      statement: settleContract(terms, data, asOf),
      skipped: [],
      source: "demo",
      demo: { students: fitted.students.length, windows: fitted.windows },
    },
  };
}
