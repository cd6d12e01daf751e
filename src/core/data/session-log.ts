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
}

export class SessionLog {
  private length = 0;
  private student = new Int32Array(1024);
  private tutor = new Int32Array(1024);
  private date = new Int32Array(1024);
  private minutes = new Int32Array(1024);
  /** bit 0: attended; bit 1: replaced by a later row with the same session id. */
  private flags = new Uint8Array(1024);
  private readonly bySessionId = new Map<string, number>();

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
    if (this.length === this.student.length) this.grow();
    const row = this.length++;
    this.student[row] = student;
    this.tutor[row] = tutor;
    this.date[row] = date;
    this.minutes[row] = minutes;
    this.flags[row] = attended ? 1 : 0;
    if (sessionId !== null) {
      const earlier = this.bySessionId.get(sessionId);
      if (earlier !== undefined) this.flags[earlier] = (this.flags[earlier] ?? 0) | 2;
      this.bySessionId.set(sessionId, row);
    }
  }

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
}
