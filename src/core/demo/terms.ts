/**
 * Builds one `obc-terms/1` document per contract from its spec and enrollment: the
 * common parts here, the money side in terms-per-student.ts and terms-pool.ts. The
 * planned number of students is drawn around the actual enrollment (85%-120% of it), so
 * some districts fall short of their enrollment obligation and some contracts are
 * under-served.
 */
import { ASSESSMENT } from "./assessments.js";
import type { Archetype, ContractSpec } from "./contracts.js";
import { PERIOD_END, PERIOD_START } from "./enrollments.js";
import { gradeLabel } from "./format.js";
import { SUBJECTS } from "./norms.js";
import type { Population } from "./population.js";
import type { Prng } from "./prng.js";
import { type ArchetypeInput, type ArchetypeTerms, usd } from "./terms-helpers.js";
import { PER_STUDENT_ARCHETYPES } from "./terms-per-student.js";
import { POOL_ARCHETYPES } from "./terms-pool.js";
import type { EligibilityJson, OrganizationJson, TermsDocument, WindowJson } from "./terms-json.js";

/** The money side of each archetype; the type makes sure none is missing. */
const ARCHETYPE_TERMS: Record<Archetype, (input: ArchetypeInput) => ArchetypeTerms> = {
  ...PER_STUDENT_ARCHETYPES,
  ...POOL_ARCHETYPES,
};

export function buildTerms(
  spec: ContractSpec,
  enrolled: number,
  district: OrganizationJson,
  pop: Population,
  seed: Prng,
): TermsDocument {
  const rng = seed.derive(`terms:${spec.contractId}`);
  const expected = Math.max(1, Math.floor(enrolled * rng.range(0.85, 1.2) + 0.5));
  const money = ARCHETYPE_TERMS[spec.archetype]({ spec, expected, rng });
  const subject = SUBJECTS[spec.subject];
  const window = (name: string): WindowJson => ({ assessment: ASSESSMENT, subject, window: name });
  const windows: Record<string, WindowJson> = { fall: window("2024-fall") };
  if (spec.archetype === "midyear-math") windows["winter"] = window("2025-winter");
  windows["spring"] = window("2025-spring");
  const eligibility: EligibilityJson = { grades: spec.grades.map(gradeLabel) };
  if (spec.schools !== null) eligibility.schools = spec.schools.map((s) => pop.schools[s]?.id ?? "");
  if (spec.baselineMaxScore !== null) {
    eligibility.baselineMaxScore = { window: "fall", score: String(spec.baselineMaxScore) };
  }
  return {
    format: "obc-terms/1",
    contractId: spec.contractId,
    title: spec.title,
    district: { ...district },
    vendor: { ...spec.vendor },
    service: spec.service,
    currency: "USD",
    period: { start: PERIOD_START, end: PERIOD_END },
    maxValue: usd(money.maxValueDollars),
    expectedStudents: expected,
    eligibility,
    // Optional keys are left out rather than set to undefined: the format rejects unknown
    // or null keys, and key order follows the spec for a reader.
    ...(money.threshold === undefined ? {} : { service_threshold: money.threshold }),
    windows,
    ...(money.maxRapidGuessPercent === undefined ? {} : { maxRapidGuessPercent: money.maxRapidGuessPercent }),
    base: money.base,
    outcomes: money.outcomes,
    ...(money.obligations === undefined ? {} : { obligations: money.obligations }),
  };
}
