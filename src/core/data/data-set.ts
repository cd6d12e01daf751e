/**
 * The valid data rows of one settlement run, held for the contracts being settled.
 *
 * Rows arrive in file order (students first, since enrollments must name a known
 * student). Duplicate-key rules of data-v1 are applied here, on all rows, before any
 * settlement filter: later students, enrollments, obligation statuses and sessions with
 * a repeated id replace earlier ones. Rows of other contracts are validated by the
 * caller but not kept, except that they still count in the reading report.
 */
import type { Terms } from "../terms/types.js";
import type { IsoDate } from "../date.js";
import type {
  StudentRecord,
  EnrollmentRecord,
  AssessmentRecord,
  SessionRecord,
  ObligationStatusRecord,
  PaymentRecord,
} from "./records.js";
import { SessionLog, Interner, dateKey, type SessionStats, type SessionColumns } from "./session-log.js";

export function windowKey(assessment: string, subject: string, window: string): string {
  return `${assessment}\u0000${subject.toLowerCase()}\u0000${window}`;
}

export type RowRuleError = { readonly field: string; readonly code: string; readonly message: string };

export class DataSet {
  private readonly students = new Map<string, StudentRecord>();
  private readonly enrollments = new Map<string, Map<string, Enrolled>>();
  /** Student -> their rows in the windows the contracts name, in read order. */
  private readonly assessments = new Map<string, AssessmentRecord[]>();
  /** Window keys the contracts name. */
  private readonly wantedWindows = new Set<string>();
  /** assessment -> window -> subject as written -> whether a contract names it (no key built per row). */
  private readonly windowLookup = new Map<string, Map<string, Map<string, boolean>>>();
  private readonly sessions = new Map<string, SessionLog>();
  /** Contract -> student index -> stats, for contracts whose sessions came counted. */
  private readonly sessionCounts = new Map<string, Map<number, SessionStats>>();
  private readonly obligationStatuses = new Map<string, Map<string, ObligationStatusRecord>>();
  private readonly payments = new Map<string, PaymentRecord[]>();
  private readonly studentIds = new Interner();
  private readonly tutorIds = new Interner();
  private readonly terms: ReadonlyMap<string, Terms>;

  constructor(contracts: readonly Terms[]) {
    this.terms = new Map(contracts.map((t) => [t.contractId, t]));
    for (const t of contracts) {
      this.enrollments.set(t.contractId, new Map());
      this.sessions.set(t.contractId, new SessionLog());
      this.obligationStatuses.set(t.contractId, new Map());
      this.payments.set(t.contractId, []);
      for (const w of t.windows) this.wantedWindows.add(windowKey(w.assessment, w.subject, w.window));
    }
  }

  /**
   * One instance of each repeated text (schools, windows, dates, ...): a district's
   * records repeat a few hundred distinct values hundreds of thousands of times, and
   * shared strings keep the heap, and so the garbage collector's work, small.
   */
  private readonly texts = new Map<string, string>();

  private canon(text: string): string {
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    this.texts.set(text, text);
    return text;
  }

  private canonOrNull(text: string | null): string | null {
    return text === null ? null : this.canon(text);
  }

  addStudent(row: StudentRecord): void {
    this.students.set(row.studentId, {
      ...row,
      schoolId: this.canon(row.schoolId),
      gender: this.canonOrNull(row.gender),
      raceEthnicity: this.canonOrNull(row.raceEthnicity),
    });
  }

  /** Students must all be added first: the enrollment keeps the student it names. */
  addEnrollment(row: EnrollmentRecord): RowRuleError | null {
    const student = this.students.get(row.studentId);
    if (student === undefined) {
      return {
        field: "student_id",
        code: "unknown-student",
        message: `no student ${JSON.stringify(row.studentId)} in students.csv`,
      };
    }
    const contract = this.enrollments.get(row.contractId);
    if (contract !== undefined) {
      // The student's test rows, filled as assessments.csv is read: settlement then
      // needs no lookup per student in maps of a whole district.
      let tests = this.assessments.get(row.studentId);
      if (tests === undefined) this.assessments.set(row.studentId, (tests = []));
      const enrollment = {
        ...row,
        contractId: this.canon(row.contractId),
        enrolledOn: this.canon(row.enrolledOn) as IsoDate,
        exitedOn: this.canonOrNull(row.exitedOn) as IsoDate | null,
      };
      contract.set(row.studentId, { enrollment, student, tests });
    }
    return null;
  }

  addAssessment(row: AssessmentRecord): void {
    let windows = this.windowLookup.get(row.assessment);
    if (windows === undefined) this.windowLookup.set(row.assessment, (windows = new Map()));
    let subjects = windows.get(row.window);
    if (subjects === undefined) windows.set(row.window, (subjects = new Map()));
    let wanted = subjects.get(row.subject);
    if (wanted === undefined) {
      wanted = this.wantedWindows.has(windowKey(row.assessment, row.subject, row.window));
      subjects.set(row.subject, wanted);
    }
    if (!wanted) return;
    const kept: AssessmentRecord = {
      ...row,
      assessment: this.canon(row.assessment),
      subject: this.canon(row.subject),
      window: this.canon(row.window),
      testDate: this.canon(row.testDate) as IsoDate,
    };
    const rows = this.assessments.get(row.studentId);
    if (rows === undefined) this.assessments.set(row.studentId, [kept]);
    else rows.push(kept);
  }

  addSession(row: SessionRecord): void {
    const log = this.sessions.get(row.contractId);
    if (log === undefined) return;
    const tutor = row.tutorId === null ? -1 : this.tutorIds.intern(row.tutorId);
    log.add(
      row.sessionId,
      this.studentIds.intern(row.studentId),
      tutor,
      dateKey(row.sessionDate),
      row.minutes,
      row.attended,
    );
  }

  /**
   * A student's attended sessions already counted (a stored rollup), all inside the
   * counting range the contract will be settled on. A contract's sessions come either
   * as rows (`addSession`) or as counts, not both; a later count for the same student
   * replaces the earlier.
   */
  addSessionStats(contractId: string, studentId: string, stats: SessionStats): void {
    if (!this.terms.has(contractId)) return;
    let counted = this.sessionCounts.get(contractId);
    if (counted === undefined) this.sessionCounts.set(contractId, (counted = new Map()));
    counted.set(this.studentIds.intern(studentId), stats);
  }

  /** The session logs of this data set's contracts, with the id tables their indexes refer to. */
  exportSessions(): ExportedSessions {
    return {
      logs: [...this.sessions].map(([contractId, log]) => ({ contractId, columns: log.columns() })),
      studentIds: this.studentIds.ids,
      tutorIds: this.tutorIds.ids,
    };
  }

  /** Takes over session logs read by another data set (another thread) of the same contracts. */
  adoptSessions(exported: ExportedSessions): void {
    const studentMap = Int32Array.from(exported.studentIds, (id) => this.studentIds.intern(id));
    const tutorMap = Int32Array.from(exported.tutorIds, (id) => this.tutorIds.intern(id));
    for (const { contractId, columns } of exported.logs) {
      const current = this.sessions.get(contractId);
      if (current === undefined || columns.length === 0) continue;
      if (current.rows > 0) throw new Error(`sessions of ${contractId} read twice`);
      this.sessions.set(contractId, SessionLog.fromColumns(columns, studentMap, tutorMap));
    }
  }

  /** A status row must name a manual obligation of its contract (for the contracts known here). */
  addObligationStatus(row: ObligationStatusRecord): RowRuleError | null {
    const terms = this.terms.get(row.contractId);
    if (terms === undefined) return null;
    const obligation = terms.obligations.find((o) => o.id === row.obligationId);
    if (obligation === undefined) {
      return {
        field: "obligation_id",
        code: "unknown-obligation",
        message: `contract ${row.contractId} has no obligation ${JSON.stringify(row.obligationId)}`,
      };
    }
    if (obligation.measure.kind !== "manual") {
      return {
        field: "obligation_id",
        code: "not-manual",
        message: `obligation ${row.obligationId} is measured from the data (${obligation.measure.kind}); its status cannot be set by hand`,
      };
    }
    this.obligationStatuses.get(row.contractId)?.set(row.obligationId, row);
    return null;
  }

  addPayment(row: PaymentRecord): void {
    this.payments.get(row.contractId)?.push(row);
  }

  /** A contract's enrolled students with their rows (after duplicate rules; in no particular order). */
  enrolledIn(contractId: string): Enrolled[] {
    return [...(this.enrollments.get(contractId)?.values() ?? [])];
  }

  /**
   * A contract's session rows counted per student for data quality: the rows that count
   * (a row replaced by a later one with its session id left out), those dated outside
   * `from .. to`, and whether students.csv knows the student. Empty for a contract whose
   * sessions came counted (`addSessionStats`).
   */
  sessionRowCounts(contractId: string, from: string, to: string): SessionRowCount[] {
    const log = this.sessions.get(contractId);
    if (log === undefined) return [];
    return [...log.rowCounts(dateKey(from), dateKey(to))].map(([index, c]) => {
      const studentId = this.studentIds.ids[index] ?? "";
      return { studentId, ...c, known: this.students.has(studentId) };
    });
  }

  /** Everything one contract's settlement reads, with sessions counted over `[from, to]`. */
  contractData(contractId: string, from: string, to: string): ContractData {
    const enrollments = this.enrolledIn(contractId);
    const stats =
      this.sessionCounts.get(contractId) ??
      this.sessions.get(contractId)?.stats(dateKey(from), dateKey(to), this.tutorIds.size) ??
      new Map<number, SessionStats>();
    const statuses = this.obligationStatuses.get(contractId) ?? new Map<string, ObligationStatusRecord>();
    return {
      enrollments,
      sessionStats: (id) => stats.get(this.studentIds.indexOf(id)) ?? NO_SESSIONS,
      obligationStatus: (id) => statuses.get(id)?.status,
      payments: this.payments.get(contractId) ?? [],
    };
  }
}

export interface ExportedSessions {
  readonly logs: readonly { readonly contractId: string; readonly columns: SessionColumns }[];
  readonly studentIds: readonly string[];
  readonly tutorIds: readonly string[];
}

/** An enrollment with the student it names and the student's test rows in the contracts' windows. */
export interface Enrolled {
  readonly enrollment: EnrollmentRecord;
  readonly student: StudentRecord;
  /** In read order (later line, later file last). */
  readonly tests: readonly AssessmentRecord[];
}

export interface SessionRowCount {
  readonly studentId: string;
  readonly sessions: number;
  readonly outsidePeriod: number;
  /** Whether the student is in students.csv. */
  readonly known: boolean;
}

const NO_SESSIONS: SessionStats = { sessions: 0, minutes: 0, topTutorSessions: 0 };

/** The settlement's view of the data of one contract. */
export interface ContractData {
  /** After duplicate rules; in no particular order. */
  readonly enrollments: readonly Enrolled[];
  sessionStats(studentId: string): SessionStats;
  obligationStatus(obligationId: string): "met" | "notMet" | undefined;
  readonly payments: readonly PaymentRecord[];
}
