import { describe, it, expect } from "vitest";
import { join } from "node:path";
import { readFile } from "node:fs/promises";
import { readEdfiStudents } from "../../src/adapters/importers/edfi.js";
import { joinEdfiStudents } from "../../src/core/import/edfi-students.js";

const dir = join(import.meta.dirname, "../fixtures/importers/edfi");
const paths = {
  students: join(dir, "student.ndjson"),
  schoolAssociations: join(dir, "studentSchoolAssociation.json"),
  educationOrganizationAssociations: join(dir, "studentEducationOrganizationAssociation.ndjson"),
};
const G = "uri://ed-fi.org/GradeLevelDescriptor#";

describe("Ed-Fi Student + school + education organization associations", () => {
  it("joins the three resources into students and names each reject's file, line and JSON path", async () => {
    const r = await readEdfiStudents(paths);
    expect(r.students).toEqual([
      {
        studentId: "604821",
        schoolId: "255901321",
        grade: "6",
        gender: "Female",
        raceEthnicity: "White",
        economicallyDisadvantaged: true,
        englishLearner: false,
        specialEducation: true,
      },
      {
        studentId: "604822",
        schoolId: "255901107",
        grade: "K",
        gender: "Male",
        raceEthnicity: "Hispanic or Latino",
        economicallyDisadvantaged: false,
        englishLearner: true,
        specialEducation: false,
      },
      {
        studentId: "604826",
        schoolId: "255901108",
        grade: "PK",
        gender: null,
        raceEthnicity: "Two or more races",
        economicallyDisadvantaged: false,
        englishLearner: true,
        specialEducation: false,
      },
    ]);
    const s = { file: paths.students };
    const a = { file: paths.schoolAssociations };
    expect(r.problems).toEqual([
      { ...s, path: "student.ndjson:3", code: "bad-json", message: "the line is not a JSON value" },
      {
        ...s,
        path: "student.ndjson:4:$.studentUniqueId",
        code: "ambiguous-school-association",
        message:
          "the student has 2 open school associations (no exitWithdrawDate): studentSchoolAssociation.json:$[3], studentSchoolAssociation.json:$[4]",
      },
      {
        ...s,
        path: "student.ndjson:5:$.studentUniqueId",
        code: "missing-school-association",
        message: "the student has no school association",
      },
      {
        ...s,
        path: "student.ndjson:6:$.studentUniqueId",
        code: "rejected-school-association",
        message: "a school association of the student was rejected",
      },
      {
        ...s,
        path: "student.ndjson:8:$.studentUniqueId",
        code: "missing-education-organization-association",
        message: "the student has no education organization association (demographics)",
      },
      {
        ...s,
        path: "student.ndjson:9:$.studentUniqueId",
        code: "rejected-education-organization-association",
        message: "an education organization association of the student was rejected",
      },
      {
        ...a,
        path: "studentSchoolAssociation.json:$[5]:$.entryGradeLevelDescriptor",
        code: "bad-grade",
        message:
          'grade level "Transitional Kindergarten" is not Preschool, Prekindergarten, Kindergarten or First..Twelfth grade',
      },
      {
        ...a,
        path: "studentSchoolAssociation.json:$[9]:$.studentReference.studentUniqueId",
        code: "unknown-student",
        message: "no Student resource has this studentUniqueId",
      },
      {
        file: paths.educationOrganizationAssociations,
        path: "studentEducationOrganizationAssociation.ndjson:7:$.limitedEnglishProficiencyDescriptor",
        code: "bad-descriptor",
        message:
          'limited English proficiency "Limited English" is not one of: Limited, NotLimited, Limited Monitored 1, Limited Monitored 2',
      },
    ]);
    expect(r.counts).toEqual({
      students: { resources: 9, accepted: 3, rejected: 6 },
      schoolAssociations: { resources: 11, accepted: 9, rejected: 2 },
      educationOrganizationAssociations: { resources: 7, accepted: 6, rejected: 1 },
    });
  });

  it("never copies or echoes names and birth dates", async () => {
    const r = await readEdfiStudents(paths);
    const out = JSON.stringify(r);
    const text = await readFile(paths.students, "utf8");
    for (const m of text.matchAll(/"(?:firstName|lastSurname|birthDate)":"([^"]+)"/g)) {
      expect(out).not.toContain(m[1]);
    }
  });

  it("maps every grade code value and rejects the rest", () => {
    const grades = [
      "Preschool",
      "Prekindergarten",
      "Kindergarten",
      "First grade",
      "Eighth grade",
      "Twelfth grade",
    ];
    const items = (ids: string[], f: (id: string, i: number) => object) =>
      ids.map((id, i) => ({ where: `x:${i + 1}`, value: f(id, i) }));
    const ids = [...grades, "Grade 13", "Ungraded"].map((_, i) => `S${i}`);
    const r = joinEdfiStudents({
      students: items(ids, (id) => ({ studentUniqueId: id })),
      schoolAssociations: items(ids, (id, i) => ({
        studentReference: { studentUniqueId: id },
        schoolReference: { schoolId: 1 },
        entryGradeLevelDescriptor: G + ([...grades, "Grade 13", "Ungraded"][i] ?? ""),
      })),
      educationOrganizationAssociations: items(ids, (id) => ({ studentReference: { studentUniqueId: id } })),
    });
    expect(r.students.map((s) => s.grade)).toEqual(["PK", "PK", "K", "1", "8", "12"]);
    expect(r.students[0]).toMatchObject({
      gender: null,
      raceEthnicity: null,
      economicallyDisadvantaged: false,
      englishLearner: false,
      specialEducation: false,
    });
    expect(r.problems.filter((p) => p.code === "bad-grade").map((p) => p.path)).toEqual([
      "x:7:$.entryGradeLevelDescriptor",
      "x:8:$.entryGradeLevelDescriptor",
    ]);
  });

  it("rejects a tie of latest exit dates and several education organization associations", () => {
    const ref = { studentReference: { studentUniqueId: "S1" } };
    const closed = (school: number) => ({
      where: `ssa:${school}`,
      value: {
        ...ref,
        schoolReference: { schoolId: school },
        entryGradeLevelDescriptor: `${G}Third grade`,
        exitWithdrawDate: "2026-06-05",
      },
    });
    const r = joinEdfiStudents({
      students: [{ where: "st:1", value: { studentUniqueId: "S1" } }],
      schoolAssociations: [closed(10), closed(11)],
      educationOrganizationAssociations: [
        { where: "seoa:1", value: ref },
        { where: "seoa:2", value: ref },
      ],
    });
    expect(r.students).toEqual([]);
    expect(r.problems.map((p) => [p.code, p.message])).toEqual([
      [
        "ambiguous-school-association",
        "the student has 2 school associations exiting on the same latest date: ssa:10, ssa:11",
      ],
      [
        "ambiguous-education-organization-association",
        "the student has 2 education organization associations",
      ],
    ]);
  });
});
