/**
 * Who buys what: one `ContractSpec` per contract, before any student is enrolled. Eight
 * archetypes cycle so that every feature of obc-terms/1 appears in any eight consecutive
 * contracts (the money side is in terms-per-student.ts and terms-pool.ts); the first
 * three are the demo's.
 */
import { gradeSpan, pad, slug } from "./format.js";
import { SCORE_SD, type Subject, fallMean } from "./norms.js";
import type { Population } from "./population.js";
import type { Prng } from "./prng.js";

export const ARCHETYPES = [
  "math-tutoring",
  "reading-pool",
  "math-stages",
  "math-edtech",
  "school-pool",
  "midyear-math",
  "reading-support",
  "hs-algebra",
] as const;
export type Archetype = (typeof ARCHETYPES)[number];

export interface ContractSpec {
  readonly index: number;
  readonly contractId: string;
  readonly archetype: Archetype;
  readonly title: string;
  readonly vendor: { readonly id: string; readonly name: string };
  readonly service: "tutoring" | "edtech";
  readonly subject: Subject;
  /** Eligible grade indexes (0 = K), ascending. */
  readonly grades: readonly number[];
  /** Eligible school indexes, or null for every school. */
  readonly schools: readonly number[] | null;
  /** `baselineMaxScore` on the fall window of the contract's subject, or null. */
  readonly baselineMaxScore: number | null;
  /** Relative size of the contract among all contracts (enrollment share). */
  readonly sizeWeight: number;
  /** Relative sessions per student against the district mean. */
  readonly intensity: number;
  readonly nominalMinutes: number;
  /** Weights of group sizes 1..4. */
  readonly groupWeights: readonly number[];
}

// Fictional vendors. Generalists tutor both subjects; the specialists only their own.
// prettier-ignore
const MATH_TUTORS = [
  "Brightpath Tutoring", "Summit Learning Partners", "Northstar Math Coaches", "Keystone Tutors",
  "Cedar & Oak Learning", "Praxis Peer Tutoring", "Atlas Academic Services", "Harborlight Tutoring",
];
// prettier-ignore
const READING_TUTORS = [
  "Brightpath Tutoring", "Summit Learning Partners", "Lumen Literacy Group", "Quill Reading Lab",
  "Cedar & Oak Learning", "Kindling Education", "Tandem Learning Co.",
];
const EDTECH_VENDORS = ["BlueHeron Math", "Pathwise Learning", "Numberloom", "Sprout Adaptive"];

function span(lo: number, hi: number): number[] {
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

type Draft = Omit<ContractSpec, "index" | "contractId" | "archetype" | "vendor" | "sizeWeight">;

/** The shape of each archetype; the random choices vary grades, schools and delivery. */
function draft(archetype: Archetype, pop: Population, rng: Prng): Draft {
  const common = { schools: null, baselineMaxScore: null, service: "tutoring" as const };
  switch (archetype) {
    case "math-tutoring": {
      const lo = rng.int(3, 6);
      const g = span(lo, lo + 2);
      return {
        ...common,
        subject: 0,
        grades: g,
        title: `High-dosage math tutoring, ${gradeSpan(g)}`,
        intensity: 1.1,
        nominalMinutes: rng.pick([30, 45]),
        groupWeights: [5, 3, 2, 0],
      };
    }
    case "reading-pool": {
      const lo = rng.int(0, 2);
      const g = span(lo, lo + 3);
      return {
        ...common,
        subject: 1,
        grades: g,
        title: `Early literacy tutoring, ${gradeSpan(g)}`,
        intensity: 1,
        nominalMinutes: 30,
        groupWeights: [3, 4, 2, 1],
      };
    }
    case "math-stages": {
      const lo = rng.int(3, 7);
      const g = [lo, lo + 1];
      // One cut for both grades: the upper grade's 30th percentile, so the lower grade's
      // students below benchmark qualify too.
      const cut = Math.floor(fallMean(0, lo + 1) - 0.5 * SCORE_SD);
      return {
        ...common,
        subject: 0,
        grades: g,
        baselineMaxScore: cut,
        title: `Math tutoring below benchmark, ${gradeSpan(g)}, paid by progress stages`,
        intensity: 1,
        nominalMinutes: 45,
        groupWeights: [6, 3, 1, 0],
      };
    }
    case "math-edtech": {
      const g = span(rng.int(3, 4), 8);
      return {
        ...common,
        service: "edtech",
        subject: 0,
        grades: g,
        title: `Adaptive math practice, ${gradeSpan(g)}`,
        intensity: 1.2,
        nominalMinutes: rng.pick([20, 30]),
        groupWeights: [1, 0, 0, 0],
      };
    }
    case "school-pool": {
      const band = rng.bernoulli(0.5) ? "elementary" : "middle";
      const inBand = pop.schools.filter((s) => s.band === band).map((s) => s.index);
      const schools = pickSome(inBand, rng.int(2, 4), rng);
      const g = band === "elementary" ? [3, 4, 5] : [6, 7, 8];
      return {
        ...common,
        subject: 0,
        grades: g,
        schools,
        title: `School-based math tutoring at ${schools.length} ${band} schools`,
        intensity: 0.9,
        nominalMinutes: 45,
        groupWeights: [2, 3, 3, 2],
      };
    }
    case "midyear-math": {
      const band = rng.bernoulli(0.5) ? "elementary" : "middle";
      const schools = pop.schools.filter((s) => s.band === band && s.winterTesting).map((s) => s.index);
      const g = band === "elementary" ? [2, 3, 4, 5] : [6, 7, 8];
      return {
        ...common,
        subject: 0,
        grades: g,
        schools,
        title: `Math tutoring with a mid-year checkpoint, ${gradeSpan(g)}`,
        intensity: 1,
        nominalMinutes: 30,
        groupWeights: [4, 4, 2, 0],
      };
    }
    case "reading-support": {
      const g = span(3, 8);
      return {
        ...common,
        subject: 1,
        grades: g,
        title: `Reading intervention with subgroup rates, ${gradeSpan(g)}`,
        intensity: 0.9,
        nominalMinutes: rng.pick([30, 45]),
        groupWeights: [5, 3, 2, 0],
      };
    }
    case "hs-algebra": {
      const g = span(9, rng.int(10, 11));
      return {
        ...common,
        subject: 0,
        grades: g,
        title: `Algebra I tutoring, ${gradeSpan(g)}`,
        intensity: 0.8,
        nominalMinutes: 55,
        groupWeights: [2, 3, 3, 2],
      };
    }
  }
}

/** `count` distinct items in ascending order. */
function pickSome(items: readonly number[], count: number, rng: Prng): number[] {
  const left = items.slice();
  const chosen: number[] = [];
  while (chosen.length < count && left.length > 0)
    chosen.push(...left.splice(rng.int(0, left.length - 1), 1));
  return chosen.sort((a, b) => a - b);
}

/**
 * `count` contracts; archetype `i mod 8`. Named ids (`demo-2024-math-tutoring`) when
 * `idStyle` is "named" (at most eight contracts), else `c001`, `c002`, ...
 */
export function makeContracts(
  count: number,
  idStyle: "named" | "numbered",
  pop: Population,
  rng: Prng,
): ContractSpec[] {
  const width = Math.max(3, String(count).length);
  const specs: ContractSpec[] = [];
  for (let index = 0; index < count; index++) {
    const archetype = ARCHETYPES[index % ARCHETYPES.length] ?? "math-tutoring";
    const d = draft(archetype, pop, rng);
    const name = rng.pick(
      d.service === "edtech" ? EDTECH_VENDORS : d.subject === 0 ? MATH_TUTORS : READING_TUTORS,
    );
    const contractId = idStyle === "named" ? `demo-2024-${archetype}` : `c${pad(index + 1, width)}`;
    specs.push({
      ...d,
      index,
      contractId,
      archetype,
      vendor: { id: slug(name), name },
      sizeWeight: rng.range(0.5, 1.5),
    });
  }
  return specs;
}
