/**
 * Reading the evidence's subgroup tables (equity rates, impact by subgroup, persistence)
 * into rows for the page. A cell withheld outside the district says why, in the words the
 * outcomes page uses; a shown cell whose figures do not have the expected shape is an
 * error, never a silent blank.
 */
import type { ImpactVerdict, SubgroupTable, TableCell } from "../api/evidence.js";

export const DIMENSION_LABEL: Readonly<Record<string, string>> = {
  all: "All students",
  economicallyDisadvantaged: "Economically disadvantaged",
  englishLearner: "English learner",
  specialEducation: "Special education",
  raceEthnicity: "Race/ethnicity",
  gender: "Gender",
  school: "School",
};

export function dimensionLabel(dimension: string): string {
  return DIMENSION_LABEL[dimension] ?? dimension;
}

export function groupLabel(dimension: string, key: string): string {
  if (dimension === "all") return "All students";
  if (key === "yes") return `${dimensionLabel(dimension)}: yes`;
  if (key === "no") return `${dimensionLabel(dimension)}: no`;
  return key;
}

export function withheldText(reason: TableCell["reason"]): string {
  return reason === "complementary"
    ? "Hidden so a smaller group cannot be worked out"
    : "Fewer than 10 students";
}

export interface Gap {
  readonly difference: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly flagged: boolean;
}

export interface RateRow {
  readonly n: number;
  readonly met: number;
  readonly rate: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly gap: Gap | null;
}

export interface ImpactRow {
  readonly verdict: ImpactVerdict;
  readonly servedMatched: number;
  readonly comparisonMatched: number;
  readonly estimate: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly hedgesG: number | null;
  readonly gap: Gap | null;
}

export interface PersistenceRow {
  readonly students: number;
  readonly n: number;
  readonly median: number | null;
  readonly retainingHalf: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

export type Row<T> =
  | { readonly key: string; readonly label: string; readonly shown: true; readonly value: T }
  | { readonly key: string; readonly label: string; readonly shown: false; readonly withheld: string };

export interface DimensionRows<T> {
  readonly dimension: string;
  readonly label: string;
  readonly rows: readonly Row<T>[];
}

type Obj = Readonly<Record<string, unknown>>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function count(o: Obj, field: string, where: string): number {
  const v = o[field];
  if (typeof v !== "number" || !Number.isInteger(v))
    throw new Error(`${where}.${field}: expected a whole number, got ${JSON.stringify(v)}`);
  return v;
}

function interval(v: unknown): { low: number | null; high: number | null } {
  return isObj(v) ? { low: num(v["low"]), high: num(v["high"]) } : { low: null, high: null };
}

function gapOf(v: unknown): Gap | null {
  if (!isObj(v)) return null;
  const ci = interval(v["ci"]);
  return { difference: num(v["difference"]), low: ci.low, high: ci.high, flagged: v["flagged"] === true };
}

const VERDICTS: readonly string[] = ["positive", "negative", "noDetectableEffect", "cannotConclude"];

export function rateRow(value: Obj, where: string): RateRow {
  const ci = interval(value["ci"]);
  return {
    n: count(value, "n", where),
    met: count(value, "met", where),
    rate: num(value["rate"]),
    ...ci,
    gap: gapOf(value["gap"]),
  };
}

export function impactRow(value: Obj, where: string): ImpactRow {
  const verdict = value["verdict"];
  if (typeof verdict !== "string" || !VERDICTS.includes(verdict))
    throw new Error(`${where}.verdict: not a verdict: ${JSON.stringify(verdict)}`);
  return {
    verdict: verdict as ImpactVerdict,
    servedMatched: count(value, "servedMatched", where),
    comparisonMatched: count(value, "comparisonMatched", where),
    estimate: num(value["estimate"]),
    ...interval(value["ci"]),
    hedgesG: num(value["hedgesG"]),
    gap: gapOf(value["gap"]),
  };
}

export function persistenceRow(value: Obj, where: string): PersistenceRow {
  return {
    students: count(value, "students", where),
    n: count(value, "n", where),
    median: num(value["median"]),
    retainingHalf: num(value["retainingHalf"]),
    ...interval(value["retainingHalfCi"]),
  };
}

/** The rows of a table, each dimension in turn, read with `read` (throws on a malformed cell). */
export function tableRows<T>(
  table: SubgroupTable,
  read: (value: Obj, where: string) => T,
): DimensionRows<T>[] {
  return table.dimensions.map((d, di) => ({
    dimension: d.dimension,
    label: dimensionLabel(d.dimension),
    rows: d.cells.map((cell, ci): Row<T> => {
      const label = groupLabel(d.dimension, cell.key);
      if (cell.suppressed) return { key: cell.key, label, shown: false, withheld: withheldText(cell.reason) };
      const where = `${table.title}.dimensions[${di}].cells[${ci}].value`;
      if (!isObj(cell.value)) throw new Error(`${where}: missing`);
      return { key: cell.key, label, shown: true, value: read(cell.value, where) };
    }),
  }));
}

/** Rows whose gap with the rest of the students is flagged (its 95% interval excludes parity). */
export function flaggedLabels<T extends { readonly gap: Gap | null }>(
  dims: readonly DimensionRows<T>[],
): string[] {
  return dims.flatMap((d) =>
    d.rows.flatMap((r) => {
      if (!r.shown || r.value.gap?.flagged !== true) return [];
      return [d.dimension === "all" || r.label.includes(":") ? r.label : `${d.label}: ${r.label}`];
    }),
  );
}

export function withheldCount<T>(dims: readonly DimensionRows<T>[]): number {
  return dims.reduce((sum, d) => sum + d.rows.filter((r) => !r.shown).length, 0);
}

/** A gap with the rest as "difference (low to high)", ", gap" when flagged; a dash when there is no rest. */
export function gapText(gap: Gap | null, format: (x: number | null) => string): string {
  if (gap === null) return "—";
  const text = `${format(gap.difference)} (${format(gap.low)} to ${format(gap.high)})`;
  return gap.flagged ? `${text}, gap` : text;
}
