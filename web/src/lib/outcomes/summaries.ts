/**
 * The plain-language summary above each outcomes chart, and the small number helpers
 * the charts and tables share. Percentages are computed in integers (rounded half away
 * from zero), never through a float's own rounding.
 */
import { formatRatePercent } from "../money.js";
import type {
  ContractOutcomes,
  DosagePoint,
  GrowthDistribution,
  MetricAttainment,
  OutcomeBin,
  SubgroupDimension,
} from "../api/outcomes.js";

/** `met / n` as a percentage with one decimal ("58.3%"); "0.0%" when n is 0. */
export function percentOf(met: number, n: number): string {
  if (n === 0) return "0.0%";
  const num = BigInt(met) * 2000n + BigInt(n);
  const tenths = num / (2n * BigInt(n));
  const text = tenths.toString().padStart(2, "0");
  return `${text.slice(0, -1)}.${text.slice(-1)}%`;
}

const students = (n: number): string => `${n} student${n === 1 ? "" : "s"}`;

/** The numeric value of an API decimal, for drawing only (never for a decision or a total). */
export function chartNumber(decimal: string): number {
  return Number(decimal);
}

export function binLabel(bin: OutcomeBin): string {
  return `${bin.from} to ${bin.to}`;
}

/** A share bin ("0.6" to "0.7") as percentages: "60% to 70%". */
export function shareBinLabel(bin: OutcomeBin): string {
  return `${formatRatePercent(bin.from, 0)} to ${formatRatePercent(bin.to, 0)}`;
}

function modalBin(bins: readonly OutcomeBin[]): OutcomeBin | null {
  let best: OutcomeBin | null = null;
  for (const b of bins) if (best === null || b.count > best.count) best = b;
  return best;
}

function relativeRange(bin: OutcomeBin): string {
  const from = chartNumber(bin.from);
  const to = chartNumber(bin.to);
  if (from >= 0) return `${bin.from} to ${bin.to} points above the target`;
  if (to <= 0) return `${bin.to.replace(/^-/, "")} to ${bin.from.replace(/^-/, "")} points below the target`;
  return `${bin.from} to ${bin.to} points around the target`;
}

export function growthSummary(g: GrowthDistribution): string {
  if (g.students === 0) return "No student has scores from both tests yet, so there is no growth to show.";
  const share = `${g.met} of ${students(g.students)} with both tests (${percentOf(g.met, g.students)})`;
  const common = modalBin(g.bins);
  if (g.axis === "growth") {
    const mode = common === null ? "" : ` The most common growth was ${binLabel(common)} points.`;
    return `${share} grew by at least ${g.line} points, the target.${mode}`;
  }
  const mode = common === null ? "" : ` The most common result was ${relativeRange(common)}.`;
  return `${share} met their own growth target (the line at 0).${mode}`;
}

export function attainmentSummary(metrics: readonly MetricAttainment[]): string {
  if (metrics.length === 0) return "The contract measures no outcomes.";
  return metrics
    .map((m) => `${m.met} of ${students(m.denominator)} met “${m.label}” (${formatRatePercent(m.rate)})`)
    .join("; ")
    .concat(".");
}

export function subgroupSummary(dimension: SubgroupDimension, minCellStudents: number): string {
  const shown = dimension.cells.flatMap((c) => (c.suppressed === null ? [c] : []));
  const hidden = dimension.cells.length - shown.length;
  const hiddenText =
    hidden === 0
      ? ""
      : ` ${hidden} group${hidden === 1 ? " is" : "s are"} hidden to protect students in groups of fewer than ${minCellStudents}.`;
  if (shown.length === 0) return `No group can be shown.${hiddenText}`;
  const byRate = [...shown].sort((a, b) => chartNumber(a.rate) - chartNumber(b.rate));
  const low = byRate[0];
  const high = byRate[byRate.length - 1];
  if (low === undefined || high === undefined || shown.length === 1)
    return `One group is shown: ${shown[0]?.label ?? ""}, ${formatRatePercent(shown[0]?.rate ?? "0")} of ${students(shown[0]?.n ?? 0)}.${hiddenText}`;
  return `Rates range from ${formatRatePercent(low.rate)} (${low.label}) to ${formatRatePercent(high.rate)} (${high.label}).${hiddenText}`;
}

/** The median session count (the lower middle for an even count). */
export function medianSessions(points: readonly DosagePoint[]): number {
  const sorted = points.map((p) => p.sessions).sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

export function dosageSummary(points: readonly DosagePoint[]): string {
  if (points.length === 0) return "No student has growth to compare with sessions yet.";
  const median = medianSessions(points);
  const more = points.filter((p) => p.sessions >= median);
  const fewer = points.filter((p) => p.sessions < median);
  const rate = (group: readonly DosagePoint[]) => percentOf(group.filter((p) => p.met).length, group.length);
  const lead = `Each dot is one student: sessions attended across, growth up.`;
  if (fewer.length === 0) return `${lead} ${rate(more)} of them met the growth target.`;
  return `${lead} Students with ${median} or more sessions (the median) met the growth target at ${rate(more)}; those with fewer, at ${rate(fewer)}.`;
}

export function consistencySummary(c: ContractOutcomes["consistency"]): string {
  if (c.students === 0) return "No measured student has attended a session yet.";
  const top = c.bins.length === 0 ? 0 : (c.bins[c.bins.length - 1]?.count ?? 0);
  const minimum =
    c.minShare === null ? "" : ` The contract asks for at least ${formatRatePercent(c.minShare, 0)}.`;
  const none =
    c.withoutSessions === 0 ? "" : ` ${students(c.withoutSessions)} had no sessions and are not shown.`;
  return `${top} of ${students(c.students)} (${percentOf(top, c.students)}) had 90% or more of their sessions with the same tutor.${minimum}${none}`;
}
