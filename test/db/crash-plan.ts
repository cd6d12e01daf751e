/**
 * The crash test's kill plan and report: when to kill the child (drawn from the run
 * times seen so far), where each kill landed, and the summary printed per store.
 */
import type { ChildRun, KillPlan } from "./crash-child.js";
import type { ExpectedFile } from "./crash-data.js";

export type FileState = "absent" | "complete";

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** How long the child takes to print its first file, and then the big one (medians of the runs seen). */
export class Timing {
  private readonly first: number[] = [];
  private readonly big: number[] = [];

  observe(run: ChildRun, files: readonly [ExpectedFile, ExpectedFile]): void {
    const [first, big] = files.map((f) => run.lines.find((l) => l.text.startsWith(`${f.path}: batch `)));
    if (first !== undefined) this.first.push(first.atMs);
    if (first !== undefined && big !== undefined) this.big.push(big.atMs - first.atMs);
  }

  firstMs(): number {
    return median(this.first);
  }

  bigMs(): number {
    return median(this.big);
  }
}

/** Before or during the small first file, in the middle of the big one, or near its end. */
export function drawPlan(random: () => number, firstMs: number, bigMs: number): KillPlan {
  const r = random();
  if (r < 0.15) return { aim: "before", anchor: "spawn", delayMs: random() * firstMs };
  if (r < 0.8) return { aim: "during", anchor: "first-file", delayMs: random() * 0.9 * bigMs };
  return { aim: "near-end", anchor: "first-file", delayMs: (0.85 + random() * 0.3) * bigMs };
}

export const whole = (n: number): string => String(Math.trunc(n));

export type Landing = "before the big file" | "mid-import" | "after its commit" | "after the child finished";

export interface Kill {
  readonly n: number;
  readonly plan: KillPlan;
  readonly landing: Landing;
  readonly run: ChildRun;
}

export function landing(run: ChildRun, states: readonly FileState[]): Landing {
  if (run.signal !== "SIGKILL") return "after the child finished";
  if (states[1] === "complete") return "after its commit";
  return states[0] === "complete" ? "mid-import" : "before the big file";
}

export function summary(store: string, seed: number, kills: readonly Kill[], seconds: number): string {
  const count = (l: Landing): number => kills.filter((k) => k.landing === l).length;
  const detail = kills.map(
    (k) =>
      `  #${k.n} ${k.plan.aim} (${k.plan.anchor} + ${whole(k.plan.delayMs)} ms)` +
      ` -> ${k.landing}${k.run.killAtMs === null ? "" : ` (killed ${whole(k.run.killAtMs)} ms after the spawn)`}`,
  );
  return [
    `crash test on ${store} (ACCORD_CRASH_SEED=${seed}): ${kills.length} kills in ${whole(seconds)} s: ` +
      `${count("before the big file")} before the big file began (no batch of it), ` +
      `${count("mid-import")} mid-import (its batch absent), ` +
      `${count("after its commit")} after its commit (its batch complete), ` +
      `${count("after the child finished")} after the child finished`,
    ...detail,
  ].join("\n");
}
