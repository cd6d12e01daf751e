/** What meeting each metric takes, in plain words, from the terms (display only). */
import type { Metric } from "../terms/types.js";
import { formatTrimmed, mul, HUNDRED } from "../ratio.js";

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

export function criterionOf(metric: Metric): string {
  const m = metric.measure;
  switch (m.kind) {
    case "growth": {
      const windows = `from the ${m.from} to the ${m.to} test`;
      if (m.target.kind === "points")
        return `Growth of at least ${formatTrimmed(m.target.points)} points ${windows}`;
      const weeks =
        m.target.prorateWeeks === null ? "" : `, prorated over ${plural(m.target.prorateWeeks, "week")}`;
      return `Growth of at least ${formatTrimmed(m.target.percent)}% of the student's growth target ${windows}${weeks}`;
    }
    case "proficiency":
      return m.minLevel !== null
        ? `Performance level ${m.minLevel} or higher on the ${m.window} test`
        : `Scale score of at least ${formatTrimmed(m.minScore ?? { n: 0n, d: 1n })} on the ${m.window} test`;
    case "dosage": {
      const parts = [
        ...(m.minSessions === null ? [] : [plural(m.minSessions, "session")]),
        ...(m.minMinutes === null ? [] : [plural(m.minMinutes, "minute")]),
      ];
      return parts.length === 0 ? "Any attended sessions" : `At least ${parts.join(" and ")} attended`;
    }
    case "consistency":
      return `At least ${formatTrimmed(mul(m.minShare, HUNDRED), 2)}% of sessions with the same tutor`;
  }
}
