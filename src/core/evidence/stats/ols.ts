/**
 * Ordinary (optionally weighted) least squares with heteroskedasticity-robust standard
 * errors, on a dense n x k design (k ~ 20).
 *
 * Robust covariance: HC2 (MacKinnon and White, "Some heteroskedasticity-consistent
 * covariance matrix estimators with improved finite sample properties", Journal of
 * Econometrics 29 (1985) 305-325):
 *
 *   V = (X'X)^-1 [ sum_i e_i^2 / (1 - h_ii) x_i x_i' ] (X'X)^-1,  h_ii = x_i' (X'X)^-1 x_i.
 *
 * HC2 rather than HC1 because it is exactly unbiased when the errors happen to be
 * homoskedastic and it corrects each residual by its own leverage instead of by one
 * global n / (n - k) factor; that matters for the evidence layer's designs, where
 * small schools and subgroups make a few dummy columns carry high-leverage rows
 * (Imbens and Kolesar, Review of Economics and Statistics 98 (2016) 701-712, recommend
 * HC2 for the same reason). A row with leverage 1 (the only student of a category) has a
 * zero residual and adds nothing. Weights w enter as sqrt(w) on the rows of X and y.
 */
import { choleskyDroppingAliased, choleskyInverse, choleskySolve } from "./cholesky.js";

export interface OlsDesign {
  /** Column names, k of them. */
  readonly names: readonly string[];
  /** n x k, row-major. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Analytic weights (> 0), one per row; absent = all 1. */
  readonly weights?: Float64Array;
}

export interface OlsColumn {
  readonly name: string;
  readonly estimate: number;
  /** HC2 standard error. */
  readonly standardError: number;
}

export type OlsFit =
  | {
      readonly ok: true;
      readonly n: number;
      /** Residual degrees of freedom, n - (kept columns). */
      readonly df: number;
      readonly columns: readonly OlsColumn[];
      /** Names of the columns dropped as constant or aliased, in design order. */
      readonly dropped: readonly string[];
      /** HC2 covariance of the kept columns, row-major, in `columns` order. */
      readonly covariance: Float64Array;
    }
  | { readonly ok: false; readonly reason: "noResidualDf"; readonly dropped: readonly string[] };

export function fitOls(design: OlsDesign): OlsFit {
  const k = design.names.length;
  const n = design.y.length;
  if (design.x.length !== n * k) throw new Error(`design is ${design.x.length} cells, not ${n} x ${k}`);
  // Rows are mostly dummies: each row is held as its non-zero cells only (`nz` of them).
  const row = new Float64Array(k);
  const at = new Int32Array(k);
  let nz = 0;
  const load = (i: number, columns: readonly number[]): number => {
    const root = design.weights === undefined ? 1 : Math.sqrt(design.weights[i] as number);
    nz = 0;
    for (let c = 0; c < columns.length; c++) {
      const v = design.x[i * k + (columns[c] as number)] as number;
      if (v === 0) continue;
      row[nz] = root * v;
      at[nz++] = c;
    }
    return root * (design.y[i] as number);
  };
  const all = Array.from({ length: k }, (_, c) => c);

  const xtx = new Float64Array(k * k);
  const xty = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const yi = load(i, all);
    for (let p = 0; p < nz; p++) {
      const a = at[p] as number;
      const xa = row[p] as number;
      xty[a] = (xty[a] as number) + xa * yi;
      for (let q = 0; q <= p; q++) {
        const cell = a * k + (at[q] as number);
        xtx[cell] = (xtx[cell] as number) + xa * (row[q] as number);
      }
    }
  }
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) xtx[a * k + b] = xtx[b * k + a] as number;

  const factor = choleskyDroppingAliased(xtx, k);
  const kept = factor.kept;
  const m = kept.length;
  const dropped = factor.aliased.map((j) => design.names[j] as string);
  if (n - m <= 0) return { ok: false, reason: "noResidualDf", dropped };

  const beta = choleskySolve(
    factor.lower,
    m,
    Float64Array.from(kept, (j) => xty[j] as number),
  );
  const bread = choleskyInverse(factor.lower, m);
  const meat = new Float64Array(m * m);
  for (let i = 0; i < n; i++) {
    const yi = load(i, kept);
    let fitted = 0;
    let h = 0;
    for (let p = 0; p < nz; p++) {
      const a = at[p] as number;
      const xa = row[p] as number;
      fitted += xa * (beta[a] as number);
      let s = 0;
      for (let q = 0; q < nz; q++) s += (bread[a * m + (at[q] as number)] as number) * (row[q] as number);
      h += xa * s;
    }
    const e = yi - fitted;
    if (1 - h <= 1e-12) continue;
    const u = (e * e) / (1 - h);
    for (let p = 0; p < nz; p++) {
      const a = at[p] as number;
      const xa = (row[p] as number) * u;
      for (let q = 0; q <= p; q++) {
        const cell = a * m + (at[q] as number);
        meat[cell] = (meat[cell] as number) + xa * (row[q] as number);
      }
    }
  }
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) meat[a * m + b] = meat[b * m + a] as number;

  const covariance = sandwich(bread, meat, m);
  return {
    ok: true,
    n,
    df: n - m,
    columns: kept.map((j, c) => ({
      name: design.names[j] as string,
      estimate: beta[c] as number,
      standardError: Math.sqrt(Math.max(0, covariance[c * m + c] as number)),
    })),
    dropped,
    covariance,
  };
}

/** B M B for symmetric m x m B and M. */
function sandwich(bread: Float64Array, meat: Float64Array, m: number): Float64Array {
  const bm = new Float64Array(m * m);
  for (let a = 0; a < m; a++)
    for (let b = 0; b < m; b++) {
      let s = 0;
      for (let t = 0; t < m; t++) s += (bread[a * m + t] as number) * (meat[t * m + b] as number);
      bm[a * m + b] = s;
    }
  const out = new Float64Array(m * m);
  for (let a = 0; a < m; a++)
    for (let b = 0; b < m; b++) {
      let s = 0;
      for (let t = 0; t < m; t++) s += (bm[a * m + t] as number) * (bread[t * m + b] as number);
      out[a * m + b] = s;
    }
  return out;
}
