/**
 * The order in which the files of one `accord import` are imported: by the kind of
 * record they yield, in data-v1's dependency order (students, enrollments, assessments,
 * sessions, obligations, payments), because a row naming a student or contract the
 * store lacks is rejected. An export that carries students with its rows (i-Ready with
 * subgroup columns) comes with the students, after the files that are only students,
 * since it adds only students those lack. Otherwise the order given is kept; files
 * whose format cannot be told come last (their import says why).
 */
import { DATA_FILE_KINDS, type DataFileKind } from "../data/records.js";

export interface Orderable {
  /** The kind of the records the file yields; null when its format cannot be told. */
  readonly kind: DataFileKind | null;
  readonly carriesStudents: boolean;
}

function rank(entry: Orderable): number {
  if (entry.kind === null) return 2 * DATA_FILE_KINDS.length;
  if (entry.carriesStudents) return 1;
  const at = DATA_FILE_KINDS.indexOf(entry.kind);
  return at === 0 ? 0 : 2 * at;
}

/** The entries in import order; a stable sort, so equal ranks keep the order given. */
export function importOrder<T extends Orderable>(entries: readonly T[]): T[] {
  return entries
    .map((entry, i) => ({ entry, i, rank: rank(entry) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((e) => e.entry);
}
