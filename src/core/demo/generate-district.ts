/**
 * A deterministic synthetic school district: students, contracts and a year of data in
 * the canonical files (shared/spec/data-v1.md) plus one obc-terms/1 document per
 * contract. Used by `accord demo` and by the state-scale benchmark.
 *
 * Planning is eager and small (typed arrays: a few bytes per student and enrollment);
 * rows are streamed by generators, so 3,000,000 session rows never sit in memory. Every
 * generator call starts over and yields the same rows: same options, same bytes.
 *
 * Sizes scale linearly with `students`, whatever the number of contracts: enrollments
 * total about `students * enrollmentsPerStudent` (split among the contracts by size, each
 * taking at most 60% of its eligible students), session rows about `enrollments *
 * sessionsPerStudent`, assessment rows about 4.0 per student. With the defaults,
 * 100,000 students and 200 contracts give about 100,000 enrollments (500 a contract),
 * 3,000,000 session rows and 400,000 assessment rows (seed 1: 99,990, 2,999,964 and
 * 401,073); 10,000 students and the same 200 contracts give a tenth of each (50
 * students a contract).
 */
import { obligationRows, paymentRows } from "./admin-rows.js";
import { assessmentRows } from "./assessments.js";
import { ARCHETYPES, type Archetype, makeContracts } from "./contracts.js";
import { enrollmentRows, planEnrollments } from "./enrollments.js";
import { slug } from "./format.js";
import { makePopulation, studentRows } from "./population.js";
import { Prng, type Seed } from "./prng.js";
import type {
  AssessmentRow,
  EnrollmentRow,
  ObligationRow,
  PaymentRow,
  SessionRow,
  StudentRow,
} from "./rows.js";
import { sessionRows } from "./sessions.js";
import { buildTerms } from "./terms.js";
import type { TermsDocument } from "./terms-json.js";

export interface GenerateDistrictOptions {
  /** Number of students, >= 1. */
  readonly students: number;
  /** Any number or text; `1` and `"1"` are the same seed. */
  readonly seed: Seed;
  /** Number of contracts, 1..9999; default 3 (the demo). */
  readonly contracts?: number;
  /** Mean session rows per enrollment (no-shows included); default 30. */
  readonly sessionsPerStudent?: number;
  /** Enrollments per student over all contracts, before eligibility caps; default 1. */
  readonly enrollmentsPerStudent?: number;
  /** `named` (`demo-2024-math-tutoring`, at most 8 contracts) or `numbered` (`c001`); default named up to 8. */
  readonly contractIds?: "named" | "numbered";
}

export interface ContractSummary {
  readonly contractId: string;
  readonly archetype: Archetype;
  readonly title: string;
  readonly vendor: string;
  readonly enrolled: number;
  readonly sessions: number;
}

export interface DistrictDescription {
  readonly seed: string;
  readonly district: { readonly id: string; readonly name: string };
  readonly schools: readonly {
    readonly id: string;
    readonly name: string;
    readonly winterTesting: boolean;
  }[];
  readonly contracts: readonly ContractSummary[];
  /** Exact row counts known from the plan; assessment rows are only counted by streaming them. */
  readonly counts: { readonly students: number; readonly enrollments: number; readonly sessions: number };
}

export interface GeneratedDistrict {
  readonly description: DistrictDescription;
  students(): Generator<StudentRow>;
  enrollments(): Generator<EnrollmentRow>;
  assessments(): Generator<AssessmentRow>;
  sessions(): Generator<SessionRow>;
  obligations(): Generator<ObligationRow>;
  payments(): Generator<PaymentRow>;
  /** One obc-terms/1 document per contract, freshly built on each call. */
  terms(): TermsDocument[];
}

const DISTRICT_NAMES = [
  "Riverbend Unified School District",
  "Cedar Valley Public Schools",
  "North Prairie School District",
  "Lakeshore County Schools",
  "Granite Falls Independent School District",
  "Mesa Verde Unified School District",
];

function positiveInteger(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`${name} must be an integer from 1 to ${max}, got ${value}`);
  }
  return value;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}

export function generateDistrict(options: GenerateDistrictOptions): GeneratedDistrict {
  const students = positiveInteger("students", options.students, 10_000_000);
  const contractCount = positiveInteger("contracts", options.contracts ?? 3, 9999);
  const sessionsPerStudent = positive("sessionsPerStudent", options.sessionsPerStudent ?? 30);
  const enrollmentsPerStudent = positive("enrollmentsPerStudent", options.enrollmentsPerStudent ?? 1);
  const idStyle = options.contractIds ?? (contractCount <= ARCHETYPES.length ? "named" : "numbered");
  if (idStyle === "named" && contractCount > ARCHETYPES.length) {
    throw new RangeError(`named contract ids exist for at most ${ARCHETYPES.length} contracts`);
  }
  const seed = new Prng(options.seed);
  const districtName = seed.derive("district").pick(DISTRICT_NAMES);
  const district = { id: slug(districtName), name: districtName };
  const pop = makePopulation(students, seed.derive("population"));
  const specs = makeContracts(contractCount, idStyle, pop, seed.derive("contracts"));
  const plan = planEnrollments(pop, specs, { sessionsPerStudent, enrollmentsPerStudent }, seed);
  const terms = (): TermsDocument[] =>
    specs.map((spec, c) => buildTerms(spec, plan.rosters[c]?.students.length ?? 0, district, pop, seed));
  const description: DistrictDescription = {
    seed: seed.seedText,
    district,
    schools: pop.schools.map((s) => ({ id: s.id, name: s.name, winterTesting: s.winterTesting })),
    contracts: specs.map((spec, c) => ({
      contractId: spec.contractId,
      archetype: spec.archetype,
      title: spec.title,
      vendor: spec.vendor.name,
      enrolled: plan.rosters[c]?.students.length ?? 0,
      sessions: plan.rosters[c]?.sessions.reduce((sum, n) => sum + n, 0) ?? 0,
    })),
    counts: { students, enrollments: plan.enrollments, sessions: plan.sessions },
  };
  return {
    description,
    students: () => studentRows(pop),
    enrollments: () => enrollmentRows(specs, plan, pop),
    assessments: () => assessmentRows(pop, plan, seed),
    sessions: () => sessionRows(specs, plan, pop, seed),
    obligations: () => obligationRows(terms(), seed),
    payments: () => paymentRows(terms(), seed),
    terms,
  };
}
