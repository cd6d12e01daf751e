/**
 * Small-cell suppression of subgroup results for readers outside the district.
 *
 * A cell (a subgroup's count and rate on one metric) based on fewer than
 * MIN_CELL_STUDENTS students is never shown to them. Because the cells of one dimension
 * (e.g. the schools) partition the metric's population, whose overall count and rate are
 * shown, one hidden cell could be worked out by subtracting the others from the total.
 * So more cells are hidden, smallest first, until the hidden cells are none, or at least
 * two holding MIN_CELL_STUDENTS students together, or all of them: whatever can be
 * derived by subtraction is then based on at least that many students.
 */

export const MIN_CELL_STUDENTS = 10;

export type SuppressionReason = "small" | "complementary";

/**
 * For each cell of one dimension (its student count `n`), null when it may be shown, else
 * why it is hidden. Deterministic: ties between equal counts go to the earlier cell.
 */
export function suppressCells(counts: readonly number[]): (SuppressionReason | null)[] {
  const reasons: (SuppressionReason | null)[] = counts.map((n) => (n < MIN_CELL_STUDENTS ? "small" : null));
  const hidden = (): number[] => reasons.flatMap((r, i) => (r === null ? [] : [i]));
  const hiddenStudents = (): number => hidden().reduce((sum, i) => sum + (counts[i] ?? 0), 0);
  const needsMore = (): boolean => {
    const h = hidden();
    if (h.length === 0 || h.length === counts.length) return false;
    return h.length === 1 || hiddenStudents() < MIN_CELL_STUDENTS;
  };
  while (needsMore()) {
    let pick = -1;
    reasons.forEach((r, i) => {
      if (r === null && (pick < 0 || (counts[i] ?? 0) < (counts[pick] ?? 0))) pick = i;
    });
    reasons[pick] = "complementary";
  }
  return reasons;
}
