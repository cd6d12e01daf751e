import { describe, it, expect, afterEach } from "vitest";
import { mkdtempSync, writeFileSync, mkdirSync, cpSync, readFileSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { terms, students, enrollments, sessions, scores } from "../scenario.js";
import { runAccord } from "../support/capture-output.js";

const accord = (args: string[]) => runAccord(args);

function workspace(): { dir: string; data: string; termsFile: string } {
  const dir = mkdtempSync(join(tmpdir(), "accord-cli-"));
  const data = join(dir, "data");
  mkdirSync(data);
  const ids = ["S1", "S2", "S3"];
  writeFileSync(join(data, "students.csv"), students(3));
  writeFileSync(
    join(data, "enrollments.csv"),
    enrollments(ids) + enrollments(ids, "2024-09-05", "c2").split("\n").slice(1).join("\n"),
  );
  writeFileSync(join(data, "sessions.csv"), sessions(ids));
  writeFileSync(
    join(data, "assessments.csv"),
    scores([
      ["S1", 200, 210],
      ["S2", 200, 201],
    ]),
  );
  const termsFile = join(dir, "c1.json");
  writeFileSync(termsFile, JSON.stringify(terms()));
  return { dir, data, termsFile };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("accord settle", () => {
  it("writes the obc-statement/1 JSON of one contract and exits 0", async () => {
    const w = workspace();
    dirs.push(w.dir);
    const r = await accord(["settle", "--terms", w.termsFile, "--data", w.data, "--format", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { format: string; total: string; students: unknown[] };
    expect(doc).toMatchObject({ format: "obc-statement/1", total: "350.00" });
    expect(doc.students).toHaveLength(3);
  });

  it("runs the data quality check on the files and prints each contract's verdict on standard error", async () => {
    const w = workspace();
    dirs.push(w.dir);
    const r = await accord(["settle", "--terms", w.termsFile, "--data", w.data, "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ contractId: "c1", total: "350.00" });
    expect(r.err).toBe(
      [
        "c1: data quality: PROVISIONAL, the data may change this statement",
        "  ! window fall (MAP Growth math 2024-fall): 1 of 3 enrolled students have no score",
        "  ! window spring (MAP Growth math 2025-spring): 1 of 3 enrolled students have no score",
        "",
      ].join("\n"),
    );
    // Mid-period, a sessions file last written 20 days ago is stale (more than 14 days).
    writeFileSync(join(w.data, "assessments.csv"), scores(["S1", "S2", "S3"].map((id) => [id, 200, 205])));
    const old = new Date(Date.now() - 20 * 86_400_000);
    utimesSync(join(w.data, "sessions.csv"), old, old);
    const mid = await accord(["settle", "--terms", w.termsFile, "--data", w.data, "--as-of", "2025-06-01"]);
    expect(mid.code).toBe(0);
    expect(mid.err).toBe("c1: data quality: not provisional (1 warning: accord evidence lists them)\n");
  });

  it("settles a folder of terms in one pass: a JSON array, and CSV lines that carry contract_id", async () => {
    const w = workspace();
    dirs.push(w.dir);
    const folder = join(w.dir, "terms");
    mkdirSync(folder);
    cpSync(w.termsFile, join(folder, "c1.json"));
    writeFileSync(
      join(folder, "c2.json"),
      JSON.stringify(terms({ contractId: "c2", base: { kind: "fixed", amount: "90.00" } })),
    );
    const json = await accord(["settle", "--terms", folder, "--data", w.data, "--format", "json"]);
    expect(json.code).toBe(0);
    const docs = JSON.parse(json.out) as { contractId: string; total: string }[];
    expect(docs.map((d) => [d.contractId, d.total])).toEqual([
      ["c1", "350.00"],
      ["c2", "140.00"],
    ]);
    const out = join(w.dir, "lines.csv");
    const csv = await accord([
      "settle",
      "--terms",
      folder,
      "--data",
      w.data,
      "--format",
      "csv",
      "--out",
      out,
    ]);
    expect(csv.code).toBe(0);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toBe(
      "contract_id,student_id,eligible,ineligible_reason,served,sessions,minutes,consistency,base,growth.status,growth.value,growth.target,growth.amount",
    );
    expect(lines).toHaveLength(7);
    expect(lines[1]).toBe("c1,S1,true,,true,10,300,1.000000,100.00,met,10,5,50.00");
    expect(lines[4]).toBe("c2,S1,true,,true,0,0,0.000000,30.00,met,10,5,50.00");
  });

  it("prints a readable text statement with a why line for every adjustment", async () => {
    const w = workspace();
    dirs.push(w.dir);
    writeFileSync(w.termsFile, JSON.stringify(terms({ maxValue: "320.00" })));
    const r = await accord(["settle", "--terms", w.termsFile, "--data", w.data, "--format", "text"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Population   enrolled 3 · eligible 3 · served 3 · measured 3");
    expect(r.out).toMatch(/growth\s+Grew 5\s+1 \/ 3\s+33\.3%\s+50\.00 {2}\(1 missing\)/);
    expect(r.out).toContain("Base: 100.00 for each of 3 served students = 300.00.");
    expect(r.out).toContain("it is held at the maximum value 320.00");
    expect(r.out).toMatch(/Total\s+320\.00/);
  });

  it("explains a district breach with the count against the minimum", async () => {
    const w = workspace();
    dirs.push(w.dir);
    const obligations = [
      {
        id: "enroll",
        party: "district",
        description: "Enroll 1,200 students",
        measure: { kind: "enrolledStudents", min: 1200 },
        consequence: "payFull",
      },
    ];
    writeFileSync(w.termsFile, JSON.stringify(terms({ obligations })));
    const r = await accord(["settle", "--terms", w.termsFile, "--data", w.data, "--format", "text"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'District obligation "enroll" (3 of at least 1,200 eligible enrolled students) was not met: the district owes the full maximum value 100,000.00.',
    );
    expect(r.out).toMatch(/Total\s+100,000\.00/);
  });

  it("exits 2 and lists every terms problem with its JSON path", async () => {
    const w = workspace();
    dirs.push(w.dir);
    writeFileSync(w.termsFile, JSON.stringify(terms({ maxValue: 5, colour: "red" })));
    const r = await accord(["settle", "--terms", w.termsFile, "--data", w.data]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("$.maxValue");
    expect(r.err).toContain("$.colour");
    expect(r.out).toBe("");
  });

  it("exits 2 on rejected rows with counts and the first rejects, and computes with --allow-rejects", async () => {
    const w = workspace();
    dirs.push(w.dir);
    writeFileSync(join(w.data, "sessions.csv"), sessions(["S1"]) + "q,c1,S2,T1,2024-13-01,30,true,1\n");
    const refused = await accord(["settle", "--terms", w.termsFile, "--data", w.data, "--format", "json"]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("1 row rejected");
    expect(refused.err).toMatch(/sessions\.csv:12:5: bad-date: session_date: "2024-13-01" is not a date/);
    expect(refused.out).toBe("");
    const allowed = await accord([
      "settle",
      "--terms",
      w.termsFile,
      "--data",
      w.data,
      "--format",
      "json",
      "--allow-rejects",
    ]);
    expect(allowed.code).toBe(0);
    const doc = JSON.parse(allowed.out) as { rejectedRows: { count: number; rows: { line: number }[] } };
    expect(doc.rejectedRows.count).toBe(1);
    expect(doc.rejectedRows.rows[0]?.line).toBe(12);
  });

  it("exits 2 with a message for a missing folder, a bad date or an unknown flag", async () => {
    const w = workspace();
    dirs.push(w.dir);
    expect((await accord(["settle", "--terms", w.termsFile, "--data", join(w.dir, "nope")])).code).toBe(2);
    const badDate = await accord([
      "settle",
      "--terms",
      w.termsFile,
      "--data",
      w.data,
      "--as-of",
      "2025-02-30",
    ]);
    expect(badDate.code).toBe(2);
    expect(badDate.err).toContain("--as-of 2025-02-30 is not a date");
    expect((await accord(["settle", "--bogus"])).code).toBe(2);
  });
});

describe("accord terms check", () => {
  it("prints ok for valid terms and every problem of invalid ones", async () => {
    const w = workspace();
    dirs.push(w.dir);
    const bad = join(w.dir, "bad.json");
    writeFileSync(bad, '{"format": "obc-terms/1",\n "contractId": 7\n');
    const ok = await accord(["terms", "check", w.termsFile]);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toContain("c1.json: ok");
    const r = await accord(["terms", "check", w.termsFile, bad]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.json: 1 problem\n {2}\$: not-json: the file is not valid JSON at line 3/);
  });
});
