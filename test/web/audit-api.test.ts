import { describe, expect, it } from "vitest";
import { ApiClient } from "../../web/src/lib/api-client.js";
import {
  actorOf,
  auditQuery,
  detailLines,
  listAuditEvents,
  nextDay,
  NO_FILTERS,
  type AuditEvent,
} from "../../web/src/lib/api/audit.js";

describe("audit filters", () => {
  it("sends only the filters given, trimmed", () => {
    const built = auditQuery(
      { ...NO_FILTERS, user: " u-1 ", objectType: "import_batch", objectId: "7" },
      null,
    );
    expect(built).toEqual({ query: "limit=50&user=u-1&objectType=import_batch&objectId=7" });
    expect(auditQuery(NO_FILTERS, "cur", 20)).toEqual({ query: "limit=20&cursor=cur" });
    expect(auditQuery({ ...NO_FILTERS, action: "import.create" }, null)).toEqual({
      query: "limit=50&action=import.create",
    });
  });

  it("turns a range of UTC days into from (inclusive) and to (exclusive, the next midnight)", () => {
    const built = auditQuery({ ...NO_FILTERS, fromDay: "2024-02-28", toDay: "2024-02-29" }, null);
    expect(built).toEqual({ query: "limit=50&from=2024-02-28T00%3A00%3A00Z&to=2024-03-01T00%3A00%3A00Z" });
  });

  it("names the field of each bad value and sends nothing", () => {
    expect(auditQuery({ ...NO_FILTERS, fromDay: "2025-02-30" }, null)).toEqual({
      problems: [{ field: "fromDay", message: "give the first day as YYYY-MM-DD" }],
    });
    expect(auditQuery({ ...NO_FILTERS, fromDay: "2025-03-02", toDay: "2025-03-01" }, null)).toEqual({
      problems: [{ field: "toDay", message: "the last day comes before the first day" }],
    });
  });

  it("counts the next day across months, years and leap days", () => {
    expect(nextDay("2024-12-31")).toBe("2025-01-01");
    expect(nextDay("2023-02-28")).toBe("2023-03-01");
    expect(nextDay("2024-02-28")).toBe("2024-02-29");
    expect(nextDay("2024-13-01")).toBeNull();
    expect(nextDay("24-1-1")).toBeNull();
  });
});

describe("audit entries", () => {
  it("reads a page of entries with the built query", async () => {
    const urls: string[] = [];
    const api = new ApiClient({
      fetch: async (url) => {
        urls.push(url);
        return new Response(JSON.stringify({ items: [], nextCursor: null }), {
          headers: { "content-type": "application/json" },
        });
      },
    });
    expect(await listAuditEvents(api, "limit=50&action=x")).toEqual({ items: [], nextCursor: null });
    expect(urls).toEqual(["/api/audit-events?limit=50&action=x"]);
  });

  it("shows details as key: value lines, nested values as JSON", () => {
    expect(detailLines({ format: "students", rows: 4, contractId: null, ok: true, ids: ["a"] })).toEqual([
      "format: students",
      "rows: 4",
      "contractId: null",
      "ok: true",
      'ids: ["a"]',
    ]);
    expect(detailLines(null)).toEqual([]);
    expect(detailLines([1, 2])).toEqual(["[1,2]"]);
  });

  it("names who acted: the user (by name when known), else the API token, else Accord itself", () => {
    const event: AuditEvent = {
      seq: "1",
      occurredAt: "2026-01-01T00:00:00.000000Z",
      actorUserId: null,
      actorName: null,
      actorTokenId: null,
      organizationId: null,
      districtId: null,
      action: "a",
      objectType: "o",
      objectId: "i",
      detail: {},
      entrySha256: "0".repeat(64),
    };
    expect(actorOf({ ...event, actorUserId: "u1", actorName: "Ana Ruiz", actorTokenId: "t1" })).toBe(
      "Ana Ruiz",
    );
    expect(actorOf({ ...event, actorUserId: "u1", actorTokenId: "t1" })).toBe("u1");
    expect(actorOf({ ...event, actorTokenId: "t1" })).toBe("API token t1");
    expect(actorOf(event)).toBe("Accord (no user)");
  });
});
