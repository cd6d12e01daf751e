/**
 * The synthetic student population: schools, grades, demographics and each student's
 * true fall achievement. Held in typed arrays (a few bytes per student) because the
 * enrollment plan and the assessment rows both read it, for up to hundreds of thousands
 * of students.
 */
import { bool, clamp, gradeLabel, pad } from "./format.js";
import { SCORE_SD, fallMean } from "./norms.js";
import type { Prng } from "./prng.js";
import type { StudentRow } from "./rows.js";

export type Band = "elementary" | "middle" | "high";

export interface School {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly band: Band;
  /** Grade indexes taught, 0 = K. */
  readonly grades: readonly number[];
  /** Whether the school also tests math in the middle-of-year window. */
  readonly winterTesting: boolean;
}

export const FLAG_ECONOMICALLY_DISADVANTAGED = 1;
export const FLAG_ENGLISH_LEARNER = 2;
export const FLAG_SPECIAL_EDUCATION = 4;

export interface Population {
  readonly count: number;
  readonly ids: readonly string[];
  readonly schools: readonly School[];
  /** Per student: school index, grade index (0 = K), subgroup flag bits, demographic codes. */
  readonly school: Uint8Array;
  readonly grade: Uint8Array;
  readonly flags: Uint8Array;
  readonly gender: Uint8Array;
  readonly race: Uint8Array;
  /** True (noise-free) fall scale score per subject: [math, reading]. */
  readonly trueFall: readonly [Float64Array, Float64Array];
}

/** Weighted toward grades 3-8, where most tutoring contracts are. */
const GRADE_WEIGHTS = [5, 5, 6, 9, 10, 10, 10, 10, 10, 7, 6, 6, 6];
const BAND_GRADES: Record<Band, readonly number[]> = {
  elementary: [0, 1, 2, 3, 4, 5],
  middle: [6, 7, 8],
  high: [9, 10, 11, 12],
};
const BAND_SUFFIX: Record<Band, string> = {
  elementary: "Elementary",
  middle: "Middle School",
  high: "High School",
};
const GENDERS = ["F", "M", "X", ""];
const GENDER_WEIGHTS = [48.5, 48.5, 2, 1];
const RACES = [
  "Hispanic",
  "White",
  "Black",
  "Asian",
  "Two or more",
  "American Indian",
  "Pacific Islander",
  "",
];
const RACE_WEIGHTS = [34, 27, 21, 7, 6, 1, 0.5, 3.5];
// prettier-ignore
const SCHOOL_NAMES = [
  "Maple Grove", "Lincoln", "Riverside", "Cedar Hills", "Washington", "Oak Park", "Jefferson", "Sunnyslope",
  "Pine Ridge", "Harbor View", "Franklin", "Eastwood", "Willow Creek", "Roosevelt", "Lakeside", "Meadowbrook",
  "Hillcrest", "Garfield", "Bayside", "Northgate", "Fairview", "Stonebridge", "Kennedy", "Brookside", "Highland",
  "Canyon View", "Madison", "Prairie Wind", "Valley Vista", "Sequoia",
];

/** About one school per 400 students, kept to a district's 10-30 schools. */
function makeSchools(students: number, rng: Prng): School[] {
  const total = clamp(Math.floor(students / 400 + 0.5), 10, 30);
  const elementary = Math.ceil(total * 0.6);
  const middle = Math.max(2, Math.floor(total * 0.22));
  const names = SCHOOL_NAMES.slice();
  const schools: School[] = [];
  for (let i = 0; i < total; i++) {
    const band: Band = i < elementary ? "elementary" : i < elementary + middle ? "middle" : "high";
    const name = names.splice(rng.int(0, names.length - 1), 1)[0] ?? `School ${i + 1}`;
    // The first elementary and middle schools always test in winter, so a mid-year
    // contract has somewhere to run; about one in five of the others do too.
    const first = i === 0 || i === elementary;
    const winterTesting = band !== "high" && (first || rng.bernoulli(0.2));
    const id = `SCH${pad(i + 1, 2)}`;
    schools.push({
      index: i,
      id,
      name: `${name} ${BAND_SUFFIX[band]}`,
      band,
      grades: BAND_GRADES[band],
      winterTesting,
    });
  }
  return schools;
}

export function makePopulation(students: number, rng: Prng): Population {
  const schools = makeSchools(students, rng);
  const size = schools.map(() => rng.range(0.6, 1.4));
  const poverty = schools.map(() => 0.62 + rng.range(-0.12, 0.12));
  const effect = schools.map((_, i) => rng.normal(0, 0.2) - 0.8 * ((poverty[i] ?? 0.62) - 0.62));
  const byGrade = GRADE_WEIGHTS.map((_, g) =>
    schools.filter((s) => s.grades.includes(g)).map((s) => s.index),
  );
  const byGradeSize = byGrade.map((list) => list.map((s) => size[s] ?? 1));
  const width = Math.max(5, String(students).length);
  const pop = {
    count: students,
    ids: Array.from({ length: students }, (_, i) => `S${pad(i + 1, width)}`),
    schools,
    school: new Uint8Array(students),
    grade: new Uint8Array(students),
    flags: new Uint8Array(students),
    gender: new Uint8Array(students),
    race: new Uint8Array(students),
    trueFall: [new Float64Array(students), new Float64Array(students)] as const,
  };
  for (let i = 0; i < students; i++) {
    const grade = rng.weightedIndex(GRADE_WEIGHTS);
    const candidates = byGrade[grade] ?? [0];
    const school = candidates[rng.weightedIndex(byGradeSize[grade] ?? [1])] ?? 0;
    const ed = rng.bernoulli(poverty[school] ?? 0.62);
    // English learners concentrate in low-income households, as in most districts.
    const el = rng.bernoulli(ed ? 0.156 : 0.075);
    const sped = rng.bernoulli(0.135);
    pop.grade[i] = grade;
    pop.school[i] = school;
    pop.flags[i] =
      (ed ? FLAG_ECONOMICALLY_DISADVANTAGED : 0) |
      (el ? FLAG_ENGLISH_LEARNER : 0) |
      (sped ? FLAG_SPECIAL_EDUCATION : 0);
    pop.gender[i] = rng.weightedIndex(GENDER_WEIGHTS);
    pop.race[i] = rng.weightedIndex(RACE_WEIGHTS);
    // Math and reading standing correlate (0.7); subgroup gaps are modest, as in MAP data.
    // The +0.15 puts the district's median near the 45th national percentile.
    const shift = 0.15 + (effect[school] ?? 0) - (ed ? 0.3 : 0) - (sped ? 0.6 : 0);
    const zMath = rng.normal() + shift - (el ? 0.3 : 0);
    const zReading = 0.7 * (zMath - shift) + 0.714 * rng.normal() + shift - (el ? 0.5 : 0);
    pop.trueFall[0][i] = fallMean(0, grade) + SCORE_SD * zMath;
    pop.trueFall[1][i] = fallMean(1, grade) + SCORE_SD * zReading;
  }
  return pop;
}

export function* studentRows(pop: Population): Generator<StudentRow> {
  for (let i = 0; i < pop.count; i++) {
    const flags = pop.flags[i] ?? 0;
    yield {
      student_id: pop.ids[i] ?? "",
      school_id: pop.schools[pop.school[i] ?? 0]?.id ?? "",
      grade: gradeLabel(pop.grade[i] ?? 0),
      gender: GENDERS[pop.gender[i] ?? 0] ?? "",
      race_ethnicity: RACES[pop.race[i] ?? 0] ?? "",
      economically_disadvantaged: bool((flags & FLAG_ECONOMICALLY_DISADVANTAGED) !== 0),
      english_learner: bool((flags & FLAG_ENGLISH_LEARNER) !== 0),
      special_education: bool((flags & FLAG_SPECIAL_EDUCATION) !== 0),
    };
  }
}
