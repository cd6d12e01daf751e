/**
 * The app's addresses. Every page has a real URL (the server answers index.html for any
 * non-API path), so a reload, a bookmark or a new tab opens the same page.
 */

export type Route =
  | { readonly page: "dashboard" }
  | { readonly page: "contract"; readonly districtId: string; readonly contractId: string }
  | {
      readonly page: "statement";
      readonly districtId: string;
      readonly contractId: string;
      readonly statementId: string;
    }
  | { readonly page: "outcomes"; readonly districtId: string; readonly contractId: string }
  | { readonly page: "evidence"; readonly districtId: string; readonly contractId: string }
  | {
      readonly page: "check-in";
      readonly districtId: string;
      readonly contractId: string;
      readonly checkInId: string;
    }
  | { readonly page: "new-contract" }
  | { readonly page: "imports" }
  | { readonly page: "import-batch"; readonly districtId: string; readonly batchId: string }
  | { readonly page: "audit" }
  | { readonly page: "notifications" }
  | { readonly page: "budget" }
  | { readonly page: "scorecards" }
  | { readonly page: "vendor-scorecard"; readonly vendorId: string }
  | { readonly page: "rfps" }
  | { readonly page: "rfp"; readonly districtId: string; readonly rfpId: string }
  | { readonly page: "not-found"; readonly path: string };

function decode(segment: string): string | null {
  try {
    const value = decodeURIComponent(segment);
    return value === "" ? null : value;
  } catch {
    return null;
  }
}

/** The route of a pathname; a trailing slash is ignored. */
export function parseRoute(pathname: string): Route {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  if (trimmed === "/" || trimmed === "") return { page: "dashboard" };
  const parts = trimmed.split("/").slice(1).map(decode);
  if (parts.some((p) => p === null)) return { page: "not-found", path: pathname };
  const [first, districtId, contractId, fourth, statementId] = parts as string[];
  if (parts.length === 1 && first === "imports") return { page: "imports" };
  if (parts.length === 1 && first === "audit") return { page: "audit" };
  if (parts.length === 1 && first === "rfps") return { page: "rfps" };
  if (parts.length === 3 && first === "rfps" && districtId !== undefined && contractId !== undefined)
    return { page: "rfp", districtId, rfpId: contractId };
  if (parts.length === 2 && first === "account" && districtId === "notifications")
    return { page: "notifications" };
  if (parts.length === 1 && first === "budget") return { page: "budget" };
  if (parts.length === 1 && first === "scorecards") return { page: "scorecards" };
  if (parts.length === 3 && first === "vendors" && districtId !== undefined && contractId === "scorecard")
    return { page: "vendor-scorecard", vendorId: districtId };
  if (parts.length === 2 && first === "contracts" && districtId === "new") return { page: "new-contract" };
  if (parts.length === 3 && first === "imports" && districtId !== undefined && contractId !== undefined)
    return { page: "import-batch", districtId, batchId: contractId };
  if (first === "contracts" && districtId !== undefined && contractId !== undefined) {
    if (parts.length === 3) return { page: "contract", districtId, contractId };
    if (parts.length === 4 && fourth === "outcomes") return { page: "outcomes", districtId, contractId };
    if (parts.length === 4 && fourth === "evidence") return { page: "evidence", districtId, contractId };
    if (parts.length === 5 && fourth === "statements" && statementId !== undefined)
      return { page: "statement", districtId, contractId, statementId };
    if (parts.length === 5 && fourth === "check-ins" && statementId !== undefined)
      return { page: "check-in", districtId, contractId, checkInId: statementId };
  }
  return { page: "not-found", path: pathname };
}

const seg = encodeURIComponent;

export function dashboardPath(): string {
  return "/";
}

export function contractPath(districtId: string, contractId: string): string {
  return `/contracts/${seg(districtId)}/${seg(contractId)}`;
}

export function statementPath(districtId: string, contractId: string, statementId: string): string {
  return `${contractPath(districtId, contractId)}/statements/${seg(statementId)}`;
}

export function outcomesPath(districtId: string, contractId: string): string {
  return `${contractPath(districtId, contractId)}/outcomes`;
}

export function evidencePath(districtId: string, contractId: string): string {
  return `${contractPath(districtId, contractId)}/evidence`;
}

export function checkInPath(districtId: string, contractId: string, checkInId: string): string {
  return `${contractPath(districtId, contractId)}/check-ins/${seg(checkInId)}`;
}

export function newContractPath(): string {
  return "/contracts/new";
}

export function importsPath(): string {
  return "/imports";
}

export function importBatchPath(districtId: string, batchId: string): string {
  return `/imports/${seg(districtId)}/${seg(batchId)}`;
}

export function auditPath(): string {
  return "/audit";
}

/** One's own alert e-mail preferences (the address the mails link to: src/core/alert-mail). */
export function notificationsPath(): string {
  return "/account/notifications";
}

/** The district's funding sources and their ledgers. */
export function budgetPath(): string {
  return "/budget";
}

/** The district's portfolio scorecard, or a vendor's own scorecard for a vendor's users. */
export function scorecardsPath(): string {
  return "/scorecards";
}

export function vendorScorecardPath(vendorId: string): string {
  return `/vendors/${seg(vendorId)}/scorecard`;
}

/** Requests for proposals: the district's own, or those open to a vendor. */
export function rfpsPath(): string {
  return "/rfps";
}

export function rfpPath(districtId: string, rfpId: string): string {
  return `/rfps/${seg(districtId)}/${seg(rfpId)}`;
}
