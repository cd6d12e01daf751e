/**
 * The request for proposals drafted from draft contract terms (`accord-rfp/1`).
 *
 * `draftRfpDocument` writes the sections a procurement office publishes, in plain
 * language, from the terms: every amount is the terms' exact cents (grouped, two
 * decimals), every percent an exact ratio shown with at most four decimals (two for
 * shares of the maximum value), rounded half away from zero for display only. The draft
 * is an ordinary document: people edit it, `parseRfpDocument` checks it again, and the
 * PDF and DOCX writers (src/adapters/documents) print whatever it says.
 */
import type { Terms } from "../terms/types.js";
import { RFP_FORMAT, type EvaluationCriterion, type RfpDocument } from "./rfp-types.js";
import { backgroundSection, outcomesSection, populationSection, serviceSection } from "./rfp-sections.js";
import { paymentSection } from "./rfp-payment-section.js";
import { dataSection, obligationsSection } from "./rfp-duties.js";
import { EVALUATION_KEY, evaluationSection, proposalSection, timelineSection } from "./rfp-proposal.js";

export type { EvaluationCriterion, RfpDocument, RfpSection, RfpTable } from "./rfp-types.js";
export { RFP_FORMAT } from "./rfp-types.js";
export { RFP_LIMITS, parseRfpDocument, type ParseRfpResult } from "./rfp-parse.js";

/** Price is one criterion among several; the weights add up to 100. */
export const DEFAULT_CRITERIA: readonly EvaluationCriterion[] = [
  {
    key: "evidence",
    name: "Evidence of effectiveness",
    weight: 30,
    description: "Results of the same service with similar students, their measures, size and comparison.",
  },
  {
    key: "approach",
    name: "Approach and capacity",
    weight: 25,
    description: "The plan to reach the planned students at the required dosage, staffing and schedule.",
  },
  {
    key: "price",
    name: "Rate card and price",
    weight: 25,
    description:
      "The base and outcome rates and the total at the planned enrollment, within the maximum value.",
  },
  {
    key: "data-privacy",
    name: "Data and privacy",
    weight: 10,
    description: "Meeting the data deliveries on time and the FERPA and privacy requirements.",
  },
  {
    key: "references",
    name: "References",
    weight: 10,
    description: "Districts served before and what their contacts report.",
  },
];

export interface DraftRfpInput {
  readonly terms: Terms;
  readonly title: string;
  readonly districtName: string;
  /** `YYYY-MM-DD` or null. */
  readonly issuedOn: string | null;
  /** `YYYY-MM-DD` or null. */
  readonly proposalsDueOn: string | null;
  /** Default `DEFAULT_CRITERIA`. Not checked here: `parseRfpDocument` checks the weights. */
  readonly criteria?: readonly EvaluationCriterion[];
}

/** The sections, in order: background, population, service, outcomes, payment, obligations, data, proposal, evaluation, timeline. */
export function draftRfpDocument(input: DraftRfpInput): RfpDocument {
  const { terms } = input;
  const criteria = input.criteria ?? DEFAULT_CRITERIA;
  return oneLineTexts({
    format: RFP_FORMAT,
    title: input.title,
    districtName: input.districtName,
    issuedOn: input.issuedOn,
    proposalsDueOn: input.proposalsDueOn,
    sections: [
      backgroundSection(terms, input),
      populationSection(terms),
      serviceSection(terms),
      outcomesSection(terms),
      paymentSection(terms),
      obligationsSection(terms),
      dataSection(terms),
      proposalSection(terms, input.proposalsDueOn),
      evaluationSection(criteria),
      timelineSection(terms, input.issuedOn, input.proposalsDueOn),
    ],
    criteria,
  });
}

// eslint-disable-next-line no-control-regex
const CONTROL_RUN = /[\u0000-\u001f\u007f]+/g;

/**
 * Terms texts (titles, labels, obligation descriptions) may hold line breaks or tabs; a
 * paragraph or cell is one run of text, so each run of control characters becomes one
 * space and the draft passes `parseRfpDocument`.
 */
function oneLineTexts(doc: RfpDocument): RfpDocument {
  const clean = (text: string): string => text.replace(CONTROL_RUN, " ");
  return {
    ...doc,
    title: clean(doc.title),
    districtName: clean(doc.districtName),
    sections: doc.sections.map((s) => ({
      ...s,
      heading: clean(s.heading),
      paragraphs: s.paragraphs.map(clean),
      ...(s.table === undefined
        ? {}
        : { table: { columns: s.table.columns.map(clean), rows: s.table.rows.map((r) => r.map(clean)) } }),
    })),
  };
}

/**
 * The document with other criteria, its evaluation section's table rewritten to show
 * them (a document whose evaluation table differs from its criteria does not parse).
 */
export function withCriteria(doc: RfpDocument, criteria: readonly EvaluationCriterion[]): RfpDocument {
  const table = evaluationSection(criteria).table;
  return {
    ...doc,
    criteria,
    sections: doc.sections.map((s) =>
      s.key === EVALUATION_KEY && s.table !== undefined && table !== undefined ? { ...s, table } : s,
    ),
  };
}
