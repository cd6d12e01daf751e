/**
 * Use case: "what would these terms pay". Settles draft obc-terms/1 terms, which may be
 * recorded nowhere yet, on the rows the store holds for one of the district's contracts
 * (its enrolled students and their tests, its sessions, its obligation statuses), as if
 * that contract had been written with these terms. Nothing is written: the statement is
 * computed by the same data set and core as a settlement run, and returned.
 *
 * A stored row that does not fit the draft terms (a status for an obligation the draft
 * does not have, or measures from the data) is left out of the preview and reported.
 */
import type { SqlRunner } from "../ports/db.js";
import type { IsoDate } from "../../core/date.js";
import type { JsonProblem, RowProblem } from "../../core/problem.js";
import { parseTerms } from "../../core/terms/parse-terms.js";
import type { Terms } from "../../core/terms/types.js";
import type { FittedWindow } from "../../core/demo/fitted-data.js";
import { settleContract } from "../../core/settlement/settle.js";
import type { Statement } from "../../core/settlement/statement.js";
import { loadStoredData } from "../load-stored-data.js";

export interface PreviewTermsRequest {
  readonly districtId: string;
  /** The obc-terms/1 document, as sent. */
  readonly terms: unknown;
  /** The contract whose stored rows stand in; null: the contract the terms name. */
  readonly dataFrom: string | null;
  /** Null: the period end of the terms. */
  readonly asOf: IsoDate | null;
}

export interface TermsPreview {
  readonly terms: Terms;
  /** The contract whose rows were used. */
  readonly dataFrom: string;
  readonly statement: Statement;
  /** Stored rows left out because they do not fit the draft terms. */
  readonly skipped: readonly RowProblem[];
  /** `demo`: settled on synthetic data fitted to the terms (preview-demo.ts), not the district's. */
  readonly source: "stored" | "demo";
  /** For demo data: how many students were generated and where each window's tests were dated. */
  readonly demo: { readonly students: number; readonly windows: readonly FittedWindow[] } | null;
}

export type PreviewTermsResult =
  | { readonly kind: "invalid-terms"; readonly problems: readonly JsonProblem[] }
  | { readonly kind: "unknown-data"; readonly contractId: string; readonly named: boolean }
  | { readonly kind: "previewed"; readonly preview: TermsPreview };

/** The draft terms, parsed, and written for the district the preview is for. */
export function parseDraft(
  districtId: string,
  document: unknown,
):
  | { readonly ok: true; readonly terms: Terms }
  | { readonly ok: false; readonly problems: readonly JsonProblem[] } {
  const parsed = parseTerms(document);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  if (parsed.terms.district.id !== districtId)
    return {
      ok: false,
      problems: [
        {
          path: "$.district.id",
          code: "other-district",
          message: `the preview settles on district ${districtId}'s data; these terms are district ${parsed.terms.district.id}'s`,
        },
      ],
    };
  return { ok: true, terms: parsed.terms };
}

export async function previewTerms(tx: SqlRunner, request: PreviewTermsRequest): Promise<PreviewTermsResult> {
  const parsed = parseDraft(request.districtId, request.terms);
  if (!parsed.ok) return { kind: "invalid-terms", problems: parsed.problems };
  const draft = parsed.terms;
  const dataFrom = request.dataFrom ?? draft.contractId;
  const [found] = await tx.query(
    "SELECT 1 AS found FROM contracts WHERE district_id = $1 AND contract_id = $2",
    [request.districtId, dataFrom],
  );
  if (found === undefined)
    return { kind: "unknown-data", contractId: dataFrom, named: request.dataFrom !== null };
  // The stored rows carry the source contract's id: the draft is settled under that id.
  const terms: Terms = { ...draft, contractId: dataFrom };
  const asOf = request.asOf ?? terms.period.end;
  const { data, problems } = await loadStoredData(tx, request.districtId, [terms], () => asOf);
  const statement = settleContract(terms, data, asOf);
  return {
    kind: "previewed",
    preview: {
      terms: draft,
      dataFrom,
      statement: { ...statement, contractId: draft.contractId },
      skipped: problems,
      source: "stored",
      demo: null,
    },
  };
}
