/**
 * A generated district's year of data for contract c1 of district d1 (served by v1), as
 * the API tests of statements and evidence use it: the canonical files written to a
 * folder with the terms the harness recorded for d1/c1, imported into the world's store,
 * and the statement the offline settlement gives on the same terms and files.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { importFile } from "../../src/adapters/csv/import-file.js";
import { writeCsv } from "../../src/adapters/csv/write-data-dir.js";
import { offlineFiles } from "../../src/adapters/files/offline-files.js";
import { importCanonicalFile } from "../../src/app/import-canonical-file.js";
import { settleOffline } from "../../src/app/settle-offline.js";
import { generateDistrict } from "../../src/core/demo/generate-district.js";
import {
  ASSESSMENT_COLUMNS,
  ENROLLMENT_COLUMNS,
  OBLIGATION_COLUMNS,
  PAYMENT_COLUMNS,
  SESSION_COLUMNS,
  STUDENT_COLUMNS,
} from "../../src/core/demo/rows.js";
import { statementToJson, type StatementJson } from "../../src/shared/statement-json.js";
import { termsFor, type ApiWorld } from "./harness.js";

export type FileKind = "students" | "enrollments" | "assessments" | "sessions" | "obligations" | "payments";

export interface GeneratedContract {
  /** The folder of the canonical files. */
  readonly dataDir: string;
  /** The terms file, exactly the terms the harness recorded for d1/c1. */
  readonly termsPath: string;
  readonly kinds: readonly FileKind[];
}

/** Writes `kinds` of a generated district of `students` (seed "api"), every contract row as c1's. */
export async function writeGeneratedContract(
  dir: string,
  students: number,
  kinds: readonly FileKind[],
): Promise<GeneratedContract> {
  const district = generateDistrict({ students, seed: "api", contracts: 1 });
  const asC1 = <R extends { contract_id: string }>(rows: Iterable<R>) =>
    [...rows].map((r) => ({ ...r, contract_id: "c1" }));
  const dataDir = join(dir, "data");
  await mkdir(dataDir, { recursive: true });
  const file = (kind: FileKind) => join(dataDir, `${kind}.csv`);
  for (const kind of kinds) {
    if (kind === "students") await writeCsv(file(kind), STUDENT_COLUMNS, district.students());
    if (kind === "enrollments") await writeCsv(file(kind), ENROLLMENT_COLUMNS, asC1(district.enrollments()));
    if (kind === "assessments") await writeCsv(file(kind), ASSESSMENT_COLUMNS, district.assessments());
    if (kind === "sessions") await writeCsv(file(kind), SESSION_COLUMNS, asC1(district.sessions()));
    if (kind === "obligations") await writeCsv(file(kind), OBLIGATION_COLUMNS, asC1(district.obligations()));
    if (kind === "payments") await writeCsv(file(kind), PAYMENT_COLUMNS, asC1(district.payments()));
  }
  const termsPath = join(dir, "c1.json");
  await writeFile(termsPath, JSON.stringify(termsFor("d1", "c1", "v1"), null, 2));
  return { dataDir, termsPath, kinds };
}

/** Imports one file into district d1's store; any rejected row fails the test. */
export async function importInto(world: ApiWorld, path: string): Promise<void> {
  const result = await importCanonicalFile(world.db, importFile(path), {
    districtId: "d1",
    format: null,
    importedBy: "test",
  });
  if (result.kind !== "imported" || result.rejected > 0) throw new Error(`${path}: ${result.kind}`);
}

/** Imports every file written, in dependency order (students first). */
export async function importGeneratedContract(world: ApiWorld, generated: GeneratedContract): Promise<void> {
  for (const kind of generated.kinds) await importInto(world, join(generated.dataDir, `${kind}.csv`));
}

/** The statement `accord settle` gives on the same terms and files, at the period end. */
export async function offlineStatement(generated: GeneratedContract): Promise<StatementJson> {
  const offline = await settleOffline(offlineFiles, {
    termsPath: generated.termsPath,
    dataDir: generated.dataDir,
    asOf: null,
    allowRejects: false,
  });
  if (offline.kind !== "settled") throw new Error(offline.kind);
  const settled = offline.settled[0];
  if (settled === undefined) throw new Error("the offline settlement gave no statement");
  return statementToJson(settled.statement);
}
