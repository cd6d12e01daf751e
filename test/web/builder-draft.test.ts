/**
 * The builder's edits that change several values at once leave valid terms valid, and a
 * terms file is imported with every problem and its JSON path, or refused with where and why.
 */
import { describe, expect, it } from "vitest";
import { parseTerms } from "../../src/shared/terms/check-terms.js";
import { TEMPLATES, findTemplate } from "../../src/shared/terms/templates.js";
import {
  baseOf,
  consequencesFor,
  newMetric,
  newObligation,
  renameWindow,
  switchMetricKind,
  switchOutcomesKind,
  uniqueId,
  type MetricKind,
} from "../../web/src/lib/builder/draft.js";
import { getAt, setAt } from "../../web/src/lib/builder/json-path.js";
import { readTermsText, termsFileName, termsFileText } from "../../web/src/lib/builder/terms-file.js";
import { jsonErrorOffset } from "../../web/src/lib/builder/json-syntax.js";

const DISTRICT = { id: "d1", name: "District One" };
const VENDOR = { id: "v1", name: "Vendor One" };
const KINDS: readonly MetricKind[] = ["growth", "proficiency", "dosage", "consistency"];

function problems(document: unknown): string[] {
  const parsed = parseTerms(document);
  return parsed.ok ? [] : parsed.problems.map((p) => `${p.path}: ${p.message}`);
}

const tutoring = () => findTemplate("tutoring-per-student")!.build(DISTRICT, VENDOR) as unknown;

describe("builder edits", () => {
  it("switches outcomes between per-student and pool payment and stays valid both ways", () => {
    for (const template of TEMPLATES) {
      const start = template.build(DISTRICT, VENDOR) as unknown;
      const pool = setAt(start, ["outcomes"], switchOutcomesKind(getAt(start, ["outcomes"]), "pool"));
      expect(problems(pool), template.id).toEqual([]);
      const back = setAt(pool, ["outcomes"], switchOutcomesKind(getAt(pool, ["outcomes"]), "perStudent"));
      expect(problems(back), template.id).toEqual([]);
      expect(getAt(back, ["outcomes", "pool"])).toBeUndefined();
    }
  });

  it("switches a metric to each kind, keeping its id, label and payment", () => {
    for (const kind of KINDS) {
      const document = tutoring();
      const metric = getAt(document, ["outcomes", "metrics", 1]);
      const switched = switchMetricKind(metric, kind, ["fall", "spring"]);
      expect(switched).toMatchObject({
        id: "proficient",
        label: "Reached proficiency (level 3)",
        kind,
        amount: "250.00",
      });
      expect(problems(setAt(document, ["outcomes", "metrics", 1], switched)), kind).toEqual([]);
    }
  });

  it("drops tiers and decline when a growth metric becomes another kind", () => {
    const tiered = {
      id: "g",
      label: "G",
      kind: "growth",
      from: "fall",
      to: "spring",
      target: { points: "5" },
      tiers: [{ atLeast: "100", amount: "5.00" }],
      decline: "1.00",
    };
    const switched = switchMetricKind(tiered, "dosage", ["fall"]);
    expect(switched).toEqual({ id: "g", label: "G", kind: "dosage", minSessions: 20, amount: "100.00" });
  });

  it("adds metrics of every kind to either kind of outcomes, each with an id not taken", () => {
    for (const outcomes of ["perStudent", "pool"] as const) {
      let document = tutoring();
      document = setAt(document, ["outcomes"], switchOutcomesKind(getAt(document, ["outcomes"]), outcomes));
      for (const kind of KINDS) {
        const list = getAt(document, ["outcomes", "metrics"]) as { id: string }[];
        const metric = newMetric(
          kind,
          outcomes,
          ["fall", "spring"],
          list.map((m) => m.id),
        );
        document = setAt(document, ["outcomes", "metrics", list.length], metric);
      }
      expect(problems(document), outcomes).toEqual([]);
      expect((getAt(document, ["outcomes", "metrics"]) as { id: string }[]).map((m) => m.id)).toEqual([
        "growth",
        "proficient",
        "growth-2",
        "proficiency",
        "dosage",
        "consistency",
      ]);
    }
  });

  it("renames a window everywhere it is used, in its place", () => {
    let document = tutoring();
    document = setAt(document, ["eligibility", "baselineMaxScore"], { window: "fall", score: "210" });
    const renamed = renameWindow(document, "fall", "autumn");
    expect(Object.keys(getAt(renamed, ["windows"]) as object)).toEqual(["autumn", "spring"]);
    expect(getAt(renamed, ["outcomes", "metrics", 0, "from"])).toBe("autumn");
    expect(getAt(renamed, ["eligibility", "baselineMaxScore", "window"])).toBe("autumn");
    expect(problems(renamed)).toEqual([]);
  });

  it("offers each base kind and each party's obligations as valid terms", () => {
    for (const kind of ["perStudent", "share", "fixed"] as const)
      expect(problems(setAt(tutoring(), ["base"], baseOf(kind))), kind).toEqual([]);
    const withBoth = setAt(
      setAt(tutoring(), ["obligations", 2], newObligation("district", ["enroll", "serve"])),
      ["obligations", 3],
      newObligation("vendor", ["enroll", "serve", "enroll-2"]),
    );
    expect(problems(withBoth)).toEqual([]);
    expect((getAt(withBoth, ["obligations"]) as { id: string }[]).map((o) => o.id)).toEqual([
      "enroll",
      "serve",
      "enroll-2",
      "serve-2",
    ]);
    expect(consequencesFor("district")).toEqual(["none", "payFull"]);
    expect(consequencesFor("vendor")).toEqual(["none", "reduce"]);
    expect(uniqueId("x", ["x", "x-2"])).toBe("x-3");
  });
});

describe("terms files", () => {
  it("loads a file that breaks rules, with every problem and its JSON path", () => {
    const document = setAt(
      setAt(tutoring(), ["maxValue"], 420000),
      ["obligations", 0, "consequence"],
      "shrug",
    );
    const result = readTermsText("broken.json", JSON.stringify(document));
    if (result.kind !== "loaded") throw new Error(result.kind);
    expect(result.document).toEqual(document);
    expect(result.problems.map((p) => p.path)).toEqual(["$.maxValue", "$.obligations[0].consequence"]);
  });

  it("refuses a file that is not JSON, saying where, and one that is not an object", () => {
    const broken = readTermsText("terms.json", '{\n  "format": "obc-terms/1",\n  "title": oops\n}');
    expect(broken.kind).toBe("unreadable");
    if (broken.kind === "unreadable")
      expect(broken.message).toMatch(/^terms\.json is not JSON at line 3, column 12: /);
    expect(readTermsText("list.json", "[]")).toEqual({
      kind: "unreadable",
      message: "list.json must hold one JSON object, an obc-terms/1 document",
    });
  });

  it("exports the document as it is, named by its contract id when that is safe", () => {
    const document = tutoring();
    const text = termsFileText(document);
    expect(JSON.parse(text)).toEqual(document);
    expect(text.endsWith("}\n")).toBe(true);
    expect(termsFileName(document)).toBe("hdt-2024-math.json");
    expect(termsFileName({ contractId: "../etc/passwd" })).toBe("terms.json");
    expect(termsFileName([])).toBe("terms.json");
    const round = readTermsText("hdt-2024-math.json", text);
    expect(round).toEqual({ kind: "loaded", document, problems: [] });
  });
});

describe("JSON syntax errors", () => {
  it("finds where a text first stops being JSON, and nothing in valid JSON", () => {
    expect(jsonErrorOffset('{"a": [1, 2.5e3, true, null, "x\\u00e9"]}')).toBeNull();
    expect(jsonErrorOffset("  {}  ")).toBeNull();
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('{"a" 1}')).toBe(5);
    expect(jsonErrorOffset("[01]")).toBe(2);
    expect(jsonErrorOffset('"tab\there"')).toBe(4);
    expect(jsonErrorOffset("{} x")).toBe(3);
    expect(jsonErrorOffset("")).toBe(0);
    expect(jsonErrorOffset('"\\x"')).toBe(1);
  });
});
