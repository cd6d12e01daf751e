// The evidence benchmark (`node bench/evidence.js` after `npm run build`): the impact
// estimate, the equity breakdown (two metric rates and the impact estimate in every
// subgroup of six dimensions, each compared with the rest) and the persistence summary
// for a 100,000-student district, all students in the analysis (grades 3-8 tested in
// the same windows, about 20% served, 30 schools). Students are generated directly as
// evidence input (seeded, as test/evidence/synthetic.ts does), so the time is the
// statistics alone. Prints the median of the runs (wall and process CPU time: on a
// shared machine the CPU time is what the computation itself costs) and the machine.
//
//   node bench/evidence.js [--runs 3] [--students 100000] [--dist dist]
import os from "node:os";
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { f, machine, median } from "./common.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    students: { type: "string", default: "100000" },
    dist: { type: "string", default: "dist" },
  },
});
const load = (path) => import(pathToFileURL(resolve(values.dist, path)).href);
const { Prng } = await load("core/demo/prng.js");
const { estimateImpact } = await load("core/evidence/impact.js");
const { equityBySubgroup } = await load("core/evidence/equity.js");
const { measurePersistence } = await load("core/evidence/persistence.js");
const { suppressSmallCells } = await load("core/evidence/suppression.js");

const RACES = ["Hispanic", "White", "Black", "Asian", "Two or more", null];
const RACE_WEIGHTS = [0.4, 0.3, 0.18, 0.07, 0.04, 0.01];

function district(count) {
  const rng = new Prng(1, "bench-evidence");
  const students = [];
  for (let i = 0; i < count; i++) {
    const grade = String(rng.int(3, 8));
    const latent = rng.normal();
    const served = rng.bernoulli(latent < 0 ? 0.28 : 0.12);
    const ed = rng.bernoulli(0.6);
    const school = `sch${String(rng.int(1, 30)).padStart(2, "0")}`;
    const y = 0.7 * latent + Math.sqrt(0.51) * rng.normal() - 0.1 * (ed ? 1 : 0) + 0.2 * (served ? 1 : 0);
    const baseline = 200 + 10 * Number(grade) + 10 * latent;
    const outcome = rng.bernoulli(0.06) ? null : 205 + 10 * Number(grade) + 10 * y;
    const follow =
      outcome !== null && rng.bernoulli(0.6)
        ? baseline + 0.6 * (outcome - baseline) + rng.normal(0, 2)
        : null;
    students.push({
      id: `st${i}`,
      grade,
      school,
      served,
      enrolled: served,
      subgroups: {
        economicallyDisadvantaged: ed,
        englishLearner: rng.bernoulli(0.15),
        specialEducation: rng.bernoulli(0.12),
        raceEthnicity: RACES[rng.weightedIndex(RACE_WEIGHTS)],
        gender: rng.bernoulli(0.5) ? "F" : "M",
        school,
      },
      baseline: { score: baseline, date: "2024-09-16" },
      outcome: outcome === null ? null : { score: outcome, date: "2025-05-12" },
      followUp: follow === null ? null : { score: follow, date: "2025-09-15" },
      growthTarget: 8,
    });
  }
  const window = (name, w) => ({ name, assessment: "MAP Growth", subject: "math", window: w });
  return {
    contractId: "bench",
    subject: "math",
    asOf: "2025-06-30",
    windows: {
      baseline: window("fall", "2024-fall"),
      outcome: window("spring", "2025-spring"),
      followUp: window("nextFall", "2025-fall"),
    },
    students: [...students.filter((s) => s.served), ...students.filter((s) => !s.served)],
  };
}

function metrics(input) {
  const growth = new Map();
  const proficient = new Map();
  for (const s of input.students) {
    if (!s.served) continue;
    growth.set(s.id, s.outcome !== null && s.outcome.score - s.baseline.score >= s.growthTarget);
    proficient.set(s.id, s.outcome !== null && s.outcome.score >= 265);
  }
  return [
    { metricId: "growth", label: "Met growth target", byStudent: growth },
    { metricId: "proficient", label: "Reached proficiency", byStudent: proficient },
  ];
}

const count = Number(values.students);
const input = district(count);
const outcomes = metrics(input);
const served = input.students.filter((s) => s.served).length;
console.log(`${count} students, ${served} served, ${input.students.length - served} in the comparison pool`);
console.log(machine());

const times = { impact: [], equity: [], persistence: [], total: [], cpu: [] };
let last = null;
for (let run = 0; run < Number(values.runs); run++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const impact = estimateImpact(input);
  const t1 = performance.now();
  const equity = equityBySubgroup(input, outcomes, { overallImpact: impact });
  const t2 = performance.now();
  const persistence = measurePersistence(input);
  const t3 = performance.now();
  times.impact.push(t1 - t0);
  times.equity.push(t2 - t1);
  times.persistence.push(t3 - t2);
  times.total.push(t3 - t0);
  const cpu = process.cpuUsage(cpu0);
  times.cpu.push((cpu.user + cpu.system) / 1000);
  last = { impact, equity, persistence };
}
const ms = (list) => `${f(median(list), 0)} ms`;
console.log(
  `impact ${ms(times.impact)}, equity ${ms(times.equity)}, persistence ${ms(times.persistence)}, total ${ms(times.total)} (median of ${values.runs}); process CPU time ${ms(times.cpu)}`,
);
console.log(
  `load average at the end: ${os
    .loadavg()
    .map((x) => f(x, 1))
    .join(" ")}`,
);
const g = last.impact.effectSize;
console.log(
  `impact: ${last.impact.verdict}, g = ${f(g.hedgesG, 3)} [${f(g.ci.low, 3)}, ${f(g.ci.high, 3)}] (planted 0.20)`,
);
const schools = suppressSmallCells(last.equity.impact, "public").dimensions.find(
  (d) => d.dimension === "school",
);
console.log(
  `impact by school: ${schools.cells.filter((c) => !c.suppressed && c.value.gap?.flagged).length} of ${schools.cells.length} schools with a flagged gap`,
);
const all = suppressSmallCells(last.persistence.table, "district").dimensions[0].cells[0].value;
console.log(
  `persistence: n = ${all.n}, median ${f(all.median, 2)}, retaining half ${f(all.retainingHalf, 3)}`,
);
