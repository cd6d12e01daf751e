import { describe, it, expect } from "vitest";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readCsvFile, completeUtf8Length } from "./read-csv-file.js";

async function read(bytes: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), "accord-csv-"));
  try {
    const path = join(dir, "f.csv");
    writeFileSync(path, bytes);
    const rows: { fields: string[]; line: number }[] = [];
    const bad: { line: number; code: string }[] = [];
    await readCsvFile(path, {
      row: (f, n, line) => rows.push({ fields: f.slice(0, n), line }),
      bad: (line, _c, code) => bad.push({ line, code }),
    });
    return { rows, bad };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("readCsvFile", () => {
  it("finds where a read ends inside a multi-byte character", () => {
    expect(completeUtf8Length(Buffer.from("abc"))).toBe(3);
    expect(completeUtf8Length(Buffer.from("aé"))).toBe(3);
    expect(completeUtf8Length(Buffer.from("aé").subarray(0, 2))).toBe(1);
    expect(completeUtf8Length(Buffer.from("a€").subarray(0, 3))).toBe(1);
    expect(completeUtf8Length(Buffer.from("a😀").subarray(0, 4))).toBe(1);
    expect(completeUtf8Length(Buffer.from("a😀"))).toBe(5);
  });

  it("decodes characters cut by the 1 MiB read boundary", async () => {
    const head = "id,name\n";
    const filler = "x".repeat((1 << 20) - head.length - 3);
    const text = `${head}1,${filler}é\n2,ü😀\n`;
    const { rows, bad } = await read(Buffer.from(text, "utf8"));
    expect(bad).toEqual([]);
    expect(rows[1]?.fields[1]).toBe(`${filler}é`);
    expect(rows[2]?.fields).toEqual(["2", "ü😀"]);
  });

  it("rejects the records that hold invalid UTF-8, and keeps a real U+FFFD in valid text", async () => {
    const bytes = Buffer.concat([
      Buffer.from("id,name\n1,ok\n2,"),
      Buffer.from([0xff, 0xfe]),
      Buffer.from("\n3,fine\n"),
    ]);
    const { rows, bad } = await read(bytes);
    expect(bad).toEqual([{ line: 3, code: "bad-encoding" }]);
    expect(rows.map((r) => r.fields[0])).toEqual(["id", "1", "3"]);
    const valid = await read(Buffer.from("id,name\n1,\uFFFD\n", "utf8"));
    expect(valid.bad).toEqual([]);
  });
});
