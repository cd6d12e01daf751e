/** Ports of the offline settlement: where terms documents and data files come from. */
import type { Terms } from "../../core/terms/types.js";
import type { JsonProblem } from "../../core/problem.js";
import type { DataSet } from "../../core/data/data-set.js";

export interface TermsSource {
  readonly path: string;
  /** The file's text as read (without a byte order mark), kept as received when terms are recorded. */
  readonly text: string;
  /** The parsed JSON, or a problem where the file is not JSON at all. */
  readonly document: unknown;
  readonly syntaxError: JsonProblem | null;
}

export interface DataReading<Report> {
  readonly data: DataSet;
  readonly report: Report & { readonly rejected: number };
}

export interface SettleOfflinePorts<Report> {
  readTerms(path: string): Promise<TermsSource[]>;
  readData(dir: string, contracts: readonly Terms[]): Promise<DataReading<Report>>;
}
