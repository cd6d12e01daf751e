/**
 * Picks a student's score for a window (settlement-v1 section 2): rows with
 * `test_date > asOf` are ignored, and so are rows whose rapid-guess percent exceeds the
 * contract's maximum; of the rest the latest test date wins, then the highest scale
 * score, then the row read last.
 */
import type { AssessmentRecord } from "../data/records.js";
import type { IsoDate } from "../date.js";
import type { AssessmentWindow } from "../terms/types.js";
import { compare, parseDecimal, type Ratio } from "../ratio.js";

function decimal(text: string): Ratio {
  const value = parseDecimal(text);
  if (value === null) throw new Error(`validated decimal ${text} does not parse`);
  return value;
}

/** Whether a row belongs to a window: assessment and window exactly, subject in any case. */
export function inWindow(row: AssessmentRecord, window: AssessmentWindow): boolean {
  return (
    row.assessment === window.assessment &&
    row.window === window.window &&
    (row.subject === window.subject || row.subject.toLowerCase() === window.subject.toLowerCase())
  );
}

export function pickScore(
  rows: readonly AssessmentRecord[],
  window: AssessmentWindow,
  asOf: IsoDate,
  maxRapidGuessPercent: Ratio | null,
): AssessmentRecord | null {
  let best: AssessmentRecord | null = null;
  for (const row of rows) {
    if (row.testDate > asOf || !inWindow(row, window)) continue;
    if (
      maxRapidGuessPercent !== null &&
      row.rapidGuessPercent !== null &&
      compare(decimal(row.rapidGuessPercent), maxRapidGuessPercent) > 0
    ) {
      continue;
    }
    if (
      best === null ||
      row.testDate > best.testDate ||
      (row.testDate === best.testDate && compare(decimal(row.scaleScore), decimal(best.scaleScore)) >= 0)
    ) {
      best = row;
    }
  }
  return best;
}

export function scoreOf(row: AssessmentRecord): Ratio {
  return decimal(row.scaleScore);
}

export function growthTargetOf(row: AssessmentRecord): Ratio | null {
  return row.growthTarget === null ? null : decimal(row.growthTarget);
}
