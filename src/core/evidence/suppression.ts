/**
 * Small-cell suppression: figures about fewer than 10 students are shown to the district
 * only. A table of subgroup figures is built sealed (`sealTable`): its numbers live in
 * this module and can only be read through `suppressSmallCells` for an audience, so no
 * caller can present raw numbers by forgetting to suppress them (a sealed table
 * serialises to its title and nothing else).
 *
 * Rules, applied per dimension (the cells of one dimension split one population), the
 * same as the outcome reports' (src/core/outcomes/suppression.ts):
 * - primary: a cell is suppressed when any count its figures rest on (`basis`: the
 *   subgroup's students, and for a comparison with the rest, the rest's) is below
 *   `MIN_CELL_STUDENTS`;
 * - complementary: more cells are hidden, smallest first, until the hidden cells are
 *   none, all, or at least two holding at least `MIN_CELL_STUDENTS` students together, so
 *   that nothing worked out from the others and the total rests on fewer.
 * For `vendor` and `public` a suppressed cell carries its key and the reason only.
 */

import { MIN_CELL_STUDENTS, suppressCells } from "../outcomes/suppression.js";

export { MIN_CELL_STUDENTS };

export type Audience = "district" | "vendor" | "public";

export interface RawCell<V> {
  /** The subgroup value, e.g. `yes`, `Hispanic`, a school id. */
  readonly key: string;
  /** The student counts the cell's figures rest on; the first is the cell's own n. */
  readonly basis: readonly number[];
  readonly value: V;
}

export interface RawDimension<V> {
  readonly dimension: string;
  readonly cells: readonly RawCell<V>[];
}

/** An opaque table: read it with `suppressSmallCells`. */
export interface SealedTable<V> {
  readonly kind: "sealedTable";
  readonly title: string;
  /** Type-level only: the value type the table holds. */
  readonly __value?: V;
}

export interface ShownCell<V> {
  readonly key: string;
  readonly suppressed: false;
  readonly n: number;
  readonly value: V;
}

export interface DistrictCell<V> extends ShownCell<V> {
  readonly basis: readonly number[];
  /** Would be suppressed for a vendor or the public, and why. */
  readonly wouldSuppress: "smallCell" | "complementary" | null;
}

export interface HiddenCell {
  readonly key: string;
  readonly suppressed: true;
  readonly reason: "smallCell" | "complementary";
}

export interface TableView<C> {
  readonly title: string;
  readonly audience: Audience;
  readonly dimensions: readonly { readonly dimension: string; readonly cells: readonly C[] }[];
}

const contents = new WeakMap<object, readonly RawDimension<unknown>[]>();

export function sealTable<V>(title: string, dimensions: readonly RawDimension<V>[]): SealedTable<V> {
  const table: SealedTable<V> = Object.freeze({ kind: "sealedTable", title });
  contents.set(table, dimensions);
  return table;
}

export function suppressSmallCells<V>(
  table: SealedTable<V>,
  audience: "district",
): TableView<DistrictCell<V>>;
export function suppressSmallCells<V>(
  table: SealedTable<V>,
  audience: "vendor" | "public",
): TableView<ShownCell<V> | HiddenCell>;
export function suppressSmallCells<V>(
  table: SealedTable<V>,
  audience: Audience,
): TableView<DistrictCell<V>> | TableView<ShownCell<V> | HiddenCell>;
export function suppressSmallCells<V>(
  table: SealedTable<V>,
  audience: Audience,
): TableView<DistrictCell<V> | ShownCell<V> | HiddenCell> {
  const dims = contents.get(table) as readonly RawDimension<V>[] | undefined;
  if (dims === undefined) throw new Error("not a table sealed by sealTable");
  return {
    title: table.title,
    audience,
    dimensions: dims.map((d) => {
      const reasons = suppressionReasons(d.cells);
      return {
        dimension: d.dimension,
        cells: d.cells.map((c, i): DistrictCell<V> | ShownCell<V> | HiddenCell => {
          const reason = reasons[i] ?? null;
          const n = c.basis[0] ?? 0;
          if (audience === "district") {
            return {
              key: c.key,
              suppressed: false,
              n,
              value: c.value,
              basis: c.basis,
              wouldSuppress: reason,
            };
          }
          return reason === null
            ? { key: c.key, suppressed: false, n, value: c.value }
            : { key: c.key, suppressed: true, reason };
        }),
      };
    }),
  };
}

/**
 * Per cell, why it is suppressed outside the district, or null: the rule of the outcome
 * reports (`suppressCells` of src/core/outcomes/suppression.ts, one rule for the whole
 * product), fed with each cell's own n, clamped below the minimum when any other count
 * its figures rest on is small (so such a cell is hidden, and counts as at most 9
 * students towards the hidden total, which can only hide more).
 */
export function suppressionReasons(
  cells: readonly { readonly basis: readonly number[] }[],
): ("smallCell" | "complementary" | null)[] {
  const counts = cells.map((c) => {
    const own = c.basis[0] ?? 0;
    const small = c.basis.length === 0 || c.basis.some((count) => count < MIN_CELL_STUDENTS);
    return small ? Math.min(own, MIN_CELL_STUDENTS - 1) : own;
  });
  return suppressCells(counts).map((r) => (r === "small" ? "smallCell" : r));
}
