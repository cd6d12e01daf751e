import type { Role } from "../lib/api-types.js";
import type { Route } from "../lib/routes.js";
import {
  auditPath,
  budgetPath,
  dashboardPath,
  importsPath,
  newContractPath,
  rfpsPath,
  scorecardsPath,
} from "../lib/routes.js";
import { Link } from "./link.js";

/**
 * What each role may use, as the server's capabilities say (src/app/auth/roles.ts): the
 * portfolio and contracts (read:contracts), data imports (district staff and vendors:
 * write:sessions to upload, read:contracts for an auditor to read the batches), new contracts (write:contracts: district
 * administrators) and the audit log (read:audit: district administrators, auditors).
 * The server still checks every request; this only keeps the menu to what works.
 */
const PORTFOLIO: readonly Role[] = ["district_admin", "district_analyst", "vendor_user", "auditor"];
const IMPORTS: readonly Role[] = ["district_admin", "district_analyst", "auditor", "vendor_user"];
const NEW_CONTRACT: readonly Role[] = ["district_admin"];
const AUDIT: readonly Role[] = ["district_admin", "auditor"];
/** The budget (read:budget): district staff only; funding sources are district-internal. */
const BUDGET: readonly Role[] = ["district_admin", "district_analyst", "auditor"];
/** Scorecards (read:contracts): a district's portfolio scorecard, or a vendor's own scorecard. */
const SCORECARDS: readonly Role[] = ["district_admin", "district_analyst", "vendor_user", "auditor"];

interface NavItem {
  readonly label: string;
  readonly path: string;
  readonly pages: readonly Route["page"][];
}

export function navItems(role: Role): NavItem[] {
  const items: NavItem[] = [];
  if (PORTFOLIO.includes(role))
    items.push({
      label: "Portfolio",
      path: dashboardPath(),
      pages: ["dashboard", "contract", "statement", "outcomes", "evidence", "check-in"],
    });
  if (SCORECARDS.includes(role))
    items.push({ label: "Scorecards", path: scorecardsPath(), pages: ["scorecards", "vendor-scorecard"] });
  // RFPs (read:contracts): a district's own; every published one for a vendor.
  if (PORTFOLIO.includes(role)) items.push({ label: "RFPs", path: rfpsPath(), pages: ["rfps", "rfp"] });
  if (NEW_CONTRACT.includes(role))
    items.push({ label: "New contract", path: newContractPath(), pages: ["new-contract"] });
  if (IMPORTS.includes(role))
    items.push({ label: "Data imports", path: importsPath(), pages: ["imports", "import-batch"] });
  if (BUDGET.includes(role)) items.push({ label: "Budget", path: budgetPath(), pages: ["budget"] });
  if (AUDIT.includes(role)) items.push({ label: "Audit log", path: auditPath(), pages: ["audit"] });
  return items;
}

/** Whether `role` may open a page of `route`'s kind (the not-found page is everyone's). */
export function mayOpen(role: Role, route: Route): boolean {
  if (route.page === "not-found") return true;
  // One's own alert e-mail preferences (from the account menu): whoever gets alerts.
  if (route.page === "notifications") return PORTFOLIO.includes(role);
  return navItems(role).some((item) => item.pages.includes(route.page));
}

export function AppNav(props: { role: Role; current: Route }) {
  const items = navItems(props.role);
  if (items.length === 0) return null;
  return (
    <nav aria-label="Main">
      <ul>
        {items.map((item) => (
          <li key={item.path}>
            <Link to={item.path} current={item.pages.includes(props.current.page)}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
