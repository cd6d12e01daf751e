/**
 * Use case: settle one or many contracts from terms files and a folder of canonical
 * data files, in one pass over the data. Refuses to compute on data with rejected rows
 * unless `allowRejects` (then the rejects travel with the statements).
 */
import type { Terms } from "../core/terms/types.js";
import type { JsonProblem } from "../core/problem.js";
import type { IsoDate } from "../core/date.js";
import { parseTerms } from "../core/terms/parse-terms.js";
import { settleContract } from "../core/settlement/settle.js";
import type { SettleOfflinePorts } from "./ports/offline.js";
import type { Statement } from "../core/settlement/statement.js";
import type { DataSet } from "../core/data/data-set.js";

export type SettleOfflineResult<Report> =
  | {
      readonly kind: "invalid-terms";
      readonly problems: readonly { path: string; problems: readonly JsonProblem[] }[];
    }
  | { readonly kind: "rejected-rows"; readonly report: Report & { readonly rejected: number } }
  | {
      readonly kind: "settled";
      /** The statements, each with the terms it settled, in the order of the terms files. */
      readonly settled: readonly { readonly terms: Terms; readonly statement: Statement }[];
      readonly report: Report & { readonly rejected: number };
      /** The rows read, for the data quality check (`checkDataSetQuality`). */
      readonly data: DataSet;
    };

export async function settleOffline<Report>(
  ports: SettleOfflinePorts<Report>,
  request: { termsPath: string; dataDir: string; asOf: IsoDate | null; allowRejects: boolean },
): Promise<SettleOfflineResult<Report>> {
  const sources = await ports.readTerms(request.termsPath);
  const invalid: { path: string; problems: JsonProblem[] }[] = [];
  const contracts: Terms[] = [];
  const seen = new Map<string, string>();
  for (const source of sources) {
    if (source.syntaxError !== null) {
      invalid.push({ path: source.path, problems: [source.syntaxError] });
      continue;
    }
    const parsed = parseTerms(source.document);
    if (!parsed.ok) {
      invalid.push({ path: source.path, problems: parsed.problems });
      continue;
    }
    const other = seen.get(parsed.terms.contractId);
    if (other !== undefined) {
      invalid.push({
        path: source.path,
        problems: [
          {
            path: "$.contractId",
            code: "duplicate-contract",
            message: `contract ${parsed.terms.contractId} is also defined in ${other}`,
          },
        ],
      });
      continue;
    }
    seen.set(parsed.terms.contractId, source.path);
    contracts.push(parsed.terms);
  }
  if (invalid.length > 0) return { kind: "invalid-terms", problems: invalid };

  const { data, report } = await ports.readData(request.dataDir, contracts);
  if (report.rejected > 0 && !request.allowRejects) return { kind: "rejected-rows", report };
  const settled = contracts.map((terms) => ({
    terms,
    statement: settleContract(terms, data, request.asOf ?? terms.period.end),
  }));
  return { kind: "settled", settled, report, data };
}
