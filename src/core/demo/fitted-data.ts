/**
 * Synthetic data fitted to one set of draft terms, for "what would this pay" before a
 * district has any data of its own: students in the grades and schools the terms make
 * eligible, all enrolled in the terms' contract during its period, test rows for every
 * window the terms name (their assessment, subject and window names), and sessions
 * inside the period, at the terms' expected number of students (at most
 * `FITTED_MAX_STUDENTS`).
 *
 * The terms may name any windows: their window names are placed on test dates in the
 * order of the school year (a name with "fall" or "autumn" first, "winter" next,
 * "spring" or "summer" last, others in the order the terms name them), spread evenly
 * over the period. Scores follow the demo's norms for math, or for reading when the
 * subject names reading, English or literacy; served students grow a little more.
 * Sessions are planned so most students pass the service threshold and any dosage metric
 * (at most 150 a student: a threshold above that is left unmet).
 *
 * Pure and deterministic: the same terms and seed give the same rows.
 */
import type { AssessmentRecord, EnrollmentRecord, SessionRecord, StudentRecord } from "../data/records.js";
import { addDays, dayNumber, daysBetween, type IsoDate } from "../date.js";
import { formatFixed, type Ratio } from "../ratio.js";
import type { Grade, Terms } from "../terms/types.js";
import { DayFormatter, clamp, nearest, tenths, weekday } from "./format.js";
import { SCORE_SD, fallMean, levelOf, percentileOf, typicalGrowth, type Subject } from "./norms.js";
import { Prng, type Seed } from "./prng.js";

export const FITTED_MAX_STUDENTS = 5000;

export interface FittedWindow {
  /** The window as the terms' rows name it. */
  readonly window: string;
  /** The day its tests are dated from (a school's students test over the next days). */
  readonly testDate: IsoDate;
  /** Point of the school year, 0 (first window) .. 1 (last). */
  readonly yearFraction: number;
}

export interface FittedData {
  readonly students: readonly StudentRecord[];
  readonly enrollments: readonly EnrollmentRecord[];
  readonly assessments: readonly AssessmentRecord[];
  readonly sessions: readonly SessionRecord[];
  readonly windows: readonly FittedWindow[];
}

const ALL_GRADES: readonly Grade[] = ["K", "1", "2", "3", "4", "5", "6", "7", "8"];

function gradeIndex(grade: Grade): number {
  return grade === "PK" || grade === "K" ? 0 : Number(grade);
}

function subjectOf(subject: string): Subject {
  return /read|english|ela|literacy/i.test(subject) ? 1 : 0;
}

function season(window: string): number {
  const w = window.toLowerCase();
  if (/fall|autumn|boy|beginning/.test(w)) return 0;
  if (/winter|moy|middle|mid/.test(w)) return 1;
  if (/spring|summer|eoy|end/.test(w)) return 2;
  return -1;
}

/** The terms' window names in school-year order, each on a test date inside the period. */
export function fitWindows(terms: Terms): FittedWindow[] {
  const names: string[] = [];
  for (const w of terms.windows) if (!names.includes(w.window)) names.push(w.window);
  const byRank = [...names].sort((a, b) => rank(a, names) - rank(b, names));
  const length = Math.max(0, daysBetween(terms.period.start, terms.period.end));
  // Tests start a week into the period and end two weeks before it closes.
  const first = Math.min(7, Math.floor(length / 4));
  const span = Math.max(0, length - first - Math.min(14, Math.floor(length / 4)));
  return byRank.map((window, k) => {
    const yearFraction = byRank.length === 1 ? 0 : k / (byRank.length - 1);
    return {
      window,
      testDate: addDays(terms.period.start, first + Math.floor(yearFraction * span)),
      yearFraction,
    };
  });
}

function rank(name: string, given: readonly string[]): number {
  const s = season(name);
  // Seasons at 0, 1000, 2000; unnamed windows keep their place in between by order given.
  return s >= 0 ? s * 1000 : 500 + given.indexOf(name);
}

function asNumber(r: Ratio): number {
  return Number(formatFixed(r, 4));
}

export function generateFittedData(terms: Terms, seed: Seed): FittedData {
  const rng = new Prng(seed, `fitted:${terms.contractId}`);
  const count = clamp(Math.floor(terms.expectedStudents), 1, FITTED_MAX_STUDENTS);
  const grades = terms.eligibility.grades ?? ALL_GRADES;
  const schools = terms.eligibility.schools ?? ["demo-school-1", "demo-school-2", "demo-school-3"];
  const windows = fitWindows(terms);
  const when = new Map(windows.map((w) => [w.window, w]));
  const baseline = terms.eligibility.baselineMaxScore;
  const baselineWindow =
    baseline === undefined ? undefined : terms.windows.find((w) => w.name === baseline.window);
  const baselineMax = baseline === undefined ? null : asNumber(baseline.score);

  const threshold = terms.serviceThreshold;
  const dosage = terms.outcomes.metrics.map((m) => (m.measure.kind === "dosage" ? m.measure : null));
  const wantSessions = Math.max(
    threshold.minSessions,
    ...dosage.map((d) => d?.minSessions ?? 0),
    Math.ceil(Math.max(threshold.minMinutes, ...dosage.map((d) => d?.minMinutes ?? 0)) / 30),
    12,
  );
  // A year of tutoring is rarely more than 150 sessions; a threshold above that is left unmet.
  const sessionsPerStudent = Math.min(wantSessions, 150);
  const periodDays = Math.max(0, daysBetween(terms.period.start, terms.period.end));
  const dates = new DayFormatter(terms.period.start, terms.period.end);
  const tutorCount = Math.max(2, Math.ceil(count / 12));
  const tutorIds = Array.from({ length: tutorCount }, (_, t) => `DT${String(t + 1).padStart(3, "0")}`);

  const students: StudentRecord[] = [];
  const enrollments: EnrollmentRecord[] = [];
  const assessments: AssessmentRecord[] = [];
  const sessions: SessionRecord[] = [];
  const width = String(count).length;
  let sessionNumber = 0;
  for (let i = 0; i < count; i++) {
    const studentId = `DEMO${String(i + 1).padStart(width, "0")}`;
    const grade = grades[rng.int(0, grades.length - 1)] ?? "3";
    const g = gradeIndex(grade);
    const schoolId = schools[rng.int(0, schools.length - 1)] ?? "demo-school-1";
    const ed = rng.bernoulli(0.6);
    const el = rng.bernoulli(0.15);
    students.push({
      studentId,
      schoolId,
      grade,
      gender: rng.bernoulli(0.5) ? "F" : "M",
      raceEthnicity: null,
      economicallyDisadvantaged: ed,
      englishLearner: el,
      specialEducation: rng.bernoulli(0.13),
    });
    const enrolledOn = addDays(terms.period.start, rng.int(0, Math.min(28, Math.floor(periodDays / 6))));
    const exits = rng.bernoulli(0.05);
    const exitedOn = exits ? addDays(enrolledOn, rng.int(21, Math.max(21, periodDays - 28))) : null;
    enrollments.push({ contractId: terms.contractId, studentId, enrolledOn, exitedOn });

    // Sessions: most students reach the threshold; one in ten barely shows up.
    const last = exitedOn !== null && exitedOn < terms.period.end ? exitedOn : terms.period.end;
    const activeDays = Math.max(0, daysBetween(enrolledOn, last));
    const planned = rng.bernoulli(0.1)
      ? rng.int(1, Math.max(1, Math.floor(sessionsPerStudent / 2)))
      : Math.max(1, nearest(rng.normal(sessionsPerStudent * 1.35, sessionsPerStudent * 0.25)));
    const tutor = rng.int(0, tutorCount - 1);
    let attended = 0;
    const firstDay = dayNumber(enrolledOn);
    for (let j = 0; j < planned; j++) {
      let offset = rng.int(0, activeDays);
      const w = weekday(firstDay + offset);
      if (w === 6 && offset > 0) offset -= 1;
      else if (w === 0 && offset < activeDays) offset += 1;
      const came = !rng.bernoulli(0.08);
      if (came) attended++;
      sessionNumber++;
      sessions.push({
        sessionId: `DS${sessionNumber}`,
        contractId: terms.contractId,
        studentId,
        tutorId: tutorIds[rng.bernoulli(0.85) ? tutor : rng.int(0, tutorCount - 1)] ?? null,
        sessionDate: dates.format(firstDay + offset) as IsoDate,
        minutes: came ? 30 + 5 * rng.int(0, 2) : 0,
        attended: came,
        groupSize: rng.int(1, 4),
      });
    }

    // Tests: one true fall score per subject, growing over the year, more with more sessions.
    const fall = new Map<string, number>();
    const growth = new Map<string, number>();
    const effect = 3.5 * Math.min(1, attended / 40);
    for (const w of terms.windows) {
      const key = w.subject.toLowerCase();
      const subject = subjectOf(w.subject);
      if (!fall.has(key)) {
        let z = rng.normal(-0.3 - (el ? 0.3 : 0), 1);
        let score = fallMean(subject, g) + SCORE_SD * z;
        // Students placed by a baseline cut mostly score under it, as a referral roster would.
        if (baselineMax !== null && baselineWindow?.subject.toLowerCase() === key && score > baselineMax) {
          z = Math.abs(rng.normal(0, 0.4));
          score = rng.bernoulli(0.95) ? baselineMax - 3 - SCORE_SD * z : score;
        }
        fall.set(key, score);
        growth.set(key, typicalGrowth(subject, g) * rng.normal(0.95, 0.35) + effect);
      }
    }
    const target = new Map<string, string>();
    for (const w of terms.windows) {
      const placed = when.get(w.window);
      if (placed === undefined || rng.bernoulli(0.05)) continue;
      const key = w.subject.toLowerCase();
      const subject = subjectOf(w.subject);
      const trueScore = (fall.get(key) ?? 200) + placed.yearFraction * (growth.get(key) ?? 5);
      const score = clamp(nearest(trueScore + rng.normal(0, 3)), 100, 300);
      let growthTarget: string | null = null;
      if (placed.yearFraction === 0) {
        growthTarget =
          target.get(key) ?? tenths(clamp(typicalGrowth(subject, g) + rng.normal(0, 1.2), 3.5, 13));
        target.set(key, growthTarget);
      }
      const testDate = addDays(placed.testDate, rng.int(0, 4));
      assessments.push({
        studentId,
        assessment: w.assessment,
        subject: w.subject,
        window: w.window,
        testDate: testDate > terms.period.end ? terms.period.end : testDate,
        scaleScore: String(score),
        performanceLevel: levelOf(score, subject, g, placed.yearFraction),
        percentile: percentileOf(score, subject, g, placed.yearFraction),
        growthTarget,
        rapidGuessPercent: rng.bernoulli(0.6) ? null : tenths(rng.range(0, 15)),
      });
    }
  }
  return { students, enrollments, assessments, sessions, windows };
}
