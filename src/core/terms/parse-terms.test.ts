import { describe, it, expect } from "vitest";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { cwd } from "node:process";
import fc from "fast-check";
import { parseTerms } from "./parse-terms.js";
import type { Terms } from "./types.js";
import { ratio } from "../ratio.js";

/** The example of shared/spec/terms-v1.md, copied so the tests run without ../shared. */
const EXAMPLE = {
  format: "obc-terms/1",
  contractId: "duval-2024-math",
  title: "High-dosage math tutoring, grade 8",
  district: { id: "duval", name: "Duval County Public Schools" },
  vendor: { id: "acme-tutoring", name: "Acme Tutoring" },
  service: "tutoring",
  currency: "USD",
  period: { start: "2024-09-03", end: "2025-05-23" },
  maxValue: "639000.00",
  expectedStudents: 450,
  eligibility: { grades: ["8"] },
  service_threshold: { minSessions: 20 },
  windows: {
    fall: { assessment: "MAP Growth", subject: "math", window: "2024-fall" },
    spring: { assessment: "MAP Growth", subject: "math", window: "2025-spring" },
  },
  base: { kind: "perStudent", amount: "670.00", per: "served" },
  outcomes: {
    kind: "perStudent",
    metrics: [
      {
        id: "growth",
        label: "Met MAP projected growth",
        kind: "growth",
        from: "fall",
        to: "spring",
        target: { fromRow: true, percent: "100" },
        amount: "500.00",
      },
      {
        id: "proficient",
        label: "Reached proficiency",
        kind: "proficiency",
        window: "spring",
        minLevel: 3,
        amount: "250.00",
      },
    ],
  },
  obligations: [
    {
      id: "enroll",
      party: "district",
      description: "Enroll at least 405 eligible students",
      measure: { kind: "enrolledStudents", min: 405 },
      consequence: "payFull",
    },
    {
      id: "same-tutor",
      party: "vendor",
      description: "Keep students with one tutor",
      measure: { kind: "manual" },
      consequence: { reduceOutcomePercent: "10" },
    },
  ],
};

const POOL_OUTCOMES = {
  kind: "pool",
  pool: { percent: "40" },
  metrics: [
    {
      id: "growth",
      label: "Grew",
      kind: "growth",
      from: "fall",
      to: "spring",
      target: { points: "3" },
      weight: "1",
    },
  ],
};

type Key = string | number;
const REMOVE = Symbol("remove");

/** A deep copy of `base` with each `[path, value]` change applied (`REMOVE` deletes the key). */
function variantOf(base: object, ...changes: [readonly Key[], unknown][]): unknown {
  const doc = structuredClone(base) as Record<Key, unknown>;
  for (const [path, value] of changes) {
    let node = doc;
    for (const key of path.slice(0, -1)) node = node[key] as Record<Key, unknown>;
    const last = path[path.length - 1] as Key;
    if (value === REMOVE) delete node[last];
    else node[last] = structuredClone(value);
  }
  return doc;
}

const variant = (...changes: [readonly Key[], unknown][]) => variantOf(EXAMPLE, ...changes);
const poolVariant = (...changes: [readonly Key[], unknown][]) =>
  variantOf(EXAMPLE, [["outcomes"], POOL_OUTCOMES], ...changes);

function problems(doc: unknown): { path: string; code: string }[] {
  const result = parseTerms(doc);
  return result.ok ? [] : result.problems.map(({ path, code }) => ({ path, code }));
}

function messages(doc: unknown): string[] {
  const result = parseTerms(doc);
  return result.ok ? [] : result.problems.map((p) => p.message);
}

function termsOf(doc: unknown): Terms {
  const result = parseTerms(doc);
  if (!result.ok)
    throw new Error(result.problems.map((p) => `${p.path}: ${p.code}: ${p.message}`).join("\n"));
  return result.terms;
}

const one = (path: string, code: string) => [{ path, code }];
const M0 = "$.outcomes.metrics[0]";
const M1 = "$.outcomes.metrics[1]";

describe("parseTerms: valid documents", () => {
  it("parses the spec's example document", () => {
    const terms = termsOf(EXAMPLE);
    expect(terms.contractId).toBe("duval-2024-math");
    expect(terms.maxValueCents).toBe(63_900_000n);
    expect(terms.period).toEqual({ start: "2024-09-03", end: "2025-05-23" });
    expect(terms.eligibility).toEqual({ grades: ["8"] });
    expect(terms.serviceThreshold).toEqual({ minSessions: 20, minMinutes: 0 });
    expect(terms.windows.map((w) => w.name)).toEqual(["fall", "spring"]);
    expect(terms.maxRapidGuessPercent).toBeNull();
    expect(terms.base).toEqual({ kind: "perStudent", amountCents: 67_000n, per: "served" });
    expect(terms.outcomes.kind).toBe("perStudent");
    expect(terms.outcomes.denominator).toBe("served");
    expect(terms.outcomes.missingOutcome).toBe("notMet");
    expect(terms.outcomes.pool).toBeNull();
    expect(terms.outcomes.capCents).toBeNull();
    expect(terms.outcomes.metrics[0]).toEqual({
      id: "growth",
      label: "Met MAP projected growth",
      measure: {
        kind: "growth",
        from: "fall",
        to: "spring",
        target: { kind: "fromRow", percent: ratio(100n), prorateWeeks: null },
      },
      pay: { kind: "perStudent", amountCents: 50_000n, tiers: [], amountBySubgroup: [], declineCents: null },
      capCents: null,
    });
    expect(terms.outcomes.metrics[1]?.measure).toEqual({
      kind: "proficiency",
      window: "spring",
      minLevel: 3,
      minScore: null,
    });
    expect(terms.obligations).toEqual([
      {
        id: "enroll",
        party: "district",
        description: "Enroll at least 405 eligible students",
        measure: { kind: "enrolledStudents", min: 405 },
        consequence: { kind: "payFull" },
      },
      {
        id: "same-tutor",
        party: "vendor",
        description: "Keep students with one tutor",
        measure: { kind: "manual" },
        consequence: { kind: "reduceOutcomePercent", percent: ratio(10n) },
      },
    ]);
  });

  const specFile = resolve(cwd(), "../shared/spec/terms-v1.md");
  it.skipIf(!existsSync(specFile))(
    "parses the example as written in ../shared/spec/terms-v1.md (skipped when ../shared is absent)",
    () => {
      const block = /```json\n([\s\S]*?)```/.exec(readFileSync(specFile, "utf8"))?.[1];
      expect(block).toBeDefined();
      const fromSpec: unknown = JSON.parse(block ?? "null");
      expect(problems(fromSpec)).toEqual([]);
      expect(fromSpec).toEqual(EXAMPLE);
    },
  );

  const examplesDir = resolve(cwd(), "../shared/examples");
  it.skipIf(!existsSync(examplesDir))(
    "parses every ../shared/examples/*/terms.json (skipped when ../shared is absent)",
    () => {
      const files = readdirSync(examplesDir)
        .map((name) => resolve(examplesDir, name, "terms.json"))
        .filter((file) => existsSync(file));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const result = parseTerms(JSON.parse(readFileSync(file, "utf8")));
        expect(result.ok ? [] : result.problems, file).toEqual([]);
      }
    },
  );

  it("accepts money without decimals or with one decimal", () => {
    const terms = termsOf(variant([["maxValue"], "1200000.5"], [["base", "amount"], "670"]));
    expect(terms.maxValueCents).toBe(120_000_050n);
    expect(terms.base).toEqual({ kind: "perStudent", amountCents: 67_000n, per: "served" });
  });

  it("accepts a period that starts and ends on the same day", () => {
    expect(problems(variant([["period"], { start: "2025-01-06", end: "2025-01-06" }]))).toEqual([]);
  });

  it("parses a pool contract with its defaults: targetRate 1, minRate 0", () => {
    const terms = termsOf(poolVariant());
    expect(terms.outcomes.pool).toEqual({ kind: "percent", percent: ratio(40n) });
    expect(terms.outcomes.metrics[0]?.pay).toEqual({
      kind: "pool",
      weight: ratio(1n),
      targetRate: ratio(1n),
      minRate: ratio(0n),
    });
  });

  it("parses a pool given as an amount", () => {
    const terms = termsOf(poolVariant([["outcomes", "pool"], { amount: "480000.00" }]));
    expect(terms.outcomes.pool).toEqual({ kind: "amount", amountCents: 48_000_000n });
  });

  it("defaults a share base's prorate to false", () => {
    const terms = termsOf(variant([["base"], { kind: "share", percent: "60" }]));
    expect(terms.base).toEqual({ kind: "share", percent: ratio(60n), prorate: false });
  });

  it("keeps windows and subgroup amounts in document order", () => {
    const terms = termsOf(
      variant(
        [["windows"], { b: EXAMPLE.windows.fall, a: EXAMPLE.windows.spring }],
        [["outcomes", "metrics", 0, "from"], "b"],
        [["outcomes", "metrics", 0, "to"], "a"],
        [["outcomes", "metrics", 1, "window"], "a"],
        [
          ["outcomes", "metrics", 0, "amountBySubgroup"],
          { specialEducation: "700", englishLearner: "600.50" },
        ],
      ),
    );
    expect(terms.windows.map((w) => w.name)).toEqual(["b", "a"]);
    const pay = terms.outcomes.metrics[0]?.pay;
    expect(pay?.kind === "perStudent" ? pay.amountBySubgroup : null).toEqual([
      { flag: "specialEducation", amountCents: 70_000n },
      { flag: "englishLearner", amountCents: 60_050n },
    ]);
  });

  it("accepts a growth target percent above 100 and negative growth points", () => {
    expect(problems(variant([[...M0Path("target"), "percent"], "150"]))).toEqual([]);
    const terms = termsOf(variant([M0Path("target"), { points: "-2.5" }]));
    expect(terms.outcomes.metrics[0]?.measure).toMatchObject({
      target: { kind: "points", points: ratio(-5n, 2n) },
    });
  });

  it("parses tiers, decline and a dosage metric with only minSessions", () => {
    const tiers = [
      { atLeast: "50", amount: "200.00" },
      { atLeast: "100", amount: "450.00" },
      { atLeast: "150", amount: "700" },
    ];
    const dosage = { id: "dose", label: "Dose", kind: "dosage", minSessions: 20, amount: "10" };
    const terms = termsOf(
      variant(
        [[...M0Path("amount")], REMOVE],
        [[...M0Path("tiers")], tiers],
        [[...M0Path("decline")], "100.00"],
        [["outcomes", "metrics", 1], dosage],
      ),
    );
    expect(terms.outcomes.metrics[0]?.pay).toEqual({
      kind: "perStudent",
      amountCents: null,
      tiers: [
        { atLeast: ratio(50n), amountCents: 20_000n },
        { atLeast: ratio(100n), amountCents: 45_000n },
        { atLeast: ratio(150n), amountCents: 70_000n },
      ],
      amountBySubgroup: [],
      declineCents: 10_000n,
    });
    expect(terms.outcomes.metrics[1]?.measure).toEqual({ kind: "dosage", minSessions: 20, minMinutes: null });
  });
});

/** Path of a key of the first metric, for `variant`. */
function M0Path(key: string): Key[] {
  return ["outcomes", "metrics", 0, key];
}

describe("parseTerms: document and top level", () => {
  it("rejects a document that is not an object", () => {
    expect(problems([])).toEqual(one("$", "wrong-type"));
    expect(problems(null)).toEqual(one("$", "wrong-type"));
  });

  it("rejects an unknown top-level key and suggests the spelling it resembles", () => {
    const doc = variant([["service_threshold"], REMOVE], [["serviceThreshold"], { minSessions: 20 }]);
    expect(problems(doc)).toEqual(one("$.serviceThreshold", "unknown-key"));
    expect(messages(doc)[0]).toContain('did you mean "service_threshold"?');
  });

  it("rejects unknown keys at every level", () => {
    const doc = variant(
      [["district", "code"], "x"],
      [["windows", "fall", "grade"], "8"],
      [[...M0Path("target"), "extra"], 1],
      [["obligations", 1, "measure", "note"], "x"],
    );
    expect(problems(doc)).toEqual([
      { path: "$.district.code", code: "unknown-key" },
      { path: "$.windows.fall.grade", code: "unknown-key" },
      { path: `${M0}.target.extra`, code: "unknown-key" },
      { path: "$.obligations[1].measure.note", code: "unknown-key" },
    ]);
  });

  it("rejects a format other than obc-terms/1", () => {
    expect(problems(variant([["format"], "obc-terms/2"]))).toEqual(one("$.format", "bad-format"));
    expect(problems(variant([["format"], REMOVE]))).toEqual(one("$.format", "required"));
  });

  it("rejects a missing required key", () => {
    expect(problems(variant([["title"], REMOVE]))).toEqual(one("$.title", "required"));
    expect(problems(variant([["vendor", "name"], REMOVE]))).toEqual(one("$.vendor.name", "required"));
  });

  it("rejects a value of the wrong type", () => {
    expect(problems(variant([["title"], 42]))).toEqual(one("$.title", "wrong-type"));
    expect(problems(variant([["district"], "duval"]))).toEqual(one("$.district", "wrong-type"));
    expect(problems(variant([["obligations"], {}]))).toEqual(one("$.obligations", "wrong-type"));
  });

  it("rejects a contractId that does not match the id pattern", () => {
    expect(problems(variant([["contractId"], "-duval"]))).toEqual(one("$.contractId", "bad-pattern"));
    expect(problems(variant([["contractId"], "a".repeat(65)]))).toEqual(one("$.contractId", "bad-pattern"));
    expect(problems(variant([["contractId"], "a".repeat(64)]))).toEqual([]);
  });

  it("rejects a service that is not in the list", () => {
    expect(problems(variant([["service"], "coaching"]))).toEqual(one("$.service", "bad-enum"));
  });

  it("rejects a currency without 2 minor digits, saying the format needs 2", () => {
    for (const code of ["JPY", "KRW", "BHD"]) {
      const doc = variant([["currency"], code]);
      expect(problems(doc)).toEqual(one("$.currency", "bad-currency"));
      expect(messages(doc)[0]).toContain("needs a currency with 2 minor digits");
    }
  });

  it("rejects a currency that is not a supported ISO 4217 code", () => {
    expect(problems(variant([["currency"], "usd"]))).toEqual(one("$.currency", "bad-currency"));
    expect(problems(variant([["currency"], "EUR"]))).toEqual([]);
  });

  it("rejects expectedStudents below 1, fractional, or written as a string", () => {
    expect(problems(variant([["expectedStudents"], 0]))).toEqual(one("$.expectedStudents", "bad-integer"));
    expect(problems(variant([["expectedStudents"], 4.5]))).toEqual(one("$.expectedStudents", "bad-integer"));
    expect(problems(variant([["expectedStudents"], "450"]))).toEqual(one("$.expectedStudents", "wrong-type"));
  });

  it("rejects a maxRapidGuessPercent above 100", () => {
    expect(problems(variant([["maxRapidGuessPercent"], "101"]))).toEqual(
      one("$.maxRapidGuessPercent", "bad-percent"),
    );
    expect(termsOf(variant([["maxRapidGuessPercent"], "30"])).maxRapidGuessPercent).toEqual(ratio(30n));
  });
});

describe("parseTerms: money, dates and periods", () => {
  it("rejects money written as a JSON number, naming the expected form", () => {
    const doc = variant([["maxValue"], 670]);
    expect(problems(doc)).toEqual(one("$.maxValue", "bad-money"));
    expect(messages(doc)[0]).toContain(
      'a decimal string with at most 2 decimals, like "670.00"; got the number 670',
    );
  });

  it("rejects money with more than 2 decimals", () => {
    expect(problems(variant([[...M0Path("amount")], "500.001"]))).toEqual(one(`${M0}.amount`, "bad-money"));
  });

  it("rejects negative money wherever terms hold money", () => {
    expect(problems(variant([["maxValue"], "-5"]))).toEqual(one("$.maxValue", "bad-money"));
    expect(problems(variant([["base", "amount"], "-670.00"]))).toEqual(one("$.base.amount", "bad-money"));
    expect(problems(variant([["outcomes", "cap"], "-1"]))).toEqual(one("$.outcomes.cap", "bad-money"));
    expect(problems(variant([[...M0Path("cap")], "-1"]))).toEqual(one(`${M0}.cap`, "bad-money"));
  });

  it("rejects money that is not a plain decimal", () => {
    expect(problems(variant([["maxValue"], "1,200.00"]))).toEqual(one("$.maxValue", "bad-money"));
    expect(problems(variant([["maxValue"], "1e6"]))).toEqual(one("$.maxValue", "bad-money"));
  });

  it("rejects a date that is not a real calendar day", () => {
    expect(problems(variant([["period", "end"], "2025-02-29"]))).toEqual(one("$.period.end", "bad-date"));
  });

  it("rejects a date not written YYYY-MM-DD", () => {
    expect(problems(variant([["period", "start"], "2024-9-3"]))).toEqual(one("$.period.start", "bad-date"));
  });

  it("rejects a period that ends before it starts", () => {
    const doc = variant([["period"], { start: "2025-05-23", end: "2024-09-03" }]);
    expect(problems(doc)).toEqual(one("$.period.end", "end-before-start"));
  });
});

describe("parseTerms: eligibility, service threshold and windows", () => {
  it("rejects a grade outside PK, K, 1..12", () => {
    expect(problems(variant([["eligibility", "grades"], ["08"]]))).toEqual(
      one("$.eligibility.grades[0]", "bad-enum"),
    );
    expect(
      problems(
        variant([
          ["eligibility", "grades"],
          ["K", "KG"],
        ]),
      ),
    ).toEqual(one("$.eligibility.grades[1]", "bad-enum"));
    expect(
      problems(
        variant([
          ["eligibility", "grades"],
          ["PK", "K", "12"],
        ]),
      ),
    ).toEqual([]);
  });

  it("rejects a grade listed twice", () => {
    const doc = variant([
      ["eligibility", "grades"],
      ["7", "8", "7"],
    ]);
    expect(problems(doc)).toEqual(one("$.eligibility.grades[2]", "duplicate-value"));
  });

  it("rejects an empty list of grades", () => {
    expect(problems(variant([["eligibility", "grades"], []]))).toEqual(one("$.eligibility.grades", "empty"));
  });

  it("rejects an empty school id", () => {
    const doc = variant([
      ["eligibility", "schools"],
      ["0021", ""],
    ]);
    expect(problems(doc)).toEqual(one("$.eligibility.schools[1]", "empty-string"));
  });

  it("rejects a baselineMaxScore window that names no window", () => {
    const doc = variant([["eligibility", "baselineMaxScore"], { window: "winter", score: "210" }]);
    expect(problems(doc)).toEqual(one("$.eligibility.baselineMaxScore.window", "unknown-window"));
  });

  it("rejects a baselineMaxScore score that is not a decimal string", () => {
    const doc = variant([["eligibility", "baselineMaxScore"], { window: "fall", score: 210 }]);
    expect(problems(doc)).toEqual(one("$.eligibility.baselineMaxScore.score", "bad-decimal"));
  });

  it("defaults the service threshold to zero sessions and zero minutes", () => {
    expect(termsOf(variant([["service_threshold"], REMOVE])).serviceThreshold).toEqual({
      minSessions: 0,
      minMinutes: 0,
    });
  });

  it("rejects a negative service threshold", () => {
    const doc = variant([["service_threshold", "minMinutes"], -1]);
    expect(problems(doc)).toEqual(one("$.service_threshold.minMinutes", "bad-integer"));
  });

  it("rejects terms without any window", () => {
    const doc = variant(
      [["windows"], {}],
      [["eligibility"], REMOVE],
      [["outcomes", "metrics"], [{ id: "d", label: "d", kind: "dosage", minSessions: 1, amount: "1" }]],
    );
    expect(problems(doc)).toEqual(one("$.windows", "empty"));
  });

  it("rejects a window with an empty assessment", () => {
    expect(problems(variant([["windows", "fall", "assessment"], ""]))).toEqual(
      one("$.windows.fall.assessment", "empty-string"),
    );
  });

  it("rejects a window name that does not match the id pattern, with a bracketed path", () => {
    const doc = variant(
      [["windows"], { "fall 2024": EXAMPLE.windows.fall, spring: EXAMPLE.windows.spring }],
      [[...M0Path("from")], "fall 2024"],
    );
    expect(problems(doc)).toEqual(one('$.windows["fall 2024"]', "bad-pattern"));
  });
});

describe("parseTerms: base", () => {
  it("requires per in a perStudent base", () => {
    expect(problems(variant([["base", "per"], REMOVE]))).toEqual(one("$.base.per", "required"));
  });

  it("rejects a base key that belongs to another base kind", () => {
    const doc = variant([["base"], { kind: "share", percent: "60", amount: "5.00" }]);
    expect(problems(doc)).toEqual(one("$.base.amount", "key-not-for-kind"));
  });

  it("rejects an unknown base kind", () => {
    expect(problems(variant([["base", "kind"], "hourly"]))).toEqual(one("$.base.kind", "bad-enum"));
  });

  it("rejects a share base above 100 percent and a non-boolean prorate", () => {
    const doc = variant([["base"], { kind: "share", percent: "100.5", prorate: "yes" }]);
    expect(problems(doc)).toEqual([
      { path: "$.base.percent", code: "bad-percent" },
      { path: "$.base.prorate", code: "wrong-type" },
    ]);
  });
});

describe("parseTerms: outcomes", () => {
  it("requires the outcomes kind", () => {
    expect(problems(variant([["outcomes", "kind"], REMOVE]))).toEqual(one("$.outcomes.kind", "required"));
  });

  it("rejects an unknown denominator or missingOutcome", () => {
    const doc = variant([["outcomes", "denominator"], "all"], [["outcomes", "missingOutcome"], "zero"]);
    expect(problems(doc)).toEqual([
      { path: "$.outcomes.denominator", code: "bad-enum" },
      { path: "$.outcomes.missingOutcome", code: "bad-enum" },
    ]);
  });

  it("requires a pool in a pool contract", () => {
    expect(problems(poolVariant([["outcomes", "pool"], REMOVE]))).toEqual(
      one("$.outcomes.pool", "pool-required"),
    );
  });

  it("rejects a pool in a perStudent contract", () => {
    const doc = variant([["outcomes", "pool"], { percent: "40" }]);
    expect(problems(doc)).toEqual(one("$.outcomes.pool", "pool-not-allowed"));
  });

  it("rejects a pool with both percent and amount, or with neither", () => {
    const both = poolVariant([["outcomes", "pool"], { percent: "40", amount: "1.00" }]);
    expect(problems(both)).toEqual(one("$.outcomes.pool", "percent-or-amount"));
    expect(problems(poolVariant([["outcomes", "pool"], {}]))).toEqual(
      one("$.outcomes.pool", "percent-or-amount"),
    );
  });

  it("rejects an empty list of metrics", () => {
    expect(problems(variant([["outcomes", "metrics"], []]))).toEqual(one("$.outcomes.metrics", "empty"));
  });
});

describe("parseTerms: metrics", () => {
  it("rejects a metric id used twice", () => {
    expect(problems(variant([["outcomes", "metrics", 1, "id"], "growth"]))).toEqual(
      one(`${M1}.id`, "duplicate-id"),
    );
  });

  it("rejects a metric id that does not match the id pattern", () => {
    expect(problems(variant([[...M0Path("id")], "met growth"]))).toEqual(one(`${M0}.id`, "bad-pattern"));
  });

  it("requires a metric label", () => {
    expect(problems(variant([[...M0Path("label")], REMOVE]))).toEqual(one(`${M0}.label`, "required"));
  });

  it("rejects an unknown metric kind", () => {
    expect(problems(variant([[...M0Path("kind")], "attendance"]))).toEqual(one(`${M0}.kind`, "bad-enum"));
  });

  it("rejects a from that names no window", () => {
    expect(problems(variant([[...M0Path("from")], "winter"]))).toEqual(one(`${M0}.from`, "unknown-window"));
  });

  it("rejects a to or proficiency window that names no window", () => {
    expect(problems(variant([[...M0Path("to")], "Spring"]))).toEqual(one(`${M0}.to`, "unknown-window"));
    expect(problems(variant([["outcomes", "metrics", 1, "window"], "eoy"]))).toEqual(
      one(`${M1}.window`, "unknown-window"),
    );
  });

  it("rejects a growth metric whose from and to are the same window", () => {
    expect(problems(variant([[...M0Path("to")], "fall"]))).toEqual(one(`${M0}.to`, "same-window"));
  });

  it("rejects a growth target with both points and fromRow, or with neither", () => {
    const both = variant([[...M0Path("target")], { points: "3", fromRow: true, percent: "100" }]);
    expect(problems(both)).toEqual(one(`${M0}.target`, "points-or-from-row"));
    const neither = variant([[...M0Path("target")], { percent: "100" }]);
    expect(problems(neither)).toEqual(one(`${M0}.target`, "points-or-from-row"));
  });

  it("rejects a fromRow that is not literally true", () => {
    expect(problems(variant([[...M0Path("target"), "fromRow"], false]))).toEqual(
      one(`${M0}.target.fromRow`, "bad-from-row"),
    );
    expect(problems(variant([[...M0Path("target"), "fromRow"], "true"]))).toEqual(
      one(`${M0}.target.fromRow`, "wrong-type"),
    );
  });

  it("rejects a negative growth target percent", () => {
    expect(problems(variant([[...M0Path("target"), "percent"], "-10"]))).toEqual(
      one(`${M0}.target.percent`, "bad-percent"),
    );
  });

  it("rejects prorateWeeks below 1", () => {
    expect(problems(variant([[...M0Path("target"), "prorateWeeks"], 0]))).toEqual(
      one(`${M0}.target.prorateWeeks`, "bad-integer"),
    );
  });

  it("rejects fromRow keys in a points target", () => {
    const doc = variant([[...M0Path("target")], { points: "3", prorateWeeks: 30 }]);
    expect(problems(doc)).toEqual(one(`${M0}.target.prorateWeeks`, "key-not-for-kind"));
  });

  it("rejects a key that belongs to another metric kind", () => {
    expect(problems(variant([[...M0Path("window")], "spring"]))).toEqual(
      one(`${M0}.window`, "key-not-for-kind"),
    );
  });

  it("rejects a proficiency metric with both minLevel and minScore, or with neither", () => {
    const both = variant([["outcomes", "metrics", 1, "minScore"], "220"]);
    expect(problems(both)).toEqual(one(M1, "level-or-score"));
    const neither = variant([["outcomes", "metrics", 1, "minLevel"], REMOVE]);
    expect(problems(neither)).toEqual(one(M1, "level-or-score"));
  });

  it("rejects a negative or fractional minLevel", () => {
    expect(problems(variant([["outcomes", "metrics", 1, "minLevel"], -1]))).toEqual(
      one(`${M1}.minLevel`, "bad-integer"),
    );
    expect(problems(variant([["outcomes", "metrics", 1, "minLevel"], 2.5]))).toEqual(
      one(`${M1}.minLevel`, "bad-integer"),
    );
  });

  it("rejects a dosage metric without minSessions or minMinutes", () => {
    const doc = variant([
      ["outcomes", "metrics", 1],
      { id: "dose", label: "Dose", kind: "dosage", amount: "10" },
    ]);
    expect(problems(doc)).toEqual(one(M1, "sessions-or-minutes"));
  });

  it("rejects a consistency minShare above 1, and requires it", () => {
    const metric = { id: "same", label: "Same tutor", kind: "consistency", minShare: "1.5", amount: "10" };
    expect(problems(variant([["outcomes", "metrics", 1], metric]))).toEqual(
      one(`${M1}.minShare`, "bad-share"),
    );
    const { minShare: _, ...withoutShare } = metric;
    expect(problems(variant([["outcomes", "metrics", 1], withoutShare]))).toEqual(
      one(`${M1}.minShare`, "required"),
    );
  });
});

describe("parseTerms: metric payment keys", () => {
  it("requires amount or tiers on a perStudent metric", () => {
    expect(problems(variant([[...M0Path("amount")], REMOVE]))).toEqual(one(M0, "amount-or-tiers"));
  });

  it("rejects a perStudent metric with both amount and tiers", () => {
    const doc = variant([[...M0Path("tiers")], [{ atLeast: "100", amount: "5" }]]);
    expect(problems(doc)).toEqual(one(M0, "amount-or-tiers"));
  });

  it("rejects tiers on a metric that is not growth", () => {
    const doc = variant(
      [["outcomes", "metrics", 1, "amount"], REMOVE],
      [["outcomes", "metrics", 1, "tiers"], [{ atLeast: "100", amount: "5" }]],
    );
    expect(problems(doc)).toEqual(one(`${M1}.tiers`, "tiers-only-growth"));
  });

  it("rejects tiers that do not increase", () => {
    const tiers = [
      { atLeast: "50", amount: "200.00" },
      { atLeast: "50", amount: "300.00" },
      { atLeast: "40", amount: "400.00" },
    ];
    const doc = variant([[...M0Path("amount")], REMOVE], [[...M0Path("tiers")], tiers]);
    expect(problems(doc)).toEqual([
      { path: `${M0}.tiers[1].atLeast`, code: "tiers-not-increasing" },
      { path: `${M0}.tiers[2].atLeast`, code: "tiers-not-increasing" },
    ]);
  });

  it("rejects an empty list of tiers", () => {
    const doc = variant([[...M0Path("amount")], REMOVE], [[...M0Path("tiers")], []]);
    expect(problems(doc)).toEqual(one(`${M0}.tiers`, "empty"));
  });

  it("rejects a tier with bad money or an unknown key", () => {
    const tiers = [{ atLeast: "100", amount: 200, pays: "x" }];
    const doc = variant([[...M0Path("amount")], REMOVE], [[...M0Path("tiers")], tiers]);
    expect(problems(doc)).toEqual([
      { path: `${M0}.tiers[0].amount`, code: "bad-money" },
      { path: `${M0}.tiers[0].pays`, code: "unknown-key" },
    ]);
  });

  it("rejects amountBySubgroup together with tiers", () => {
    const doc = variant(
      [[...M0Path("amount")], REMOVE],
      [[...M0Path("tiers")], [{ atLeast: "100", amount: "5" }]],
      [[...M0Path("amountBySubgroup")], { englishLearner: "6" }],
    );
    expect(problems(doc)).toEqual(one(`${M0}.amountBySubgroup`, "subgroup-with-tiers"));
  });

  it("rejects an amountBySubgroup key that is not a subgroup flag", () => {
    const doc = variant([[...M0Path("amountBySubgroup")], { homeless: "600.00" }]);
    expect(problems(doc)).toEqual(one(`${M0}.amountBySubgroup.homeless`, "unknown-key"));
  });

  it("rejects decline on a metric that is not growth", () => {
    const doc = variant([["outcomes", "metrics", 1, "decline"], "100.00"]);
    expect(problems(doc)).toEqual(one(`${M1}.decline`, "decline-only-growth"));
  });

  it("rejects a pool payment key in a perStudent contract", () => {
    const doc = variant([[...M0Path("weight")], "1"]);
    expect(problems(doc)).toEqual(one(`${M0}.weight`, "key-not-for-kind"));
    expect(messages(doc)[0]).toContain('outcomes kind is "perStudent"');
  });

  it("rejects a pool metric that carries amount", () => {
    const doc = poolVariant([[...M0Path("amount")], "500.00"]);
    expect(problems(doc)).toEqual(one(`${M0}.amount`, "key-not-for-kind"));
    expect(messages(doc)[0]).toContain('outcomes kind is "pool"');
  });

  it("rejects tiers, amountBySubgroup and decline in a pool contract", () => {
    const doc = poolVariant(
      [[...M0Path("tiers")], [{ atLeast: "100", amount: "5" }]],
      [[...M0Path("amountBySubgroup")], { englishLearner: "6" }],
      [[...M0Path("decline")], "1"],
    );
    expect(problems(doc)).toEqual([
      { path: `${M0}.tiers`, code: "key-not-for-kind" },
      { path: `${M0}.amountBySubgroup`, code: "key-not-for-kind" },
      { path: `${M0}.decline`, code: "key-not-for-kind" },
    ]);
  });

  it("requires a weight on a pool metric, greater than 0", () => {
    expect(problems(poolVariant([[...M0Path("weight")], REMOVE]))).toEqual(one(`${M0}.weight`, "required"));
    expect(problems(poolVariant([[...M0Path("weight")], "0"]))).toEqual(one(`${M0}.weight`, "bad-decimal"));
  });

  it("rejects a targetRate of 0 or above 1, and a minRate above 1", () => {
    expect(problems(poolVariant([[...M0Path("targetRate")], "0"]))).toEqual(
      one(`${M0}.targetRate`, "bad-share"),
    );
    expect(problems(poolVariant([[...M0Path("targetRate")], "1.01"]))).toEqual(
      one(`${M0}.targetRate`, "bad-share"),
    );
    expect(problems(poolVariant([[...M0Path("minRate")], "1.2"]))).toEqual(one(`${M0}.minRate`, "bad-share"));
    expect(problems(poolVariant([[...M0Path("targetRate")], "1"], [[...M0Path("minRate")], "0"]))).toEqual(
      [],
    );
  });
});

describe("parseTerms: obligations", () => {
  it("rejects reduceOutcomePercent on a district obligation", () => {
    const doc = variant([["obligations", 0, "consequence"], { reduceOutcomePercent: "10" }]);
    expect(problems(doc)).toEqual(one("$.obligations[0].consequence", "wrong-party"));
  });

  it("rejects payFull on a vendor obligation", () => {
    const doc = variant([["obligations", 1, "consequence"], "payFull"]);
    expect(problems(doc)).toEqual(one("$.obligations[1].consequence", "wrong-party"));
  });

  it("accepts none for either party", () => {
    const doc = variant(
      [["obligations", 0, "consequence"], "none"],
      [["obligations", 1, "consequence"], "none"],
    );
    expect(termsOf(doc).obligations.map((o) => o.consequence)).toEqual([{ kind: "none" }, { kind: "none" }]);
  });

  it("rejects an unknown consequence", () => {
    expect(problems(variant([["obligations", 0, "consequence"], "refund"]))).toEqual(
      one("$.obligations[0].consequence", "bad-enum"),
    );
  });

  it("rejects a reduceOutcomePercent above 100", () => {
    expect(problems(variant([["obligations", 1, "consequence", "reduceOutcomePercent"], "120"]))).toEqual(
      one("$.obligations[1].consequence.reduceOutcomePercent", "bad-percent"),
    );
  });

  it("rejects an obligation id used twice", () => {
    expect(problems(variant([["obligations", 1, "id"], "enroll"]))).toEqual(
      one("$.obligations[1].id", "duplicate-id"),
    );
  });

  it("requires every obligation key", () => {
    for (const key of ["id", "party", "description", "measure", "consequence"]) {
      const doc = variant([["obligations", 0, key], REMOVE]);
      expect(problems(doc)).toEqual(one(`$.obligations[0].${key}`, "required"));
    }
  });

  it("rejects an unknown party", () => {
    expect(problems(variant([["obligations", 0, "party"], "state"]))).toEqual(
      one("$.obligations[0].party", "bad-enum"),
    );
  });

  it("requires min on a student-count measure and rejects it on a manual one", () => {
    expect(problems(variant([["obligations", 0, "measure", "min"], REMOVE]))).toEqual(
      one("$.obligations[0].measure.min", "required"),
    );
    expect(problems(variant([["obligations", 0, "measure", "min"], -1]))).toEqual(
      one("$.obligations[0].measure.min", "bad-integer"),
    );
    expect(problems(variant([["obligations", 1, "measure", "min"], 3]))).toEqual(
      one("$.obligations[1].measure.min", "key-not-for-kind"),
    );
  });
});

describe("parseTerms: reporting", () => {
  it("reports every problem, not only the first", () => {
    const doc = variant(
      [["maxValue"], 639000],
      [["windows", "spring", "subject"], 7],
      [["base", "per"], "attended"],
      [[...M0Path("from")], "winter"],
      [["outcomes", "metrics", 1, "amount"], "250.005"],
      [["obligations", 0, "consequence"], { reduceOutcomePercent: "10" }],
    );
    expect(problems(doc)).toEqual([
      { path: "$.maxValue", code: "bad-money" },
      { path: "$.windows.spring.subject", code: "wrong-type" },
      { path: "$.base.per", code: "bad-enum" },
      { path: `${M0}.from`, code: "unknown-window" },
      { path: `${M1}.amount`, code: "bad-money" },
      { path: "$.obligations[0].consequence", code: "wrong-party" },
    ]);
  });

  it("lists problems in the document's order, not the order of the spec", () => {
    const { outcomes, format, ...rest } = EXAMPLE;
    const doc = {
      outcomes: { ...outcomes, kind: "bonus" },
      ...rest,
      format: "obc-terms/0",
      extra: true,
    };
    expect(format).toBe("obc-terms/1");
    expect(problems(doc)).toEqual([
      { path: "$.outcomes.kind", code: "bad-enum" },
      { path: "$.format", code: "bad-format" },
      { path: "$.extra", code: "unknown-key" },
    ]);
  });

  it("never throws and either returns terms or at least one well-formed problem", () => {
    const keys = Object.keys(EXAMPLE);
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue(), (key, value) => {
        const result = parseTerms(variant([[key], value]));
        if (!result.ok) {
          expect(result.problems.length).toBeGreaterThan(0);
          for (const p of result.problems) {
            expect(p.path).toMatch(/^\$/);
            expect(p.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
            expect(p.message.length).toBeGreaterThan(0);
          }
        }
      }),
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseTerms(value);
        expect(result.ok).toBe(false);
      }),
    );
  });

  it("reads a document that round-trips through JSON text the same way", () => {
    expect(termsOf(JSON.parse(JSON.stringify(EXAMPLE)))).toEqual(termsOf(EXAMPLE));
  });
});
