/**
 * Session rollups (table session_rollups): per contract and student, the attended
 * sessions inside the contract's period (of its latest terms), their minutes, their
 * first and last dates, and the sessions per tutor.
 *
 * An import counts its attended sessions in memory (`RollupDeltas`: one entry per
 * contract and student of the file, whatever its number of rows) and, at its end,
 * rewrites the rollups of the contracts it touched: the stored ones plus its own counts
 * (`mergeRollups`). When stored sessions were deleted (a repeated session id replaced a
 * stored row), the touched contracts' rollups are recomputed from the sessions instead
 * (`rebuildRollups`).
 */
import type { SqlRunner } from "./ports/db.js";
import type { SessionRecord } from "../core/data/records.js";
import { copyField } from "./copy-text.js";

export interface Rollup {
  sessions: number;
  minutes: number;
  firstOn: string;
  lastOn: string;
  /** Tutor ids, and the attended sessions with each (a student has few tutors: arrays cost less than a map). */
  readonly tutorIds: string[];
  readonly tutorSessions: number[];
}

function addTutor(r: Rollup, tutorId: string, sessions: number): void {
  const at = r.tutorIds.indexOf(tutorId);
  if (at >= 0) r.tutorSessions[at] = (r.tutorSessions[at] ?? 0) + sessions;
  else {
    r.tutorIds.push(tutorId);
    r.tutorSessions.push(sessions);
  }
}

function tutorsJson(r: Rollup): string {
  const tutors: Record<string, number> = {};
  r.tutorIds.forEach((id, i) => (tutors[id] = r.tutorSessions[i] ?? 0));
  return JSON.stringify(tutors);
}

const COLUMNS = [
  "district_id",
  "contract_id",
  "student_id",
  "sessions",
  "minutes",
  "first_on",
  "last_on",
  "tutor_sessions",
  "top_tutor_sessions",
  "counted_from",
  "counted_to",
];

export interface Period {
  readonly start: string;
  readonly end: string;
}

/**
 * The period of each contract's latest approved terms version, the one settlement applies
 * (a contract with none approved yet, a draft: its latest version); every contract of the
 * district when `contractIds` is null.
 */
export async function contractPeriods(
  tx: SqlRunner,
  districtId: string,
  contractIds: readonly string[] | null,
): Promise<Map<string, Period>> {
  const rows = await tx.query<{ contract_id: string; start: string; end: string }>(
    `SELECT DISTINCT ON (contract_id) contract_id,
            terms->'period'->>'start' AS start, terms->'period'->>'end' AS "end"
       FROM contract_terms_versions
      WHERE district_id = $1
        AND ($2::jsonb IS NULL OR contract_id IN (SELECT jsonb_array_elements_text($2::jsonb)))
      ORDER BY contract_id, status = 'approved' DESC, version DESC`,
    [districtId, contractIds === null ? null : JSON.stringify(contractIds)],
  );
  return new Map(rows.map((r) => [r.contract_id, { start: r.start, end: r.end }]));
}

/** Rows of COPY text a statement. */
const COPY_ROWS = 20_000;

export class RollupDeltas {
  /** Contract -> student -> counts. */
  private readonly byContract = new Map<string, Map<string, Rollup>>();
  private lastContract = "";
  private lastStudents: Map<string, Rollup> | null = null;

  constructor(private readonly periods: ReadonlyMap<string, Period>) {}

  /** Counts one attended session, if it lies inside its contract's period. */
  add(r: SessionRecord): void {
    this.addSession(r.contractId, r.studentId, r.tutorId, r.sessionDate, r.minutes);
  }

  /** `add` for a session given by its values (no record built: this runs for millions of rows). */
  addSession(
    contractId: string,
    studentId: string,
    tutorId: string | null,
    sessionDate: string,
    minutes: number,
  ): void {
    const period = this.periods.get(contractId);
    if (period === undefined || sessionDate < period.start || sessionDate > period.end) return;
    // Session files list a contract's rows together: the last contract is the likely one.
    let students = contractId === this.lastContract ? this.lastStudents : null;
    if (students === null) {
      students = this.byContract.get(contractId) ?? null;
      if (students === null) this.byContract.set(contractId, (students = new Map()));
      this.lastContract = contractId;
      this.lastStudents = students;
    }
    const rollup = students.get(studentId);
    if (rollup === undefined) {
      students.set(studentId, {
        sessions: 1,
        minutes,
        firstOn: sessionDate,
        lastOn: sessionDate,
        tutorIds: tutorId === null ? [] : [tutorId],
        tutorSessions: tutorId === null ? [] : [1],
      });
      return;
    }
    rollup.sessions++;
    rollup.minutes += minutes;
    if (sessionDate < rollup.firstOn) rollup.firstOn = sessionDate;
    if (sessionDate > rollup.lastOn) rollup.lastOn = sessionDate;
    if (tutorId !== null) addTutor(rollup, tutorId, 1);
  }

  get contracts(): readonly string[] {
    return [...this.byContract.keys()];
  }

  /** Rewrites the touched contracts' rollups as the stored ones plus these counts. */
  async mergeRollups(tx: SqlRunner, districtId: string): Promise<void> {
    if (this.byContract.size === 0) return;
    const ids = JSON.stringify(this.contracts);
    const stored = await tx.query<{
      contract_id: string;
      student_id: string;
      sessions: number;
      minutes: bigint;
      first_on: string;
      last_on: string;
      tutor_sessions: string;
      counted_from: string;
      counted_to: string;
    }>(
      `DELETE FROM session_rollups
        WHERE district_id = $1 AND contract_id IN (SELECT jsonb_array_elements_text($2::jsonb))
       RETURNING contract_id, student_id, sessions, minutes, first_on, last_on,
                 tutor_sessions::text AS tutor_sessions, counted_from, counted_to`,
      [districtId, ids],
    );
    for (const s of stored) {
      const period = this.periods.get(s.contract_id);
      // Terms record rebuilds the rollups when a new version changes the period.
      if (period?.start !== s.counted_from || period.end !== s.counted_to)
        throw new Error(`the rollups of contract ${s.contract_id} were counted over another period`);
      const students = this.byContract.get(s.contract_id);
      if (students === undefined) continue;
      const tutors = Object.entries(JSON.parse(s.tutor_sessions) as Record<string, number>);
      const mine = students.get(s.student_id);
      if (mine === undefined) {
        students.set(s.student_id, {
          sessions: s.sessions,
          minutes: Number(s.minutes),
          firstOn: s.first_on,
          lastOn: s.last_on,
          tutorIds: tutors.map(([id]) => id),
          tutorSessions: tutors.map(([, n]) => n),
        });
        continue;
      }
      mine.sessions += s.sessions;
      mine.minutes += Number(s.minutes);
      if (s.first_on < mine.firstOn) mine.firstOn = s.first_on;
      if (s.last_on > mine.lastOn) mine.lastOn = s.last_on;
      for (const [tutor, n] of tutors) addTutor(mine, tutor, n);
    }
    await this.copyAll(tx, districtId);
  }

  private async copyAll(tx: SqlRunner, districtId: string): Promise<void> {
    const district = copyField(districtId);
    let parts: string[] = [];
    for (const [contractId, students] of this.byContract) {
      const contract = copyField(contractId);
      const period = this.periods.get(contractId);
      if (period === undefined) throw new Error(`no period for contract ${contractId}`);
      const counted = `\t${period.start}\t${period.end}\n`;
      for (const [studentId, r] of students) {
        const tutors = `${copyField(tutorsJson(r))}\t${Math.max(0, ...r.tutorSessions)}`;
        parts.push(
          `${district}\t${contract}\t${copyField(studentId)}\t${r.sessions}\t${r.minutes}\t${r.firstOn}\t${r.lastOn}\t${tutors}${counted}`,
        );
        if (parts.length >= COPY_ROWS) {
          await tx.copyFrom("session_rollups", COLUMNS, parts.join(""));
          parts = [];
        }
      }
    }
    if (parts.length > 0) await tx.copyFrom("session_rollups", COLUMNS, parts.join(""));
    this.byContract.clear();
    this.lastStudents = null;
    this.lastContract = "";
  }
}

/** Recomputes the rollups of some contracts from their stored sessions and latest terms. */
export async function rebuildRollups(
  tx: SqlRunner,
  districtId: string,
  contractIds: readonly string[],
): Promise<void> {
  const ids = JSON.stringify(contractIds);
  await tx.query(
    `DELETE FROM session_rollups
      WHERE district_id = $1 AND contract_id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    [districtId, ids],
  );
  await tx.query(
    `INSERT INTO session_rollups
         (district_id, contract_id, student_id, sessions, minutes, first_on, last_on, tutor_sessions,
        top_tutor_sessions, counted_from, counted_to)
     SELECT district_id, contract_id, student_id, sum(n), sum(m), min(f), max(l),
            coalesce(jsonb_object_agg(tutor_id, n) FILTER (WHERE tutor_id IS NOT NULL), '{}'::jsonb),
            coalesce(max(n) FILTER (WHERE tutor_id IS NOT NULL), 0), period_start, period_end
       FROM (SELECT s.district_id, s.contract_id, s.student_id, s.tutor_id, p.period_start, p.period_end,
                    count(*) AS n, sum(s.minutes) AS m, min(s.session_date) AS f, max(s.session_date) AS l
               FROM service_sessions s
               JOIN (SELECT DISTINCT ON (contract_id) contract_id,
                            (terms->'period'->>'start')::date AS period_start,
                            (terms->'period'->>'end')::date AS period_end
                       FROM contract_terms_versions
                      WHERE district_id = $1 AND contract_id IN (SELECT jsonb_array_elements_text($2::jsonb))
                      ORDER BY contract_id, status = 'approved' DESC, version DESC) p ON p.contract_id = s.contract_id
              WHERE s.district_id = $1 AND s.attended
                AND s.session_date BETWEEN p.period_start AND p.period_end
              GROUP BY s.district_id, s.contract_id, s.student_id, s.tutor_id, p.period_start, p.period_end
            ) per_tutor
      GROUP BY district_id, contract_id, student_id, period_start, period_end`,
    [districtId, ids],
  );
}
