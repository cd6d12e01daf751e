/**
 * The alert mail tests' world: the API test world (districts d1 and d2, vendors v1 and
 * v2, one user per role) on Oct 15, 2024, plus contract c9 of d1 with v1, "Reading
 * tutoring at scale": 451 students enrolled of 1,200 planned (critical). Its students
 * come from a roster export that carries their names beside their ids, and the ids
 * themselves are name-like, so a mail that leaked student data would show a name.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { importFile } from "../../src/adapters/csv/import-file.js";
import { importCanonicalFile } from "../../src/app/import-canonical-file.js";
import { recordContract } from "../../src/app/record-contract.js";
import { termsFor, type ApiWorld } from "../api/harness.js";

const FAMILY = ["Garcia", "Okafor", "Lindqvist", "Tanaka", "Moreau"] as const;
const GIVEN = ["Maribel", "Chidi", "Astrid", "Haruto", "Eloise"] as const;

export const STUDENT_NAMES: readonly string[] = [...FAMILY, ...GIVEN];

/** `Garcia-Maribel-0001`, ...: 451 ids. */
export const C9_STUDENT_IDS: readonly string[] = Array.from(
  { length: 451 },
  (_, i) => `${FAMILY[i % 5] ?? ""}-${GIVEN[(i + 2) % 5] ?? ""}-${String(i + 1).padStart(4, "0")}`,
);

export async function seedC9(world: ApiWorld, root: string): Promise<void> {
  await mkdir(root, { recursive: true });
  const terms = {
    ...termsFor("d1", "c9", "v1"),
    title: "Reading tutoring at scale",
    period: { start: "2024-09-01", end: "2025-05-31" },
    expectedStudents: 1200,
    eligibility: { grades: ["8"] },
  };
  const text = JSON.stringify(terms, null, 2);
  const recorded = await recordContract(world.db, {
    source: { path: "c9.json", text, document: JSON.parse(text) as unknown, syntaxError: null },
    districtId: "d1",
    recordedBy: "test",
    reason: "signed",
  });
  if (recorded.kind === "invalid") throw new Error(JSON.stringify(recorded.problems));
  await writeFile(
    join(root, "students.csv"),
    "student_id,school_id,grade,first_name,last_name\n" +
      C9_STUDENT_IDS.map((id) => {
        const [family, given] = id.split("-");
        return `${id},sch1,8,${given ?? ""},${family ?? ""}\n`;
      }).join(""),
  );
  await writeFile(
    join(root, "enrollments.csv"),
    "contract_id,student_id,enrolled_on\n" + C9_STUDENT_IDS.map((id) => `c9,${id},2024-09-10\n`).join(""),
  );
  for (const kind of ["students", "enrollments"]) {
    const result = await importCanonicalFile(world.db, importFile(join(root, `${kind}.csv`)), {
      districtId: "d1",
      format: null,
      importedBy: "test",
    });
    if (result.kind !== "imported" || result.rejected > 0)
      throw new Error(`${kind}: ${JSON.stringify(result)}`);
  }
}
