import { describe, expect, it } from "vitest";
import { ProgressLine, progressText } from "../../src/cli/import-progress.js";

function terminal(isTTY: boolean, columns = 200) {
  const writes: string[] = [];
  let now = 0;
  return {
    writes,
    tick: (ms: number) => (now += ms),
    terminal: { isTTY, columns, write: (text: string) => writes.push(text), now: () => now },
  };
}

describe("the import progress line", () => {
  it("shows rows, rows a second, the percent of bytes read and the time left", () => {
    expect(progressText("map.csv", { rows: 12_345, bytesRead: 250, bytesTotal: 1000 }, 5_000)).toBe(
      "map.csv: 12,345 rows  2,469 rows/s  25%  ETA 0:15",
    );
    expect(progressText("big.csv", { rows: 1, bytesRead: 1, bytesTotal: 10_000 }, 1_000)).toBe(
      "big.csv: 1 rows  1 rows/s  0%  ETA 2:46:39",
    );
    expect(progressText("x.csv", { rows: 0, bytesRead: 0, bytesTotal: 0 }, 0)).toBe(
      "x.csv: 0 rows  0 rows/s",
    );
  });

  it("fits the line to the terminal by shortening the path from the left, keeping the counts", () => {
    const path = "/home/district/exports/2025/sessions-full-year.csv";
    const p = { rows: 12_345, bytesRead: 250, bytesTotal: 1000 };
    expect(progressText(path, p, 5_000, 60)).toBe(
      "…ons-full-year.csv: 12,345 rows  2,469 rows/s  25%  ETA 0:15",
    );
    expect(progressText(path, p, 5_000, 60)).toHaveLength(60);
    expect(progressText(path, p, 5_000, 20)).toHaveLength(20);
  });

  it("redraws in place at most every 100 ms, cut to the terminal, and erases itself when done", () => {
    const t = terminal(true, 30);
    const line = new ProgressLine(t.terminal, "students-with-a-long-name.csv");
    const p = { rows: 10, bytesRead: 10, bytesTotal: 100 };
    t.tick(50);
    line.update(p);
    t.tick(40);
    line.update(p); // 40 ms later: not drawn
    t.tick(60);
    line.update(p);
    line.done();
    expect(t.writes).toHaveLength(3);
    // Too narrow for the counts: the line is cut, as it cannot wrap.
    expect(t.writes[0]).toBe("\rstudents-with-a-long-name.csv\x1b[K");
    expect(t.writes[2]).toBe("\r\x1b[K");
  });

  it("writes nothing when standard error is not a terminal", () => {
    const t = terminal(false);
    const line = new ProgressLine(t.terminal, "a.csv");
    t.tick(500);
    line.update({ rows: 1, bytesRead: 1, bytesTotal: 2 });
    line.done();
    expect(t.writes).toEqual([]);
  });
});
