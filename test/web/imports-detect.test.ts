/**
 * The format shown before an upload is the one the server's import planner tells from the
 * same file: every fixture export is detected in the browser's way and by planImport.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { planImport } from "../../src/adapters/importers/plan-import.js";
import { detectFileFormat, firstCsvRecord } from "../../web/src/components/imports/detect-format.js";

const FIXTURES = "test/fixtures/importers";

function filesOf(dir: string): string[] {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

const asFile = (path: string, name = basename(path)): File => new File([readFileSync(path)], name);
const asText = (text: string, name: string): File => new File([text], name);

describe("firstCsvRecord", () => {
  it("splits the header as RFC 4180 does: quotes, doubled quotes, commas inside quotes", () => {
    expect(firstCsvRecord('a,"b,c","say ""hi""",d\r\n1,2,3,4\n', false)).toEqual([
      "a",
      "b,c",
      'say "hi"',
      "d",
    ]);
  });

  it("strips a BOM and skips empty lines before the header", () => {
    expect(firstCsvRecord("\uFEFF\n\r\nstudent_id,grade\n", false)).toEqual(["student_id", "grade"]);
  });

  it("keeps a quoted line break inside a field", () => {
    expect(firstCsvRecord('"a\nb",c\n', false)).toEqual(["a\nb", "c"]);
  });

  it("asks for more text when the header is not finished, and takes the last line at the end", () => {
    expect(firstCsvRecord("student_id,gra", false)).toBeNull();
    expect(firstCsvRecord("student_id,grade", true)).toEqual(["student_id", "grade"]);
    expect(firstCsvRecord('"open quote', true)).toBeNull();
  });
});

describe("detectFileFormat", () => {
  const fixtures = [
    ...filesOf(FIXTURES),
    ...filesOf(join(FIXTURES, "datas")),
    ...filesOf(join(FIXTURES, "edfi")),
  ];

  it.each(fixtures)("tells %s as the server's planner does", async (path) => {
    const plan = await planImport([path], { format: null, contractId: null });
    const server = plan.imports[0]?.format ?? null;
    const detected = await detectFileFormat(asFile(path));
    expect(detected.kind === "format" ? detected.formatId : null).toBe(server);
  });

  it("covers canonical, vendor and Ed-Fi formats among the fixtures", async () => {
    const found = new Set<string>();
    for (const path of fixtures) {
      const d = await detectFileFormat(asFile(path));
      if (d.kind === "format") found.add(d.formatId);
    }
    expect([...found].sort()).toEqual(
      expect.arrayContaining([
        "datas-sessions",
        "datas-students",
        "edfi-attendance-events",
        "edfi-student-assessments",
        "iready-diagnostic",
        "nwea-map",
        "star",
      ]),
    );
  });

  it("says a DATAS sessions file needs a contract, and a canonical students file does not", async () => {
    const datas = await detectFileFormat(asFile(join(FIXTURES, "datas", "sessions.csv")));
    expect(datas).toMatchObject({ kind: "format", formatId: "datas-sessions", needsContract: true });
    const students = await detectFileFormat(asText("student_id,school_id,grade\nS1,A,5\n", "roster.csv"));
    expect(students).toMatchObject({ kind: "format", formatId: "students", needsContract: false });
  });

  it("explains a header it cannot place, and an empty file", async () => {
    const unknown = await detectFileFormat(asText("colour,size\nred,2\n", "things.csv"));
    expect(unknown.kind).toBe("unknown");
    expect(unknown.kind === "unknown" && unknown.message).toMatch(/cannot tell the format/);
    expect(await detectFileFormat(asText("", "empty.csv"))).toEqual({
      kind: "unknown",
      message: "empty.csv has no header row",
    });
  });

  it("refuses an Ed-Fi student file alone, saying the set needs three files", async () => {
    const d = await detectFileFormat(asFile(join(FIXTURES, "edfi", "student.ndjson")));
    expect(d.kind).toBe("unknown");
    expect(d.kind === "unknown" && d.message).toMatch(/StudentSchoolAssociation/);
  });

  it("says why a broken JSON array cannot be read", async () => {
    const d = await detectFileFormat(asText('[{"assessmentReference": {}', "broken.json"));
    expect(d.kind).toBe("unknown");
  });
});
