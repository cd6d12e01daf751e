/**
 * A page of a district's students, in student-id byte order, with the fields the acting
 * organization may see, and the read in the audit log (`students.read`, with the count)
 * in the same transaction.
 *
 * - The district sees every column.
 * - A vendor sees only the students enrolled in its contracts (row-level security does
 *   the narrowing) and only what serving them needs: id, school and grade, and a subgroup
 *   flag only when a contract it serves the student under pays by that flag. Gender and
 *   race/ethnicity are never read for a vendor.
 */
import type { SqlRunner } from "../ports/db.js";
import type { Actor } from "../auth/actor.js";
import { actorAudit } from "../auth/actor-audit.js";
import { appendAudit } from "../audit-log.js";
import type { SubgroupFlag } from "../../core/terms/types.js";
import { contractSubgroupFlags } from "./subgroup-flags.js";

export interface StudentView {
  readonly studentId: string;
  readonly schoolId: string;
  readonly grade: string;
  /** District only. */
  readonly gender?: string | null;
  readonly raceEthnicity?: string | null;
  /** The district sees all three; a vendor those its contracts with the student pay by. */
  readonly economicallyDisadvantaged?: boolean;
  readonly englishLearner?: boolean;
  readonly specialEducation?: boolean;
}

export interface StudentPage {
  readonly items: readonly StudentView[];
  readonly nextKey: string | null;
}

type Raw = {
  student_id: string;
  school_id: string;
  grade: string;
  gender?: string | null;
  race_ethnicity?: string | null;
  economically_disadvantaged: boolean;
  english_learner: boolean;
  special_education: boolean;
};

const FLAG_COLUMNS: readonly [
  SubgroupFlag,
  "economically_disadvantaged" | "english_learner" | "special_education",
][] = [
  ["economicallyDisadvantaged", "economically_disadvantaged"],
  ["englishLearner", "english_learner"],
  ["specialEducation", "special_education"],
];

export async function listStudents(
  tx: SqlRunner,
  request: {
    readonly actor: Actor;
    readonly at: Date;
    readonly districtId: string;
    readonly after: string | null;
    readonly limit: number;
  },
): Promise<StudentPage> {
  const { actor, districtId, limit } = request;
  const vendor = actor.orgKind !== "district";
  const rows = await tx.query<Raw>(
    `SELECT student_id, school_id, grade, ${vendor ? "" : "gender, race_ethnicity,"}
            economically_disadvantaged, english_learner, special_education
       FROM students
      WHERE district_id = $1 AND ($2::text IS NULL OR student_id COLLATE "C" > $2::text COLLATE "C")
      ORDER BY student_id COLLATE "C" LIMIT ${limit + 1}`,
    [districtId, request.after],
  );
  const page = rows.slice(0, limit);
  const shown = vendor ? await vendorFlags(tx, districtId, page) : null;
  const items = page.map((r): StudentView => {
    const base = { studentId: r.student_id, schoolId: r.school_id, grade: r.grade };
    const flags = shown?.get(r.student_id) ?? null;
    if (shown === null)
      return {
        ...base,
        gender: r.gender ?? null,
        raceEthnicity: r.race_ethnicity ?? null,
        economicallyDisadvantaged: r.economically_disadvantaged,
        englishLearner: r.english_learner,
        specialEducation: r.special_education,
      };
    const view: { -readonly [K in keyof StudentView]: StudentView[K] } = { ...base };
    for (const [flag, column] of FLAG_COLUMNS) if (flags?.has(flag) === true) view[flag] = r[column];
    return view;
  });
  await appendAudit(
    tx,
    {
      ...actorAudit(
        actor,
        "students.read",
        { type: "district", id: districtId },
        { count: items.length, view: vendor ? "vendor" : "district" },
      ),
      districtId,
    },
    request.at,
  );
  const last = items.at(-1);
  return { items, nextKey: rows.length > limit && last !== undefined ? last.studentId : null };
}

/** Per student of the page, the flags the vendor's contracts serving the student pay by. */
async function vendorFlags(
  tx: SqlRunner,
  districtId: string,
  page: readonly Raw[],
): Promise<Map<string, Set<SubgroupFlag>>> {
  const byContract = await contractSubgroupFlags(tx, districtId);
  const shown = new Map<string, Set<SubgroupFlag>>();
  if (![...byContract.values()].some((flags) => flags.size > 0)) return shown;
  const enrolled = await tx.query<{ student_id: string; contract_id: string }>(
    `SELECT student_id, contract_id FROM enrollments
      WHERE district_id = $1 AND student_id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    [districtId, JSON.stringify(page.map((r) => r.student_id))],
  );
  for (const { student_id, contract_id } of enrolled) {
    const flags = shown.get(student_id) ?? new Set<SubgroupFlag>();
    for (const flag of byContract.get(contract_id) ?? []) flags.add(flag);
    shown.set(student_id, flags);
  }
  return shown;
}
