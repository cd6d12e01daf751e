/**
 * MAP Growth rows: math and reading in fall and spring, math in winter at the schools that
 * test mid-year. Scores follow each student's true achievement plus measurement noise;
 * served students grow more, in proportion to their attended sessions (up to +3.5 points
 * over a year), so an outcomes contract has a real effect to pay for.
 */
import type { EnrollmentPlan } from "./enrollments.js";
import { DayFormatter, clamp, day, nearest, tenths } from "./format.js";
import { SUBJECTS, type Subject, levelOf, percentileOf, typicalGrowth } from "./norms.js";
import type { Population } from "./population.js";
import type { Prng } from "./prng.js";
import type { AssessmentRow } from "./rows.js";

export const ASSESSMENT = "MAP Growth";

/** Testing windows: name, point of the year (0 fall .. 1 spring), and the Mondays a school may test. */
const WINDOWS = [
  { name: "2024-fall", yearFraction: 0, weeks: ["2024-09-09", "2024-09-16", "2024-09-23", "2024-09-30"] },
  { name: "2025-winter", yearFraction: 0.5, weeks: ["2025-01-13", "2025-01-20", "2025-01-27"] },
  { name: "2025-spring", yearFraction: 1, weeks: ["2025-04-21", "2025-04-28", "2025-05-05", "2025-05-12"] },
] as const;

const MISSING_TEST = 0.065;
const FULL_EFFECT_SESSIONS = 40;
const MAX_EFFECT_POINTS = 3.5;

interface Test {
  readonly student: number;
  readonly subject: Subject;
  readonly window: number;
  readonly trueScore: number;
  /** Formatted `growth_target`, fall rows only. */
  readonly growthTarget: string;
}

export function* assessmentRows(pop: Population, plan: EnrollmentPlan, seed: Prng): Generator<AssessmentRow> {
  const rng = seed.derive("assessments");
  const testing = seed.derive("testing");
  // Each school tests in one week per window; its students spread over that week.
  const schoolWeek = pop.schools.map(() => WINDOWS.map((w) => day(testing.pick(w.weeks))));
  const dates = new DayFormatter("2024-09-01", "2025-06-30");
  for (let student = 0; student < pop.count; student++) {
    const grade = pop.grade[student] ?? 0;
    const winter = pop.schools[pop.school[student] ?? 0]?.winterTesting ?? false;
    for (const subject of [0, 1] as const) {
      const typical = typicalGrowth(subject, grade);
      const attended = plan.dosage[subject][student] ?? 0;
      const effect = MAX_EFFECT_POINTS * Math.min(1, attended / FULL_EFFECT_SESSIONS);
      const growth = typical * rng.normal(0.95, 0.35) + effect;
      const fall = pop.trueFall[subject][student] ?? 200;
      // A few fall rows lack a projected growth, as when a norm lookup failed.
      const target = rng.bernoulli(0.01) ? "" : tenths(clamp(typical + rng.normal(0, 1.2), 3.5, 13));
      for (let window = 0; window < WINDOWS.length; window++) {
        if (window === 1 && (subject !== 0 || !winter)) continue;
        if (rng.bernoulli(MISSING_TEST)) continue;
        const w = WINDOWS[window];
        const trueScore = fall + (w?.yearFraction ?? 0) * growth;
        const week = schoolWeek[pop.school[student] ?? 0]?.[window] ?? 0;
        const test: Test = { student, subject, window, trueScore, growthTarget: window === 0 ? target : "" };
        const first = testRow(pop, test, week + rng.int(0, 4), rng, dates);
        yield first.row;
        // A disengaged test is often retaken a week or two later in the same window.
        if (rng.bernoulli(first.rapidGuess > 30 ? 0.25 : 0.008)) {
          yield testRow(pop, test, week + 7 * rng.int(1, 2) + rng.int(0, 4), rng, dates, true).row;
        }
      }
    }
  }
}

function testRow(
  pop: Population,
  test: Test,
  testDay: number,
  rng: Prng,
  dates: DayFormatter,
  retest = false,
): { row: AssessmentRow; rapidGuess: number } {
  // Rapid-guess share: mostly unreported or small, sometimes over 30% (a disengaged test).
  const u = rng.uniform();
  const rapid = u < 0.62 ? -1 : u < 0.95 || retest ? rng.range(0, 15) : rng.range(30.5, 80);
  const penalty = rapid > 30 ? rng.normal(8, 3) : 0;
  const score = clamp(nearest(test.trueScore + rng.normal(0, 3) - penalty), 100, 300);
  const grade = pop.grade[test.student] ?? 0;
  const w = WINDOWS[test.window] ?? WINDOWS[0];
  return {
    rapidGuess: rapid,
    row: {
      student_id: pop.ids[test.student] ?? "",
      assessment: ASSESSMENT,
      subject: SUBJECTS[test.subject],
      window: w.name,
      test_date: dates.format(testDay),
      scale_score: String(score),
      performance_level: String(levelOf(score, test.subject, grade, w.yearFraction)),
      percentile: String(percentileOf(score, test.subject, grade, w.yearFraction)),
      growth_target: test.growthTarget,
      rapid_guess_percent: rapid < 0 ? "" : tenths(rapid),
    },
  };
}

export const WINDOW_NAMES = WINDOWS.map((w) => w.name);
