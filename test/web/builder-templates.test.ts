/**
 * The builder's templates are complete obc-terms/1 documents for any district and vendor,
 * each a fresh object; the plain-language summary and the planned split read them right.
 */
import { describe, expect, it } from "vitest";
import { parseTerms } from "../../src/shared/terms/check-terms.js";
import { TEMPLATES, findTemplate } from "../../src/shared/terms/templates.js";
import { summarizeTerms } from "../../web/src/lib/builder/summary.js";
import { computeSplit, plannedSplit } from "../../web/src/lib/builder/planned-split.js";

const DISTRICT = { id: "granite-falls", name: "Granite Falls ISD" };
const VENDOR = { id: "acme-tutoring", name: "Acme Tutoring" };

describe("builder templates", () => {
  it("offers the three templates: tutoring per student, ed-tech with usage, a 60/40 pool", () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(["tutoring-per-student", "edtech-usage", "pool-60-40"]);
  });

  for (const template of TEMPLATES)
    it(`${template.id} is a valid obc-terms/1 document naming the district and vendor`, () => {
      const document = template.build(DISTRICT, VENDOR);
      const parsed = parseTerms(document);
      expect(parsed.ok ? [] : parsed.problems).toEqual([]);
      if (!parsed.ok) return;
      expect(parsed.terms.district).toEqual(DISTRICT);
      expect(parsed.terms.vendor).toEqual(VENDOR);
    });

  it("builds a fresh document each time, so editing one never changes another", () => {
    const template = findTemplate("pool-60-40");
    if (template === undefined) throw new Error("no pool template");
    const a = template.build(DISTRICT, VENDOR);
    const b = template.build(DISTRICT, VENDOR);
    a.outcomes.metrics[0]!.label = "changed";
    a.period.start = "2030-01-01";
    expect(b.outcomes.metrics[0]!.label).toBe("Met projected growth");
    expect(b.period.start).toBe("2024-09-03");
  });

  it("the pool template is a 60/40 split of its maximum value", () => {
    const terms = findTemplate("pool-60-40")!.build(DISTRICT, VENDOR);
    const split = computeSplit(terms);
    expect(split.base).toEqual({ num: 60n * 600000n * 100n, den: 10000n });
    expect(plannedSplit(terms)).toBe(
      "Planned split at 600 students: base $360,000.00 (60% of the maximum), outcomes up to $240,000.00 (40%).",
    );
  });

  it("plans a per-student contract at its expected size, and caps outcomes at the outcome cap", () => {
    const tutoring = findTemplate("tutoring-per-student")!.build(DISTRICT, VENDOR);
    // 300 students x $700 base; 300 x ($450 + $250) outcomes.
    expect(plannedSplit(tutoring)).toBe(
      "Planned split at 300 students: base $210,000.00 (50% of the maximum), outcomes up to $210,000.00 (50%).",
    );
    const edtech = findTemplate("edtech-usage")!.build(DISTRICT, VENDOR);
    // 1000 x ($40 + $50) = $90,000, the cap itself.
    expect(plannedSplit(edtech)).toBe(
      "Planned split at 1000 students: base $60,000.00 (40% of the maximum), outcomes up to $90,000.00 (60%).",
    );
  });

  it("summarises terms in plain language: who counts, what is paid for what, what each side owes", () => {
    const terms = findTemplate("tutoring-per-student")!.build(DISTRICT, VENDOR);
    const sections = summarizeTerms(terms);
    expect(sections.map((s) => s.heading)).toEqual([
      "The contract",
      "Who counts",
      "Base payment",
      "Outcome payments",
      "Obligations of both sides",
    ]);
    const text = sections.flatMap((s) => s.items);
    expect(text).toContain(
      "Granite Falls ISD buys tutoring from Acme Tutoring, from 2024-09-03 to 2025-05-23.",
    );
    expect(text).toContain("Students in grades 6, 7 and 8 at any school.");
    expect(text).toContain("A student is served after 20 sessions and 600 minutes attended.");
    expect(text).toContain("Pay $700.00 for each served student.");
    expect(text).toContain(
      'Pay $450.00 for each measured (served) student who meets "Met projected growth": growth from fall (MAP Growth math, 2024-fall) to spring (MAP Growth math, 2025-spring) reaches 100% of the student\'s growth target.',
    );
    expect(text).toContain(
      "The district: Enroll at least 270 eligible students (met with 270 or more eligible enrolled students; if not met, the district pays the full $420,000.00).",
    );
    expect(text).toContain(
      "The vendor: Serve at least 240 students (met with 240 or more served students; if not met, the outcome payment is reduced by 10%).",
    );
  });

  it("summarises a pool by weights and rates", () => {
    const terms = findTemplate("pool-60-40")!.build(DISTRICT, VENDOR);
    const text = summarizeTerms(terms).flatMap((s) => s.items);
    expect(text).toContain(
      "Pay 60% of the maximum value, prorated by students served out of the 600 expected.",
    );
    expect(text).toContain("A pool of 40% of the maximum value is at stake on outcomes.");
    expect(text).toContain(
      '"Same tutor for 75% of sessions" (weight 20 of 100): at least 75% of attended sessions with the same tutor. Its full share is earned when 80% of measured students meet it, in proportion below that.',
    );
  });
});
