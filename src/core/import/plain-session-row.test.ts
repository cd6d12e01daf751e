import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { SESSION_COLUMNS } from "../data/header.js";
import { CANONICAL_CSV_FORMATS } from "./canonical-csv.js";
import { isPlainSessionHeader, plainAttended, plainSessionMinutes } from "./plain-session-row.js";

const header = [...SESSION_COLUMNS];
const bound = CANONICAL_CSV_FORMATS.sessions.bind(header, { fileName: "sessions.csv", contractId: null });

/** Cells of each column, valid or not, plain or not. */
const CELLS: readonly (readonly string[])[] = [
  ["X1", "", " X1", "X1 ", "\tX1", "X 1", "X10"],
  ["c001", "", " c001", "c001\t", "c 2"],
  ["S1", "", "S1 ", "S\u00a01"],
  ["T1", "", " T1", "T1\t"],
  [
    "2024-10-25",
    "2024-02-29",
    "2023-02-29",
    "2024-13-01",
    "2024-1-05",
    " 2024-10-25",
    "10/25/2024",
    "",
    "0000-01-01",
  ],
  ["30", "0", "1440", "1441", "030", "-5", "+5", "3.5", "", " 30", "00000"],
  ["true", "false", "1", "0", "", "TRUE", "t", "no", "maybe", " true"],
  ["1", "", "1000000", "1000001", "0", "01", " 2", "x"],
];

describe("plain session rows", () => {
  it("knows the canonical header only, name for name and in order", () => {
    expect(isPlainSessionHeader(header)).toBe(true);
    expect(isPlainSessionHeader([...header].reverse())).toBe(false);
    expect(isPlainSessionHeader([...header, "note"])).toBe(false);
    expect(isPlainSessionHeader(header.map((h) => (h === "minutes" ? " minutes" : h)))).toBe(false);
  });

  it("takes a row only when it decodes to exactly its cells", () => {
    const row = fc.tuple(...CELLS.map((cells) => fc.constantFrom(...cells)));
    fc.assert(
      fc.property(row, (fields) => {
        const minutes = plainSessionMinutes(fields, fields.length);
        if (minutes < 0) return;
        const mapped = bound.map(fields, fields.length);
        if (!("record" in mapped) || mapped.record.kind !== "sessions")
          throw new Error("a plain row was rejected");
        const empty = (cell: string): string | null => (cell === "" ? null : cell);
        expect(mapped.record.record).toEqual({
          sessionId: empty(fields[0] ?? ""),
          contractId: fields[1],
          studentId: fields[2],
          tutorId: empty(fields[3] ?? ""),
          sessionDate: fields[4],
          minutes,
          attended: plainAttended(fields[6] ?? "") === 1,
          groupSize: fields[7] === "" ? null : Number(fields[7]),
        });
        expect(minutes).toBe(Number(fields[5]));
      }),
      { numRuns: 3000 },
    );
  });

  it("leaves rows of another width to the general path", () => {
    expect(plainSessionMinutes(["X1", "c001", "S1", "T1", "2024-10-25", "30", "true", "1"], 8)).toBe(30);
    expect(plainSessionMinutes(["X1", "c001", "S1", "T1", "2024-10-25", "30", "true"], 7)).toBe(-1);
  });
});
