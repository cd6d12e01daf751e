/**
 * What the viewer may do with a contract's lifecycle, by the API's rules
 * (src/api/routes/contract-lifecycle-routes.ts, src/app/auth/roles.ts):
 * - a district administrator (write:contracts) proposes a draft to the vendor, withdraws
 *   an amendment not yet approved (active contracts only) and closes a settled contract;
 * - a district administrator or a user of the contract's vendor (approve:terms) approves a
 *   proposed terms version of a proposed or active contract, once per party; when both
 *   parties approved version 1, the contract is active;
 * - a district administrator or analyst (run:settlement) runs a settlement on an active
 *   contract.
 * The server decides in the end; nothing here is trusted by it.
 */
import type { ContractDetail, Role, TermsVersion } from "./api-types.js";

export interface LifecycleViewer {
  readonly role: Role;
  readonly organizationId: string;
}

export interface LifecycleActions {
  readonly propose: boolean;
  /** Proposed terms versions the viewer's party has not approved yet. */
  readonly approve: readonly number[];
  /** Proposed amendments the district may withdraw. */
  readonly withdraw: readonly number[];
  readonly runSettlement: boolean;
  readonly close: boolean;
  /** What the viewer waits for, when it is someone else's turn. */
  readonly note: string | null;
}

const NOTHING: LifecycleActions = {
  propose: false,
  approve: [],
  withdraw: [],
  runSettlement: false,
  close: false,
  note: null,
};

function party(viewer: LifecycleViewer, detail: ContractDetail): "district" | "vendor" | null {
  const c = detail.contract;
  if (viewer.role === "district_admin" && viewer.organizationId === c.districtId) return "district";
  if (viewer.role === "vendor_user" && viewer.organizationId === c.vendorId) return "vendor";
  return null;
}

function approvedBy(version: TermsVersion, by: "district" | "vendor"): boolean {
  return (by === "district" ? version.districtApprovedAt : version.vendorApprovedAt) !== null;
}

function waitingNote(detail: ContractDetail, approver: "district" | "vendor" | null): string | null {
  const open = detail.versions.filter((v) => v.status === "proposed");
  if (detail.contract.stage === "draft") return "The district proposes this draft to the vendor.";
  if (open.length === 0) return null;
  const waits = open.flatMap((v) => {
    const missing = (["district", "vendor"] as const).filter((p) => p !== approver && !approvedBy(v, p));
    return missing.map((p) => `version ${v.version} waits for the ${p}'s approval`);
  });
  return waits.length === 0 ? null : `Terms ${waits.join("; ")}.`;
}

export function lifecycleActions(viewer: LifecycleViewer | null, detail: ContractDetail): LifecycleActions {
  if (viewer === null) return NOTHING;
  const { stage } = detail.contract;
  const approver = party(viewer, detail);
  const admin = approver === "district";
  const open = stage === "proposed" || stage === "active";
  const proposed = open ? detail.versions.filter((v) => v.status === "proposed") : [];
  const approve =
    approver === null ? [] : proposed.filter((v) => !approvedBy(v, approver)).map((v) => v.version);
  const withdraw =
    admin && stage === "active"
      ? proposed.filter((v) => v.version > detail.contract.termsVersion).map((v) => v.version)
      : [];
  const runs = viewer.organizationId === detail.contract.districtId;
  return {
    propose: admin && stage === "draft",
    approve,
    withdraw,
    runSettlement:
      runs && (viewer.role === "district_admin" || viewer.role === "district_analyst") && stage === "active",
    close: admin && stage === "settled",
    note: waitingNote(detail, approve.length > 0 ? approver : null),
  };
}
