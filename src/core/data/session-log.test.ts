import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { SessionLog } from "./session-log.js";

/** Live rows after the data-v1 rule: a repeated session id replaces the earlier row. */
function naiveLive(ids: (string | null)[]): Set<number> {
  const last = new Map<string, number>();
  const live = new Set<number>();
  ids.forEach((id, row) => {
    if (id !== null) {
      const earlier = last.get(id);
      if (earlier !== undefined) live.delete(earlier);
      last.set(id, row);
    }
    live.add(row);
  });
  return live;
}

function liveRows(ids: (string | null)[]): Set<number> {
  const log = new SessionLog();
  // Each row is its own student, attended, 1 minute: a live row shows as one session.
  ids.forEach((id, row) => log.add(id, row, -1, 20241001, 1, true));
  const stats = log.stats(20240101, 20251231, 0);
  return new Set([...stats.keys()]);
}

describe("SessionLog", () => {
  it("lets a repeated session id replace the earlier row, also after a run of increasing ids", () => {
    expect(liveRows(["X1", "X2", "X10", "X2", "X11"])).toEqual(new Set([0, 2, 3, 4]));
    expect(liveRows(["b", "a", "b", null, null, "a"])).toEqual(new Set([2, 3, 4, 5]));
  });

  it("keeps exactly the rows a plain map of ids would keep (property)", () => {
    const id = fc.oneof(
      fc.constant(null),
      fc.nat({ max: 40 }).map((n) => `X${n}`),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(id, { maxLength: 60 }), (ids) => {
        expect(liveRows(ids)).toEqual(naiveLive(ids));
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps every row of strictly increasing ids", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `S-${i}`);
    expect(liveRows(ids).size).toBe(1000);
  });
});
