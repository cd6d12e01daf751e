import { describe, expect, it } from "vitest";
import { parseTerms } from "../terms/parse-terms.js";
import { generateDistrict } from "./generate-district.js";
import type { TermsDocument } from "./terms-json.js";

/** Names of the terms-v1 options a document uses, for the coverage test. */
function features(doc: TermsDocument): string[] {
  const f = [`base:${doc.base.kind}`, `outcomes:${doc.outcomes.kind}`];
  if (doc.base.kind === "perStudent") f.push(`base:per:${doc.base.per}`);
  if (doc.base.kind === "share") f.push(`base:prorate:${doc.base.prorate === true}`);
  for (const k of Object.keys(doc.eligibility ?? {})) f.push(`eligibility:${k}`);
  if (doc.maxRapidGuessPercent !== undefined) f.push("maxRapidGuessPercent");
  if (doc.outcomes.cap !== undefined) f.push("outcomes:cap");
  if (doc.outcomes.pool !== undefined) f.push(`pool:${Object.keys(doc.outcomes.pool).join()}`);
  if (doc.outcomes.denominator !== undefined) f.push(`denominator:${doc.outcomes.denominator}`);
  if (doc.outcomes.missingOutcome !== undefined) f.push(`missingOutcome:${doc.outcomes.missingOutcome}`);
  for (const m of doc.outcomes.metrics) {
    f.push(`metric:${m.kind}`, ...Object.keys(m).map((k) => `metric-key:${k}`));
    if (m.kind === "growth") f.push(...Object.keys(m.target).map((k) => `target:${k}`));
    if (m.kind === "proficiency") f.push("minLevel" in m ? "proficiency:minLevel" : "proficiency:minScore");
  }
  for (const ob of doc.obligations ?? []) {
    const c = typeof ob.consequence === "string" ? ob.consequence : "reduceOutcomePercent";
    f.push(`obligation:${ob.party}:${ob.measure.kind}`, `consequence:${c}`);
  }
  return f;
}

describe("generated terms", () => {
  const district = generateDistrict({ students: 4000, seed: "terms", contracts: 16 });
  const docs = district.terms();
  const schoolIds = new Set(district.description.schools.map((s) => s.id));

  it("passes the terms parser: every rule of obc-terms/1", () => {
    expect(
      docs.flatMap((d) => {
        const r = parseTerms(d);
        return r.ok ? [] : r.problems;
      }),
    ).toEqual([]);
    expect(docs.flatMap((d) => d.eligibility?.schools ?? []).every((s) => schoolIds.has(s))).toBe(true);
    expect(JSON.parse(JSON.stringify(docs))).toStrictEqual(docs);
    expect(docs.map((d) => d.contractId)).toEqual(district.description.contracts.map((c) => c.contractId));
  });

  it("covers every feature of obc-terms/1 in any eight consecutive contracts", () => {
    const used = new Set(docs.slice(8).flatMap(features));
    const wanted = [
      "base:perStudent",
      "base:per:served",
      "base:per:enrolled",
      "base:share",
      "base:prorate:true",
      "base:prorate:false",
      "base:fixed",
      "outcomes:perStudent",
      "outcomes:pool",
      "outcomes:cap",
      "pool:percent",
      "pool:amount",
      "denominator:enrolled",
      "missingOutcome:exclude",
      "missingOutcome:notMet",
      "eligibility:grades",
      "eligibility:schools",
      "eligibility:baselineMaxScore",
      "maxRapidGuessPercent",
      "metric:growth",
      "metric:proficiency",
      "metric:dosage",
      "metric:consistency",
      "target:points",
      "target:fromRow",
      "target:prorateWeeks",
      "proficiency:minLevel",
      "proficiency:minScore",
      "metric-key:cap",
      "metric-key:amount",
      "metric-key:tiers",
      "metric-key:decline",
      "metric-key:amountBySubgroup",
      "metric-key:weight",
      "metric-key:targetRate",
      "metric-key:minRate",
      "obligation:district:enrolledStudents",
      "obligation:vendor:servedStudents",
      "obligation:district:manual",
      "obligation:vendor:manual",
      "consequence:payFull",
      "consequence:reduceOutcomePercent",
      "consequence:none",
    ];
    expect(wanted.filter((w) => !used.has(w))).toEqual([]);
  });

  it("uses the same windows the assessment rows have", () => {
    const rows = new Set(
      Array.from(district.assessments(), (a) => `${a.assessment}/${a.subject}/${a.window}`),
    );
    for (const doc of docs) {
      for (const w of Object.values(doc.windows))
        expect(rows.has(`${w.assessment}/${w.subject}/${w.window}`)).toBe(true);
    }
  });
});
