import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readDataDir } from "../../src/adapters/csv/read-data-dir.js";
import { parseTerms } from "../../src/core/terms/parse-terms.js";
import { terms, STUDENTS_HEADER, ASSESSMENTS_HEADER } from "../scenario.js";

const parsed = parseTerms(terms());
if (!parsed.ok) throw new Error("scenario terms do not parse");
const contract = parsed.terms;
const SESSIONS_HEADER = "session_id,contract_id,student_id,tutor_id,session_date,minutes,attended,group_size";

/** Pieces that make CSV interesting: separators, quotes, BOMs, broken UTF-8, long runs. */
const piece = fc.oneof(
  fc.constantFrom(
    ",",
    '"',
    "\n",
    "\r\n",
    "\r",
    "\uFEFF",
    " ",
    "c1",
    "S1",
    "2024-10-01",
    "30",
    "true",
    "x".repeat(5000),
  ),
  fc.uint8Array({ maxLength: 12 }).map((b) => Buffer.from(b).toString("latin1")),
  fc.string({ maxLength: 6 }),
);
const body = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(""));

async function readSessions(content: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), "accord-fuzz-"));
  try {
    writeFileSync(join(dir, "students.csv"), `${STUDENTS_HEADER}\nS1,A,5,,,,,\n`);
    writeFileSync(join(dir, "enrollments.csv"), "contract_id,student_id,enrolled_on\nc1,S1,2024-09-05\n");
    writeFileSync(join(dir, "assessments.csv"), `${ASSESSMENTS_HEADER}\n`);
    writeFileSync(join(dir, "sessions.csv"), content);
    return await readDataDir(dir, [contract]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("reading fuzzed data files", () => {
  it("never throws, and every data row of a file is accepted or rejected with a place and reason", async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (text, binary) => {
        const content = binary
          ? Buffer.from(text, "latin1")
          : Buffer.from(`${SESSIONS_HEADER}\n${text}`, "utf8");
        const { report } = await readSessions(content);
        const file = report.files.find((f) => f.kind === "sessions");
        expect(file).toBeDefined();
        if (file === undefined) return;
        expect(file.accepted + file.rejected).toBe(file.rows);
        expect(file.accepted).toBeGreaterThanOrEqual(0);
        for (const p of report.problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.code).toMatch(/^[a-z-]+$/);
          expect(p.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("accounts for each non-empty line of a file without quotes as exactly one row", async () => {
    const noQuote = body.map((t) => t.replace(/"/g, ""));
    await fc.assert(
      fc.asyncProperty(noQuote, async (text) => {
        const { report } = await readSessions(Buffer.from(`${SESSIONS_HEADER}\n${text}`, "utf8"));
        const lines = text.split("\n").filter((l) => l !== "" && l !== "\r");
        const file = report.files.find((f) => f.kind === "sessions");
        expect(file?.rows).toBe(lines.length);
      }),
      { numRuns: 300 },
    );
  });
});
