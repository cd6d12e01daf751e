/**
 * The data quality report's facts from data held in memory, the same facts a store
 * computes in SQL (src/app/evidence/read-quality-facts.ts) after importing the same
 * files: a contract's session rows summed per student (rows dated outside the contract
 * period among them) and which of those students the roster knows. With `qualityInput`
 * the report reads the same input either way.
 *
 * Within one sessions file a repeated session id replaces the earlier row as the file is
 * read, as an import replaces it, so the rows of one file repeat no id: a store finds
 * repeated ids (`duplicate-session-id`) only between imports.
 */
import type { DataSet, Enrolled } from "../data/data-set.js";
import type { Terms } from "../terms/types.js";
import type { DataQualityInput, ImportFact, QualityFacts } from "./data-quality-types.js";

/** The facts of `terms`' contract in a data set read from files; `imports` are the files read. */
export function dataSetQualityFacts(
  data: DataSet,
  terms: Terms,
  imports: readonly ImportFact[],
): QualityFacts {
  const counts = data.sessionRowCounts(terms.contractId, terms.period.start, terms.period.end);
  return {
    sessions: counts.map((c) => ({
      studentId: c.studentId,
      sessions: c.sessions,
      outsidePeriod: c.outsidePeriod,
      repeatedIds: 0,
    })),
    knownSessionStudents: new Set(counts.filter((c) => c.known).map((c) => c.studentId)),
    imports,
  };
}

/** The report's input: the enrolled students and their rows as loaded for settlement, and the facts. */
export function qualityInput(
  enrolled: readonly Enrolled[],
  facts: QualityFacts,
): Omit<DataQualityInput, "terms" | "asOf" | "today"> {
  return {
    students: enrolled.map((e) => e.student),
    otherKnownStudentIds: facts.knownSessionStudents,
    enrollments: enrolled.map((e) => e.enrollment),
    assessments: enrolled.flatMap((e) => e.tests),
    sessions: facts.sessions,
    imports: facts.imports,
  };
}
