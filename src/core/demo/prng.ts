/**
 * A small seeded pseudo-random generator for synthetic data (sfc32: four 32-bit words of
 * state, period about 2^128). Not for anything secret.
 *
 * Same seed and label give the same sequence on every run and platform: the state moves by
 * 32-bit integer operations only, and `uniform()` is one exact division by 2^32. `normal()`
 * goes through `Math.log`/`Math.cos`, which V8 implements in software (fdlibm), so it is
 * reproducible too.
 *
 * A seed is text: the number `1` and the string `"1"` seed the same stream. Independent
 * parts of the generator take separate streams (`derive("sessions:c001")`) so that adding
 * a draw in one part never shifts the values of another.
 */
export type Seed = number | string;

/** cyrb128: spreads any text over four 32-bit words, so nearby seeds give unrelated streams. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const TWO_TO_32 = 4294967296;

export class Prng {
  readonly seedText: string;
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Box-Muller makes two normals per draw; the second waits here. */
  private spare: number | null = null;

  constructor(seed: Seed, label = "") {
    this.seedText = label === "" ? String(seed) : `${String(seed)}/${label}`;
    [this.a, this.b, this.c, this.d] = hash128(this.seedText);
    // The first outputs of sfc32 still resemble the seed words; discard them.
    for (let i = 0; i < 12; i++) this.next32();
  }

  /** An independent stream named by `label` under this one's seed. */
  derive(label: string): Prng {
    return new Prng(this.seedText, label);
  }

  /** Uniform integer in [0, 2^32). */
  next32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1), a multiple of 2^-32. */
  uniform(): number {
    return this.next32() / TWO_TO_32;
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Uniform integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.uniform() * (hi - lo + 1));
  }

  /** Normal deviate (Box-Muller). */
  normal(mean = 0, sd = 1): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + sd * z;
    }
    // 1 - uniform() is in (0, 1], so the logarithm is finite.
    const r = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const theta = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(theta);
    return mean + sd * r * Math.cos(theta);
  }

  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[Math.floor(this.uniform() * items.length)] as T;
  }

  /** Index drawn with probability proportional to `weights[i]` (non-negative, not all zero). */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.uniform() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i] ?? 0;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }
}
