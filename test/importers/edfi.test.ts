import { describe, it, expect } from "vitest";
import { join } from "node:path";
import { readEdfiAttendanceEvents, readEdfiStudentAssessments } from "../../src/adapters/importers/edfi.js";
import { splitEdfiDocument } from "../../src/core/import/edfi-json.js";

const dir = join(import.meta.dirname, "../fixtures/importers/edfi");
const names = new Map([["MAP_Growth_Mathematics", { assessment: "MAP Growth", subject: "math" }]]);
const spring = {
  studentId: "604821",
  assessment: "MAP Growth",
  subject: "math",
  window: "2027-spring",
  testDate: "2027-05-12",
  scaleScore: "233",
  performanceLevel: null,
  percentile: 32,
  growthTarget: null,
  rapidGuessPercent: null,
};
const winter = {
  ...spring,
  studentId: "604825",
  window: "2027-winter",
  testDate: "2027-01-20",
  percentile: null,
};

describe("Ed-Fi StudentAssessment importer", () => {
  it("maps NDJSON lines and names the line and JSON path of each reject", async () => {
    const r = await readEdfiStudentAssessments(join(dir, "studentAssessment.ndjson"), names);
    expect(r.assessments).toEqual([spring, winter]);
    expect(r.problems).toEqual([
      {
        path: "studentAssessment.ndjson:2:$.scoreResults[0].result",
        code: "bad-decimal",
        message: 'RIT scale score: "21O" is not a decimal number (digits, an optional "." and no separators)',
      },
      {
        path: "studentAssessment.ndjson:3:$.assessmentReference.assessmentIdentifier",
        code: "unknown-assessment",
        message: 'assessment "MAP_Growth_Science" has no name and subject configured',
      },
      {
        path: "studentAssessment.ndjson:4:$.scoreResults[1].result",
        code: "out-of-range",
        message: "Percentile: 100 is outside 1..99",
      },
    ]);
    expect(r.counts).toEqual({ resources: 5, accepted: 2, rejected: 3 });
  });

  it("reads a JSON array and a single pretty-printed resource", async () => {
    const array = await readEdfiStudentAssessments(join(dir, "studentAssessment-array.json"), names);
    expect(array.assessments).toEqual([spring, winter]);
    const single = await readEdfiStudentAssessments(join(dir, "studentAssessment-single.json"), names);
    expect(single.assessments).toEqual([spring]);
    expect([...array.problems, ...single.problems]).toEqual([]);
  });

  it("names the array index of a reject in a JSON array", () => {
    const { items } = splitEdfiDocument("a.json", '[{"x":1},{"x":2}]');
    expect(items.map((i) => i.where)).toEqual(["a.json:$[0]", "a.json:$[1]"]);
  });
});

describe("Ed-Fi StudentInterventionAttendanceEvent importer", () => {
  it("maps events to sessions of the given contract, rejecting bad dates, categories and lines", async () => {
    const r = await readEdfiAttendanceEvents(join(dir, "studentInterventionAttendanceEvent.ndjson"), {
      contractId: "C-9",
    });
    const s = { sessionId: null, contractId: "C-9", studentId: "604821", tutorId: null, groupSize: null };
    expect(r.sessions).toEqual([
      { ...s, sessionDate: "2026-10-06", minutes: 35, attended: true },
      { ...s, sessionDate: "2026-10-08", minutes: 0, attended: false },
    ]);
    expect(r.problems).toEqual([
      {
        path: "studentInterventionAttendanceEvent.ndjson:5",
        code: "bad-json",
        message: "the line is not a JSON value",
      },
      {
        path: "studentInterventionAttendanceEvent.ndjson:3:$.eventDate",
        code: "bad-date",
        message: '"10/08/2026" is not a date in the form YYYY-MM-DD',
      },
      {
        path: "studentInterventionAttendanceEvent.ndjson:4:$.attendanceEventCategoryDescriptor",
        code: "bad-status",
        message:
          'attendance category "Present" is not one of: In Attendance, Tardy, Early departure, Excused Absence, Unexcused Absence',
      },
      {
        path: "studentInterventionAttendanceEvent.ndjson:6:$.interventionDuration",
        code: "bad-integer",
        message: "$.interventionDuration must be whole minutes in 0..1440",
      },
    ]);
    expect(r.counts).toEqual({ resources: 6, accepted: 2, rejected: 4 });
  });
});
