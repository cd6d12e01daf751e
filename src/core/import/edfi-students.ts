/**
 * Ed-Fi DS 5 `Student` + `StudentSchoolAssociation` (SSA) +
 * `StudentEducationOrganizationAssociation` (SEOA) to canonical `StudentRecord`s.
 *
 * - student_id <- Student `studentUniqueId`. Names, birth date and birth sex are not
 *   read, copied or echoed in messages. A repeated Student is the same student.
 * - school_id, grade <- the student's SSA: `schoolReference.schoolId`, and
 *   `entryGradeLevelDescriptor` by code value: `Kindergarten` -> K, `First grade` ..
 *   `Twelfth grade` -> 1..12, `Preschool`, `Prekindergarten`,
 *   `Preschool/Prekindergarten` -> PK; any other code (Transitional Kindergarten,
 *   Ungraded, Grade 13...) rejects the association. The SSA used is the one open one
 *   (no `exitWithdrawDate`); several open -> the student is rejected; none open -> the
 *   one with the latest `exitWithdrawDate` (a withdrawn student is still a student of
 *   past enrollments), a tie there is rejected too.
 * - gender <- SEOA `sexDescriptor` code value (e.g. `Female`), or null.
 * - race_ethnicity <- `hispanicLatinoEthnicity: true` -> `Hispanic or Latino`; else one
 *   distinct `races[].raceDescriptor` -> its code value, several -> `Two or more
 *   races`, none -> null (federal reporting convention; Ed-Fi's OneRoster mapping).
 * - english_learner: true when `limitedEnglishProficiencyDescriptor` is `Limited`, or a
 *   `studentCharacteristics` code is `English Learner`. `NotLimited`,
 *   `Limited Monitored 1`/`2` (former ELs being monitored) -> false; another LEP code is
 *   rejected. `programParticipations` is not read: DS 5 removed it.
 * - economically_disadvantaged: true when a `studentCharacteristics` code is
 *   `Economic Disadvantaged` (its periods are not compared with any date).
 * - special_education: true when a `disabilities[].designations[]` code is
 *   `Individuals with Disabilities Education Act` (an IEP); `Section 504` and `Other`
 *   are not special education. `studentIndicators` are free-named and not read.
 * - Absent flags are false, but a student needs exactly one SEOA: none or several is a
 *   problem, not a guess. So is a student without an SSA, a student with a rejected
 *   SSA or SEOA (which one would count is unknown), and an SSA or SEOA whose student
 *   has no Student resource.
 */
import type { StudentRecord } from "../data/records.js";
import type { JsonProblem } from "../problem.js";
import type { Grade } from "../terms/types.js";
import { CellError, parseDateCell, show } from "../data/cells.js";
import { EdfiError, EdfiReader, edfiProblem, type EdfiItem } from "./edfi-json.js";

export type EdfiStudentResource = "students" | "schoolAssociations" | "educationOrganizationAssociations";

export interface EdfiStudentProblem extends JsonProblem {
  readonly resource: EdfiStudentResource;
}

const ORDINALS = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth"]
  .concat(["Seventh", "Eighth", "Ninth", "Tenth", "Eleventh", "Twelfth"])
  .map((o, i): [string, Grade] => [`${o} grade`, String(i + 1) as Grade]);
export const EDFI_GRADE_LEVELS: ReadonlyMap<string, Grade> = new Map<string, Grade>([
  ["Preschool", "PK"],
  ["Prekindergarten", "PK"],
  ["Preschool/Prekindergarten", "PK"],
  ["Kindergarten", "K"],
  ...ORDINALS,
]);
export const EDFI_LIMITED_ENGLISH: ReadonlyMap<string, boolean> = new Map([
  ["Limited", true],
  ["NotLimited", false],
  ["Limited Monitored 1", false],
  ["Limited Monitored 2", false],
]);
const IDEA = "Individuals with Disabilities Education Act";

interface SchoolAssociation {
  readonly where: string;
  readonly schoolId: string;
  readonly grade: Grade;
  readonly exit: string | null;
}
type Demographics = Omit<StudentRecord, "studentId" | "schoolId" | "grade">;

function mapSchoolAssociation(r: EdfiReader, where: string): SchoolAssociation | EdfiError {
  const schoolId = r.text("$.schoolReference.schoolId", true);
  if (schoolId instanceof EdfiError) return schoolId;
  const code = r.descriptor("$.entryGradeLevelDescriptor", true);
  if (code instanceof EdfiError) return code;
  const grade = EDFI_GRADE_LEVELS.get(code);
  if (grade === undefined) {
    return new EdfiError(
      "$.entryGradeLevelDescriptor",
      "bad-grade",
      `grade level ${show(code)} is not Preschool, Prekindergarten, Kindergarten or First..Twelfth grade`,
    );
  }
  const exit = r.text("$.exitWithdrawDate", false);
  if (exit instanceof EdfiError) return exit;
  const exitDate = exit === null ? null : parseDateCell(exit);
  if (exitDate instanceof CellError)
    return new EdfiError("$.exitWithdrawDate", exitDate.code, exitDate.message);
  return { where, schoolId, grade, exit: exitDate };
}

/** The code values of `field` in each element of the array at `path`. */
function codes(r: EdfiReader, path: string, field: string): Set<string> | EdfiError {
  const items = r.array(path);
  if (items instanceof EdfiError) return items;
  const out = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const code = r.descriptor(`${path}[${i}].${field}`, true);
    if (code instanceof EdfiError) return code;
    out.add(code);
  }
  return out;
}

function mapDemographics(r: EdfiReader): Demographics | EdfiError {
  const gender = r.descriptor("$.sexDescriptor", false);
  if (gender instanceof EdfiError) return gender;
  const hispanic = r.value("$.hispanicLatinoEthnicity");
  if (hispanic !== undefined && hispanic !== null && typeof hispanic !== "boolean") {
    return new EdfiError(
      "$.hispanicLatinoEthnicity",
      "bad-type",
      "$.hispanicLatinoEthnicity must be true or false",
    );
  }
  const races = codes(r, "$.races", "raceDescriptor");
  if (races instanceof EdfiError) return races;
  const [onlyRace] = races;
  const raceEthnicity =
    hispanic === true ? "Hispanic or Latino" : races.size > 1 ? "Two or more races" : (onlyRace ?? null);
  const lep = r.descriptor("$.limitedEnglishProficiencyDescriptor", false);
  if (lep instanceof EdfiError) return lep;
  const lepFlag = lep === null ? false : EDFI_LIMITED_ENGLISH.get(lep);
  if (lepFlag === undefined) {
    return new EdfiError(
      "$.limitedEnglishProficiencyDescriptor",
      "bad-descriptor",
      `limited English proficiency ${show(lep ?? "")} is not one of: ${[...EDFI_LIMITED_ENGLISH.keys()].join(", ")}`,
    );
  }
  const characteristics = codes(r, "$.studentCharacteristics", "studentCharacteristicDescriptor");
  if (characteristics instanceof EdfiError) return characteristics;
  const disabilities = r.array("$.disabilities");
  if (disabilities instanceof EdfiError) return disabilities;
  let specialEducation = false;
  for (let i = 0; i < disabilities.length; i++) {
    const d = codes(r, `$.disabilities[${i}].designations`, "disabilityDesignationDescriptor");
    if (d instanceof EdfiError) return d;
    if (d.has(IDEA)) specialEducation = true;
  }
  return {
    gender,
    raceEthnicity,
    economicallyDisadvantaged: characteristics.has("Economic Disadvantaged"),
    englishLearner: lepFlag || characteristics.has("English Learner"),
    specialEducation,
  };
}

/** Reads each item's `studentReference.studentUniqueId` and maps the rest, collecting rejects. */
function byStudent<T>(
  items: readonly EdfiItem[],
  resource: EdfiStudentResource,
  known: ReadonlySet<string>,
  map: (r: EdfiReader, where: string) => T | EdfiError,
  problems: EdfiStudentProblem[],
): { accepted: Map<string, T[]>; rejected: Set<string> } {
  const accepted = new Map<string, T[]>();
  const rejected = new Set<string>();
  for (const item of items) {
    const r = new EdfiReader(item.value);
    const id = r.text("$.studentReference.studentUniqueId", true);
    let mapped: T | EdfiError = id instanceof EdfiError ? id : map(r, item.where);
    if (typeof id === "string" && !known.has(id) && !(mapped instanceof EdfiError)) {
      mapped = new EdfiError(
        "$.studentReference.studentUniqueId",
        "unknown-student",
        "no Student resource has this studentUniqueId",
      );
    }
    if (mapped instanceof EdfiError) {
      problems.push({ ...edfiProblem(item.where, mapped), resource });
      if (typeof id === "string") rejected.add(id);
    } else if (typeof id === "string") {
      accepted.set(id, [...(accepted.get(id) ?? []), mapped]);
    }
  }
  return { accepted, rejected };
}

function pickSchool(all: readonly SchoolAssociation[]): SchoolAssociation | string {
  const open = all.filter((a) => a.exit === null);
  const candidates =
    open.length > 0
      ? open
      : all.filter(
          (a) =>
            a.exit ===
            all
              .map((b) => b.exit ?? "")
              .sort()
              .at(-1),
        );
  const [first, second] = candidates;
  if (first === undefined) return "no school association";
  if (second === undefined) return first;
  const kind =
    open.length > 0
      ? "open school associations (no exitWithdrawDate)"
      : "school associations exiting on the same latest date";
  return `${candidates.length} ${kind}: ${candidates.map((c) => c.where).join(", ")}`;
}

export interface EdfiStudentInput {
  readonly students: readonly EdfiItem[];
  readonly schoolAssociations: readonly EdfiItem[];
  readonly educationOrganizationAssociations: readonly EdfiItem[];
}

/** Joins the three resources; each student is accepted whole or rejected with problems. */
export function joinEdfiStudents(input: EdfiStudentInput): {
  students: StudentRecord[];
  problems: EdfiStudentProblem[];
} {
  const problems: EdfiStudentProblem[] = [];
  const students = new Map<string, string>();
  for (const item of input.students) {
    const id = new EdfiReader(item.value).text("$.studentUniqueId", true);
    if (id instanceof EdfiError) problems.push({ ...edfiProblem(item.where, id), resource: "students" });
    else if (!students.has(id)) students.set(id, item.where);
  }
  const known = new Set(students.keys());
  const ssa = byStudent(
    input.schoolAssociations,
    "schoolAssociations",
    known,
    mapSchoolAssociation,
    problems,
  );
  const seoa = byStudent(
    input.educationOrganizationAssociations,
    "educationOrganizationAssociations",
    known,
    mapDemographics,
    problems,
  );
  const records: StudentRecord[] = [];
  for (const [studentId, where] of students) {
    const reject = (code: string, message: string): void => {
      problems.push({ path: `${where}:$.studentUniqueId`, code, message, resource: "students" });
    };
    const school = pickSchool(ssa.accepted.get(studentId) ?? []);
    const demographics = seoa.accepted.get(studentId) ?? [];
    const [demo] = demographics;
    let ok = true;
    if (ssa.rejected.has(studentId)) {
      ok = false;
      reject("rejected-school-association", "a school association of the student was rejected");
    } else if (typeof school === "string") {
      ok = false;
      if (ssa.accepted.has(studentId)) reject("ambiguous-school-association", `the student has ${school}`);
      else reject("missing-school-association", "the student has no school association");
    }
    if (seoa.rejected.has(studentId)) {
      ok = false;
      reject(
        "rejected-education-organization-association",
        "an education organization association of the student was rejected",
      );
    } else if (demo === undefined) {
      ok = false;
      reject(
        "missing-education-organization-association",
        "the student has no education organization association (demographics)",
      );
    } else if (demographics.length > 1) {
      ok = false;
      reject(
        "ambiguous-education-organization-association",
        `the student has ${demographics.length} education organization associations`,
      );
    }
    if (ok && typeof school !== "string" && demo !== undefined) {
      records.push({ studentId, schoolId: school.schoolId, grade: school.grade, ...demo });
    }
  }
  return { students: records, problems };
}
