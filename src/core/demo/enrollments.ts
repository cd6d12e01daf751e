/**
 * The enrollment plan: which students each contract enrolls, when, and how many session
 * rows each enrollment will have. Planned up front (typed arrays, a few bytes per
 * enrollment) because the assessment rows need each student's dosage to plant the
 * tutoring effect, while the session rows themselves are only made when streamed.
 */
import type { ContractSpec } from "./contracts.js";
import { DayFormatter, day, weekday } from "./format.js";
import type { Population } from "./population.js";
import type { Prng } from "./prng.js";
import type { EnrollmentRow } from "./rows.js";

export const PERIOD_START = "2024-09-03";
export const PERIOD_END = "2025-05-23";

export interface Roster {
  readonly students: Int32Array;
  /** Day numbers; `exitedOn` is -1 for a student who stayed. */
  readonly enrolledOn: Int32Array;
  readonly exitedOn: Int32Array;
  /** Session rows planned per enrollment, no-shows included. */
  readonly sessions: Int32Array;
  /** Probability that a planned session is a no-show. */
  readonly noShow: Float32Array;
  readonly tutorBase: number;
  readonly tutorCount: number;
}

export interface EnrollmentPlan {
  readonly rosters: readonly Roster[];
  /** Expected attended sessions per student, per subject [math, reading], over all contracts. */
  readonly dosage: readonly [Float32Array, Float32Array];
  readonly enrollments: number;
  readonly sessions: number;
  readonly tutors: number;
}

function eligible(spec: ContractSpec, pop: Population, i: number, scoreSlack: number): boolean {
  if (!spec.grades.includes(pop.grade[i] ?? -1)) return false;
  if (spec.schools !== null && !spec.schools.includes(pop.school[i] ?? -1)) return false;
  if (spec.baselineMaxScore === null) return true;
  return (pop.trueFall[spec.subject][i] ?? 0) <= spec.baselineMaxScore + scoreSlack;
}

function nextWeekday(days: number): number {
  const w = weekday(days);
  return w === 6 ? days + 2 : w === 0 ? days + 1 : days;
}

/**
 * The students a contract enrolls: `count` drawn from its eligible pool (a little slack
 * over a score cut, since the observed fall score is noisy and a few enrolled students
 * turn out ineligible, as in real rosters), about 2% of them strays the terms do not
 * cover at all (wrong grade or school), in random order.
 */
function chooseStudents(spec: ContractSpec, pop: Population, target: number, r: Prng): number[] {
  const pool: number[] = [];
  for (let i = 0; i < pop.count; i++) if (eligible(spec, pop, i, 1)) pool.push(i);
  const count = Math.min(Math.floor(target + r.uniform()), Math.floor(pool.length * 0.6));
  const strays = Math.floor(count * 0.02 + r.uniform());
  for (let k = 0; k < count - strays; k++) {
    const j = r.int(k, pool.length - 1);
    const t = pool[k] ?? 0;
    pool[k] = pool[j] ?? 0;
    pool[j] = t;
  }
  const chosen = pool.slice(0, Math.max(0, count - strays));
  const taken = new Set(chosen);
  for (let k = 0; k < strays * 20 && chosen.length < count; k++) {
    const i = r.int(0, pop.count - 1);
    if (!taken.has(i) && !eligible(spec, pop, i, 0)) chosen.splice(r.int(0, chosen.length), 0, i);
    taken.add(i);
  }
  return chosen;
}

type DraftRoster = Omit<Roster, "sessions" | "tutorBase"> & { readonly rawSessions: Float64Array };

/** Dates, no-show rates and unscaled session counts for each chosen student. */
function draftRoster(
  spec: ContractSpec,
  chosen: readonly number[],
  sessionsPerStudent: number,
  r: Prng,
): DraftRoster {
  const n = chosen.length;
  const start = day(PERIOD_START);
  const end = day(PERIOD_END);
  const lastExit = day("2025-04-30");
  const roster = {
    students: Int32Array.from(chosen),
    enrolledOn: new Int32Array(n),
    exitedOn: new Int32Array(n).fill(-1),
    noShow: new Float32Array(n),
    tutorCount: spec.service === "edtech" ? 0 : Math.max(2, Math.ceil(n / 12)),
    rawSessions: new Float64Array(n),
  };
  const mean = sessionsPerStudent * spec.intensity;
  for (let k = 0; k < n; k++) {
    const enrolled = nextWeekday(start + r.int(0, 42));
    roster.enrolledOn[k] = enrolled;
    const exits = r.bernoulli(0.07);
    if (exits) roster.exitedOn[k] = nextWeekday(r.int(enrolled + 21, lastExit));
    roster.noShow[k] = [0.04, 0.1, 0.26][r.weightedIndex([60, 30, 10])] ?? 0.08;
    // One student in ten barely shows up: a few sessions, whatever the contract's dosage.
    const planned = r.bernoulli(0.1) ? r.int(1, 5) : Math.max(1, r.normal(mean * 1.1, mean * 0.3));
    const stop = exits ? (roster.exitedOn[k] ?? end) : end;
    roster.rawSessions[k] = (planned * (stop - enrolled + 1)) / (end - enrolled + 1);
  }
  return roster;
}

/**
 * Enrollments total about `students * enrollmentsPerStudent`, split by contract size,
 * each contract taking at most 60% of its eligible students (which binds only in small
 * districts). Session rows total about `enrollments * sessionsPerStudent`: the raw draws
 * are rescaled at the end so the total does not drift with the mix of archetypes.
 */
export function planEnrollments(
  pop: Population,
  specs: readonly ContractSpec[],
  options: { enrollmentsPerStudent: number; sessionsPerStudent: number },
  rng: Prng,
): EnrollmentPlan {
  const totalWeight = specs.reduce((sum, s) => sum + s.sizeWeight, 0);
  const drafts = specs.map((spec) => {
    const r = rng.derive(`enroll:${spec.contractId}`);
    const target = (pop.count * options.enrollmentsPerStudent * spec.sizeWeight) / totalWeight;
    return draftRoster(spec, chooseStudents(spec, pop, target, r), options.sessionsPerStudent, r);
  });
  const enrollments = drafts.reduce((sum, d) => sum + d.students.length, 0);
  const rawTotal = drafts.reduce((sum, d) => sum + d.rawSessions.reduce((a, b) => a + b, 0), 0);
  const scale = rawTotal > 0 ? (enrollments * options.sessionsPerStudent) / rawTotal : 0;
  const dosage: [Float32Array, Float32Array] = [new Float32Array(pop.count), new Float32Array(pop.count)];
  const rosters: Roster[] = [];
  let sessions = 0;
  let tutors = 0;
  const r = rng.derive("enroll:scale");
  drafts.forEach(({ rawSessions, ...d }, c) => {
    const counts = new Int32Array(d.students.length);
    const subject = specs[c]?.subject ?? 0;
    for (let k = 0; k < counts.length; k++) {
      // Stochastic rounding keeps the expected total exact.
      counts[k] = Math.max(1, Math.floor((rawSessions[k] ?? 0) * scale + r.uniform()));
      sessions += counts[k] ?? 0;
      const s = d.students[k] ?? 0;
      dosage[subject][s] = (dosage[subject][s] ?? 0) + (counts[k] ?? 0) * (1 - (d.noShow[k] ?? 0));
    }
    rosters.push({ ...d, sessions: counts, tutorBase: tutors });
    tutors += d.tutorCount;
  });
  return { rosters, dosage, enrollments, sessions, tutors };
}

export function* enrollmentRows(
  specs: readonly ContractSpec[],
  plan: EnrollmentPlan,
  pop: Population,
): Generator<EnrollmentRow> {
  const dates = new DayFormatter("2024-08-01", "2025-08-31");
  for (let c = 0; c < specs.length; c++) {
    const roster = plan.rosters[c];
    const contractId = specs[c]?.contractId ?? "";
    if (roster === undefined) continue;
    for (let k = 0; k < roster.students.length; k++) {
      const exited = roster.exitedOn[k] ?? -1;
      const row: EnrollmentRow = {
        contract_id: contractId,
        student_id: pop.ids[roster.students[k] ?? 0] ?? "",
        enrolled_on: dates.format(roster.enrolledOn[k] ?? 0),
        exited_on: exited < 0 ? "" : dates.format(exited),
      };
      yield row;
    }
  }
}
