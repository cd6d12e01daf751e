/**
 * The request for proposals drafted from terms: exact sentences and figures from a worked
 * example's terms and from the literacy fixture (caps, subgroup amounts, every metric
 * kind, every obligation measure), and every rule of parseRfpDocument with its path.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTerms } from "../../src/core/terms/parse-terms.js";
import type { Terms } from "../../src/core/terms/types.js";
import {
  DEFAULT_CRITERIA,
  draftRfpDocument,
  parseRfpDocument,
  withCriteria,
  type RfpDocument,
  type RfpSection,
} from "../../src/core/rfp/rfp-document.js";
import { HAVE_SHARED_EXAMPLES, SHARED_EXAMPLES } from "../shared-examples.js";

function termsOf(path: string): Terms {
  const parsed = parseTerms(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.ok) throw new Error(`${path}: ${JSON.stringify(parsed.problems)}`);
  return parsed.terms;
}

const FIXTURE = join(import.meta.dirname, "../fixtures/rfp/literacy-terms.json");

function literacy(): RfpDocument {
  return draftRfpDocument({
    terms: termsOf(FIXTURE),
    title: "Early literacy tutoring, grades K-3",
    districtName: "Lakeview Unified School District",
    issuedOn: "2025-03-03",
    proposalsDueOn: "2025-04-11",
  });
}

function section(doc: RfpDocument, key: string): RfpSection {
  const found = doc.sections.find((s) => s.key === key);
  if (found === undefined) throw new Error(`no section ${key}`);
  return found;
}

const row = (s: RfpSection, first: string): readonly string[] | undefined =>
  s.table?.rows.find((r) => r[0] === first);

describe.skipIf(!HAVE_SHARED_EXAMPLES)("RFP drafted from the duval-per-student example", () => {
  const doc = (): RfpDocument =>
    draftRfpDocument({
      terms: termsOf(join(SHARED_EXAMPLES, "duval-per-student/terms.json")),
      title: "High-dosage math tutoring, grade 8",
      districtName: "Duval County Public Schools",
      issuedOn: "2024-05-01",
      proposalsDueOn: "2024-06-14",
    });

  it("states the maximum value and the base and contingent amounts at the planned 450 students", () => {
    const payment = section(doc(), "payment");
    expect(payment.paragraphs).toContain(
      "The maximum contract value is $639,000.00. No payment under the contract, in total, will exceed it.",
    );
    expect(payment.paragraphs).toContain(
      "Base payment: $670.00 for each served student. At the planned 450 students this is $301,500.00, 47.18% of the maximum contract value.",
    );
    expect(payment.paragraphs).toContain(
      "Outcome payments (contingent): each metric pays the amount in the rate card for each measured student who meets it. If all 450 planned students are measured and meet every metric, outcome payments come to $337,500.00, 52.82% of the maximum contract value.",
    );
    expect(payment.table?.rows).toEqual([
      ["Base payment", "$670.00 for each served student", "$301,500.00", "47.18%"],
      [
        "Outcome: Met projected growth (growth)",
        "$500.00 for each measured student who meets it",
        "$225,000.00",
        "35.21%",
      ],
      [
        "Outcome: Reached level 3 (proficient)",
        "$250.00 for each measured student who meets it",
        "$112,500.00",
        "17.61%",
      ],
      ["Outcome payments in all", "Sum of the metrics", "$337,500.00", "52.82%"],
      ["Maximum contract value", "Nothing paid under the contract exceeds it", "$639,000.00", "100%"],
    ]);
  });

  it("names the consequence of each obligation on payment", () => {
    const payment = section(doc(), "payment");
    expect(payment.paragraphs).toContain(
      'If the district does not meet obligation "enroll" (Enroll at least 200 eligible students), it owes the maximum contract value, $639,000.00.',
    );
    expect(payment.paragraphs).toContain(
      'If the vendor does not meet obligation "same-tutor" (Keep students with one tutor), outcome payments are reduced by 10%.',
    );
  });

  it("lists each metric with its measure, target and windows", () => {
    expect(section(doc(), "outcomes").table?.rows).toEqual([
      [
        "Met projected growth (growth)",
        "Growth in scale score against the student's growth target (growth_target of the first test)",
        "At least 100% of the growth target",
        "MAP Growth math, 2024-fall window to MAP Growth math, 2025-spring window",
      ],
      [
        "Reached level 3 (proficient)",
        "Performance level",
        "Level 3 or higher",
        "MAP Growth math, 2025-spring window",
      ],
    ]);
  });

  it("gives the population, the service threshold and the rate card fragment", () => {
    const d = doc();
    expect(section(d, "population").paragraphs.slice(0, 2)).toEqual([
      "The district plans to enroll 450 students in the program.",
      "A student the district enrolls is eligible when the student is in grade 8. Students who are not eligible are listed on payment statements and never paid for.",
    ]);
    expect(section(d, "service").paragraphs).toContain(
      "An eligible student counts as served after at least 15 attended sessions in the service period.",
    );
    expect(section(d, "proposal").paragraphs[3]).toBe(
      '3. Rate card: the prices the proposer offers, as a fragment of contract terms in obc-terms/1 with the keys base and outcomes, keeping the metric ids above. The draft terms\' rate card is: { "base": { "kind": "perStudent", "amount": "670.00", "per": "served" }, "outcomes": { "kind": "perStudent", "metrics": [ { "id": "growth", "amount": "500.00" }, { "id": "proficient", "amount": "250.00" } ] } }',
    );
  });
});

describe.skipIf(!HAVE_SHARED_EXAMPLES)("RFP drafted from the pool-60-40 example", () => {
  it("shows the pool, each metric's share of it and the prorated base", () => {
    const doc = draftRfpDocument({
      terms: termsOf(join(SHARED_EXAMPLES, "pool-60-40/terms.json")),
      title: "Math tutoring",
      districtName: "District One",
      issuedOn: null,
      proposalsDueOn: null,
    });
    const payment = section(doc, "payment");
    expect(payment.paragraphs[1]).toBe(
      "Base payment: 60% of the maximum contract value, $720,000.00; it is prorated by the students served over the 1,200 students planned, and paid in full once 1,200 are served.",
    );
    expect(row(payment, "Outcome: Met projected growth (growth)")).toEqual([
      "Outcome: Met projected growth (growth)",
      "Weight 50 of 100 (50% of the pool); full share when 60% of measured students meet it, nothing below 20%",
      "$240,000.00",
      "20%",
    ]);
    expect(row(payment, "Outcome payments in all")?.slice(2)).toEqual(["$480,000.00", "40%"]);
    expect(section(doc, "proposal").paragraphs[0]).toBe(
      "Proposals are due on the date the district announces.",
    );
    expect(row(section(doc, "timeline"), "Proposals due")).toEqual(["Proposals due", "To be announced"]);
  });
});

describe("RFP drafted from the literacy fixture", () => {
  it("writes every eligibility condition, grades in order", () => {
    expect(section(literacy(), "population").paragraphs.slice(1, 3)).toEqual([
      "A student the district enrolls is eligible when the student is in grades K through 3, is at one of the schools elm or oak and has a scale score of at most 160 in i-Ready Diagnostic reading, 2025-fall window (a student without that score is not eligible). Students who are not eligible are listed on payment statements and never paid for.",
      "The payment terms set different amounts for English learners, as the district's student records flag them.",
    ]);
  });

  it("holds the outcome payments at the outcome cap and a metric at its own cap", () => {
    const payment = section(literacy(), "payment");
    expect(payment.paragraphs[2]).toBe(
      "Outcome payments (contingent): each metric pays the amount in the rate card for each measured student who meets it. If all 325 planned students are measured and meet every metric, the metrics pay $285,625.00, held at the outcome cap: $250,000.00, 51.28% of the maximum contract value.",
    );
    expect(payment.table?.rows).toEqual([
      ["Base payment", "$600.00 for each served student", "$195,000.00", "40%"],
      [
        "Outcome: Met typical growth (growth)",
        "$550.00 for each measured student who meets it; $650.00 instead for English learners; at most $180,000.00 in all",
        "$180,000.00",
        "36.92%",
      ],
      [
        "Outcome: Reached the spring benchmark (proficient)",
        "$200.00 for each measured student who meets it",
        "$65,000.00",
        "13.33%",
      ],
      ["Outcome: Full dosage (dosage)", "$75.00 for each measured student who meets it", "$24,375.00", "5%"],
      [
        "Outcome: One tutor (consistent)",
        "$50.00 for each measured student who meets it",
        "$16,250.00",
        "3.33%",
      ],
      ["Outcome payments in all", "Sum of the metrics, capped at $250,000.00", "$250,000.00", "51.28%"],
      ["Maximum contract value", "Nothing paid under the contract exceeds it", "$487,500.00", "100%"],
    ]);
  });

  it("lists the dosage and consistency targets and the rapid-guess rule", () => {
    const outcomes = section(literacy(), "outcomes");
    expect(row(outcomes, "Reached the spring benchmark (proficient)")?.[2]).toBe("At least 450.5");
    expect(row(outcomes, "Full dosage (dosage)")?.[2]).toBe("At least 36 sessions and 1,080 minutes");
    expect(row(outcomes, "One tutor (consistent)")?.[2]).toBe("At least 80%");
    expect(outcomes.paragraphs).toContain("A test with more than 25% rapid guesses is invalid and not used.");
    expect(outcomes.paragraphs[1]).toBe(
      "A measured student without the test scores a metric needs is left out of that metric.",
    );
  });

  it("tabulates each party's obligations with what is due and the consequence", () => {
    const obligations = section(literacy(), "obligations");
    expect(obligations.table?.columns).toEqual(["Party", "Obligation", "Due", "If not met"]);
    expect(obligations.table?.rows.slice(0, 3)).toEqual([
      [
        "District",
        "Enroll at least 290 eligible students (enroll)",
        "At least 290 eligible students enrolled by May 29, 2026",
        "The district owes the maximum contract value, $487,500.00",
      ],
      [
        "Vendor",
        "Serve at least 260 students (serve)",
        "At least 260 served students by May 29, 2026",
        "Outcome payments are reduced by 15%",
      ],
      [
        "Vendor",
        "Send monthly progress reports to each school (reports)",
        "By May 29, 2026; the district records whether it was met",
        "Tracked and reported; no effect on payment",
      ],
    ]);
  });

  it("asks for the session log with tutor ids, and the complete log 14 days after the period", () => {
    const data = section(literacy(), "data");
    expect(row(data, "Vendor")).toEqual([
      "Vendor",
      "sessions.csv: session log",
      "contract_id (lakeview-2025-reading), student_id, session_date, minutes, attended, session_id, tutor_id (required: a metric measures tutor consistency)",
      "At least every 14 days during the service period; the complete log by June 12, 2026",
    ]);
    expect(data.paragraphs[0]).toContain("FERPA, 20 U.S.C. 1232g; 34 CFR Part 99");
    expect(row(section(literacy(), "timeline"), "Complete session log due")).toEqual([
      "Complete session log due",
      "June 12, 2026",
    ]);
  });

  it("weights the default criteria to 100 with price one criterion among several", () => {
    const doc = literacy();
    expect(doc.criteria).toBe(DEFAULT_CRITERIA);
    expect(DEFAULT_CRITERIA.reduce((sum, c) => sum + c.weight, 0)).toBe(100);
    expect(section(doc, "evaluation").table?.rows.map((r) => r.slice(0, 2))).toEqual([
      ["Evidence of effectiveness", "30%"],
      ["Approach and capacity", "25%"],
      ["Rate card and price", "25%"],
      ["Data and privacy", "10%"],
      ["References", "10%"],
    ]);
    expect(doc.sections.map((s) => s.key)).toEqual([
      "background",
      "population",
      "service",
      "outcomes",
      "payment",
      "obligations",
      "data",
      "proposal",
      "evaluation",
      "timeline",
    ]);
  });
});

describe("parseRfpDocument", () => {
  const json = (doc: RfpDocument): Record<string, unknown> =>
    JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
  const problems = (value: unknown): { path: string; code: string }[] => {
    const result = parseRfpDocument(value);
    return result.ok ? [] : result.problems.map(({ path, code }) => ({ path, code }));
  };

  it("reads a drafted document back unchanged", () => {
    const doc = literacy();
    const result = parseRfpDocument(json(doc));
    expect(result).toEqual({ ok: true, document: json(doc) });
  });

  it("drafts one-line texts from terms whose descriptions hold line breaks", () => {
    const source = JSON.parse(readFileSync(FIXTURE, "utf8")) as { obligations: { description: string }[] };
    source.obligations[0]!.description = "Enroll at least\n290 eligible\t\tstudents";
    const parsed = parseTerms(source);
    if (!parsed.ok) throw new Error("the fixture does not parse");
    const doc = draftRfpDocument({
      terms: parsed.terms,
      title: "Literacy",
      districtName: "Lakeview",
      issuedOn: null,
      proposalsDueOn: null,
    });
    expect(section(doc, "obligations").table?.rows[0]?.[1]).toBe(
      "Enroll at least 290 eligible students (enroll)",
    );
    expect(parseRfpDocument(json(doc)).ok).toBe(true);
  });

  it("reports each broken rule at its path", () => {
    const doc = json(literacy()) as {
      sections: { key: string; paragraphs: unknown[]; table?: { rows: unknown[][] } }[];
      criteria: { key: string; weight: unknown }[];
      [key: string]: unknown;
    };
    doc.proposalsDueOn = "2025-02-30";
    doc.sections[0]!.paragraphs[1] = "two\nlines";
    doc.sections[2]!.paragraphs[0] = "   ";
    doc.sections[3]!.key = "population";
    doc.sections[4]!.table!.rows[1] = ["only one cell"];
    doc.sections[5]!.paragraphs.push("x".repeat(10_001));
    (doc.sections[6] as unknown as Record<string, unknown>).note = "extra";
    doc.criteria[1]!.weight = 25.5;
    doc.criteria[4]!.key = "evidence";
    expect(problems(doc)).toEqual([
      { path: "$.proposalsDueOn", code: "bad-date" },
      { path: "$.sections[0].paragraphs[1]", code: "control-character" },
      { path: "$.sections[2].paragraphs[0]", code: "empty-string" },
      { path: "$.sections[3].key", code: "duplicate-key" },
      { path: "$.sections[4].table.rows[1]", code: "bad-row-width" },
      { path: "$.sections[5].paragraphs[1]", code: "too-long" },
      { path: "$.sections[6].note", code: "unknown-key" },
      { path: "$.criteria[1].weight", code: "bad-integer" },
      { path: "$.criteria[4].key", code: "duplicate-key" },
    ]);
  });

  it("requires whole weights adding up to 100 and an evaluation table that shows them", () => {
    const doc = json(literacy()) as { criteria: { weight: number }[] };
    doc.criteria[0]!.weight = 40;
    const result = parseRfpDocument(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        path: "$.sections[8].table.rows",
        code: "criteria-table-mismatch",
        message:
          "the evaluation table must show each criterion's name, weight and description as the criteria list does",
      },
      {
        path: "$.criteria",
        code: "weights-not-100",
        message: "the criteria's weights add up to 110; they must add up to 100",
      },
    ]);
  });

  it("accepts other criteria once the evaluation table shows them", () => {
    const criteria = [
      { key: "evidence", name: "Evidence", weight: 50, description: "Prior results." },
      { key: "price", name: "Price", weight: 50, description: "The rate card." },
    ];
    const doc = withCriteria(literacy(), criteria);
    expect(section(doc, "evaluation").table?.rows).toEqual([
      ["Evidence", "50%", "Prior results."],
      ["Price", "50%", "The rate card."],
    ]);
    expect(parseRfpDocument(json(doc)).ok).toBe(true);
  });

  it("refuses a due date before the issue date, a wrong format and a missing title", () => {
    const doc = json(literacy());
    doc.format = "accord-rfp/2";
    delete doc.title;
    doc.proposalsDueOn = "2025-03-02";
    expect(problems(doc)).toEqual([
      { path: "$.format", code: "bad-format" },
      { path: "$.proposalsDueOn", code: "due-before-issue" },
      { path: "$.title", code: "required" },
    ]);
    expect(problems([])).toEqual([{ path: "$", code: "wrong-type" }]);
  });

  it("bounds the lists: at least one section and one criterion, at most 8 columns", () => {
    const doc = json(literacy()) as {
      sections: { table?: { columns: string[]; rows: string[][] } }[];
      criteria: unknown[];
    };
    doc.criteria = [];
    const table = doc.sections[4]!.table!;
    table.columns = Array.from({ length: 9 }, (_, i) => `c${i}`);
    table.rows = [];
    expect(problems(doc)).toEqual([
      { path: "$.sections[4].table.columns", code: "bad-length" },
      { path: "$.criteria", code: "bad-length" },
    ]);
  });
});
