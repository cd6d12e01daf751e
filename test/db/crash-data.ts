/**
 * The files the crash test imports, and what a complete import of each must store.
 *
 * A generated district's students.csv and assessments.csv (src/core/demo through
 * writeDataDir) with rejects planted at known rows: every 101st student has grade `13`
 * (bad-grade), every 97th assessment the date `2024-02-30` (bad-date), and the
 * assessments of rejected students are rejected as unknown-student. The expected counts
 * are worked out here from the plant, not read back from an import.
 *
 * Each trial imports two new files into the same district: `students-N.csv` (one new
 * student and one bad row; a small first file whose printed result marks the moment the
 * big import begins) and `assessments-N.csv` (the base assessments plus a row for the new
 * student, so that its SHA-256 differs from every other trial's).
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateDistrict } from "../../src/core/demo/generate-district.js";
import { writeDataDir } from "../../src/adapters/csv/write-data-dir.js";

export interface ExpectedFile {
  readonly path: string;
  readonly format: "students" | "assessments";
  readonly sha256: string;
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Sums of the source lines of the accepted and of the rejected rows. */
  readonly acceptedLineSum: number;
  readonly rejectedLineSum: number;
}

export interface CrashData {
  readonly students: ExpectedFile;
  /** The two files of trial `n`, written on first use. */
  trialFiles(n: number): readonly [ExpectedFile, ExpectedFile];
}

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

/** Counts of a file whose data rows start on line 2 and are rejected where `rejected(i)` (0-based). */
function expected(
  path: string,
  format: ExpectedFile["format"],
  text: string,
  rows: number,
  rejected: (i: number) => boolean,
): ExpectedFile {
  let accepted = 0;
  let acceptedLineSum = 0;
  let rejectedLineSum = 0;
  for (let i = 0; i < rows; i++) {
    if (rejected(i)) rejectedLineSum += i + 2;
    else {
      accepted++;
      acceptedLineSum += i + 2;
    }
  }
  return {
    path,
    format,
    sha256: sha256(text),
    rows,
    accepted,
    rejected: rows - accepted,
    acceptedLineSum,
    rejectedLineSum,
  };
}

function dataLines(text: string): { header: string[]; rows: string[][] } {
  if (text.includes('"'))
    throw new Error("the generated file has quoted fields; this plant splits at commas");
  const [header = "", ...rest] = text.split("\n").filter((line) => line !== "");
  return { header: header.split(","), rows: rest.map((line) => line.split(",")) };
}

const toCsv = (header: readonly string[], rows: readonly (readonly string[])[]): string =>
  [header, ...rows].map((r) => r.join(",")).join("\n") + "\n";

/** Writes the base files of a generated district of `students` students into `dir`. */
export async function writeCrashData(dir: string, students: number): Promise<CrashData> {
  const generated = join(dir, "generated");
  await writeDataDir(generated, generateDistrict({ students, seed: "crash-test", contracts: 3 }));

  const s = dataLines(readFileSync(join(generated, "students.csv"), "utf8"));
  const grade = s.header.indexOf("grade");
  const badStudent = (i: number): boolean => i % 101 === 100;
  const rejectedIds = new Set<string>();
  s.rows.forEach((row, i) => {
    if (!badStudent(i)) return;
    row[grade] = "13";
    rejectedIds.add(row[0] ?? "");
  });
  const studentsText = toCsv(s.header, s.rows);
  const studentsPath = join(dir, "students.csv");
  writeFileSync(studentsPath, studentsText);

  const a = dataLines(readFileSync(join(generated, "assessments.csv"), "utf8"));
  const testDate = a.header.indexOf("test_date");
  const studentId = a.header.indexOf("student_id");
  // Rows of the base file only: the row a trial appends is valid.
  const badAssessment = (i: number): boolean =>
    i < a.rows.length && (i % 97 === 96 || rejectedIds.has(a.rows[i]?.[studentId] ?? ""));
  a.rows.forEach((row, i) => {
    if (i % 97 === 96) row[testDate] = "2024-02-30";
  });
  const assessmentsText = toCsv(a.header, a.rows);

  return {
    students: expected(studentsPath, "students", studentsText, s.rows.length, badStudent),
    trialFiles(n) {
      const newStudent = `X${n}`;
      const studentsN = `student_id,school_id,grade\n${newStudent},SCHX,5\nY${n},SCHX,13\n`;
      const extra = a.header.map((name) => {
        if (name === "student_id") return newStudent;
        if (name === "test_date") return "2024-09-30";
        return (
          { assessment: "MAP Growth", subject: "math", window: "2024-fall", scale_score: "200" }[name] ?? ""
        );
      });
      const assessmentsN = assessmentsText + extra.join(",") + "\n";
      const sPath = join(dir, `students-${n}.csv`);
      const aPath = join(dir, `assessments-${n}.csv`);
      writeFileSync(sPath, studentsN);
      writeFileSync(aPath, assessmentsN);
      return [
        expected(sPath, "students", studentsN, 2, (i) => i === 1),
        expected(aPath, "assessments", assessmentsN, a.rows.length + 1, badAssessment),
      ];
    },
  };
}
