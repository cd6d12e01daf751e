/**
 * Check-ins over the API on both stores: a schedule's exact days, an agenda prepared from
 * the contract's progress (the enrolment sentence with exact numbers) and kept as a
 * snapshot when the data changes, minutes with action items, finalised minutes refusing
 * edits, overdue action items among the alerts, audit entries, and the parties' access.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordContract } from "../../src/app/record-contract.js";
import { TEST_STORES } from "../db/stores.js";
import { openApiWorld, signInAs, termsFor, type ApiWorld, type Client } from "./harness.js";

const C1 = "/api/districts/d1/contracts/c1";

interface AgendaItem {
  itemId: string;
  section: string;
  title: string;
  detail: string;
}
interface ActionItem {
  actionItemId: string;
  checkInId: string;
  status: string;
  dueOn: string;
  history: { status: string; note: string | null }[];
}
interface CheckIn {
  checkInId: string;
  scheduledOn: string;
  state: string;
  cancelReason: string | null;
  rescheduledFrom: string | null;
  agenda: { asOf: string; items: AgendaItem[] } | null;
  minutes: { itemNotes: { itemId: string; notes: string }[]; decisions: string[] } | null;
  notes: { body: string }[];
  actionItems: ActionItem[];
  carriedActionItems: ActionItem[];
}

/** Terms of c1 planning 1,200 students, recorded as its next (approved) version. */
async function planTwelveHundred(world: ApiWorld): Promise<void> {
  const text = JSON.stringify({ ...termsFor("d1", "c1", "v1"), expectedStudents: 1200 }, null, 2);
  const result = await recordContract(world.db, {
    source: { path: "c1.json", text, document: JSON.parse(text) as unknown, syntaxError: null },
    districtId: "d1",
    recordedBy: "test",
    reason: "plan of 1,200",
  });
  if (result.kind === "invalid") throw new Error(JSON.stringify(result.problems));
}

/** Students `from`..`to` of d1 (grade 5), each enrolled in c1, written as the store's owner. */
async function enrol(world: ApiWorld, from: number, to: number): Promise<void> {
  const [batch] = await world.db.query<{ batch_id: bigint }>(
    `INSERT INTO import_batches (district_id, file_name, file_sha256, format, imported_by, organization_id)
     VALUES ('d1', $1, $2, 'students', 'test', 'd1') RETURNING batch_id`,
    [`roster-${from}.csv`, String(from).padStart(64, "0")],
  );
  const batchId = batch?.batch_id ?? 0n;
  await world.db.query(
    `INSERT INTO schools (district_id, school_id, name, batch_id, source_line) VALUES ('d1', 'sch', 'School', $1, 1)
     ON CONFLICT DO NOTHING`,
    [batchId],
  );
  await world.db.query(
    `INSERT INTO students (district_id, student_id, school_id, grade, batch_id, source_line)
     SELECT 'd1', 'STU-' || lpad(g::text, 4, '0'), 'sch', '5', $1, g FROM generate_series($2::int, $3::int) g`,
    [batchId, from, to],
  );
  await world.db.query(
    `INSERT INTO enrollments (district_id, contract_id, student_id, enrolled_on, batch_id, source_line)
     SELECT 'd1', 'c1', 'STU-' || lpad(g::text, 4, '0'), '2024-09-10', $1, g FROM generate_series($2::int, $3::int) g`,
    [batchId, from, to],
  );
}

async function ok<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

describe.each(TEST_STORES)("check-ins API ($name)", (store) => {
  let world: ApiWorld;
  let admin: Client;
  let vendor: Client;
  let otherVendor: Client;
  let auditor: Client;
  beforeAll(async () => {
    world = await openApiWorld(store);
    await planTwelveHundred(world);
    await enrol(world, 1, 451);
    admin = await signInAs(world, "district_admin", "d1");
    vendor = await signInAs(world, "vendor_user", "v1");
    otherVendor = await signInAs(world, "vendor_user", "v2");
    auditor = await signInAs(world, "auditor", "d1");
  }, 120_000);
  afterAll(async () => world.close());

  it("schedules every 2 weeks from the start day to the contract's end, on exact days", async () => {
    const body = await ok<{ schedule: unknown; items: CheckIn[]; created: number }>(
      await admin.request("PUT", `${C1}/check-in-schedule`, {
        every: 2,
        unit: "week",
        startsOn: "2024-09-03",
      }),
    );
    expect(body.schedule).toEqual({ every: 2, unit: "week", startsOn: "2024-09-03", endsOn: "2025-05-23" });
    expect(body.created).toBe(19);
    const days = body.items.map((c) => c.scheduledOn);
    expect(days.slice(0, 3)).toEqual(["2024-09-03", "2024-09-17", "2024-10-01"]);
    expect(days.at(-1)).toBe("2025-05-13");
    expect(days).toContain("2025-01-07");
    // The vendor of the contract sees the same list; the auditor reads it too.
    const seen = await ok<{ items: CheckIn[] }>(await vendor.request("GET", `${C1}/check-ins`));
    expect(seen.items.map((c) => c.scheduledOn)).toEqual(days);
    expect((await auditor.request("GET", `${C1}/check-ins`)).status).toBe(200);
  });

  it("prepares the agenda with the enrolment pacing sentence and keeps it when the data changes", async () => {
    const list = await ok<{ items: CheckIn[] }>(await admin.request("GET", `${C1}/check-ins`));
    const meeting = list.items.find((c) => c.scheduledOn === "2025-01-07");
    if (meeting === undefined) throw new Error("no check-in on 2025-01-07");
    const prepared = await ok<CheckIn>(
      await vendor.request("POST", `${C1}/check-ins/${meeting.checkInId}/agenda`),
    );
    expect(prepared.state).toBe("agenda-ready");
    expect(prepared.agenda?.asOf).toBe("2025-01-15");
    const enrolment = prepared.agenda?.items.find((i) => i.itemId === "enrolment");
    expect(enrolment?.detail).toBe(
      "451 of 1,200 planned students enrolled (expected by Jan 15, 2025: 1,200).",
    );
    expect(prepared.agenda?.items.map((i) => i.section)).toContain("data");
    // No student is named anywhere on the agenda.
    expect(JSON.stringify(prepared.agenda)).not.toContain("STU-");

    await enrol(world, 452, 460);
    const again = await ok<CheckIn>(await admin.request("GET", `${C1}/check-ins/${meeting.checkInId}`));
    expect(again.agenda).toEqual(prepared.agenda);
    const next = await ok<CheckIn>(
      await admin.request("POST", `${C1}/check-ins`, { scheduledOn: "2025-01-16" }),
      201,
    );
    const fresh = await ok<CheckIn>(await admin.request("POST", `${C1}/check-ins/${next.checkInId}/agenda`));
    expect(fresh.agenda?.items.find((i) => i.itemId === "enrolment")?.detail).toBe(
      "460 of 1,200 planned students enrolled (expected by Jan 15, 2025: 1,200).",
    );
  });

  it("edits agenda items before the meeting, refusing a duplicated item id with its path", async () => {
    const added = await ok<CheckIn>(
      await admin.request("POST", `${C1}/check-ins`, { scheduledOn: "2025-02-03" }),
      201,
    );
    const path = `${C1}/check-ins/${added.checkInId}/agenda`;
    const edited = await ok<CheckIn>(
      await admin.request("PUT", path, {
        items: [
          { section: "other", title: "Tutor hiring", detail: "Two tutors start in February." },
          { section: "other", title: "Spring testing", detail: "" },
        ],
      }),
    );
    expect(edited.agenda?.items.map((i) => [i.itemId, i.title])).toEqual([
      ["custom:1", "Tutor hiring"],
      ["custom:2", "Spring testing"],
    ]);
    const refused = await admin.request("PUT", path, {
      items: [
        { itemId: "custom:1", section: "other", title: "A", detail: "" },
        { itemId: "custom:1", section: "other", title: "B", detail: "" },
      ],
    });
    expect(refused.status).toBe(400);
    const problem = (await refused.json()) as { problems: { path: string; code: string }[] };
    expect(problem.problems).toEqual([
      expect.objectContaining({ path: "$.body.items[1].itemId", code: "duplicate-item" }),
    ]);
  });

  it("records minutes with an action item, finalises them and then refuses every edit", async () => {
    const list = await ok<{ items: CheckIn[] }>(await admin.request("GET", `${C1}/check-ins`));
    const meeting = list.items.find((c) => c.scheduledOn === "2025-01-07");
    const base = `${C1}/check-ins/${meeting?.checkInId ?? "0"}`;
    const unknown = await vendor.request("PUT", `${base}/minutes`, {
      attendees: [],
      itemNotes: [{ itemId: "nothing-like-this", notes: "x" }],
      decisions: [],
      summary: "",
    });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { problems: { path: string }[] }).problems[0]?.path).toBe(
      "$.body.itemNotes[0].itemId",
    );
    const minutes = {
      attendees: [
        { name: "Dana Ruiz", role: "Program manager", party: "district" },
        { name: "Lee Park", role: "Site lead", party: "vendor" },
      ],
      itemNotes: [{ itemId: "enrolment", notes: "Recruiting at two more schools." }],
      decisions: ["Add a Saturday session."],
      summary: "Enrolment is behind plan.",
    };
    const saved = await ok<CheckIn>(await vendor.request("PUT", `${base}/minutes`, minutes));
    expect(saved.state).toBe("minutes-draft");
    expect(saved.minutes?.itemNotes).toEqual(minutes.itemNotes);
    const item = await ok<ActionItem>(
      await vendor.request("POST", `${base}/action-items`, {
        description: "Send the recruiting letter",
        ownerParty: "vendor",
        ownerName: "L. Park",
        dueOn: "2025-01-09",
      }),
      201,
    );
    expect(item.status).toBe("open");
    const edited = await ok<ActionItem & { ownerName: string }>(
      await vendor.request("PATCH", `${base}/action-items/${item.actionItemId}`, {
        ownerName: "Lee Park",
        dueOn: "2025-01-10",
      }),
    );
    expect([edited.ownerName, edited.dueOn, edited.status, edited.history.length]).toEqual([
      "Lee Park",
      "2025-01-10",
      "open",
      1,
    ]);
    // Once minutes exist the agenda is kept as the meeting had it.
    expect((await admin.request("POST", `${base}/agenda`)).status).toBe(409);
    const finalised = await ok<CheckIn>(await admin.request("POST", `${base}/minutes/finalise`));
    expect(finalised.state).toBe("finalised");

    const edit = await vendor.request("PUT", `${base}/minutes`, { ...minutes, summary: "changed" });
    expect(edit.status).toBe(409);
    expect(((await edit.json()) as { code: string; detail: string }).detail).toBe(
      `the minutes of check-in ${meeting?.checkInId ?? ""} are finalised: add a follow-up note instead`,
    );
    expect((await admin.request("POST", `${base}/minutes/finalise`)).status).toBe(409);
    expect(
      (
        await admin.request("POST", `${base}/action-items`, {
          description: "Late",
          ownerParty: "district",
          ownerName: "Dana Ruiz",
          dueOn: "2025-02-01",
        })
      ).status,
    ).toBe(409);
    expect(
      (await admin.request("PATCH", `${base}/action-items/${item.actionItemId}`, { dueOn: "2025-03-01" }))
        .status,
    ).toBe(409);
    const noted = await ok<CheckIn>(
      await admin.request("POST", `${base}/notes`, { body: "Letter went out late." }),
      201,
    );
    expect(noted.notes.map((n) => n.body)).toEqual(["Letter went out late."]);
    const after = await ok<CheckIn>(await admin.request("GET", base));
    expect(after.minutes).toEqual(finalised.minutes);

    // The open item, overdue since Jan 10, is an alert and carries to later check-ins.
    const alerts = await ok<{ items: { code: string; subject: string; message: string; target: unknown }[] }>(
      await vendor.request("GET", "/api/alerts"),
    );
    expect(alerts.items.filter((a) => a.code === "action-item-overdue")).toEqual([
      expect.objectContaining({
        subject: item.actionItemId,
        message:
          'Action item "Send the recruiting letter" (owner: the vendor) was due on Jan 10, 2025 and is still open, 5 days later.',
        target: { page: "check-in", checkInId: meeting?.checkInId },
      }),
    ]);
    const later = list.items.find((c) => c.scheduledOn === "2025-01-21");
    const carried = await ok<CheckIn>(
      await admin.request("POST", `${C1}/check-ins/${later?.checkInId ?? "0"}/agenda`),
    );
    expect(carried.agenda?.items.find((i) => i.section === "action-items")).toEqual({
      itemId: `action-item:${item.actionItemId}`,
      section: "action-items",
      title: "Open action item: Send the recruiting letter",
      detail: "Owner: Vendor, Lee Park; due Jan 10, 2025 (overdue); raised at the check-in of Jan 7, 2025.",
    });

    // Its status still changes after finalising, with its history.
    const done = await ok<ActionItem>(
      await admin.request("PATCH", `${base}/action-items/${item.actionItemId}`, {
        status: "done",
        note: "Sent",
      }),
    );
    expect(done.history.map((h) => [h.status, h.note])).toEqual([
      ["open", null],
      ["done", "Sent"],
    ]);
    const quiet = await ok<{ items: { code: string }[] }>(await vendor.request("GET", "/api/alerts"));
    expect(quiet.items.filter((a) => a.code === "action-item-overdue")).toEqual([]);

    const [audited] = await world.db.query<{ actions: string }>(
      `SELECT string_agg(DISTINCT action, ',' ORDER BY action) AS actions FROM audit_events
        WHERE action LIKE 'check-in.%' OR action LIKE 'action-item.%'`,
    );
    expect(audited?.actions).toBe(
      "action-item.create,action-item.update,check-in.agenda-edit,check-in.agenda-prepare,check-in.create," +
        "check-in.minutes-finalise,check-in.minutes-save,check-in.note-add,check-in.schedule",
    );
  });

  it("reschedules and cancels with a reason, and keeps other parties out", async () => {
    const added = await ok<CheckIn>(
      await vendor.request("POST", `${C1}/check-ins`, { scheduledOn: "2025-03-03" }),
      201,
    );
    const path = `${C1}/check-ins/${added.checkInId}`;
    const moved = await ok<CheckIn>(await vendor.request("PATCH", path, { scheduledOn: "2025-03-05" }));
    expect([moved.scheduledOn, moved.rescheduledFrom]).toEqual(["2025-03-05", "2025-03-03"]);
    const cancelled = await ok<CheckIn>(await admin.request("PATCH", path, { cancelReason: "Spring break" }));
    expect([cancelled.state, cancelled.cancelReason]).toEqual(["cancelled", "Spring break"]);
    expect((await admin.request("PATCH", path, { scheduledOn: "2025-03-06" })).status).toBe(409);
    const both = await admin.request("PATCH", path, { scheduledOn: "2025-03-06", cancelReason: "x" });
    expect(both.status).toBe(400);
    const badDay = await admin.request("POST", `${C1}/check-ins`, { scheduledOn: "2025-02-30" });
    expect(badDay.status).toBe(400);

    // Another contract's vendor: 404 as for a missing check-in, on reads and writes.
    for (const [method, url, body] of [
      ["GET", path, undefined],
      ["GET", `${C1}/check-ins`, undefined],
      ["POST", `${path}/agenda`, undefined],
      ["PUT", `${path}/minutes`, { attendees: [], itemNotes: [], decisions: [], summary: "" }],
    ] as const) {
      const response = await otherVendor.request(method, url, body);
      expect([url, response.status]).toEqual([url, 404]);
    }
    // The auditor reads only.
    const refused = await auditor.request("POST", `${C1}/check-ins`, { scheduledOn: "2025-03-10" });
    expect(refused.status).toBe(403);
    const analyst = await signInAs(world, "district_analyst", "d1");
    expect((await analyst.request("POST", `${path}/notes`, { body: "x" })).status).toBe(403);
  });

  it("replaces a schedule's untouched check-ins from the new start, keeping prepared and held ones", async () => {
    const body = await ok<{ items: CheckIn[]; created: number; removed: number }>(
      await vendor.request("PUT", `${C1}/check-in-schedule`, {
        every: 1,
        unit: "month",
        startsOn: "2025-04-01",
      }),
    );
    // Apr 1, Apr 15, Apr 29 and May 13 of the biweekly schedule go; Apr 1 and May 1 come.
    expect([body.removed, body.created]).toEqual([4, 2]);
    const days = body.items.filter((c) => c.scheduledOn >= "2025-03-19").map((c) => c.scheduledOn);
    expect(days).toEqual(["2025-04-01", "2025-05-01"]);
    expect(body.items.find((c) => c.scheduledOn === "2025-01-07")?.state).toBe("finalised");
    const refused = await vendor.request("PUT", `${C1}/check-in-schedule`, {
      every: 1,
      unit: "week",
      startsOn: "2025-06-01",
    });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { detail: string }).detail).toBe(
      "the schedule starts on 2025-06-01, after the contract's end (2025-05-23)",
    );
  });
});
