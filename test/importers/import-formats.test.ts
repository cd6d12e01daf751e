import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectCsvFormat } from "../../src/core/import/import-formats.js";
import { importOrder } from "../../src/core/import/import-order.js";
import { edfiResourceOf, keptEdfiRecord } from "../../src/core/import/edfi-resources.js";

const REFERENCE = "../shared/reference/formats";
const header = (path: string): string[] =>
  (
    readFileSync(path, "utf8")
      .replace(/^\ufeff/, "")
      .split(/\r?\n/)[0] ?? ""
  )
    .split(",")
    .map((name) => name.replace(/^"(.*)"$/, "$1"));
const detected = (name: string, fields: readonly string[]): string => {
  const found = detectCsvFormat(name, fields);
  return "code" in found ? found.code : found.id;
};

describe("telling a CSV file's format", () => {
  it("takes canonical kinds by name when the header binds, else by header", () => {
    expect(detected("data/students.csv", ["student_id", "school_id", "grade"])).toBe("students");
    expect(detected("export.csv", ["contract_id", "student_id", "enrolled_on"])).toBe("enrollments");
    // A canonical name whose header does not bind, and no other format: its binding problems.
    expect(detected("students.csv", ["student_id", "grade"])).toBe("students");
  });

  it("tells the vendor exports by their headers, whatever the file is called", () => {
    expect(
      detected("sessions.csv", ["student_id", "session_topic", "session_date", "session_duration"]),
    ).toBe("datas-sessions");
    expect(detected("students.csv", header("test/fixtures/importers/datas/students.csv"))).toBe(
      "datas-students",
    );
    expect(detected("x.csv", header("test/fixtures/importers/nwea-assessment-results.csv"))).toBe("nwea-map");
    expect(detected("x.csv", header("test/fixtures/importers/iready-math.csv"))).toBe("iready-diagnostic");
    expect(detected("assessments.csv", header("test/fixtures/importers/star-reading.csv"))).toBe("star");
    expect(detected("x.csv", ["a", "b"])).toBe("unknown-format");
  });

  it.skipIf(!existsReference())("tells the published headers of the reference formats", () => {
    expect(detected("AssessmentResults.csv", header(`${REFERENCE}/nwea/AssessmentResults.header.csv`))).toBe(
      "nwea-map",
    );
    expect(detected("Combo.csv", header(`${REFERENCE}/nwea/ComboStudentAssessment.header.csv`))).toBe(
      "nwea-map",
    );
    expect(detected("x.csv", header(`${REFERENCE}/iready/diagnostic_results_ela.header.csv`))).toBe(
      "iready-diagnostic",
    );
    expect(detected("x.csv", header(`${REFERENCE}/star/SR_v2.header.csv`))).toBe("star");
    expect(detected("sessions.csv", header(`${REFERENCE}/datas/sessions.header.csv`))).toBe("datas-sessions");
    expect(detected("students.csv", header(`${REFERENCE}/datas/students.header.csv`))).toBe("datas-students");
  });
});

function existsReference(): boolean {
  try {
    readFileSync(`${REFERENCE}/README.md`);
    return true;
  } catch {
    return false;
  }
}

describe("telling an Ed-Fi resource", () => {
  it("by the fields its identity needs", () => {
    expect(edfiResourceOf({ studentUniqueId: "1", firstName: "x" })).toBe("students");
    expect(edfiResourceOf({ studentReference: {}, schoolReference: {} })).toBe("school-associations");
    expect(edfiResourceOf({ studentReference: {}, educationOrganizationReference: {} })).toBe(
      "education-organization-associations",
    );
    expect(edfiResourceOf({ assessmentReference: {}, studentReference: {} })).toBe("student-assessments");
    expect(edfiResourceOf({ interventionReference: {}, studentReference: {} })).toBe("attendance-events");
    expect(edfiResourceOf([1])).toBeNull();
  });

  it("keeps only the mapped fields of a student-side resource", () => {
    const student = {
      studentUniqueId: "1",
      firstName: "Avery",
      lastSurname: "Smith",
      birthDate: "2015-04-02",
    };
    expect(keptEdfiRecord("students", student)).toEqual({ studentUniqueId: "1" });
    const event = { studentReference: { studentUniqueId: "1" }, eventDate: "2026-10-06" };
    expect(keptEdfiRecord("attendance-events", event)).toBe(event);
  });
});

describe("the import order", () => {
  it("imports students first, then exports that carry students, then the kinds in dependency order", () => {
    const entry = (name: string, kind: string | null, carriesStudents = false) =>
      ({ name, kind, carriesStudents }) as const;
    const order = importOrder([
      entry("payments", "payments"),
      entry("unknown", null),
      entry("sessions", "sessions"),
      entry("iready", "assessments", true),
      entry("map", "assessments"),
      entry("enrollments", "enrollments"),
      entry("students", "students"),
      entry("roster", "students"),
      entry("obligations", "obligations"),
    ] as never[]);
    expect(order.map((e: { name: string }) => e.name)).toEqual([
      "students",
      "roster",
      "iready",
      "enrollments",
      "map",
      "sessions",
      "obligations",
      "payments",
      "unknown",
    ]);
  });
});
