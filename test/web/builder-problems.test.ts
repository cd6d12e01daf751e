/**
 * Each problem of the terms validator is shown next to the builder field (or group) whose
 * JSON path is the problem's path or its nearest ancestor, on the step that holds it; the
 * builder's paths are written exactly as the validator writes them.
 */
import { describe, expect, it } from "vitest";
import { parseTerms, type JsonProblem } from "../../src/shared/terms/check-terms.js";
import { findTemplate } from "../../src/shared/terms/templates.js";
import {
  fieldPathOf,
  placeProblems,
  removableKey,
  stepOfField,
} from "../../web/src/lib/builder/field-problems.js";
import { fieldId, getAt, jsonPath, parseJsonPath, setAt } from "../../web/src/lib/builder/json-path.js";

const DISTRICT = { id: "d1", name: "District One" };
const VENDOR = { id: "v1", name: "Vendor One" };

function problemsOf(change: (d: Record<string, unknown>) => unknown, template = "tutoring-per-student") {
  const document = findTemplate(template)!.build(DISTRICT, VENDOR) as unknown as Record<string, unknown>;
  const parsed = parseTerms(change(document));
  if (parsed.ok) throw new Error("expected problems");
  return placeProblems(parsed.problems).map((p) => ({ path: p.path, field: p.field, step: p.step }));
}

describe("builder JSON paths", () => {
  it("writes paths as the validator does and reads them back", () => {
    expect(jsonPath(["outcomes", "metrics", 0, "amount"])).toBe("$.outcomes.metrics[0].amount");
    expect(jsonPath(["windows", "2024 fall", "window"])).toBe('$.windows["2024 fall"].window');
    expect(parseJsonPath('$.windows["2024 \\"fall\\""].window')).toEqual([
      "windows",
      '2024 "fall"',
      "window",
    ]);
    expect(parseJsonPath("$.obligations[12].measure.min")).toEqual(["obligations", 12, "measure", "min"]);
    expect(parseJsonPath("outcomes.kind")).toBeNull();
    expect(parseJsonPath("$..x")).toBeNull();
  });

  it("sets and removes values without touching the original, keeping key order", () => {
    const document = { a: 1, b: { c: [1, 2, 3] }, d: 4 };
    const changed = setAt(document, ["b", "c", 1], undefined);
    expect(changed).toEqual({ a: 1, b: { c: [1, 3] }, d: 4 });
    expect(document.b.c).toEqual([1, 2, 3]);
    expect(Object.keys(setAt(document, ["b"], "x") as object)).toEqual(["a", "b", "d"]);
    expect(setAt(document, ["e", "f"], 5)).toEqual({ ...document, e: { f: 5 } });
    expect(getAt(document, ["b", "c", 2])).toBe(3);
    expect(getAt(document, ["a", "x"])).toBeUndefined();
  });

  it("gives every path its own DOM id", () => {
    const ids = ["$.a.b", "$.a_b", '$.windows["a b"]', "$.windows.a_20b", "$.x[0]", "$.x.0"].map(fieldId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_-]*$/);
  });
});

describe("placing the validator's problems on the builder's fields", () => {
  it("puts a wrong value on its own field, on its step", () => {
    expect(problemsOf((d) => ({ ...d, maxValue: 420000 }))).toEqual([
      { path: "$.maxValue", field: "$.maxValue", step: "parties" },
    ]);
    expect(problemsOf((d) => setAt(d, ["outcomes", "metrics", 1, "amount"], "250.001"))).toEqual([
      { path: "$.outcomes.metrics[1].amount", field: "$.outcomes.metrics[1].amount", step: "payment" },
    ]);
    expect(problemsOf((d) => setAt(d, ["outcomes", "metrics", 0, "target", "percent"], "lots"))).toEqual([
      {
        path: "$.outcomes.metrics[0].target.percent",
        field: "$.outcomes.metrics[0].target.percent",
        step: "metrics",
      },
    ]);
    expect(problemsOf((d) => setAt(d, ["obligations", 1, "consequence"], "payFull"))).toEqual([
      { path: "$.obligations[1].consequence", field: "$.obligations[1].consequence", step: "obligations" },
    ]);
    expect(problemsOf((d) => setAt(d, ["windows", "spring", "subject"], ""))).toEqual([
      { path: "$.windows.spring.subject", field: "$.windows.spring.subject", step: "population" },
    ]);
  });

  it("puts a rule across values on the value the validator names", () => {
    expect(problemsOf((d) => ({ ...d, period: { start: "2025-06-01", end: "2025-05-23" } }))).toEqual([
      { path: "$.period.end", field: "$.period.end", step: "parties" },
    ]);
  });

  it("puts a problem of a metric as a whole on the group that can fix it", () => {
    const noAmount = problemsOf((d) => setAt(d, ["outcomes", "metrics", 0, "amount"], undefined));
    expect(noAmount).toEqual([
      { path: "$.outcomes.metrics[0]", field: "$.outcomes.metrics[0].pay", step: "payment" },
    ]);
    const levelAndScore = problemsOf((d) => setAt(d, ["outcomes", "metrics", 1, "minScore"], "220"));
    expect(levelAndScore).toEqual([
      { path: "$.outcomes.metrics[1]", field: "$.outcomes.metrics[1]", step: "metrics" },
    ]);
  });

  it("puts a key of the wrong payment kind, and a missing pool, on the payment step", () => {
    const placed = problemsOf((d) => setAt(d, ["outcomes", "kind"], "pool"));
    expect(placed.every((p) => p.step === "payment")).toBe(true);
    expect(placed.map((p) => p.field)).toEqual([
      "$.outcomes.metrics[0].amount",
      "$.outcomes.metrics[0].weight",
      "$.outcomes.metrics[1].amount",
      "$.outcomes.metrics[1].weight",
      "$.outcomes.pool",
    ]);
  });

  it("puts an unknown key on its nearest group, and one at the top on the document (review)", () => {
    expect(problemsOf((d) => setAt(d, ["eligibility", "colour"], "blue"))).toEqual([
      { path: "$.eligibility.colour", field: "$.eligibility", step: "population" },
    ]);
    expect(problemsOf((d) => ({ ...d, notes: "x" }))).toEqual([
      { path: "$.notes", field: "$", step: "review" },
    ]);
    expect(problemsOf(() => [])).toEqual([{ path: "$", field: "$", step: "review" }]);
  });

  it("places every problem of a thoroughly broken document on some step", () => {
    const placed = problemsOf(() => ({
      format: "obc-terms/2",
      contractId: "bad id",
      windows: { "": { assessment: 1 } },
      base: { kind: "perStudent" },
      outcomes: { kind: "pool", metrics: [{ id: "m", kind: "nope" }] },
      obligations: [{ party: "nobody" }],
      notes: "unknown",
    }));
    expect(placed.length).toBeGreaterThan(10);
    for (const p of placed) expect(stepOfField(p.field)).toBe(p.step);
    expect(new Set(placed.map((p) => p.step))).toEqual(
      new Set(["review", "parties", "population", "payment", "metrics", "obligations"]),
    );
  });

  it("reads only what the validator writes: a malformed path goes to the document", () => {
    const problem: JsonProblem = { path: "not a path", code: "x", message: "y" };
    expect(fieldPathOf(problem)).toBe("$");
  });
});

describe("problems fixed by removing a key", () => {
  it("names the key of an unknown or foreign key, and of nothing else", () => {
    const problem = (path: string, code: string): JsonProblem => ({ path, code, message: "m" });
    expect(removableKey(problem("$.notes", "unknown-key"))).toBe("notes");
    expect(removableKey(problem("$.outcomes.metrics[0].amount", "key-not-for-kind"))).toBe("amount");
    expect(removableKey(problem("$.outcomes.pool", "pool-not-allowed"))).toBe("pool");
    expect(removableKey(problem('$.windows["a b"]', "unknown-key"))).toBe("a b");
    expect(removableKey(problem("$.maxValue", "bad-money"))).toBeNull();
    expect(removableKey(problem("$.obligations[0]", "unknown-key"))).toBeNull();
  });
});
