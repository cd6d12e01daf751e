/** Hand-made evidence students for unit tests. */
import type { EvidenceInput, EvidenceStudent } from "../../src/core/evidence/evidence-input.js";
import type { IsoDate } from "../../src/core/date.js";
import type { Grade } from "../../src/core/terms/types.js";
import { window } from "./synthetic.js";

export interface StudentSpec {
  readonly id: string;
  readonly served: boolean;
  readonly grade?: Grade;
  readonly baseline: number | null;
  readonly outcome: number | null;
  readonly followUp?: number | null;
  readonly ed?: boolean;
  readonly el?: boolean;
  readonly sped?: boolean;
  readonly race?: string | null;
  readonly gender?: string | null;
  readonly school?: string;
}

export function student(s: StudentSpec): EvidenceStudent {
  const school = s.school ?? "s1";
  const at = (score: number | null | undefined, date: string) =>
    score === null || score === undefined ? null : { score, date: date as IsoDate };
  return {
    id: s.id,
    grade: s.grade ?? "5",
    school,
    served: s.served,
    enrolled: s.served,
    subgroups: {
      economicallyDisadvantaged: s.ed ?? false,
      englishLearner: s.el ?? false,
      specialEducation: s.sped ?? false,
      raceEthnicity: s.race === undefined ? "White" : s.race,
      gender: s.gender === undefined ? "F" : s.gender,
      school,
    },
    baseline: at(s.baseline, "2024-09-15"),
    outcome: at(s.outcome, "2025-05-10"),
    followUp: at(s.followUp, "2025-09-12"),
    growthTarget: null,
  };
}

export function inputOf(students: readonly EvidenceStudent[], followUp = false): EvidenceInput {
  return {
    contractId: "c1",
    subject: "math",
    asOf: "2025-06-30" as IsoDate,
    windows: {
      baseline: window("fall", "2024-fall"),
      outcome: window("spring", "2025-spring"),
      followUp: followUp ? window("nextFall", "2025-fall") : null,
    },
    students,
  };
}
