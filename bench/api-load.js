// The server side of the API benchmark (bench/api.js): `accord serve` as a child process
// on a free port, its readiness, a signed-in session, autocannon runs with per-route
// latencies, the process's peak RSS and CPU time, and a graceful stop that must exit 0.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import autocannon from "autocannon";

/** A port nothing listens on now (the OS picks it). */
export async function freePort() {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * `node [NODE_ARGS] bin/accord.js serve` with `env` added; resolves once /api/health
 * answers 200.
 */
export async function startServer(env, port, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, "bin/accord.js", "serve"], {
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ended = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 200))]);
    if (ended !== null)
      throw new Error(`accord serve exited (${JSON.stringify(ended)}) before answering:\n${output}`);
    const health = await fetch(`${base}/api/health`).catch(() => null);
    if (health?.status === 200) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`accord serve did not answer /api/health within 60 s:\n${output}`);
    }
  }
  return { child, base, exited, output: () => output };
}

/** Signs in; returns the Cookie header value of the session. */
export async function signIn(base, { email, password }) {
  const response = await fetch(`${base}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  const session = response.headers.getSetCookie().find((c) => c.startsWith("accord_session="));
  if (session === undefined) throw new Error("sign-in set no accord_session cookie");
  return session.split(";")[0];
}

/** Peak resident set (VmHWM) and CPU seconds (user + system) of a running process. */
export function processUsage(pid) {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { peakRssMb: Number(hwm?.[1] ?? 0) / 1024, cpuSeconds: ticks / 100 };
}

/** CPU seconds the whole machine spent busy (all cores, /proc/stat), to tell what else ran. */
export function machineBusySeconds() {
  const [cpu] = readFileSync("/proc/stat", "utf8").split("\n");
  const ticks = cpu.trim().split(/\s+/).slice(1, 9).map(Number);
  const idle = ticks[3] + ticks[4]; // idle and iowait
  return (ticks.reduce((a, b) => a + b, 0) - idle) / 100;
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

function stats(times) {
  const sorted = times.sort((a, b) => a - b);
  const p = (x) => percentile(sorted, x);
  return { count: sorted.length, p50: p(50), p95: p(95), p99: p(99), max: sorted.at(-1) ?? 0 };
}

/**
 * autocannon over `requests` (each {route, path}), every connection cycling through them
 * in order. Besides autocannon's result, each response's latency by route (autocannon
 * reports no p95 of its own), and apart the first answer on each new connection (it
 * waits for the server to accept the connection) and all the others.
 */
export async function load(base, cookie, requests, { connections, seconds }) {
  const byRoute = new Map(requests.map((r) => [r.route, []]));
  const first = [];
  const later = [];
  const instance = autocannon({
    url: base,
    connections,
    duration: seconds,
    headers: { cookie, accept: "application/json" },
    requests: requests.map(({ route, path }) => ({ method: "GET", path, route })),
  });
  instance.on("response", (client, _status, _bytes, responseTime) => {
    byRoute.get(client.requestIterator.currentRequest.route).push(responseTime);
    (client.reqsMade === 1 ? first : later).push(responseTime);
  });
  const result = await instance;
  const all = [...byRoute.values()].flat();
  const routes = [...byRoute].map(([route, times]) => ({ route, ...stats(times) }));
  return { result, p95: stats(all).p95, routes, first: stats(first), later: stats(later) };
}

/** SIGTERM; the process must finish its requests and exit 0 within 30 s. */
export async function stopServer(server) {
  server.child.kill("SIGTERM");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 30_000);
  const { code, signal } = await server.exited;
  clearTimeout(timer);
  return { code, signal, graceful: code === 0 };
}
