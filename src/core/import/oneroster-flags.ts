/**
 * OneRoster carries no English-learner, special-education or economic-disadvantage
 * flags (see standards §1.7). They come from a supplementary canonical students.csv:
 * this takes the three flags of each roster student from the canonical row with the
 * same student id; school, grade and demographics stay the roster's.
 */
import type { StudentRecord } from "../data/records.js";

export function mergeStudentFlags(
  roster: readonly StudentRecord[],
  flagRows: readonly StudentRecord[],
): { students: StudentRecord[]; withoutFlags: string[]; unknownIds: string[] } {
  const flags = new Map(flagRows.map((s) => [s.studentId, s]));
  const withoutFlags: string[] = [];
  const students = roster.map((s) => {
    const f = flags.get(s.studentId);
    if (f === undefined) {
      withoutFlags.push(s.studentId);
      return s;
    }
    return {
      ...s,
      economicallyDisadvantaged: f.economicallyDisadvantaged,
      englishLearner: f.englishLearner,
      specialEducation: f.specialEducation,
    };
  });
  const rosterIds = new Set(roster.map((s) => s.studentId));
  const unknownIds = [...flags.keys()].filter((id) => !rosterIds.has(id));
  return { students, withoutFlags, unknownIds };
}
