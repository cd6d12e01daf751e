import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_STORES } from "../db/stores.js";
import { createApi } from "../../src/api/app.js";
import { actAs } from "../../src/app/act-as.js";
import type { Actor } from "../../src/app/auth/actor.js";
import { readRejectPage } from "../../src/app/imports/read-rejects.js";
import { TEST_CONFIG, openApiWorld, signInAs, type ApiWorld, type Client } from "./harness.js";

const STUDENTS = `student_id,school_id,grade,gender,race_ethnicity,english_learner
S1,SCH1,3,F,Hispanic,y
S2,SCH1,4,M,White,n
S3,SCH2,5,F,Asian,n
S4,SCH2,5,M,Black,n
`;
const ENROLLMENTS = `contract_id,student_id,enrolled_on
c1,S1,2024-09-01
c1,S2,2024-09-01
c2,S3,2024-09-01
`;
const SESSIONS = `session_id,contract_id,student_id,tutor_id,session_date,minutes,attended
a1,c1,S1,T1,2024-10-01,30,true
a2,c1,S2,T1,2024-10-02,30,true
a3,c2,S3,T2,2024-10-03,30,true
`;

interface ImportBody {
  batchId: string;
  format: string;
  accepted: number;
  rejected: number;
  unchanged: number;
  replaced: number;
  alreadyImported: boolean;
}

/** POSTs `body` as a file upload with its own Idempotency-Key unless one is given. */
function upload(
  client: Client,
  query: string,
  body: string,
  headers: Record<string, string> = {},
  districtId = "d1",
): Promise<Response> {
  return client.request("POST", `/api/districts/${districtId}/imports?${query}`, body, {
    "content-type": "text/csv",
    "idempotency-key": randomUUID(),
    ...headers,
  });
}

describe.each(TEST_STORES)("imports API ($name)", (store) => {
  let world: ApiWorld;
  let admin: Client;
  let batches: Record<string, string>;
  beforeAll(async () => {
    world = await openApiWorld(store);
    admin = await signInAs(world, "district_admin", "d1");
    batches = {};
  }, 120_000);
  afterAll(async () => world.close());

  it("imports students, enrollments and sessions uploaded by district staff, with their counts", async () => {
    for (const [name, text, accepted] of [
      ["students.csv", STUDENTS, 4],
      ["enrollments.csv", ENROLLMENTS, 3],
      ["sessions.csv", SESSIONS, 3],
    ] as const) {
      const response = await upload(admin, `fileName=${name}`, text);
      expect(response.status).toBe(201);
      const body = (await response.json()) as ImportBody;
      expect(body).toMatchObject({ accepted, rejected: 0, alreadyImported: false });
      batches[name] = body.batchId;
    }
    const [batch] = await world.db.query<{ file_name: string; organization_id: string; imported_by: string }>(
      `SELECT b.file_name, b.organization_id, b.imported_by = u.user_id AS by_user
         FROM import_batches b, users u WHERE b.batch_id = $1 AND u.email = 'district-admin@d1.test'`,
      [batches["students.csv"] ?? ""],
    );
    expect(batch).toMatchObject({ file_name: "students.csv", organization_id: "d1", by_user: true });
    const audit = await world.db.query<{ detail: string }>(
      "SELECT detail FROM audit_events WHERE action = 'import.create' AND object_id = $1",
      [batches["sessions.csv"] ?? ""],
    );
    expect(audit.map((a) => JSON.parse(a.detail) as unknown)).toMatchObject([
      { format: "sessions", accepted: 3 },
    ]);
  });

  it("answers a file the district already imported with that batch and its counts", async () => {
    const response = await upload(admin, "fileName=students.csv", STUDENTS);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      batchId: batches["students.csv"],
      accepted: 4,
      alreadyImported: true,
    });
  });

  it("replays the first answer for a repeated Idempotency-Key, and refuses the key for another file", async () => {
    const key = randomUUID();
    const text = "student_id,school_id,grade\nS5,SCH1,K\n";
    const first = await upload(admin, "fileName=students.csv", text, { "idempotency-key": key });
    const again = await upload(admin, "fileName=students.csv", text, { "idempotency-key": key });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    const other = await upload(admin, "fileName=students.csv", `${text}S6,SCH1,K\n`, {
      "idempotency-key": key,
    });
    expect(other.status).toBe(422);
  });

  it("answers a file it cannot read with invalid-file, the reason and its place, never 500", async () => {
    const missing = await upload(admin, "fileName=students.csv&format=students", "student_id,grade\nS9,3\n");
    expect(missing.status).toBe(400);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    const body = (await missing.json()) as { code: string; problems: { path: string; code: string }[] };
    expect(body.code).toBe("invalid-file");
    expect(body.problems[0]?.path).toMatch(/^line 1/);
    const garbage = await upload(admin, "fileName=export.csv", '\u0000"unterminated\n\u00ff');
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toMatchObject({ code: "invalid-file" });
    const json = await upload(admin, "fileName=events.json", "[{", { "content-type": "application/json" });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ code: "invalid-file" });
  });

  it("refuses other content types (415), a missing Idempotency-Key (400) and a body past the limit (413)", async () => {
    expect(
      (await upload(admin, "fileName=students.csv", STUDENTS, { "content-type": "text/plain" })).status,
    ).toBe(415);
    const noKey = await admin.request("POST", "/api/districts/d1/imports?fileName=s.csv", STUDENTS, {
      "content-type": "text/csv",
    });
    expect(noKey.status).toBe(400);
    expect(await noKey.json()).toMatchObject({ problems: [{ path: '$.headers["idempotency-key"]' }] });
    const small = createApi({ ...world.deps, config: { ...TEST_CONFIG, maxUploadBytes: 64 } });
    const tooLarge = await small.app.request("/api/districts/d1/imports?fileName=students.csv", {
      method: "POST",
      body: STUDENTS.repeat(4),
      headers: {
        cookie: admin.cookie,
        "x-csrf-token": admin.csrfToken,
        "content-type": "text/csv",
        "idempotency-key": randomUUID(),
      },
    });
    expect(tooLarge.status).toBe(413);
  });

  it("forbids a vendor any file but its session logs, before or after reading the file", async () => {
    const vendor = await signInAs(world, "vendor_user", "v1");
    const told = await upload(vendor, "fileName=students.csv", "student_id,school_id,grade\nS7,SCH1,3\n");
    expect(told.status).toBe(403);
    expect((await upload(vendor, "fileName=x.csv&format=enrollments", ENROLLMENTS)).status).toBe(403);
    const auditor = await signInAs(world, "auditor", "d1");
    expect((await upload(auditor, "fileName=sessions.csv", SESSIONS)).status).toBe(403);
    const students = await world.db.query("SELECT 1 FROM students WHERE student_id = 'S7'");
    expect(students).toEqual([]);
  });

  it("rejects a vendor's session rows of another vendor's contract, and refuses its DATAS file for one", async () => {
    const vendor = await signInAs(world, "vendor_user", "v1");
    const text =
      "session_id,contract_id,student_id,session_date,minutes\nv1,c1,S1,2024-11-01,25\nv2,c2,S3,2024-11-01,25\n";
    const response = await upload(vendor, "fileName=sessions-nov.csv", text);
    expect(response.status).toBe(201);
    const body = (await response.json()) as ImportBody;
    expect(body).toMatchObject({ format: "sessions", accepted: 1, rejected: 1 });
    batches["vendor"] = body.batchId;
    const stored = await world.db.query(
      "SELECT contract_id FROM service_sessions WHERE session_id IN ('v1', 'v2')",
    );
    expect(stored).toEqual([{ contract_id: "c1" }]);
    const datas =
      "student_id,session_topic,session_date,session_duration,session_ratio,tutor_id\nS3,math,2024-11-02 10:00:00,30,1:3,T9\n";
    const refused = await upload(vendor, "fileName=datas.csv&format=datas-sessions&contract=c2", datas);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      code: "invalid-file",
      problems: [{ code: "unknown-contract" }],
    });
    const v2 = await signInAs(world, "vendor_user", "v2");
    expect((await upload(v2, "fileName=sessions.csv", text, {}, "d2")).status).toBe(404);
  });

  it("asks for the contract of a DATAS sessions file", async () => {
    const datas =
      "student_id,session_topic,session_date,session_duration,session_ratio,tutor_id\nS1,math,2024-11-02 10:00:00,30,1:3,T9\n";
    const response = await upload(admin, "fileName=datas.csv", datas);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ problems: [{ path: "$.query.contract" }] });
  });

  it("lists batches newest first by pages; a vendor sees only its own", async () => {
    const analyst = await signInAs(world, "district_analyst", "d1");
    const first = (await (await analyst.request("GET", "/api/districts/d1/imports?limit=2")).json()) as {
      items: { batchId: string; organizationId: string }[];
      nextCursor: string;
    };
    expect(first.items.map((b) => b.batchId)).toEqual(
      [...first.items.map((b) => b.batchId)].sort().reverse(),
    );
    const second = (await (
      await analyst.request("GET", `/api/districts/d1/imports?limit=200&cursor=${first.nextCursor}`)
    ).json()) as { items: { batchId: string }[] };
    expect(second.items.map((b) => b.batchId)).toContain(batches["students.csv"]);
    const vendor = await signInAs(world, "vendor_user", "v1");
    const own = (await (await vendor.request("GET", "/api/districts/d1/imports")).json()) as {
      items: { batchId: string; organizationId: string }[];
    };
    expect(own.items.map((b) => b.batchId)).toEqual([batches["vendor"]]);
    const d2 = await signInAs(world, "district_analyst", "d2");
    expect((await d2.request("GET", "/api/districts/d1/imports")).status).toBe(404);
  });

  it("gives rejects by pages with their place, and the rows as read only with read:students (audited)", async () => {
    const text = "student_id,school_id,grade\nR1,SCH1,13\nR2,SCH1,3\nR3,,4\n";
    const batch = ((await (await upload(admin, "fileName=students-fix.csv", text)).json()) as ImportBody)
      .batchId;
    const analyst = await signInAs(world, "district_analyst", "d1");
    const page = (await (
      await analyst.request("GET", `/api/districts/d1/imports/${batch}/rejects?limit=1`)
    ).json()) as { items: Record<string, unknown>[]; nextCursor: string };
    expect(page.items).toMatchObject([
      { line: 2, column: 3, columnName: "grade", record: ["R1", "SCH1", "13"] },
    ]);
    const next = (await (
      await analyst.request("GET", `/api/districts/d1/imports/${batch}/rejects?cursor=${page.nextCursor}`)
    ).json()) as { items: { line: number }[]; nextCursor: null };
    expect(next.items.map((r) => r.line)).toEqual([4]);
    const reads = await world.db.query(
      "SELECT 1 FROM audit_events WHERE action = 'rejects.read' AND object_id = $1",
      [batch],
    );
    expect(reads).toHaveLength(2);
    const actor: Actor = {
      userId: "u",
      tokenId: null,
      organizationId: "d1",
      orgKind: "district",
      role: "district_analyst",
      session: null,
    };
    const bare = await actAs(world.db, { organizationId: "d1", orgKind: "district" }, (tx) =>
      readRejectPage(tx, {
        actor,
        at: new Date(),
        districtId: "d1",
        batchId: BigInt(batch),
        after: null,
        limit: 10,
        withRecords: false,
      }),
    );
    expect(bare?.items.map((r) => Object.keys(r).includes("record"))).toEqual([false, false]);
    const after = await world.db.query("SELECT 1 FROM audit_events WHERE action = 'rejects.read'");
    expect(after).toHaveLength(2);
    const v1 = await signInAs(world, "vendor_user", "v1");
    expect((await v1.request("GET", `/api/districts/d1/imports/${batch}/rejects`)).status).toBe(404);
  });

  it("exports rejects in the file's own layout plus a reason, audited", async () => {
    const vendor = await signInAs(world, "vendor_user", "v1");
    const response = await vendor.request(
      "GET",
      `/api/districts/d1/imports/${batches["vendor"]}/rejects.csv`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment/);
    const lines = (await response.text()).trimEnd().split("\n");
    expect(lines[0]).toBe("session_id,contract_id,student_id,session_date,minutes,reason");
    expect(lines[1]).toMatch(/^v2,c2,S3,2024-11-01,25,"line 3, column 2: unknown-contract: /);
    const audit = await world.db.query<{ organization_id: string; district_id: string }>(
      "SELECT organization_id, district_id FROM audit_events WHERE action = 'rejects.export'",
    );
    expect(audit).toEqual([{ organization_id: "v1", district_id: "d1" }]);
  });

  it("reports an upload's progress to its organization while it runs, then forgets it", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const head = new TextEncoder().encode("session_id,contract_id,student_id,session_date,minutes\n");
    const tail = new TextEncoder().encode("p1,c1,S1,2024-12-01,20\n");
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        controller.enqueue(head);
        await gate;
        controller.enqueue(tail);
        controller.close();
      },
    });
    const pending = world.api.app.request("/api/districts/d1/imports?fileName=sessions-dec.csv&upload=up-1", {
      method: "POST",
      body,
      duplex: "half",
      headers: {
        cookie: admin.cookie,
        "x-csrf-token": admin.csrfToken,
        "content-type": "text/csv",
        "content-length": String(head.byteLength + tail.byteLength),
        "idempotency-key": randomUUID(),
      },
    } as RequestInit);
    let seen: unknown = null;
    for (let i = 0; i < 400 && (seen as { bytesRead?: number } | null)?.bytesRead !== head.byteLength; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const progress = await admin.request("GET", "/api/imports/progress/up-1");
      seen = progress.status === 200 ? await progress.json() : null;
    }
    expect(seen).toEqual({
      phase: "receiving",
      rowsRead: 0,
      bytesRead: head.byteLength,
      totalBytes: head.byteLength + tail.byteLength,
    });
    const v1 = await signInAs(world, "vendor_user", "v1");
    expect((await v1.request("GET", "/api/imports/progress/up-1")).status).toBe(404);
    release();
    expect((await pending).status).toBe(201);
    expect((await admin.request("GET", "/api/imports/progress/up-1")).status).toBe(404);
  });
});
