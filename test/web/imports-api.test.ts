import { describe, expect, it } from "vitest";
import { ApiClient } from "../../web/src/lib/api-client.js";
import type { ContractSummary, Session } from "../../web/src/lib/api-types.js";
import {
  findBatch,
  importDistricts,
  listBatches,
  listRejects,
  progressFraction,
  readProgress,
  rejectsCsvPath,
  uploadContentType,
  uploadFile,
  uploadWithProgress,
  rejectPlace,
  type ImportBatch,
} from "../../web/src/lib/api/imports.js";
import { readyToSend, queued } from "../../web/src/components/imports/upload-queue.js";

interface Sent {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** A fake server: `answer` decides each response from the request; every request is recorded. */
function fakeServer(answer: (url: string, method: string) => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    const method = init.method ?? "GET";
    sent.push({ url, method, headers: { ...(init.headers as Record<string, string>) }, body: init.body });
    return answer(url, method);
  };
  return { sent, api: new ApiClient({ fetch }) };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const problem = (status: number, code: string, detail: string) =>
  new Response(JSON.stringify({ status, code, detail }), {
    status,
    headers: { "content-type": "application/problem+json" },
  });

const batch = (batchId: string): ImportBatch => ({
  batchId,
  fileName: `f${batchId}.csv`,
  format: "students",
  importedAt: "2026-11-22T10:00:00.000000Z",
  importedBy: "u1",
  importedByName: null,
  organizationId: "d1",
  accepted: 1,
  rejected: 0,
  unchanged: 0,
  replaced: 0,
});

const result = { batchId: "7", format: "students", accepted: 2, rejected: 2, unchanged: 0, replaced: 0 };

describe("imports API", () => {
  it("lists a district's batches a page at a time, passing the cursor back", async () => {
    const server = fakeServer(() => json({ items: [batch("3")], nextCursor: null }));
    await listBatches(server.api, "d 1", null);
    await listBatches(server.api, "d 1", "abc=", 200);
    expect(server.sent.map((s) => s.url)).toEqual([
      "/api/districts/d%201/imports?limit=50",
      "/api/districts/d%201/imports?limit=200&cursor=abc%3D",
    ]);
  });

  it("finds a batch on a later page, and stops once the list passes below its number", async () => {
    const pages: Record<string, unknown> = {
      first: { items: [batch("120"), batch("101")], nextCursor: "c2" },
      c2: { items: [batch("100"), batch("99")], nextCursor: "c3" },
      c3: { items: [batch("8")], nextCursor: null },
    };
    const server = fakeServer((url) =>
      json(pages[new URL(url, "http://x").searchParams.get("cursor") ?? "first"]),
    );
    expect((await findBatch(server.api, "d1", "99"))?.fileName).toBe("f99.csv");
    expect(server.sent).toHaveLength(2);
    server.sent.length = 0;
    expect(await findBatch(server.api, "d1", "105")).toBeNull();
    expect(server.sent).toHaveLength(1);
  });

  it("reads rejects pages and names the CSV to fix", async () => {
    const server = fakeServer(() => json({ items: [], nextCursor: null }));
    await listRejects(server.api, "d1", "7", "k");
    expect(server.sent[0]?.url).toBe("/api/districts/d1/imports/7/rejects?limit=200&cursor=k");
    expect(rejectsCsvPath("d1", "7")).toBe("/api/districts/d1/imports/7/rejects.csv");
  });

  it("sends the file as the raw body with its type, an Idempotency-Key, the CSRF token and the query", async () => {
    const session: Partial<Session> = { csrfToken: "csrf-9" };
    const server = fakeServer((url) => (url === "/api/session" ? json(session) : json(result, 201)));
    await server.api.session();
    const file = new File(["session_id\n"], "DATAS sessions.csv");
    await uploadFile(server.api, {
      districtId: "d1",
      file,
      contractId: "c-1",
      uploadId: "up-1",
      idempotencyKey: "key-1",
    });
    const upload = server.sent[1];
    expect(upload?.method).toBe("POST");
    expect(upload?.url).toBe(
      "/api/districts/d1/imports?fileName=DATAS+sessions.csv&upload=up-1&contract=c-1",
    );
    expect(upload?.headers).toMatchObject({
      "content-type": "text/csv",
      "idempotency-key": "key-1",
      "x-csrf-token": "csrf-9",
      accept: "application/json",
    });
    expect(upload?.body).toBe(file);
  });

  it("tells the content type from the extension as the server reads it", () => {
    expect(uploadContentType("a.CSV")).toBe("text/csv");
    expect(uploadContentType("events.json")).toBe("application/json");
    expect(uploadContentType("events.ndjson")).toBe("application/x-ndjson");
    expect(uploadContentType("events.jsonl")).toBe("application/x-ndjson");
    expect(uploadContentType("export.txt")).toBe("text/csv");
  });

  it("reads progress while an upload runs, and none once it has finished (404)", async () => {
    const progress = { phase: "receiving", rowsRead: 0, bytesRead: 10, totalBytes: 40 };
    let running = true;
    const server = fakeServer(() => (running ? json(progress) : problem(404, "not-found", "no upload")));
    expect(await readProgress(server.api, "up 1")).toEqual(progress);
    expect(server.sent[0]?.url).toBe("/api/imports/progress/up%201");
    running = false;
    expect(await readProgress(server.api, "up 1")).toBeNull();
  });

  it("polls progress until the upload answers, then stops", async () => {
    let release: () => void = () => undefined;
    const uploaded = new Promise<void>((resolve) => (release = resolve));
    const server = fakeServer(async (_url, method) => {
      if (method === "POST") {
        await uploaded;
        return json({ ...result, alreadyImported: true }, 201);
      }
      return json({ phase: "importing", rowsRead: 5, bytesRead: 30, totalBytes: 40 });
    });
    const seen: number[] = [];
    const request = {
      districtId: "d1",
      file: new File(["x"], "students.csv"),
      contractId: null,
      uploadId: "u",
      idempotencyKey: "k",
    };
    const done = uploadWithProgress(server.api, request, (p) => seen.push(p.rowsRead), 5);
    await new Promise((resolve) => setTimeout(resolve, 40));
    release();
    expect((await done).alreadyImported).toBe(true);
    const polls = server.sent.filter((s) => s.method === "GET").length;
    expect(polls).toBeGreaterThan(0);
    expect(seen.every((rows) => rows === 5)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.sent.filter((s) => s.method === "GET").length).toBe(polls);
  });

  it("gives the share done, or none when the size is unknown", () => {
    expect(progressFraction({ phase: "receiving", rowsRead: 0, bytesRead: 25, totalBytes: 100 })).toBe(0.25);
    expect(progressFraction({ phase: "importing", rowsRead: 9, bytesRead: 150, totalBytes: 100 })).toBe(1);
    expect(progressFraction({ phase: "receiving", rowsRead: 0, bytesRead: 25, totalBytes: null })).toBeNull();
  });
});

describe("imports page logic", () => {
  const contract = (districtId: string): ContractSummary => ({
    districtId,
    contractId: `c-${districtId}`,
    vendorId: "v1",
    vendorName: "Vendor One",
    title: "t",
    stage: "active",
    termsVersion: 1,
    maxValue: "1.00",
    periodStart: "2024-08-01",
    periodEnd: "2025-06-30",
  });
  const session = (organizationKind: Session["organizationKind"]): Session => ({
    userId: "u",
    email: "e",
    displayName: "n",
    organizationId: "org",
    organizationKind,
    role: "vendor_user",
    csrfToken: "c",
    secondFactorDone: true,
    secondFactorEnrolled: false,
    memberships: [],
  });

  it("imports into the district itself, or for a vendor the districts of its contracts", () => {
    const contracts = [contract("d2"), contract("d1"), contract("d2")];
    expect(importDistricts(session("district"), contracts)).toEqual(["org"]);
    expect(importDistricts(session("vendor"), contracts)).toEqual(["d1", "d2"]);
    expect(importDistricts(session("platform"), contracts)).toEqual([]);
  });

  it("holds back a file until its format is read and a needed contract is chosen", () => {
    const item = queued(new File(["x"], "sessions.csv"));
    expect(readyToSend(item)).toBe(false);
    const needs = {
      kind: "format",
      formatId: "datas-sessions",
      label: "DATAS",
      needsContract: true,
    } as const;
    expect(readyToSend({ ...item, detection: needs })).toBe(false);
    expect(readyToSend({ ...item, detection: needs, contractId: "c1" })).toBe(true);
    expect(readyToSend({ ...item, detection: { kind: "unknown", message: "?" } })).toBe(true);
    const done = { kind: "done", result: { ...result, alreadyImported: false } } as const;
    expect(readyToSend({ ...item, detection: needs, contractId: "c1", status: done })).toBe(false);
  });

  it("places a reject by column name, column number, JSON path or the whole row", () => {
    const base = { line: 3, column: 3, columnName: "grade", path: null, code: "bad-grade", message: "m" };
    expect(rejectPlace(base)).toBe("grade (column 3)");
    expect(rejectPlace({ ...base, columnName: null })).toBe("column 3");
    expect(rejectPlace({ ...base, column: 0, columnName: null })).toBe("whole row");
    expect(rejectPlace({ ...base, path: "events.json:$[2].eventDate" })).toBe("events.json:$[2].eventDate");
  });
});
