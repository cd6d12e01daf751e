/**
 * The regression design of an impact estimate: growth on an intercept, the served
 * indicator, the baseline score (centred on the sample mean), grade dummies and the
 * subgroup flags (economically disadvantaged, English learner, special education, and
 * dummies for race/ethnicity and gender). Categorical columns leave out their most
 * frequent value as the reference (ties: the first in sort order); a missing
 * race/ethnicity or gender is a category of its own. Columns that turn out constant or
 * aliased in the sample are dropped by the solver, which says which.
 */
import type { EvidenceStudent } from "./evidence-input.js";
import type { MatchedStudent } from "./impact-sample.js";
import type { OlsDesign } from "./stats/ols.js";
import { CategoryIndex } from "./stats/category-index.js";

export const SERVED_COLUMN = "served";
const UNKNOWN = "(unknown)";

type Category = (s: EvidenceStudent) => string;

const CATEGORIES: readonly { readonly prefix: string; readonly of: Category }[] = [
  { prefix: "grade", of: (s) => s.grade },
  { prefix: "race", of: (s) => s.subgroups.raceEthnicity ?? UNKNOWN },
  { prefix: "gender", of: (s) => s.subgroups.gender ?? UNKNOWN },
];

export function impactDesign(sample: readonly MatchedStudent[]): OlsDesign {
  const names = [
    "intercept",
    SERVED_COLUMN,
    "baseline",
    "economicallyDisadvantaged",
    "englishLearner",
    "specialEducation",
  ];
  const n = sample.length;
  // Per category, each student's value and the design column of that value (-1: the reference).
  const columnOf: Int32Array[] = [];
  for (const c of CATEGORIES) {
    const index = new CategoryIndex();
    const raw = new Int32Array(n);
    for (let i = 0; i < n; i++) raw[i] = index.indexOf(c.of((sample[i] as MatchedStudent).student));
    const counts = new Int32Array(index.values.length);
    for (let i = 0; i < n; i++) counts[raw[i] as number] = (counts[raw[i] as number] as number) + 1;
    const order = index.values.map((_, i) => i).sort((a, b) => compareText(index.values[a], index.values[b]));
    let reference = order[0] ?? 0;
    for (const v of order) if ((counts[v] as number) > (counts[reference] as number)) reference = v;
    const column = new Int32Array(index.values.length).fill(-1);
    for (const v of order) {
      if (v === reference) continue;
      column[v] = names.length;
      names.push(`${c.prefix}=${index.values[v] as string}`);
    }
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = column[raw[i] as number] as number;
    columnOf.push(codes);
  }
  const k = names.length;
  let baselineSum = 0;
  for (const m of sample) baselineSum += m.baseline;
  const baselineMean = n > 0 ? baselineSum / n : 0;
  const x = new Float64Array(n * k);
  const y = new Float64Array(n);
  const weights = new Float64Array(n);
  sample.forEach((m, i) => {
    const s = m.student;
    const at = i * k;
    x[at] = 1;
    x[at + 1] = s.served ? 1 : 0;
    x[at + 2] = m.baseline - baselineMean;
    x[at + 3] = s.subgroups.economicallyDisadvantaged ? 1 : 0;
    x[at + 4] = s.subgroups.englishLearner ? 1 : 0;
    x[at + 5] = s.subgroups.specialEducation ? 1 : 0;
    for (const codes of columnOf) {
      const c = codes[i] as number;
      if (c >= 0) x[at + c] = 1;
    }
    y[i] = m.growth;
    weights[i] = m.weight;
  });
  return { names, x, y, weights };
}

function compareText(a: string | undefined, b: string | undefined): number {
  return (a ?? "") < (b ?? "") ? -1 : (a ?? "") > (b ?? "") ? 1 : 0;
}
