/** The lines the PDF and DOCX writers of a request for proposals share. */
import type { RfpDocument, RfpTable } from "../../core/rfp/rfp-document.js";
import { longDate } from "../../core/rfp/rfp-format.js";

function dateText(date: string | null): string {
  return date === null ? "to be announced" : longDate(date);
}

/** `Issued May 1, 2024 · Proposals due June 14, 2024`. */
export function rfpDateLine(doc: RfpDocument): string {
  return `Issued ${dateText(doc.issuedOn)} · Proposals due ${dateText(doc.proposalsDueOn)}`;
}

/** `Request for proposals: TITLE · DISTRICT`, shortened with "..." until `fits`. */
export function rfpFooterLabel(doc: RfpDocument, fits: (text: string) => boolean = () => true): string {
  const full = `Request for proposals: ${doc.title} · ${doc.districtName}`;
  if (fits(full)) return full;
  let end = full.length;
  while (end > 0 && !fits(`${full.slice(0, end).trimEnd()}...`)) end--;
  return `${full.slice(0, end).trimEnd()}...`;
}

const FIGURE = /^-?\$?[\d,]+(\.\d+)?%?( [A-Z]{3})?$/;

/** Columns whose body cells are all amounts or percents (or "-"): written right-aligned. */
export function figureColumns(table: RfpTable): boolean[] {
  return table.columns.map(
    (_, i) => table.rows.length > 0 && table.rows.every((r) => FIGURE.test(r[i] ?? "") || r[i] === "-"),
  );
}
