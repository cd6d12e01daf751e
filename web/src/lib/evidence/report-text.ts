/**
 * Sentences of the evidence page that are not about impact: the data-quality verdict,
 * file freshness, the forecast's method and the simulation's summary. Money stays a
 * decimal string until `formatMoney` shows it.
 */
import type { ContractEvidence, Forecast, Freshness, TermsSimulation } from "../api/evidence.js";
import { formatMoney, formatRatePercent } from "../money.js";

export const FILE_KIND_LABEL: Readonly<Record<string, string>> = {
  students: "Student roster",
  enrollments: "Enrollments",
  assessments: "Assessments",
  sessions: "Sessions",
  obligations: "Obligations",
  payments: "Payments",
};

export function qualityVerdict(quality: ContractEvidence["quality"]): string {
  if (!quality.provisional)
    return "Not provisional: no data quality problem blocks the figures on this page.";
  const n = quality.reasons.length;
  return `Provisional: ${n === 1 ? "one problem" : `${n} problems`} in the data may change the figures on this page.`;
}

export function freshnessText(f: Freshness): string {
  if (f.lastImportedAt === null) return "Never imported";
  if (f.ageDays === null) return "Imported";
  if (f.ageDays === 0) return "Imported today";
  return f.ageDays === 1 ? "Imported 1 day ago" : `Imported ${f.ageDays} days ago`;
}

/** The forecast's method in one sentence. */
export function forecastMethod(forecast: Forecast, asOf: string): string {
  if (forecast.final)
    return `The period has ended: the statement as of ${asOf} is final, so low, expected and high are the same.`;
  const window =
    forecast.moyWindow === null ? "no middle-of-year window" : `the ${forecast.moyWindow.window} window`;
  return (
    `Each student's end-of-year score is projected from the middle-of-year score (${window}) and the sessions ` +
    `delivered so far (${forecast.elapsedDays} of ${forecast.periodDays} days) are extended at their pace, ` +
    "with the growth still to come scaled by 0.75 (low), 1 (expected) and 1.25 (high), and each scenario " +
    "settled with the contract's payment rules."
  );
}

export function forecastSummary(forecast: Forecast, currency: string): string {
  const t = forecast.total;
  if (forecast.final) return `The final total is ${formatMoney(t.expected, currency)}.`;
  return (
    `The final total is expected to be ${formatMoney(t.expected, currency)}, between ` +
    `${formatMoney(t.low, currency)} and ${formatMoney(t.high, currency)}; ` +
    `${forecast.projectedStudents} students' scores are projected.`
  );
}

export function simulationSummary(sim: TermsSimulation): string {
  const money = (s: string) => formatMoney(s, sim.currency);
  return (
    `Over ${sim.draws.toLocaleString("en-US")} draws of the ${sim.population.enrolled} students of ` +
    `${sim.populationContractId}, the total payment is ${money(sim.total.p50)} at the median ` +
    `(P10 ${money(sim.total.p10)}, P90 ${money(sim.total.p90)}), earning ` +
    `${formatRatePercent(sim.contingentShare.p50)} of the contingent money ` +
    `(P10 ${formatRatePercent(sim.contingentShare.p10)}, P90 ${formatRatePercent(sim.contingentShare.p90)}).`
  );
}

/** A follow-up window's name as the API takes it; empty: the default window. */
export function parseFollowUp(
  text: string,
): { ok: true; window: string | null } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, window: null };
  if (!/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/.test(trimmed))
    return {
      ok: false,
      message: "A window name has letters, digits, '-', '_', '.' or spaces (at most 40), e.g. 2025-fall.",
    };
  return { ok: true, window: trimmed };
}

export const MIN_DRAWS = 1000;
export const MAX_DRAWS = 20000;

/** The simulation form's draws field: a whole number in range, or why not. */
export function parseDraws(text: string): { ok: true; draws: number } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { ok: false, message: "Draws must be a whole number." };
  const draws = Number(trimmed);
  if (draws < MIN_DRAWS || draws > MAX_DRAWS)
    return { ok: false, message: `Draws must be between ${MIN_DRAWS} and ${MAX_DRAWS}.` };
  return { ok: true, draws };
}

export function parseSeed(text: string): { ok: true; seed: string } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === "")
    return { ok: false, message: "Give a seed (any text); the same seed gives the same draws." };
  if (trimmed.length > 100) return { ok: false, message: "The seed is at most 100 characters." };
  return { ok: true, seed: trimmed };
}
