import { describe, expect, it } from "vitest";
import {
  contractKey,
  digestDue,
  planDeliveries,
  type DeliveryRecord,
  type MailAlert,
} from "./plan-deliveries.js";
import { defaultDeliveries } from "./preferences.js";

const alert = (severity: MailAlert["severity"], contractId = "c1"): MailAlert => ({
  code: "enrolment-behind",
  severity,
  districtId: "d1",
  contractId,
  subject: "enrolment",
  message: "Enrolment is behind plan.",
  target: { page: "contract", section: "progress" },
  contractTitle: "Tutoring",
  headline: "1 of 4 students",
});

const sent = (severity: DeliveryRecord["severity"], contractId = "c1"): DeliveryRecord => ({
  districtId: "d1",
  contractId,
  code: "enrolment-behind",
  subject: "enrolment",
  severity,
  delivery: "immediate",
  status: "sent",
  attempts: 1,
});

const ADMIN = defaultDeliveries("district_admin");
const NONE = new Set<string>();

describe("planDeliveries", () => {
  it("mails a new alert once: pending now, nothing to mail once it is recorded as sent", () => {
    const fresh = planDeliveries({
      active: [alert("critical")],
      deliveries: ADMIN,
      recorded: [],
      unsettled: NONE,
    });
    expect(fresh.immediate.map((p) => p.record.status)).toEqual(["pending"]);
    const again = planDeliveries({
      active: [alert("critical")],
      deliveries: ADMIN,
      recorded: [sent("critical")],
      unsettled: NONE,
    });
    expect(again).toEqual({ remove: [], write: [], immediate: [], digest: [] });
  });

  it("mails again when the alert escalates, and not when it eases", () => {
    const up = planDeliveries({
      active: [alert("critical")],
      deliveries: ADMIN,
      recorded: [sent("warning")],
      unsettled: NONE,
    });
    expect(up.immediate.map((p) => [p.record.severity, p.record.status])).toEqual([["critical", "pending"]]);
    const down = planDeliveries({
      active: [alert("warning")],
      deliveries: ADMIN,
      recorded: [sent("critical")],
      unsettled: NONE,
    });
    expect(down.immediate).toEqual([]);
    expect(down.write.map((r) => [r.severity, r.status])).toEqual([["warning", "sent"]]);
  });

  it("forgets a cleared alert, except on a contract whose alerts could not be computed", () => {
    const cleared = planDeliveries({
      active: [],
      deliveries: ADMIN,
      recorded: [sent("critical")],
      unsettled: NONE,
    });
    expect(cleared.remove).toEqual([sent("critical")]);
    const unknown = planDeliveries({
      active: [],
      deliveries: ADMIN,
      recorded: [sent("critical")],
      unsettled: new Set([contractKey({ districtId: "d1", contractId: "c1" })]),
    });
    expect(unknown.remove).toEqual([]);
  });

  it("sends nothing for a kind turned off and drops what was still pending", () => {
    const off = { ...ADMIN, "enrolment-behind": "off" as const };
    const pending: DeliveryRecord = { ...sent("critical"), status: "pending" };
    const plan = planDeliveries({
      active: [alert("critical")],
      deliveries: off,
      recorded: [pending],
      unsettled: NONE,
    });
    expect(plan).toEqual({ remove: [pending], write: [], immediate: [], digest: [] });
  });

  it("puts digest kinds in the digest", () => {
    const analyst = defaultDeliveries("district_analyst");
    const plan = planDeliveries({
      active: [alert("critical")],
      deliveries: analyst,
      recorded: [],
      unsettled: NONE,
    });
    expect([plan.immediate.length, plan.digest.length]).toEqual([0, 1]);
  });
});

describe("digestDue", () => {
  it("is due from the digest hour, once a local day", () => {
    expect(digestDue({ localDay: "2024-10-15", localHour: 6, digestHour: 7, lastDigestOn: null })).toBe(
      false,
    );
    expect(digestDue({ localDay: "2024-10-15", localHour: 7, digestHour: 7, lastDigestOn: null })).toBe(true);
    expect(
      digestDue({ localDay: "2024-10-15", localHour: 9, digestHour: 7, lastDigestOn: "2024-10-15" }),
    ).toBe(false);
    expect(
      digestDue({ localDay: "2024-10-16", localHour: 9, digestHour: 7, lastDigestOn: "2024-10-15" }),
    ).toBe(true);
  });
});
