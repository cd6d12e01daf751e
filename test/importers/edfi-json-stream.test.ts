import { describe, expect, it } from "vitest";
import { EdfiJsonSplitter, type EdfiSplitEvent } from "../../src/core/import/edfi-json-stream.js";

/** The events of `text` pushed in pieces of `size` characters. */
function split(text: string, size = text.length): EdfiSplitEvent[] {
  const events: EdfiSplitEvent[] = [];
  const splitter = new EdfiJsonSplitter("f.json", (e) => events.push(e));
  for (let i = 0; i < text.length; i += size) splitter.push(text.slice(i, i + size));
  splitter.end();
  return events;
}

const summary = (events: EdfiSplitEvent[]): unknown[] =>
  events.map((e) =>
    e.kind === "item"
      ? [e.item.where, e.item.line, e.item.root, e.item.value]
      : e.kind === "bad-line"
        ? ["bad", e.line]
        : ["broken", e.problem.message],
  );

const DOCUMENTS: Record<string, string> = {
  array: '\ufeff\n[\n  {"a": "x]},{[\\"", "b": [1, {"c": 2}]},\n  {"a": 2}\n]\n',
  ndjson: '{"a":1}\n\n{"a":2}\r\nnot json\n{"a":3}',
  single: '{\n  "a": {"b": [1, 2]}\n}\n',
  oneLine: '  {"a": 1}\n\n',
  emptyArray: "[ ]",
  brokenArray: '[{"a": 1}, {"a": 2]',
  trailingComma: '[{"a": 1},]',
  textAfter: '[{"a": 1}] x',
  unclosed: '[{"a": 1}',
  notJsonAtAll: "{ nope\n{ still not\n",
};

describe("the streaming Ed-Fi splitter", () => {
  it("gives the same resources, lines and paths however the text is cut", () => {
    for (const [name, text] of Object.entries(DOCUMENTS)) {
      const whole = summary(split(text));
      for (const size of [1, 2, 3, 7])
        expect(summary(split(text, size)), `${name} in pieces of ${size}`).toEqual(whole);
    }
  });

  it("names array elements by index and the line where each starts, strings with brackets and quotes kept", () => {
    expect(summary(split(DOCUMENTS["array"] ?? ""))).toEqual([
      ["f.json:$[0]", 3, "$[0]", { a: 'x]},{["', b: [1, { c: 2 }] }],
      ["f.json:$[1]", 4, "$[1]", { a: 2 }],
    ]);
    expect(summary(split(DOCUMENTS["emptyArray"] ?? ""))).toEqual([]);
  });

  it("reads NDJSON by line, reporting a line that is not JSON and reading on", () => {
    expect(summary(split(DOCUMENTS["ndjson"] ?? ""))).toEqual([
      ["f.json:1", 1, "$", { a: 1 }],
      ["f.json:3", 3, "$", { a: 2 }],
      ["bad", 4],
      ["f.json:5", 5, "$", { a: 3 }],
    ]);
  });

  it("reads one object, pretty-printed or on one line, as the file", () => {
    expect(summary(split(DOCUMENTS["single"] ?? ""))).toEqual([["f.json", 1, "$", { a: { b: [1, 2] } }]]);
    expect(summary(split(DOCUMENTS["oneLine"] ?? ""))).toEqual([["f.json", 1, "$", { a: 1 }]]);
  });

  it("breaks on an array that is not JSON, and reads a document that is not one object by line", () => {
    for (const name of ["brokenArray", "trailingComma", "textAfter", "unclosed"]) {
      const events = summary(split(DOCUMENTS[name] ?? ""));
      expect(events.at(-1), name).toEqual(["broken", "the file is not a valid JSON array"]);
    }
    expect(summary(split(DOCUMENTS["notJsonAtAll"] ?? ""))).toEqual([
      ["bad", 1],
      ["bad", 2],
    ]);
  });
});
