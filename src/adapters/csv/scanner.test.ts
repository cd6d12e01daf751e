import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { CsvScanner } from "./scanner.js";

interface Scanned {
  rows: { fields: string[]; line: number }[];
  bad: { line: number; column: number; code: string }[];
}

function scan(chunks: string[], maxRecordChars?: number): Scanned {
  const out: Scanned = { rows: [], bad: [] };
  const scanner = new CsvScanner(
    {
      row: (fields, count, line) => out.rows.push({ fields: fields.slice(0, count), line }),
      bad: (line, column, code) => out.bad.push({ line, column, code }),
    },
    maxRecordChars,
  );
  for (const c of chunks) scanner.push(c);
  scanner.end();
  return out;
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) || field === "" ? `"${field.replace(/"/g, '""')}"` : field;
}

function splitAt(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let last = 0;
  for (const p of points) {
    parts.push(text.slice(last, p));
    last = p;
  }
  parts.push(text.slice(last));
  return parts;
}

describe("CsvScanner", () => {
  it("splits plain records and numbers lines", () => {
    const r = scan(["a,b,c\n1,2,3\r\n4,5,6"]);
    expect(r.rows).toEqual([
      { fields: ["a", "b", "c"], line: 1 },
      { fields: ["1", "2", "3"], line: 2 },
      { fields: ["4", "5", "6"], line: 3 },
    ]);
  });

  it("strips a byte order mark at the start of the file", () => {
    expect(scan(["\uFEFFid,x\n1,2\n"]).rows[0]?.fields).toEqual(["id", "x"]);
  });

  it("reads quoted fields with commas, escaped quotes and line breaks, keeping physical line numbers", () => {
    const r = scan(['a,b\n"x, y","say ""hi"""\n"two\nlines",z\nlast,1\n']);
    expect(r.rows.map((x) => x.fields)).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["two\nlines", "z"],
      ["last", "1"],
    ]);
    expect(r.rows.map((x) => x.line)).toEqual([1, 2, 3, 5]);
  });

  it("keeps empty fields, including a trailing one", () => {
    expect(scan(["a,,c,\n"]).rows[0]?.fields).toEqual(["a", "", "c", ""]);
  });

  it("skips entirely empty lines", () => {
    expect(scan(["a\n\n\r\nb\n"]).rows.map((r) => r.line)).toEqual([1, 4]);
  });

  it("rejects a quote inside an unquoted field with its line and column", () => {
    const r = scan(['a,b\n1,x"y\n2,3\n']);
    expect(r.bad).toEqual([{ line: 2, column: 2, code: "bad-quote" }]);
    expect(r.rows.map((x) => x.fields)).toEqual([
      ["a", "b"],
      ["2", "3"],
    ]);
  });

  it("rejects characters after a closing quote", () => {
    expect(scan(['"a"b,c\nd\n']).bad).toEqual([{ line: 1, column: 1, code: "bad-quote" }]);
  });

  it("rejects an unterminated quote at the end of the file", () => {
    const r = scan(['a\n"open\nmore\n']);
    expect(r.bad).toEqual([{ line: 2, column: 1, code: "unterminated-quote" }]);
  });

  it("rejects text that was not valid UTF-8", () => {
    expect(scan(["a,b\n1,\uFFFD\n"]).bad).toEqual([{ line: 2, column: 2, code: "bad-encoding" }]);
  });

  it("rejects an over-long record and goes on with the next one", () => {
    const r = scan(["a,b\n", `"${"x".repeat(50)}`, `${"y".repeat(50)}",1\n`, "2,3\n"], 40);
    expect(r.bad.map((b) => b.code)).toEqual(["row-too-long"]);
    expect(r.rows.map((x) => x.fields)).toEqual([
      ["a", "b"],
      ["2", "3"],
    ]);
    expect(r.rows[1]?.line).toBe(3);
  });

  it("gives the same records however the text is cut into chunks (property)", () => {
    const field = fc.string({
      unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r\n", " ", "é", "1"),
      maxLength: 8,
    });
    const table = fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(table, fc.array(fc.nat(), { maxLength: 6 }), (rows, cuts) => {
        const nonEmpty = rows.filter((r) => !(r.length === 1 && r[0] === ""));
        const text = nonEmpty.map((r) => r.map(quote).join(",")).join("\r\n") + "\n";
        const got = scan(splitAt(text, cuts));
        expect(got.bad).toEqual([]);
        expect(got.rows.map((r) => r.fields)).toEqual(nonEmpty);
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on random text and accounts for every non-empty line it ends (fuzz)", () => {
    const unit = fc.constantFrom("a", ",", '"', "\n", "\r", " ", "\uFFFD", "\uFEFF", "x".repeat(30));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 200 }), fc.array(fc.nat(), { maxLength: 5 }), (text, cuts) => {
        const got = scan(splitAt(text, cuts), 64);
        // Without quotes every non-empty line is exactly one record: a row or a problem.
        if (!text.includes('"')) {
          const lines = text
            .replace(/^\uFEFF/, "")
            .split("\n")
            .filter((l) => l !== "" && l !== "\r");
          expect(got.rows.length + got.bad.length).toBe(lines.length);
        }
        for (const r of got.rows) expect(r.fields.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});
