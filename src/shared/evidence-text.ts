/**
 * A contract's evidence report as readable text (`accord evidence`): the data quality
 * verdict and findings, the freshness of each file kind, the forecast of the final
 * statement as a range, the impact estimate (matching, unadjusted and adjusted
 * differences, baseline equivalence, attrition), every metric's rate and the impact by
 * subgroup with n and 95% intervals, and persistence by subgroup. Reads the report's JSON
 * shape; a withheld cell reads "withheld".
 */
import { textTable } from "./text-table.js";
import { groupedAmount } from "./format-amount.js";
import { HUNDRED, formatFixed, mul, parseDecimal } from "../core/ratio.js";

type Range = { readonly low: string; readonly expected: string; readonly high: string };

export interface EvidenceTextInput {
  readonly districtId: string;
  readonly contractId: string;
  readonly termsVersion: number;
  readonly currency: string;
  readonly asOf: string;
  readonly quality: {
    readonly provisional: boolean;
    readonly reasons: readonly string[];
    readonly findings: readonly {
      readonly code: string;
      readonly severity: string;
      readonly subject: string | null;
      readonly count: number | null;
      readonly students: number | null;
      readonly exampleStudentIds: readonly string[];
    }[];
    readonly freshness: readonly {
      readonly kind: string;
      readonly lastImportedAt: string | null;
      readonly fileName: string | null;
      readonly ageDays: number | null;
    }[];
  };
  readonly forecast: {
    readonly final: boolean;
    readonly moyWindow: { readonly window: string } | null;
    readonly elapsedDays: number;
    readonly periodDays: number;
    readonly projectedStudents: number;
    readonly current: { readonly total: string };
    readonly total: Range;
    readonly outcome: Range;
    readonly metrics: readonly { readonly id: string; readonly amount: Range; readonly rate: Range }[];
  };
  readonly statistics:
    | { readonly kind: "unavailable"; readonly problems: readonly { readonly message: string }[] }
    | {
        readonly kind: "computed";
        readonly subject: string;
        readonly windows: { readonly baseline: string; readonly outcome: string };
        readonly impact: {
          readonly verdict: string;
          readonly reasons: readonly { readonly message: string }[];
          readonly sample: Readonly<Record<string, number | null>>;
          readonly meanGrowth: {
            readonly served: number | null;
            readonly comparison: number | null;
            readonly difference: number | null;
          } | null;
          readonly baseline: { readonly hedgesG: number | null; readonly equivalence: string } | null;
          readonly regression: {
            readonly estimate: number | null;
            readonly standardError: number | null;
            readonly ciLow: number | null;
            readonly ciHigh: number | null;
            readonly df: number;
            readonly n: number;
          } | null;
          readonly effectSize: {
            readonly hedgesG: number | null;
            readonly ciLow: number | null;
            readonly ciHigh: number | null;
          } | null;
          readonly attrition: {
            readonly servedRate: number | null;
            readonly comparisonRate: number | null;
            readonly overallRate: number | null;
            readonly differentialRate: number | null;
          } | null;
        };
        readonly equity: {
          readonly metrics: readonly { readonly metricId: string; readonly table: TextTableView }[];
          readonly impact: TextTableView;
        };
        readonly persistence: {
          readonly status: string;
          readonly followUpWindow: string | null;
          readonly table: TextTableView;
        };
      };
}

/** A subgroup table as the report carries it: shown cells have a `value`, withheld ones do not. */
interface TextTableView {
  readonly dimensions: readonly {
    readonly dimension: string;
    readonly cells: readonly {
      readonly key: string;
      readonly suppressed: boolean;
      readonly value?: unknown;
    }[];
  }[];
}

type Cell = { readonly key: string; readonly value?: unknown };

/** Subgroup rates whose gap with the rest of the students excludes parity. */
function flaggedGaps(metricId: string, table: TextTableView): string[] {
  return table.dimensions.flatMap((d) =>
    d.cells.flatMap((c: Cell) => {
      const v = c.value as
        { rate?: number | null; gap?: { difference: number | null; flagged: boolean } | null } | undefined;
      if (v?.gap?.flagged !== true) return [];
      const rate = floatPercent(v.rate ?? null);
      const diff = floatPercent(v.gap.difference);
      return [`  ${metricId}: ${d.dimension} = ${c.key} met at ${rate}, ${diff} from the rest`];
    }),
  );
}

type Interval = { readonly low: number | null; readonly high: number | null } | null | undefined;
const interval = (ci: Interval, format: (x: number | null) => string) =>
  ci === null || ci === undefined ? "n/a" : `${format(ci.low)} to ${format(ci.high)}`;

/** One row per subgroup cell: its dimension and key, then `columns` of its value, or "withheld". */
function subgroupTable(
  table: TextTableView,
  headers: readonly string[],
  columns: (value: Record<string, unknown>) => string[],
): string {
  return indent(
    textTable([
      ["group", ...headers],
      ...table.dimensions.flatMap((d) =>
        d.cells.map((c: Cell) => {
          const group = d.dimension === "all" ? "all students" : `${d.dimension} = ${c.key}`;
          return c.value === undefined
            ? [group, "withheld (fewer than 10 students)", ...headers.slice(1).map(() => "")]
            : [group, ...columns(c.value as Record<string, unknown>)];
        }),
      ),
    ]),
  );
}

const num = (x: unknown): number | null => (typeof x === "number" ? x : null);
const gapText = (gap: unknown): string => {
  const g = gap as { flagged?: boolean; difference?: number | null } | null | undefined;
  return g === null || g === undefined ? "" : g.flagged === true ? "GAP" : "";
};

function equityTables(
  equity: Extract<EvidenceTextInput["statistics"], { kind: "computed" }>["equity"],
): string[] {
  const rateTables = equity.metrics.flatMap((m) => [
    `  ${m.metricId}: share of students meeting it, by subgroup`,
    subgroupTable(m.table, ["n", "met", "rate", "95% CI", "gap"], (v) => [
      String(num(v["n"]) ?? ""),
      String(num(v["met"]) ?? ""),
      floatPercent(num(v["rate"])),
      interval(v["ci"] as Interval, floatPercent),
      gapText(v["gap"]),
    ]),
  ]);
  return [
    ...rateTables,
    "  impact on growth by subgroup (adjusted difference, points)",
    subgroupTable(equity.impact, ["n served", "n comparison", "estimate", "95% CI", "gap"], (v) => [
      String(num(v["servedMatched"]) ?? ""),
      String(num(v["comparisonMatched"]) ?? ""),
      figure(num(v["estimate"])),
      interval(v["ci"] as Interval, figure),
      gapText(v["gap"]),
    ]),
  ];
}

function persistenceLine(p: {
  readonly status: string;
  readonly followUpWindow: string | null;
  readonly table: TextTableView;
}): string {
  if (p.status === "noFollowUpWindow") return "Persistence: not measured, no follow-up window";
  if (p.status !== "measured")
    return `Persistence at ${p.followUpWindow ?? "a follow-up window"}: not measured yet, no served student has a follow-up score`;
  const all = p.table.dimensions.find((d) => d.dimension === "all")?.cells[0] as Cell | undefined;
  const v = all?.value as { n?: number; median?: number | null; retainingHalf?: number | null } | undefined;
  if (v === undefined) return `Persistence at ${p.followUpWindow ?? ""}: withheld (fewer than 10 students)`;
  return (
    `Persistence at ${p.followUpWindow ?? ""}: median share of gain kept ${figure(v.median ?? null)}, ` +
    `${floatPercent(v.retainingHalf ?? null)} kept half or more (n = ${v.n ?? 0})`
  );
}

const money = (text: string) => groupedAmount(BigInt(text.replace(".", "")));
function percent(rate: string): string {
  const value = parseDecimal(rate);
  return value === null ? rate : `${formatFixed(mul(value, HUNDRED), 1)}%`;
}
const shown = (n: number | null) => (n === null ? "<10" : String(n));
/** Statistics are floating point: shown to three significant digits. */
const floatPercent = (x: number | null) => (x === null ? "n/a" : `${(x * 100).toPrecision(3)}%`);
const figure = (x: number | null) => (x === null ? "n/a" : x.toPrecision(3));

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

function qualitySection(q: EvidenceTextInput["quality"]): string[] {
  const lines = [`Data quality: ${q.provisional ? "PROVISIONAL" : "no blocking problem"}`];
  for (const reason of q.reasons) lines.push(`  ! ${reason}`);
  if (q.findings.length === 0) lines.push("  no findings");
  else
    lines.push(
      indent(
        textTable([
          ["severity", "code", "about", "rows", "students", "examples"],
          ...q.findings.map((f) => [
            f.severity,
            f.code,
            f.subject ?? "",
            shown(f.count),
            shown(f.students),
            f.exampleStudentIds.join(" "),
          ]),
        ]),
      ),
    );
  lines.push("", "Files (last import)");
  lines.push(
    indent(
      textTable([
        ["kind", "imported at", "age (days)", "file"],
        ...q.freshness.map((f) => [
          f.kind,
          f.lastImportedAt ?? "never",
          f.ageDays === null ? "" : String(f.ageDays),
          f.fileName ?? "",
        ]),
      ]),
    ),
  );
  return lines;
}

function forecastSection(f: EvidenceTextInput["forecast"], currency: string, asOf: string): string[] {
  const head = f.final
    ? `Forecast: the period has ended; the statement as of ${asOf} is final`
    : `Forecast of the final statement (${f.elapsedDays} of ${f.periodDays} days elapsed; ` +
      `${f.projectedStudents} students projected from ${f.moyWindow?.window ?? "no MOY window"})`;
  const row = (label: string, r: Range, format: (s: string) => string) => [
    label,
    format(r.low),
    format(r.expected),
    format(r.high),
  ];
  return [
    head,
    `  statement as of ${asOf}: ${currency} ${money(f.current.total)}`,
    indent(
      textTable([
        ["", "low", "expected", "high"],
        row("total", f.total, money),
        row("outcome", f.outcome, money),
        ...f.metrics.flatMap((m) => [
          row(`${m.id} amount`, m.amount, money),
          row(`${m.id} rate`, m.rate, percent),
        ]),
      ]),
    ),
  ];
}

function statisticsSection(s: EvidenceTextInput["statistics"]): string[] {
  if (s.kind === "unavailable") return ["Impact: not estimated", ...s.problems.map((p) => `  ${p.message}`)];
  const i = s.impact;
  const r = i.regression;
  return [
    `Impact on ${s.subject} growth (${s.windows.baseline} to ${s.windows.outcome}): ${i.verdict}`,
    `  served ${shown(i.sample["served"] ?? null)} (matched ${shown(i.sample["servedMatched"] ?? null)}), ` +
      `comparison ${shown(i.sample["comparison"] ?? null)} (matched ${shown(i.sample["comparisonMatched"] ?? null)})`,
    ...(i.meanGrowth === null
      ? []
      : [
          `  mean growth, matched: served ${figure(i.meanGrowth.served)}, comparison ${figure(i.meanGrowth.comparison)}, ` +
            `difference ${figure(i.meanGrowth.difference)} points`,
        ]),
    ...(r === null
      ? []
      : [
          `  adjusted difference ${figure(r.estimate)} points (robust SE ${figure(r.standardError)}; ` +
            `95% CI ${figure(r.ciLow)} to ${figure(r.ciHigh)}; n ${r.n}, df ${r.df})`,
        ]),
    ...(i.effectSize === null
      ? []
      : [
          `  Hedges' g ${figure(i.effectSize.hedgesG)} (95% CI ${figure(i.effectSize.ciLow)} to ${figure(i.effectSize.ciHigh)})`,
        ]),
    ...(i.baseline === null
      ? []
      : [`  baseline equivalence (WWC): ${i.baseline.equivalence} (g ${figure(i.baseline.hedgesG)})`]),
    ...(i.attrition === null
      ? []
      : [
          `  attrition: overall ${floatPercent(i.attrition.overallRate)}, differential ${floatPercent(i.attrition.differentialRate)} ` +
            `(served ${floatPercent(i.attrition.servedRate)}, comparison ${floatPercent(i.attrition.comparisonRate)})`,
        ]),
    ...i.reasons.map((x) => `  ${x.message}`),
    "",
    "Results by subgroup (GAP: the 95% interval of the difference from the rest excludes parity)",
    ...((): string[] => {
      const gaps = s.equity.metrics.flatMap((m) => flaggedGaps(m.metricId, m.table));
      return gaps.length === 0 ? ["  no gap flagged"] : gaps;
    })(),
    ...equityTables(s.equity),
    "",
    persistenceLine(s.persistence),
    ...(s.persistence.status === "measured"
      ? [
          subgroupTable(
            s.persistence.table,
            ["served", "with follow-up", "median kept", "kept half+", "95% CI"],
            (v) => [
              String(num(v["students"]) ?? ""),
              String(num(v["n"]) ?? ""),
              figure(num(v["median"])),
              floatPercent(num(v["retainingHalf"])),
              interval(v["retainingHalfCi"] as Interval, floatPercent),
            ],
          ),
        ]
      : []),
  ];
}

export function evidenceToText(e: EvidenceTextInput): string {
  return [
    `Evidence for contract ${e.contractId} (district ${e.districtId}, terms version ${e.termsVersion}) as of ${e.asOf}`,
    "",
    ...qualitySection(e.quality),
    "",
    ...forecastSection(e.forecast, e.currency, e.asOf),
    "",
    ...statisticsSection(e.statistics),
    "",
  ].join("\n");
}

type Spread = { readonly p10: string; readonly p50: string; readonly p90: string };

export interface SimulationTextInput {
  readonly contractId: string;
  readonly termsVersion: number | null;
  readonly currency: string;
  readonly populationContractId: string;
  readonly yearsBack: number;
  readonly population: { readonly enrolled: number; readonly served: number };
  readonly observed: { readonly total: string };
  readonly draws: number;
  readonly seed: string;
  readonly total: Spread;
  readonly contingent: Spread;
  readonly contingentShare: Spread;
  readonly metrics: readonly { readonly id: string; readonly amount: Spread }[];
  readonly targets: readonly {
    readonly metricId: string;
    readonly candidates: readonly {
      readonly target: string;
      readonly proposed: boolean;
      readonly met: number;
      readonly denominator: number;
      readonly rate: string;
    }[];
  }[];
}

/** A terms simulation as text: the payment's spread over the draws, then each metric's candidate targets. */
export function simulationToText(s: SimulationTextInput): string {
  const version = s.termsVersion === null ? "draft terms" : `terms version ${s.termsVersion}`;
  const years = s.yearsBack === 0 ? "" : `, ${s.yearsBack} year(s) earlier`;
  const spread = (label: string, x: Spread, format: (t: string) => string) => [
    label,
    format(x.p10),
    format(x.p50),
    format(x.p90),
  ];
  return [
    `Simulation of contract ${s.contractId} (${version}) on the population of ${s.populationContractId}${years}`,
    `  ${s.population.enrolled} students enrolled, ${s.population.served} served; as they are, the terms pay ${s.currency} ${money(s.observed.total)}`,
    `  ${s.draws} bootstrap draws, seed ${JSON.stringify(s.seed)}`,
    indent(
      textTable([
        ["", "P10", "P50", "P90"],
        spread("total", s.total, money),
        spread("contingent", s.contingent, money),
        spread("share of contingent earned", s.contingentShare, percent),
        ...s.metrics.map((m) => spread(m.id, m.amount, money)),
      ]),
    ),
    "",
    "Students meeting each candidate target (* proposed)",
    ...s.targets.map((t) =>
      indent(
        textTable([
          [t.metricId, "met", "of", "rate"],
          ...t.candidates.map((c) => [
            `${c.proposed ? "* " : "  "}${c.target}`,
            String(c.met),
            String(c.denominator),
            percent(c.rate),
          ]),
        ]),
      ),
    ),
    "",
  ].join("\n");
}
