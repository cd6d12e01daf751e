import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_STORES } from "../db/stores.js";
import { createApi } from "../../src/api/app.js";
import { TEST_CONFIG, openApiWorld, signInAs, type ApiWorld, type Client } from "./harness.js";

interface Obligation {
  obligationId: string;
  party: string;
  measure: { kind: string; min: number | null };
  consequence: { kind: string; percent: string | null };
  status: string | null;
  evidence: string | null;
  statusBatchId: string | null;
  evidenceFiles: {
    evidenceId: string;
    fileName: string;
    sha256: string;
    sizeBytes: number;
    mediaType: string;
  }[];
}

const C1 = "/api/districts/d1/contracts/c1/obligations";

async function obligations(client: Client, path = C1): Promise<Obligation[]> {
  const response = await client.request("GET", path);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Obligation[] }).items;
}

function evidence(client: Client, path: string, body: string, type = "text/plain"): Promise<Response> {
  return client.request("POST", path, body, { "content-type": type });
}

describe.each(TEST_STORES)("obligations API ($name)", (store) => {
  let world: ApiWorld;
  let admin: Client;
  beforeAll(async () => {
    world = await openApiWorld(store);
    admin = await signInAs(world, "district_admin", "d1");
  }, 120_000);
  afterAll(async () => world.close());

  it("lists both parties' obligations of the current terms, with no status before one is recorded", async () => {
    const vendor = await signInAs(world, "vendor_user", "v1");
    expect(await obligations(vendor)).toEqual([
      {
        obligationId: "enroll",
        party: "district",
        description: "Enroll at least 3 eligible students",
        measure: { kind: "enrolledStudents", min: 3 },
        consequence: { kind: "payFull", percent: null },
        status: null,
        evidence: null,
        statusBatchId: null,
        evidenceFiles: [],

        owner: null,
        dueOn: "2025-05-23",
        dueOnSource: "periodEnd",
        daysLeft: 128,
        history: [],
      },
      {
        obligationId: "same-tutor",
        party: "vendor",
        description: "Keep each student with one tutor",
        measure: { kind: "manual", min: null },
        consequence: { kind: "reduceOutcomePercent", percent: "10" },
        status: null,
        evidence: null,
        statusBatchId: null,
        evidenceFiles: [],

        owner: null,
        dueOn: "2025-05-23",
        dueOnSource: "periodEnd",
        daysLeft: 128,
        history: [],
      },
    ]);
    expect((await vendor.request("GET", "/api/districts/d1/contracts/c2/obligations")).status).toBe(404);
  });

  it("records a manual obligation's status as an api-obligation batch, audited; the same again records nothing", async () => {
    const response = await admin.request("PUT", `${C1}/same-tutor`, {
      status: "met",
      evidence: "roster checked",
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Obligation;
    expect(body).toMatchObject({ status: "met", evidence: "roster checked" });
    const [batch] = await world.db.query<{ format: string; organization_id: string; rows_accepted: number }>(
      "SELECT format, organization_id, rows_accepted FROM import_batches WHERE batch_id = $1",
      [body.statusBatchId ?? ""],
    );
    expect(batch).toEqual({ format: "api-obligation", organization_id: "d1", rows_accepted: 1 });
    const [row] = await world.db.query("SELECT status, evidence, source_line FROM obligation_statuses");
    expect(row).toEqual({ status: "met", evidence: "roster checked", source_line: 1 });
    const again = (await (
      await admin.request("PUT", `${C1}/same-tutor`, { status: "met", evidence: "roster checked" })
    ).json()) as Obligation;
    expect(again.statusBatchId).toBe(body.statusBatchId);
    const changed = (await (
      await admin.request("PUT", `${C1}/same-tutor`, { status: "notMet" })
    ).json()) as Obligation;
    expect(changed).toMatchObject({ status: "notMet", evidence: null });
    expect(changed.statusBatchId).not.toBe(body.statusBatchId);
    const audit = await world.db.query("SELECT 1 FROM audit_events WHERE action = 'obligation.update'");
    expect(audit).toHaveLength(2);
  });

  it("refuses a measured obligation (409), unknown fields (400), vendors (403) and other districts (404)", async () => {
    expect((await admin.request("PUT", `${C1}/enroll`, { status: "met" })).status).toBe(409);
    const extra = await admin.request("PUT", `${C1}/same-tutor`, { status: "met", by: "me" });
    expect(extra.status).toBe(400);
    expect(await extra.json()).toMatchObject({ problems: [{ path: "$.body" }] });
    const vendor = await signInAs(world, "vendor_user", "v1");
    expect((await vendor.request("PUT", `${C1}/same-tutor`, { status: "met" })).status).toBe(403);
    const d2 = await signInAs(world, "district_admin", "d2");
    expect((await d2.request("PUT", `${C1}/same-tutor`, { status: "met" })).status).toBe(404);
    expect((await admin.request("PUT", `${C1}/no-such`, { status: "met" })).status).toBe(404);
  });

  it("keeps evidence files with their SHA-256 and gives them back as attachments, audited", async () => {
    const vendor = await signInAs(world, "vendor_user", "v1");
    const text = "tutor,student\nT1,S1\n";
    const upload = await evidence(
      vendor,
      `${C1}/same-tutor/evidence?fileName=tutor roster.csv`,
      text,
      "text/csv",
    );
    expect(upload.status).toBe(201);
    const file = (await upload.json()) as { evidenceId: string; sha256: string; sizeBytes: number };
    expect(file).toMatchObject({
      sha256: createHash("sha256").update(text).digest("hex"),
      sizeBytes: Buffer.byteLength(text),
    });
    const listed = (await obligations(admin)).find((o) => o.obligationId === "same-tutor");
    expect(listed?.evidenceFiles).toMatchObject([
      { evidenceId: file.evidenceId, fileName: "tutor roster.csv" },
    ]);
    const analyst = await signInAs(world, "district_analyst", "d1");
    const download = await analyst.request("GET", `${C1}/same-tutor/evidence/${file.evidenceId}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("text/csv");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="tutor roster.csv"/);
    expect(await download.text()).toBe(text);
    const audit = await world.db.query<{ action: string; organization_id: string }>(
      "SELECT action, organization_id FROM audit_events WHERE action LIKE 'evidence.%' ORDER BY seq",
    );
    expect(audit).toEqual([
      { action: "evidence.upload", organization_id: "v1" },
      { action: "evidence.download", organization_id: "d1" },
    ]);
    const v2 = await signInAs(world, "vendor_user", "v2");
    expect((await v2.request("GET", `${C1}/same-tutor/evidence/${file.evidenceId}`)).status).toBe(404);
    expect((await analyst.request("GET", `${C1}/enroll/evidence/${file.evidenceId}`)).status).toBe(404);
  });

  it("lets a vendor add evidence to its own obligations only; district staff to any", async () => {
    const vendor = await signInAs(world, "vendor_user", "v1");
    expect((await evidence(vendor, `${C1}/enroll/evidence?fileName=x.txt`, "x")).status).toBe(403);
    const v2 = await signInAs(world, "vendor_user", "v2");
    expect((await evidence(v2, `${C1}/same-tutor/evidence?fileName=x.txt`, "x")).status).toBe(404);
    const auditor = await signInAs(world, "auditor", "d1");
    expect((await evidence(auditor, `${C1}/enroll/evidence?fileName=x.txt`, "x")).status).toBe(403);
    const upload = await evidence(
      admin,
      `${C1}/enroll/evidence?fileName=enrolment.pdf`,
      "%PDF-1.7",
      "application/pdf",
    );
    expect(upload.status).toBe(201);
    expect(await upload.json()).toMatchObject({ mediaType: "application/pdf" });
    expect((await evidence(admin, `${C1}/enroll/evidence?fileName=../x`, "x")).status).toBe(400);
  });

  it("refuses an evidence file past 20 MB", async () => {
    const roomy = createApi({ ...world.deps, config: { ...TEST_CONFIG, maxJsonBytes: 64 * 1024 * 1024 } });
    const response = await roomy.app.request(`${C1}/enroll/evidence?fileName=big.bin`, {
      method: "POST",
      body: new Uint8Array(20 * 1024 * 1024 + 1),
      headers: {
        cookie: admin.cookie,
        "x-csrf-token": admin.csrfToken,
        "content-type": "application/octet-stream",
      },
    });
    expect(response.status).toBe(413);
    const stored = await world.db.query("SELECT 1 FROM obligation_evidence WHERE file_name = 'big.bin'");
    expect(stored).toEqual([]);
  });
});
