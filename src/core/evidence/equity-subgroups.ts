/**
 * The subgroup dimensions evidence is broken down by, and each student's value in them.
 * Flags read `yes`/`no`; a missing race/ethnicity or gender reads `(unknown)`, a cell of
 * its own (never dropped).
 */
import type { EvidenceStudent } from "./evidence-input.js";

export type SubgroupDimension =
  | "all"
  | "economicallyDisadvantaged"
  | "englishLearner"
  | "specialEducation"
  | "raceEthnicity"
  | "gender"
  | "school";

export const SUBGROUP_DIMENSIONS: readonly SubgroupDimension[] = [
  "all",
  "economicallyDisadvantaged",
  "englishLearner",
  "specialEducation",
  "raceEthnicity",
  "gender",
  "school",
];

export const UNKNOWN_VALUE = "(unknown)";

export function subgroupValue(student: EvidenceStudent, dimension: SubgroupDimension): string {
  const g = student.subgroups;
  switch (dimension) {
    case "all":
      return "all";
    case "economicallyDisadvantaged":
      return g.economicallyDisadvantaged ? "yes" : "no";
    case "englishLearner":
      return g.englishLearner ? "yes" : "no";
    case "specialEducation":
      return g.specialEducation ? "yes" : "no";
    case "raceEthnicity":
      return g.raceEthnicity ?? UNKNOWN_VALUE;
    case "gender":
      return g.gender ?? UNKNOWN_VALUE;
    case "school":
      return g.school;
  }
}

/** The values of a dimension among some students, in sort order (`yes` before `no` for flags). */
export function subgroupValues(students: Iterable<EvidenceStudent>, dimension: SubgroupDimension): string[] {
  const values = new Set<string>();
  for (const s of students) values.add(subgroupValue(s, dimension));
  const sorted = [...values].sort();
  return sorted.includes("yes") && sorted.includes("no") ? ["yes", "no"] : sorted;
}
