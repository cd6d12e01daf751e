import { describe, expect, it } from "vitest";
import { lifecycleActions, type LifecycleViewer } from "../../web/src/lib/lifecycle-actions.js";
import type { ContractDetail, Stage, TermsVersion } from "../../web/src/lib/api-types.js";

const version = (n: number, status: string, district: boolean, vendor: boolean): TermsVersion => ({
  version: n,
  status,
  reason: "",
  recordedBy: "someone",
  recordedAt: "2024-08-01T00:00:00Z",
  districtApprovedAt: district ? "2024-08-02T00:00:00Z" : null,
  vendorApprovedAt: vendor ? "2024-08-03T00:00:00Z" : null,
  termsSha256: "0".repeat(64),
});

function contract(stage: Stage, versions: TermsVersion[], termsVersion = 1): ContractDetail {
  return {
    contract: {
      districtId: "d1",
      contractId: "c1",
      vendorId: "v1",
      vendorName: "Vendor One",
      title: "Tutoring",
      stage,
      termsVersion,
      maxValue: "1000.00",
      periodStart: "2024-09-03",
      periodEnd: "2025-05-23",
    },
    terms: {},
    versions,
  };
}

const admin: LifecycleViewer = { role: "district_admin", organizationId: "d1" };
const analyst: LifecycleViewer = { role: "district_analyst", organizationId: "d1" };
const auditor: LifecycleViewer = { role: "auditor", organizationId: "d1" };
const vendor: LifecycleViewer = { role: "vendor_user", organizationId: "v1" };
const otherVendor: LifecycleViewer = { role: "vendor_user", organizationId: "v2" };

describe("lifecycle actions by role and stage", () => {
  it("offers a draft's proposal to the district administrator only", () => {
    const draft = contract("draft", [version(1, "proposed", false, false)]);
    const a = lifecycleActions(admin, draft);
    expect(a.propose).toBe(true);
    expect(a.approve).toEqual([]);
    expect(a.runSettlement).toBe(false);
    for (const viewer of [analyst, auditor, vendor])
      expect(lifecycleActions(viewer, draft).propose).toBe(false);
    expect(lifecycleActions(vendor, draft).note).toBe("The district proposes this draft to the vendor.");
  });

  it("lets each party approve a proposed version once, and says who is still awaited", () => {
    const proposed = contract("proposed", [version(1, "proposed", false, false)]);
    expect(lifecycleActions(admin, proposed).approve).toEqual([1]);
    expect(lifecycleActions(vendor, proposed).approve).toEqual([1]);
    expect(lifecycleActions(vendor, proposed).note).toBe(
      "Terms version 1 waits for the district's approval.",
    );
    expect(lifecycleActions(otherVendor, proposed).approve).toEqual([]);
    expect(lifecycleActions(analyst, proposed).approve).toEqual([]);
    const half = contract("proposed", [version(1, "proposed", true, false)]);
    expect(lifecycleActions(admin, half).approve).toEqual([]);
    expect(lifecycleActions(admin, half).note).toBe("Terms version 1 waits for the vendor's approval.");
    expect(lifecycleActions(vendor, half).approve).toEqual([1]);
  });

  it("runs settlements on an active contract for district administrators and analysts only", () => {
    const active = contract("active", [version(1, "approved", true, true)]);
    expect(lifecycleActions(admin, active).runSettlement).toBe(true);
    expect(lifecycleActions(analyst, active).runSettlement).toBe(true);
    expect(lifecycleActions(auditor, active).runSettlement).toBe(false);
    expect(lifecycleActions(vendor, active).runSettlement).toBe(false);
    for (const stage of ["draft", "proposed", "settled", "closed"] as const)
      expect(
        lifecycleActions(admin, contract(stage, [version(1, "approved", true, true)])).runSettlement,
      ).toBe(false);
  });

  it("withdraws only an active contract's open amendments, and closes only a settled contract", () => {
    const amended = contract("active", [
      version(1, "approved", true, true),
      version(2, "proposed", true, false),
    ]);
    expect(lifecycleActions(admin, amended).withdraw).toEqual([2]);
    expect(lifecycleActions(vendor, amended).withdraw).toEqual([]);
    expect(lifecycleActions(vendor, amended).approve).toEqual([2]);
    expect(
      lifecycleActions(admin, contract("proposed", [version(1, "proposed", false, false)])).withdraw,
    ).toEqual([]);
    expect(lifecycleActions(admin, contract("settled", [version(1, "approved", true, true)])).close).toBe(
      true,
    );
    expect(lifecycleActions(vendor, contract("settled", [version(1, "approved", true, true)])).close).toBe(
      false,
    );
    expect(lifecycleActions(admin, contract("closed", [version(1, "approved", true, true)])).close).toBe(
      false,
    );
  });

  it("offers nothing before the session is known", () => {
    const a = lifecycleActions(null, contract("draft", [version(1, "proposed", false, false)]));
    expect(a).toMatchObject({
      propose: false,
      approve: [],
      withdraw: [],
      runSettlement: false,
      close: false,
    });
  });
});
