/**
 * Columnar store of the session rows of the contracts being settled: typed arrays,
 * about 24 bytes a row, so millions of sessions fit in bounded memory. A repeated
 * `session_id` within a contract replaces the earlier row (data-v1), which is kept but
 * marked dead, so the replacement is applied before any filter (settlement-v1).
 */
export interface SessionStats {
  /** Attended sessions in the counting range. */
  readonly sessions: number;
  readonly minutes: number;
  /** Sessions with the student's most frequent non-empty tutor. */
  readonly topTutorSessions: number;
}

/** `YYYY-MM-DD` (already validated) to the integer yyyymmdd, which orders like the date. */
export function dateKey(date: string): number {
  let key = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    key = key * 10 + (date.charCodeAt(i) - 48);
  }
  return key;
}

/**
 * Whether a session id comes after `previous` in the order listed ids increase: by
 * length, then text ("X9" < "X10"). While each id of a contract comes after the one
 * before it, no id can have repeated.
 */
export function listedAfter(id: string, previous: string): boolean {
  return id.length !== previous.length ? id.length > previous.length : id > previous;
}

export class Interner {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();

  private lastId = "";
  private lastAt = -1;

  intern(id: string): number {
    // Session files list a student's sessions together: the last id is the likely one.
    if (id === this.lastId && this.lastAt >= 0) return this.lastAt;
    let at = this.index.get(id);
    if (at === undefined) {
      at = this.ids.length;
      this.ids.push(id);
      this.index.set(id, at);
    }
    this.lastId = id;
    this.lastAt = at;
    return at;
  }

  get size(): number {
    return this.ids.length;
  }

  /** The index of an id, or -1 when it was never interned. */
  indexOf(id: string): number {
    return this.index.get(id) ?? -1;
  }
}

/** The typed-array columns of a session log, to move it between threads. */
export interface SessionColumns {
  readonly length: number;
  readonly student: Int32Array;
  readonly tutor: Int32Array;
  readonly date: Int32Array;
  readonly minutes: Int32Array;
  readonly flags: Uint8Array;
}

export class SessionLog {
  private length = 0;
  private student: Int32Array = new Int32Array(1024);
  private tutor: Int32Array = new Int32Array(1024);
  private date: Int32Array = new Int32Array(1024);
  private minutes: Int32Array = new Int32Array(1024);
  /** bit 0: attended; bit 1: replaced by a later row with the same session id. */
  private flags: Uint8Array = new Uint8Array(1024);
  /**
   * Session ids -> row, built only once ids stop increasing. While every id is greater
   * than the one before (by length, then text: "X9" < "X10"), no id can repeat, so the
   * ids and their rows are only listed, which costs far less than a map of millions.
   */
  private bySessionId: Map<string, number> | null = null;
  private idList: string[] = [];
  private idRows: number[] = [];
  private lastId = "";

  get rows(): number {
    return this.length;
  }

  private grow(): void {
    const size = this.student.length * 2;
    const widen = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.student = widen(this.student, (n) => new Int32Array(n));
    this.tutor = widen(this.tutor, (n) => new Int32Array(n));
    this.date = widen(this.date, (n) => new Int32Array(n));
    this.minutes = widen(this.minutes, (n) => new Int32Array(n));
    this.flags = widen(this.flags, (n) => new Uint8Array(n));
  }

  add(
    sessionId: string | null,
    student: number,
    tutor: number,
    date: number,
    minutes: number,
    attended: boolean,
  ): void {
    if (this.sealed) throw new Error("rows added to a session log read on another thread");
    if (this.length === this.student.length) this.grow();
    const row = this.length++;
    this.student[row] = student;
    this.tutor[row] = tutor;
    this.date[row] = date;
    this.minutes[row] = minutes;
    this.flags[row] = attended ? 1 : 0;
    if (sessionId !== null) this.keepSessionId(sessionId, row);
  }

  private keepSessionId(sessionId: string, row: number): void {
    if (this.bySessionId === null) {
      const last = this.lastId;
      if (this.idList.length === 0 || listedAfter(sessionId, last)) {
        this.idList.push(sessionId);
        this.idRows.push(row);
        this.lastId = sessionId;
        return;
      }
      // Out of order: from here on, repeats are possible; index what was listed.
      this.bySessionId = new Map();
      for (let i = 0; i < this.idList.length; i++)
        this.bySessionId.set(this.idList[i] ?? "", this.idRows[i] ?? 0);
      this.idList = [];
      this.idRows = [];
    }
    const earlier = this.bySessionId.get(sessionId);
    if (earlier !== undefined) this.flags[earlier] = (this.flags[earlier] ?? 0) | 2;
    this.bySessionId.set(sessionId, row);
  }

  /** The rows so far; replaced rows stay marked dead. */
  columns(): SessionColumns {
    const n = this.length;
    return {
      length: n,
      student: this.student.slice(0, n),
      tutor: this.tutor.slice(0, n),
      date: this.date.slice(0, n),
      minutes: this.minutes.slice(0, n),
      flags: this.flags.slice(0, n),
    };
  }

  /**
   * A log made from columns read elsewhere, with their student and tutor indexes
   * translated through `studentMap` / `tutorMap` (unknown tutor -1 stays -1). No row
   * may be added to it afterwards: it has no session ids.
   */
  static fromColumns(c: SessionColumns, studentMap: Int32Array, tutorMap: Int32Array): SessionLog {
    const log = new SessionLog();
    log.length = c.length;
    log.student = c.student.map((s) => studentMap[s] ?? -1);
    log.tutor = c.tutor.map((t) => (t < 0 ? -1 : (tutorMap[t] ?? -1)));
    log.date = c.date;
    log.minutes = c.minutes;
    log.flags = c.flags;
    log.sealed = true;
    return log;
  }

  private sealed = false;

  /**
   * Attended, live sessions with `from <= date <= to` (yyyymmdd keys), per student index.
   * `tutorCount` bounds the tutor indexes (-1 = unknown tutor, counted in no tutor's favour).
   */
  stats(from: number, to: number, tutorCount: number): Map<number, SessionStats> {
    const sessions = new Map<number, { sessions: number; minutes: number; topTutorSessions: number }>();
    const perTutor = new Map<number, number>();
    const stride = tutorCount + 1;
    for (let row = 0; row < this.length; row++) {
      if (this.flags[row] !== 1) continue;
      const d = this.date[row] ?? 0;
      if (d < from || d > to) continue;
      const s = this.student[row] ?? 0;
      let acc = sessions.get(s);
      if (acc === undefined) {
        acc = { sessions: 0, minutes: 0, topTutorSessions: 0 };
        sessions.set(s, acc);
      }
      acc.sessions++;
      acc.minutes += this.minutes[row] ?? 0;
      const t = this.tutor[row] ?? -1;
      if (t >= 0) {
        const key = s * stride + t;
        const count = (perTutor.get(key) ?? 0) + 1;
        perTutor.set(key, count);
        if (count > acc.topTutorSessions) acc.topTutorSessions = count;
      }
    }
    return sessions;
  }

  /**
   * Per student index, for data quality: the live rows (attended or not; replaced rows
   * left out, as an import leaves them out) and those dated outside `from .. to`
   * (yyyymmdd keys).
   */
  rowCounts(from: number, to: number): Map<number, { sessions: number; outsidePeriod: number }> {
    const counts = new Map<number, { sessions: number; outsidePeriod: number }>();
    for (let row = 0; row < this.length; row++) {
      if (((this.flags[row] ?? 0) & 2) !== 0) continue;
      const s = this.student[row] ?? 0;
      let acc = counts.get(s);
      if (acc === undefined) counts.set(s, (acc = { sessions: 0, outsidePeriod: 0 }));
      acc.sessions++;
      const d = this.date[row] ?? 0;
      if (d < from || d > to) acc.outsidePeriod++;
    }
    return counts;
  }
}
