import { describe, it, expect } from "vitest";
import {
  terms,
  students,
  enrollments,
  sessions,
  scores,
  statementOf,
  settleScenario,
  line,
  STUDENTS_HEADER,
  ids,
} from "../scenario.js";

async function rejects(files: Parameters<typeof settleScenario>[0]["files"], t = terms()) {
  const r = await settleScenario({
    terms: t,
    files: { students: students(2), enrollments: enrollments(ids(2)), ...files },
  });
  if (r.kind !== "rejected-rows") throw new Error(`expected rejected rows, got ${r.kind}`);
  return r.report.problems.map((p) => `${p.file.split("/").pop()}:${p.line}:${p.column}: ${p.code}`);
}

describe("data-v1: reading the canonical files", () => {
  it("tolerates a BOM, any header case and order, surrounding spaces and unknown columns", async () => {
    const s = await statementOf({
      terms: terms(),
      files: {
        students: "\uFEFFGRADE , Student_ID,School_Id,notes\n 5 ,S1 , A,anything\n",
        enrollments: "\uFEFFSTUDENT_ID,Contract_ID,ENROLLED_ON\nS1,c1,2024-09-05\n",
        sessions: "Minutes,Student_Id,Contract_Id,Session_Date\n 30 ,S1,c1,2024-10-01\n",
        assessments: scores([["S1", 200, 206]]),
      },
    });
    expect(line(s, "S1")).toMatchObject({ eligible: true, sessions: 1, minutes: 30 });
    expect(line(s, "S1").metrics["growth"]?.status).toBe("met");
  });

  it("accepts every boolean spelling in any case and rejects others", async () => {
    const spellings = ["true", "FALSE", "t", "F", "yes", "No", "y", "N", "1", "0"];
    const s = await statementOf({
      terms: terms(),
      files: {
        students: students(spellings.length, (i) => `S${i},A,5,,,${spellings[i - 1]},,`),
        enrollments: enrollments(ids(spellings.length)),
      },
    });
    expect(s.population.enrolled).toBe(10);
    expect(await rejects({ students: `${STUDENTS_HEADER}\nS1,A,5,,,maybe,,\nS2,A,5,,,,,\n` })).toEqual([
      "students.csv:2:6: bad-boolean",
      "enrollments.csv:2:2: unknown-student",
    ]);
  });

  it("normalises KG, 01..12 and PK grades and rejects other grades", async () => {
    const s = await statementOf({
      terms: terms({ eligibility: { grades: ["K", "1", "12", "PK"] } }),
      files: {
        students: students(4, (i) => `S${i},A,${["KG", "01", "12", "pk"][i - 1]},,,,,`),
        enrollments: enrollments(ids(4)),
      },
    });
    expect(s.population.eligible).toBe(4);
    expect(
      await rejects({
        students: `${STUDENTS_HEADER}\nS1,A,13,,,,,\nS2,A,Grade 5,,,,,\n`,
        enrollments: "contract_id,student_id,enrolled_on\n",
      }),
    ).toEqual(["students.csv:2:3: bad-grade", "students.csv:3:3: bad-grade"]);
  });

  it("lets a later student row replace an earlier one", async () => {
    const s = await statementOf({
      terms: terms({ eligibility: { grades: ["6"] } }),
      files: { students: `${STUDENTS_HEADER}\nS1,A,5,,,,,\nS1,A,6,,,,,\n`, enrollments: enrollments(["S1"]) },
    });
    expect(line(s, "S1").eligible).toBe(true);
  });

  it("lets a later enrollment row for the same contract and student replace an earlier one", async () => {
    const s = await statementOf({
      terms: terms(),
      files: {
        students: students(1),
        enrollments: "contract_id,student_id,enrolled_on,exited_on\nc1,S1,2024-09-05,\nc1,S1,2025-03-01,\n",
      },
      asOf: "2025-01-01",
    });
    expect(s.population.enrolled).toBe(0);
  });

  it("lets a repeated session id within a contract replace the earlier row, before the period filter", async () => {
    const s = await statementOf({
      terms: terms(),
      files: {
        students: students(1),
        enrollments: enrollments(["S1"]),
        sessions: [
          "session_id,contract_id,student_id,tutor_id,session_date,minutes,attended",
          "x1,c1,S1,T1,2024-10-01,30,true",
          "x1,c1,S1,T1,2024-10-01,45,true", // replaces: 45 minutes
          "x2,c1,S1,T1,2024-10-02,30,true",
          "x2,c1,S1,T1,2023-10-02,30,true", // replaces with a date outside the period: x2 counts for nothing
          "x3,c2,S1,T1,2024-10-03,30,true",
          "x3,c1,S1,T1,2024-10-03,20,true", // same id in another contract: both stand
          ",c1,S1,T1,2024-10-04,10,true",
          ",c1,S1,T1,2024-10-04,10,true", // no id: both count
        ].join("\n"),
      },
    });
    expect(line(s, "S1")).toMatchObject({ sessions: 4, minutes: 85 });
  });

  it("uses the latest re-test of a window", async () => {
    const s = await statementOf({
      terms: terms(),
      files: {
        students: students(1),
        enrollments: enrollments(["S1"]),
        assessments: scores([["S1", 200, 203]]) + "S1,MAP Growth,math,2025-spring,2025-05-20,207,,,,\n",
      },
    });
    expect(line(s, "S1").metrics["growth"]).toMatchObject({ status: "met", value: "7" });
  });

  it("rejects bad cells with file, line, column and reason", async () => {
    expect(
      await rejects({
        enrollments:
          "contract_id,student_id,enrolled_on,exited_on\nc1,S1,2024-9-05,\nc1,S2,2024-09-05,2024-09-01\n",
        sessions: [
          "session_id,contract_id,student_id,tutor_id,session_date,minutes,attended,group_size",
          "a,c1,S1,T1,2024-10-01,1441,true,1",
          "b,c1,S1,T1,2024-10-01,30.5,true,1",
          "c,c1,S1,T1,2024-02-30,30,true,1",
          "d,c1,S1,T1,2024-10-01,30,sometimes,1",
          "e,c1,S1,T1,2024-10-01,30,true,0",
          "f,,S1,T1,2024-10-01,30,true,1",
          "g,c1,S1,T1,2024-10-01,30,true",
        ].join("\n"),
        assessments: [
          "student_id,assessment,subject,window,test_date,scale_score,performance_level,percentile,growth_target,rapid_guess_percent",
          "S1,MAP Growth,math,2024-fall,2024-09-20,1 200,,,,",
          "S1,MAP Growth,math,2024-fall,2024-09-20,200,-1,,,",
          "S1,MAP Growth,math,2024-fall,2024-09-20,200,,100,,",
          "S1,MAP Growth,math,2024-fall,2024-09-20,200,,,,100.5",
          "S1,MAP Growth,math,2024-fall,2024-09-20,200,,,1e3,",
        ].join("\n"),
        payments: "contract_id,paid_on,amount\nc1,2025-01-01,1,000.00\nc1,2025-01-01,10.005\n",
      }),
    ).toEqual([
      "enrollments.csv:2:3: bad-date",
      "enrollments.csv:3:4: date-order",
      "assessments.csv:2:6: bad-decimal",
      "assessments.csv:3:7: out-of-range",
      "assessments.csv:4:8: out-of-range",
      "assessments.csv:5:10: out-of-range",
      "assessments.csv:6:9: bad-decimal",
      "sessions.csv:2:6: out-of-range",
      "sessions.csv:3:6: bad-integer",
      "sessions.csv:4:5: bad-date",
      "sessions.csv:5:7: bad-boolean",
      "sessions.csv:6:8: out-of-range",
      "sessions.csv:7:2: required",
      "sessions.csv:8:8: field-count",
      "payments.csv:2:4: field-count",
      "payments.csv:3:3: bad-money",
    ]);
  });

  it("rejects obligation rows that name an unknown or a measured obligation, or a bad status", async () => {
    const t = terms({
      obligations: [
        { id: "m", party: "vendor", description: "d", measure: { kind: "manual" }, consequence: "none" },
        {
          id: "e",
          party: "district",
          description: "d",
          measure: { kind: "enrolledStudents", min: 1 },
          consequence: "payFull",
        },
      ],
    });
    expect(
      await rejects(
        { obligations: "contract_id,obligation_id,status\nc1,x,met\nc1,e,met\nc1,m,done\nc1,m,met\n" },
        t,
      ),
    ).toEqual([
      "obligations.csv:2:2: unknown-obligation",
      "obligations.csv:3:2: not-manual",
      "obligations.csv:4:3: bad-status",
    ]);
  });

  it("rejects a file without a required column, naming the column", async () => {
    const r = await settleScenario({ terms: terms(), files: { students: "student_id,grade\nS1,5\n" } });
    expect(r.kind).toBe("rejected-rows");
    if (r.kind !== "rejected-rows") return;
    expect(r.report.problems[0]).toMatchObject({
      line: 1,
      code: "missing-column",
      message: expect.stringContaining('"school_id"'),
    });
  });

  it("refuses to settle on rejected rows by default and settles on the accepted rows with allowRejects", async () => {
    const files = {
      students: students(2),
      enrollments: enrollments(ids(2)),
      sessions: sessions(ids(2)) + "z,c1,S1,T1,not-a-date,30,true,1\n",
    };
    expect((await settleScenario({ terms: terms(), files })).kind).toBe("rejected-rows");
    const r = await settleScenario({ terms: terms(), files, allowRejects: true });
    if (r.kind !== "settled") throw new Error(r.kind);
    expect(r.report.rejected).toBe(1);
    expect(r.statement.base).toBe("200.00");
    expect(line(r.statement, "S1").sessions).toBe(10);
  });

  it("counts every data row as accepted or rejected, per file", async () => {
    const r = await settleScenario({
      terms: terms(),
      files: { students: students(3) + 'S4,"A"x,5,,,,,\nS5,A,5,,,x,,\n', enrollments: enrollments(ids(2)) },
      allowRejects: true,
    });
    if (r.kind !== "settled") throw new Error(r.kind);
    const studentsFile = r.report.files.find((f) => f.kind === "students");
    expect(studentsFile).toMatchObject({ rows: 5, accepted: 3, rejected: 2 });
  });
});
