import { describe, expect, it } from "vitest";
import { fitOls, type OlsDesign } from "./ols.js";
import { Prng } from "../../demo/prng.js";

function design(names: string[], rows: number[][], y: number[]): OlsDesign {
  return { names, x: Float64Array.from(rows.flat()), y: Float64Array.from(y) };
}

function column(fit: ReturnType<typeof fitOls>, name: string) {
  if (!fit.ok) throw new Error("fit failed");
  const c = fit.columns.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no column ${name}`);
  return c;
}

describe("fitOls", () => {
  /*
   * Worked by hand. x = 1..5, y = 2, 4, 5, 4, 5.
   *   mean x = 3, mean y = 4, Sxx = 10, Sxy = (-2)(-2) + (-1)(0) + 0 + (1)(0) + (2)(1) = 6
   *   slope b = 6 / 10 = 0.6, intercept a = 4 - 0.6 * 3 = 2.2
   *   fitted 2.8, 3.4, 4.0, 4.6, 5.2; residuals e = -0.8, 0.6, 1.0, -0.6, -0.2
   *   leverage h = 1/5 + (x - 3)^2 / 10 = 0.6, 0.3, 0.2, 0.3, 0.6
   * HC2, slope: Var b = sum (x - 3)^2 e^2 / (1 - h) / Sxx^2
   *   = (4 * 0.64 / 0.4 + 0.36 / 0.7 + 0 + 0.36 / 0.7 + 4 * 0.04 / 0.4) / 100
   *   = (6.4 + 0.514286 + 0.514286 + 0.4) / 100 = 0.0782857, SE = 0.279796
   * HC2, intercept: a = sum w_i y_i with w_i = 1/5 - 3 (x_i - 3) / 10 = 0.8, 0.5, 0.2, -0.1, -0.4
   *   Var a = sum w^2 e^2 / (1 - h) = 1.024 + 0.128571 + 0.05 + 0.005143 + 0.016 = 1.223714,
   *   SE = 1.106216
   */
  it("matches a simple regression worked by hand, HC2 standard errors included", () => {
    const fit = fitOls(
      design(
        ["intercept", "x"],
        [1, 2, 3, 4, 5].map((x) => [1, x]),
        [2, 4, 5, 4, 5],
      ),
    );
    expect(fit.ok && fit.df).toBe(3);
    expect(column(fit, "x").estimate).toBeCloseTo(0.6, 12);
    expect(column(fit, "intercept").estimate).toBeCloseTo(2.2, 12);
    expect(column(fit, "x").standardError).toBeCloseTo(0.2797958439393164, 10);
    expect(column(fit, "intercept").standardError).toBeCloseTo(1.1062162020664341, 10);
  });

  /*
   * 15 rows: closed forms of simple regression, computed in the test independently of the
   * solver: b = Sxy / Sxx, a = mean y - b mean x, h_i = 1/n + (x_i - mean x)^2 / Sxx,
   * Var_HC2(b) = sum (x_i - mean x)^2 e_i^2 / (1 - h_i) / Sxx^2.
   */
  it("matches the closed-form simple regression on 15 heteroskedastic rows", () => {
    const rng = new Prng("ols-15");
    const xs = Array.from({ length: 15 }, () => rng.range(0, 10));
    const ys = xs.map((x) => 3 + 1.5 * x + rng.normal(0, 0.5 + 0.3 * x));
    const n = xs.length;
    const mx = xs.reduce((a, b) => a + b) / n;
    const my = ys.reduce((a, b) => a + b) / n;
    const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    const sxy = xs.reduce((s, x, i) => s + (x - mx) * ((ys[i] as number) - my), 0);
    const b = sxy / sxx;
    const a = my - b * mx;
    let v = 0;
    xs.forEach((x, i) => {
      const e = (ys[i] as number) - a - b * x;
      const h = 1 / n + (x - mx) ** 2 / sxx;
      v += ((x - mx) ** 2 * e * e) / (1 - h);
    });
    const fit = fitOls(
      design(
        ["intercept", "x"],
        xs.map((x) => [1, x]),
        ys,
      ),
    );
    expect(column(fit, "x").estimate).toBeCloseTo(b, 10);
    expect(column(fit, "intercept").estimate).toBeCloseTo(a, 10);
    expect(column(fit, "x").standardError).toBeCloseTo(Math.sqrt(v / (sxx * sxx)), 10);
  });

  /*
   * Two regressors and a dummy, 18 rows, against a different method: the normal equations
   * solved by Gauss-Jordan elimination with explicit matrix products for the HC2
   * sandwich (no Cholesky, no sparse rows), and the Frisch-Waugh-Lovell theorem for the
   * first slope (regress y and x1 on the other columns, then residual on residual).
   */
  it("matches Gauss-Jordan normal equations and Frisch-Waugh-Lovell with three regressors", () => {
    const rng = new Prng("ols-18");
    const rows = Array.from({ length: 18 }, () => [
      1,
      rng.range(-2, 2),
      rng.range(0, 5),
      rng.bernoulli(0.4) ? 1 : 0,
    ]);
    const y = rows.map(
      (r) =>
        1 +
        2 * (r[1] as number) -
        0.5 * (r[2] as number) +
        0.8 * (r[3] as number) +
        rng.normal(0, 1 + Math.abs(r[1] as number)),
    );
    const names = ["intercept", "x1", "x2", "d"];
    const fit = fitOls(design(names, rows, y));

    const xtx = names.map((_, a) =>
      names.map((_, b) => rows.reduce((s, r) => s + (r[a] as number) * (r[b] as number), 0)),
    );
    const inv = invert(xtx);
    const xty = names.map((_, a) => rows.reduce((s, r, i) => s + (r[a] as number) * (y[i] as number), 0));
    const beta = inv.map((row) => row.reduce((s, v, j) => s + v * (xty[j] as number), 0));
    const meat = names.map(() => names.map(() => 0));
    rows.forEach((r, i) => {
      const h = r.reduce(
        (s, xa, a) => s + xa * r.reduce((t, xb, b) => t + (inv[a]?.[b] as number) * xb, 0),
        0,
      );
      const e = (y[i] as number) - r.reduce((s, xa, a) => s + xa * (beta[a] as number), 0);
      for (let a = 0; a < 4; a++)
        for (let b = 0; b < 4; b++)
          (meat[a] as number[])[b] =
            (meat[a]?.[b] as number) + ((r[a] as number) * (r[b] as number) * e * e) / (1 - h);
    });
    const cov = multiply(multiply(inv, meat), inv);
    names.forEach((name, a) => {
      expect(column(fit, name).estimate).toBeCloseTo(beta[a] as number, 9);
      expect(column(fit, name).standardError).toBeCloseTo(Math.sqrt(cov[a]?.[a] as number), 9);
    });

    const others = rows.map((r) => [r[0] as number, r[2] as number, r[3] as number]);
    const resid = (target: number[]) => {
      const f = fitOls(design(["c", "x2", "d"], others, target));
      if (!f.ok) throw new Error("fit failed");
      return target.map(
        (t, i) =>
          t - (others[i] as number[]).reduce((s, v, j) => s + v * (f.columns[j]?.estimate as number), 0),
      );
    };
    const ry = resid(y);
    const rx = resid(rows.map((r) => r[1] as number));
    const fwl = rx.reduce((s, v, i) => s + v * (ry[i] as number), 0) / rx.reduce((s, v) => s + v * v, 0);
    expect(column(fit, "x1").estimate).toBeCloseTo(fwl, 9);
  });

  it("drops a constant column and an aliased one, and says which", () => {
    const rng = new Prng("ols-alias");
    const rows = Array.from({ length: 12 }, () => {
      const x = rng.range(0, 1);
      return [1, x, 2 * x + 1, 1, rng.normal()];
    });
    const y = rows.map((r) => (r[1] as number) + (r[4] as number));
    const fit = fitOls(design(["intercept", "x", "twoXPlusOne", "constant", "z"], rows, y));
    expect(fit.ok && fit.dropped).toEqual(["twoXPlusOne", "constant"]);
    expect(fit.ok && fit.columns.map((c) => c.name)).toEqual(["intercept", "x", "z"]);
    expect(column(fit, "x").estimate).toBeCloseTo(1, 9);
  });

  it("reports no residual degrees of freedom when columns are as many as rows", () => {
    const fit = fitOls(
      design(
        ["intercept", "x"],
        [
          [1, 1],
          [1, 2],
        ],
        [1, 3],
      ),
    );
    expect(fit).toEqual({ ok: false, reason: "noResidualDf", dropped: [] });
  });
});

function invert(m: number[][]): number[][] {
  const k = m.length;
  const a = m.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < k; c++) {
    let pivot = c;
    for (let r = c + 1; r < k; r++)
      if (Math.abs(a[r]?.[c] as number) > Math.abs(a[pivot]?.[c] as number)) pivot = r;
    [a[c], a[pivot]] = [a[pivot] as number[], a[c] as number[]];
    const p = a[c] as number[];
    const d = p[c] as number;
    for (let j = 0; j < 2 * k; j++) p[j] = (p[j] as number) / d;
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const row = a[r] as number[];
      const f = row[c] as number;
      for (let j = 0; j < 2 * k; j++) row[j] = (row[j] as number) - f * (p[j] as number);
    }
  }
  return a.map((row) => row.slice(k));
}

function multiply(a: number[][], b: number[][]): number[][] {
  return a.map((row) =>
    (b[0] as number[]).map((_, j) => row.reduce((s, v, t) => s + v * (b[t]?.[j] as number), 0)),
  );
}
