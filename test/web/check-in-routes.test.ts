import { describe, expect, it } from "vitest";
import { checkInPath, parseRoute } from "../../web/src/lib/routes.js";
import { alertHref } from "../../web/src/lib/api/alerts.js";
import { mayWriteCheckIns } from "../../web/src/lib/api/check-ins.js";

describe("check-in addresses", () => {
  it("round-trips a check-in's path, ids encoded", () => {
    const path = checkInPath("d 1", "c/2", "17");
    expect(path).toBe("/contracts/d%201/c%2F2/check-ins/17");
    expect(parseRoute(path)).toEqual({
      page: "check-in",
      districtId: "d 1",
      contractId: "c/2",
      checkInId: "17",
    });
  });

  it("links an overdue action item's alert to its check-in", () => {
    expect(
      alertHref({ districtId: "d1", contractId: "c1", target: { page: "check-in", checkInId: "4" } }),
    ).toBe("/contracts/d1/c1/check-ins/4");
  });

  it("lets district administrators and vendor users change check-ins, and no one else", () => {
    expect(
      (["district_admin", "district_analyst", "vendor_user", "auditor", "platform_admin"] as const).filter(
        mayWriteCheckIns,
      ),
    ).toEqual(["district_admin", "vendor_user"]);
  });
});
