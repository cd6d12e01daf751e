/**
 * Runs `accord import` in a child process and kills it with SIGKILL at a planned moment:
 * a delay after the spawn, or after the child printed the result of its first file (the
 * CLI prints a file's line after its transaction committed, so that line marks the moment
 * the next file's import begins).
 */
import { spawn } from "node:child_process";

export interface KillPlan {
  /** What the kill is aimed at, for the report. */
  readonly aim: "before" | "during" | "near-end";
  readonly anchor: "spawn" | "first-file";
  readonly delayMs: number;
}

export interface ChildRun {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Stdout lines, with the milliseconds since the spawn at which each was read. */
  readonly lines: readonly { readonly text: string; readonly atMs: number }[];
  /** How many of `lines` had been read when SIGKILL was sent; null when it was not sent. */
  readonly linesAtKill: number | null;
  readonly killAtMs: number | null;
  readonly exitAtMs: number;
  readonly stderr: string;
}

/** Whether a line of `run` (read before the kill when `beforeKill`) reports `path` imported. */
export function printed(run: ChildRun, path: string, beforeKill = false): boolean {
  const lines = beforeKill && run.linesAtKill !== null ? run.lines.slice(0, run.linesAtKill) : run.lines;
  return lines.some((l) => l.text.startsWith(`${path}: batch `));
}

export function runImport(
  cli: string,
  paths: readonly string[],
  districtId: string,
  env: NodeJS.ProcessEnv,
  plan: KillPlan | null,
): Promise<ChildRun> {
  const child = spawn(process.execPath, [cli, "import", ...paths, "--district", districtId], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const started = performance.now();
  const since = (): number => performance.now() - started;
  const lines: { text: string; atMs: number }[] = [];
  let stderr = "";
  let pending = "";
  let linesAtKill: number | null = null;
  let killAtMs: number | null = null;
  let exitAtMs = 0;
  let timer: NodeJS.Timeout | undefined;

  const kill = (): void => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    linesAtKill = lines.length;
    killAtMs = since();
    child.kill("SIGKILL");
  };
  if (plan?.anchor === "spawn") timer = setTimeout(kill, plan.delayMs);

  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    pending += chunk;
    for (let nl = pending.indexOf("\n"); nl >= 0; nl = pending.indexOf("\n")) {
      const text = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      lines.push({ text, atMs: since() });
      if (plan?.anchor === "first-file" && timer === undefined && text.startsWith(`${paths[0]}: `))
        timer = setTimeout(kill, plan.delayMs);
    }
  });
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr += chunk;
  });
  child.on("exit", () => {
    exitAtMs = since();
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, lines, linesAtKill, killAtMs, exitAtMs, stderr });
    });
  });
}
