/**
 * The request for proposals as a document, `accord-rfp/1`: a title block, sections of
 * plain paragraphs (each with at most one table) and the evaluation criteria with their
 * weights. Every value is text or an integer, so a drafted document can be edited, stored
 * as JSON, checked again (`parseRfpDocument`) and written as PDF or DOCX unchanged.
 */

export const RFP_FORMAT = "accord-rfp/1";

export interface RfpTable {
  readonly columns: readonly string[];
  /** Each row has exactly one cell per column. */
  readonly rows: readonly (readonly string[])[];
}

export interface RfpSection {
  /** Unique within the document, kebab-case (`payment`, `evaluation`). */
  readonly key: string;
  readonly heading: string;
  readonly paragraphs: readonly string[];
  /** Written after the paragraphs. */
  readonly table?: RfpTable;
}

export interface EvaluationCriterion {
  readonly key: string;
  readonly name: string;
  /** Integer percent; the weights of a document add up to 100. */
  readonly weight: number;
  readonly description: string;
}

export interface RfpDocument {
  readonly format: "accord-rfp/1";
  readonly title: string;
  readonly districtName: string;
  /** `YYYY-MM-DD`, or null while the date is not set. */
  readonly issuedOn: string | null;
  /** `YYYY-MM-DD`, on or after `issuedOn`, or null while the date is not set. */
  readonly proposalsDueOn: string | null;
  readonly sections: readonly RfpSection[];
  readonly criteria: readonly EvaluationCriterion[];
}
