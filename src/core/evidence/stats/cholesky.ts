/**
 * Small dense symmetric positive (semi-)definite systems, as the k x k cross-product
 * X'X of a regression (k ~ 20). Column-major is irrelevant at this size: matrices are
 * row-major `Float64Array`s of k * k.
 */

/** Columns whose remaining pivot is below this share of their own squared norm are aliased. */
export const ALIAS_TOLERANCE = 1e-9;

export interface Factor {
  /** Indexes (into the original k columns) of the columns kept, in order. */
  readonly kept: readonly number[];
  /** Indexes of the columns dropped: constant or a linear combination of earlier columns. */
  readonly aliased: readonly number[];
  /** Lower-triangular Cholesky factor of the kept block, m x m row-major (m = kept.length). */
  readonly lower: Float64Array;
}

/**
 * Cholesky factorisation of `a` (k x k) taking the columns in order and dropping a
 * column when, after the earlier kept columns are projected out, what remains of it is
 * at most `ALIAS_TOLERANCE` of its squared norm (the greedy in-order pivoting R's `lm`
 * does with its QR). An all-zero column is dropped too.
 */
export function choleskyDroppingAliased(a: Float64Array, k: number): Factor {
  const kept: number[] = [];
  const aliased: number[] = [];
  const rows: Float64Array[] = [];
  for (let j = 0; j < k; j++) {
    const diag = a[j * k + j] ?? 0;
    const m = kept.length;
    const row = new Float64Array(m + 1);
    let rest = diag;
    for (let c = 0; c < m; c++) {
      const lc = rows[c] as Float64Array;
      let s = a[j * k + (kept[c] as number)] ?? 0;
      for (let t = 0; t < c; t++) s -= (row[t] as number) * (lc[t] as number);
      const v = s / (lc[c] as number);
      row[c] = v;
      rest -= v * v;
    }
    if (!(diag > 0) || rest <= ALIAS_TOLERANCE * diag) {
      aliased.push(j);
      continue;
    }
    row[m] = Math.sqrt(rest);
    rows.push(row);
    kept.push(j);
  }
  const m = kept.length;
  const lower = new Float64Array(m * m);
  rows.forEach((row, i) => lower.set(row, i * m));
  return { kept, aliased, lower };
}

/** Solves L L' x = b for the m x m factor `lower`. */
export function choleskySolve(lower: Float64Array, m: number, b: Float64Array): Float64Array {
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = b[i] as number;
    for (let t = 0; t < i; t++) s -= (lower[i * m + t] as number) * (y[t] as number);
    y[i] = s / (lower[i * m + i] as number);
  }
  const x = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = y[i] as number;
    for (let t = i + 1; t < m; t++) s -= (lower[t * m + i] as number) * (x[t] as number);
    x[i] = s / (lower[i * m + i] as number);
  }
  return x;
}

/** (L L')^-1 as an m x m row-major matrix. */
export function choleskyInverse(lower: Float64Array, m: number): Float64Array {
  const inverse = new Float64Array(m * m);
  const unit = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    unit.fill(0);
    unit[c] = 1;
    const column = choleskySolve(lower, m, unit);
    for (let r = 0; r < m; r++) inverse[r * m + c] = column[r] as number;
  }
  return inverse;
}
