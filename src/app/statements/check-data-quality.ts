/**
 * The data quality check run before a statement is issued (`dataQualityReport` on the rows
 * the settlement used and the district's import batches), reduced to what the statement
 * keeps: the verdict, its reasons, and each finding's code, severity, counts and message.
 * Example student ids stay out: the statement is read by both parties, and the full report
 * (with examples) is the evidence report's. Offline (`accord settle --terms --data`) the
 * same report runs on the data set read from the files (`checkDataSetQuality`).
 */
import type { SqlRunner } from "../ports/db.js";
import type { IsoDate } from "../../core/date.js";
import type { DataSet, Enrolled } from "../../core/data/data-set.js";
import type { Terms } from "../../core/terms/types.js";
import { dataQualityReport } from "../../core/evidence/data-quality.js";
import type { DataQualityReport, ImportFact, Severity } from "../../core/evidence/data-quality-types.js";
import { dataSetQualityFacts, qualityInput } from "../../core/evidence/data-quality-facts.js";
import { readQualityFacts } from "../evidence/read-quality-facts.js";

export interface StatementDataQuality {
  readonly provisional: boolean;
  readonly reasons: readonly string[];
  readonly findings: readonly {
    readonly code: string;
    readonly severity: Severity;
    readonly count: number;
    readonly students: number;
    readonly subject: string | null;
    readonly message: string;
  }[];
}

export async function checkDataQuality(
  tx: SqlRunner,
  districtId: string,
  settled: { readonly terms: Terms; readonly enrolled: readonly Enrolled[] },
  asOf: IsoDate,
  today: IsoDate,
): Promise<StatementDataQuality> {
  const facts = await readQualityFacts(tx, districtId, settled.terms);
  const report = dataQualityReport({
    ...qualityInput(settled.enrolled, facts),
    terms: settled.terms,
    asOf,
    today,
  });
  return statementQuality(report);
}

/**
 * The same check on a data set read from files for `terms`: the files read stand for
 * the imports (`imports`, each with the time its file was last written).
 */
export function checkDataSetQuality(
  data: DataSet,
  terms: Terms,
  imports: readonly ImportFact[],
  asOf: IsoDate,
  today: IsoDate,
): StatementDataQuality {
  const facts = dataSetQualityFacts(data, terms, imports);
  const report = dataQualityReport({
    ...qualityInput(data.enrolledIn(terms.contractId), facts),
    terms,
    asOf,
    today,
  });
  return statementQuality(report);
}

function statementQuality(report: DataQualityReport): StatementDataQuality {
  return {
    provisional: report.provisional,
    reasons: report.reasons,
    findings: report.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      count: f.count,
      students: f.students,
      subject: f.subject,
      message: f.message,
    })),
  };
}
