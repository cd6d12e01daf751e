/**
 * Alerts across the organization's active contracts (GET /api/alerts), and the page each
 * one links to. The rules that raise them are the server's (src/core/alerts).
 */
import type { ApiClient } from "../api-client.js";
import { checkInPath, contractPath, outcomesPath, statementPath } from "../routes.js";

export type Severity = "critical" | "warning" | "info";

export type AlertTarget =
  | { readonly page: "contract"; readonly section: "progress" | "obligations" | "freshness" }
  | { readonly page: "outcomes" }
  | { readonly page: "statement"; readonly statementId: string }
  | { readonly page: "check-in"; readonly checkInId: string };

export interface AlertItem {
  readonly code: string;
  readonly severity: Severity;
  readonly districtId: string;
  readonly contractId: string;
  readonly contractTitle: string;
  readonly subject: string;
  readonly message: string;
  readonly target: AlertTarget;
}

export interface AlertList {
  readonly asOf: string;
  readonly items: readonly AlertItem[];
  readonly unsettled: readonly { readonly districtId: string; readonly contractId: string }[];
}

export function alerts(api: ApiClient): Promise<AlertList> {
  return api.request("GET", "/api/alerts");
}

/** The section ids of the contract page that alerts link to. */
export const CONTRACT_SECTIONS = {
  progress: "progress",
  obligations: "obligations",
  freshness: "data-freshness",
} as const;

/** Where an alert leads: the contract page's section, the outcomes page or the statement. */
export function alertHref(alert: Pick<AlertItem, "districtId" | "contractId" | "target">): string {
  const { districtId, contractId, target } = alert;
  switch (target.page) {
    case "contract":
      return `${contractPath(districtId, contractId)}#${CONTRACT_SECTIONS[target.section]}`;
    case "outcomes":
      return outcomesPath(districtId, contractId);
    case "statement":
      return statementPath(districtId, contractId, target.statementId);
    case "check-in":
      return checkInPath(districtId, contractId, target.checkInId);
  }
}

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  critical: "Critical",
  warning: "Warning",
  info: "To do",
};

/** How many alerts of each severity, for a one-line summary. */
export function countBySeverity(items: readonly Pick<AlertItem, "severity">[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, warning: 0, info: 0 };
  for (const item of items) counts[item.severity] += 1;
  return counts;
}
