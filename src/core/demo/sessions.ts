/**
 * The service-delivery log, streamed: rows are made one enrollment at a time from the
 * plan, so millions of sessions never sit in memory. Each contract has its own random
 * stream, so its rows do not depend on the contracts before it.
 */
import type { ContractSpec } from "./contracts.js";
import { type EnrollmentPlan, PERIOD_END } from "./enrollments.js";
import { DayFormatter, clamp, day, pad, weekday } from "./format.js";
import type { Population } from "./population.js";
import type { Prng } from "./prng.js";
import type { SessionRow } from "./rows.js";

/** Share of sessions dated after the period (logged late): they must not count. */
const LATE_LOG = 0.004;
const UNKNOWN_TUTOR = 0.005;

export function* sessionRows(
  specs: readonly ContractSpec[],
  plan: EnrollmentPlan,
  pop: Population,
  seed: Prng,
): Generator<SessionRow> {
  const width = Math.max(3, String(plan.tutors).length);
  const tutorIds = Array.from({ length: plan.tutors }, (_, t) => `T${pad(t + 1, width)}`);
  const dates = new DayFormatter("2024-09-01", "2025-06-30");
  const end = day(PERIOD_END);
  for (let c = 0; c < specs.length; c++) {
    const spec = specs[c];
    const roster = plan.rosters[c];
    if (spec === undefined || roster === undefined) continue;
    const rng = seed.derive(`sessions:${spec.contractId}`);
    const edtech = spec.service === "edtech";
    const tutorOf = (t: number): string => tutorIds[roster.tutorBase + t] ?? "";
    let sessionNumber = 0;
    for (let k = 0; k < roster.students.length; k++) {
      const studentId = pop.ids[roster.students[k] ?? 0] ?? "";
      const count = roster.sessions[k] ?? 0;
      const noShow = roster.noShow[k] ?? 0;
      const first = roster.enrolledOn[k] ?? end;
      const exited = roster.exitedOn[k] ?? -1;
      const last = exited >= 0 ? exited : end;
      // Most students keep one tutor; some are passed around (the consistency metric).
      const primary = edtech ? -1 : rng.int(0, roster.tutorCount - 1);
      const loyalty = rng.bernoulli(0.7) ? rng.range(0.85, 1) : rng.range(0.4, 0.8);
      const usualGroup = edtech ? 1 : rng.weightedIndex(spec.groupWeights) + 1;
      const days = new Int32Array(count);
      for (let j = 0; j < count; j++) days[j] = schoolDay(rng.int(first, last), rng);
      days.sort();
      for (let j = 0; j < count; j++) {
        const date = rng.bernoulli(LATE_LOG) ? end + rng.int(1, 14) : (days[j] ?? first);
        const attended = !rng.bernoulli(noShow);
        // A no-show is logged with zero minutes or with the booked length: both count for nothing.
        const booked = clamp(spec.nominalMinutes + 5 * rng.int(-2, 2), 15, 60);
        const minutes = attended ? (rng.bernoulli(0.03) ? 15 : booked) : rng.bernoulli(0.5) ? 0 : booked;
        let tutor = "";
        if (!edtech && !rng.bernoulli(UNKNOWN_TUTOR)) {
          tutor = tutorOf(rng.bernoulli(loyalty) ? primary : rng.int(0, roster.tutorCount - 1));
        }
        const group = edtech ? 1 : rng.bernoulli(0.85) ? usualGroup : rng.int(1, 4);
        sessionNumber++;
        yield {
          session_id: `X${sessionNumber}`,
          contract_id: spec.contractId,
          student_id: studentId,
          tutor_id: tutor,
          session_date: dates.format(date),
          minutes: String(minutes),
          attended: attended ? "true" : "false",
          // Vendors leave the group size out now and then; it is optional.
          group_size: rng.bernoulli(0.01) ? "" : String(group),
        };
      }
    }
  }
}

/** Sessions happen on school days; a weekend draw mostly moves to the nearest weekday. */
function schoolDay(days: number, rng: Prng): number {
  const w = weekday(days);
  if ((w !== 0 && w !== 6) || rng.bernoulli(0.1)) return days;
  return w === 6 ? days - 1 : days + 1;
}
