/**
 * Synthetic evidence inputs with a known ("planted") effect, for the statistical tests.
 *
 * Each student has a latent achievement B ~ N(0, 1); baseline = 200 + 10 grade + 10 B.
 * Service goes more often to low achievers (probability `servedLow` below the mean,
 * `servedHigh` above), so served and unserved students differ at baseline and an
 * unadjusted comparison would be biased. Outcome = 205 + 10 grade + 10 Y with
 * Y = 0.7 B + sqrt(0.51) e - 0.1 ED + effect * served, e ~ N(0, 1): the outcome's
 * standard deviation is 10 points (Var Y = 0.49 + 0.51 + small), so `effect` is in SD.
 */
import { Prng } from "../../src/core/demo/prng.js";
import type { EvidenceInput, EvidenceStudent } from "../../src/core/evidence/evidence-input.js";
import type { AssessmentWindow, Grade } from "../../src/core/terms/types.js";
import type { IsoDate } from "../../src/core/date.js";

export interface SyntheticOptions {
  readonly students: number;
  readonly seed: number | string;
  readonly effect: number;
  readonly grades?: readonly Grade[];
  readonly servedLow?: number;
  readonly servedHigh?: number;
  /** Share of students with no outcome score. */
  readonly attrition?: number;
  /** Share of students with a follow-up score, and the share of their gain kept there. */
  readonly followUp?: { readonly share: number; readonly retained: number };
  readonly schools?: number;
}

const RACES = ["Hispanic", "White", "Black", "Asian", "Two or more"];
const RACE_WEIGHTS = [0.4, 0.3, 0.18, 0.07, 0.05];

export function window(name: string, w: string): AssessmentWindow {
  return { name, assessment: "MAP Growth", subject: "math", window: w };
}

export function syntheticInput(o: SyntheticOptions): EvidenceInput {
  const rng = new Prng(o.seed, "evidence-synthetic");
  const grades = o.grades ?? (["3", "4", "5", "6", "7", "8"] as const);
  const students: EvidenceStudent[] = [];
  for (let i = 0; i < o.students; i++) {
    const gi = rng.int(0, grades.length - 1);
    const grade = grades[gi] as Grade;
    const level = grade === "K" || grade === "PK" ? 0 : Number(grade);
    const latent = rng.normal();
    const served = rng.bernoulli(latent < 0 ? (o.servedLow ?? 0.3) : (o.servedHigh ?? 0.12));
    const ed = rng.bernoulli(0.6);
    const el = rng.bernoulli(0.15);
    const sped = rng.bernoulli(0.12);
    const race = RACES[rng.weightedIndex(RACE_WEIGHTS)] ?? null;
    const gender = rng.bernoulli(0.5) ? "F" : "M";
    const school = `s${rng.int(1, o.schools ?? 8)}`;
    const y =
      0.7 * latent + Math.sqrt(0.51) * rng.normal() - 0.1 * (ed ? 1 : 0) + o.effect * (served ? 1 : 0);
    const baseline = 200 + 10 * level + 10 * latent;
    const outcome = 205 + 10 * level + 10 * y;
    const lost = rng.bernoulli(o.attrition ?? 0.05);
    const follow = o.followUp !== undefined && rng.bernoulli(o.followUp.share);
    const followScore = baseline + (outcome - baseline) * (o.followUp?.retained ?? 0) + rng.normal(0, 1);
    students.push({
      id: `st${String(i).padStart(6, "0")}`,
      grade,
      school,
      served,
      enrolled: served,
      subgroups: {
        economicallyDisadvantaged: ed,
        englishLearner: el,
        specialEducation: sped,
        raceEthnicity: race,
        gender,
        school,
      },
      baseline: { score: baseline, date: "2024-09-15" as IsoDate },
      outcome: lost ? null : { score: outcome, date: "2025-05-10" as IsoDate },
      followUp: follow && !lost ? { score: followScore, date: "2025-09-12" as IsoDate } : null,
      growthTarget: 8,
    });
  }
  return {
    contractId: "synthetic",
    subject: "math",
    asOf: "2025-06-30" as IsoDate,
    windows: {
      baseline: window("fall", "2024-fall"),
      outcome: window("spring", "2025-spring"),
      followUp: o.followUp === undefined ? null : window("nextFall", "2025-fall"),
    },
    students: [...students.filter((s) => s.served), ...students.filter((s) => !s.served)],
  };
}
