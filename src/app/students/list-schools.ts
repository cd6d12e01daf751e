/**
 * A page of a district's schools in id byte order. Schools are not student-level data:
 * every organization that sees the district sees its schools (row-level security).
 */
import type { SqlRunner } from "../ports/db.js";

export interface SchoolRow {
  readonly schoolId: string;
  readonly name: string | null;
}

export async function listSchools(
  tx: SqlRunner,
  districtId: string,
  options: { readonly after: string | null; readonly limit: number },
): Promise<{ readonly items: readonly SchoolRow[]; readonly nextKey: string | null }> {
  const rows = await tx.query<{ school_id: string; name: string | null }>(
    `SELECT school_id, name FROM schools
      WHERE district_id = $1 AND ($2::text IS NULL OR school_id COLLATE "C" > $2::text COLLATE "C")
      ORDER BY school_id COLLATE "C" LIMIT ${options.limit + 1}`,
    [districtId, options.after],
  );
  const items = rows.slice(0, options.limit).map((r) => ({ schoolId: r.school_id, name: r.name }));
  const last = items.at(-1);
  return { items, nextKey: rows.length > options.limit && last !== undefined ? last.schoolId : null };
}
