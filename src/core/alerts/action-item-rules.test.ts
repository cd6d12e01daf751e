import { describe, expect, it } from "vitest";
import type { IsoDate } from "../date.js";
import { actionItemAlert, type ActionItemFacts } from "./action-item-rules.js";

const ref = { districtId: "d1", contractId: "c1" };
const item: ActionItemFacts = {
  actionItemId: "4",
  checkInId: "2",
  description: "Share the roster",
  ownerParty: "district",
  status: "open",
  dueOn: "2025-01-10" as IsoDate,
};

describe("action item alerts", () => {
  it("warns of an open item the day after it was due", () => {
    expect(actionItemAlert(ref, item, "2025-01-11" as IsoDate)).toEqual({
      ...ref,
      code: "action-item-overdue",
      severity: "warning",
      subject: "4",
      message:
        'Action item "Share the roster" (owner: the district) was due on Jan 10, 2025 and is still open, 1 day later.',
      target: { page: "check-in", checkInId: "2" },
    });
  });

  it("says nothing on the due day, nor of done or cancelled items", () => {
    expect(actionItemAlert(ref, item, "2025-01-10" as IsoDate)).toBeNull();
    expect(actionItemAlert(ref, { ...item, status: "done" }, "2025-02-10" as IsoDate)).toBeNull();
    expect(actionItemAlert(ref, { ...item, status: "cancelled" }, "2025-02-10" as IsoDate)).toBeNull();
  });
});
