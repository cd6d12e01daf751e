/**
 * The layout of a signed-in session: skip link, header (brand, the role's menu, the
 * organization switcher, the account and sign-out), and the page of the address. The
 * portfolio is in the first download; every other page loads on demand, so the first
 * paint waits for no code it does not show.
 */
import { Suspense, lazy, useEffect, useRef } from "react";
import type { ApiClient } from "../lib/api-client.js";
import type { Session } from "../lib/api-types.js";
import { dashboardPath, notificationsPath, parseRoute, type Route } from "../lib/routes.js";
import { usePathname } from "../navigation.js";
import { DashboardPage } from "../pages/dashboard-page.js";
import { AppNav, mayOpen } from "./app-nav.js";
import { Link } from "./link.js";
import { OrganizationSwitcher } from "./organization-switcher.js";
import { PageHeading } from "./page-heading.js";
import { NotAllowedPage, NotFoundPage, PageLoading } from "./shell-pages.js";

const ContractPage = lazy(() =>
  import("../pages/contract-page.js").then((m) => ({ default: m.ContractPage })),
);
const StatementPage = lazy(() =>
  import("../pages/statement-page.js").then((m) => ({ default: m.StatementPage })),
);
const OutcomesPage = lazy(() =>
  import("../pages/outcomes-page.js").then((m) => ({ default: m.OutcomesPage })),
);
const EvidencePage = lazy(() =>
  import("../pages/evidence-page.js").then((m) => ({ default: m.EvidencePage })),
);
const CheckInPage = lazy(() => import("../pages/check-in-page.js").then((m) => ({ default: m.CheckInPage })));
const ContractBuilderPage = lazy(() =>
  import("../pages/contract-builder-page.js").then((m) => ({ default: m.ContractBuilderPage })),
);
const ImportsPage = lazy(() => import("../pages/imports-page.js").then((m) => ({ default: m.ImportsPage })));
const ImportBatchPage = lazy(() =>
  import("../pages/import-batch-page.js").then((m) => ({ default: m.ImportBatchPage })),
);
const AuditLogPage = lazy(() =>
  import("../pages/audit-log-page.js").then((m) => ({ default: m.AuditLogPage })),
);
const NotificationsPage = lazy(() =>
  import("../pages/notifications-page.js").then((m) => ({ default: m.NotificationsPage })),
);
const BudgetPage = lazy(() => import("../pages/budget-page.js").then((m) => ({ default: m.BudgetPage })));
const ScorecardsPage = lazy(() =>
  import("../pages/scorecards-page.js").then((m) => ({ default: m.ScorecardsPage })),
);
const RfpsPage = lazy(() => import("../pages/rfps-page.js").then((m) => ({ default: m.RfpsPage })));
const RfpPage = lazy(() => import("../pages/rfp-page.js").then((m) => ({ default: m.RfpPage })));
const VendorScorecardPage = lazy(() =>
  import("../pages/vendor-scorecard-page.js").then((m) => ({ default: m.VendorScorecardPage })),
);

/** What a page is, for the "not available to your role" message. */
const WHAT: Readonly<Record<Route["page"], string>> = {
  dashboard: "the contract portfolio",
  contract: "contracts",
  statement: "statements",
  outcomes: "outcomes",
  evidence: "the evidence of a contract",
  "check-in": "check-ins",
  "new-contract": "creating contracts",
  imports: "data imports",
  "import-batch": "data imports",
  audit: "the audit log",
  notifications: "alert e-mail preferences",
  budget: "the budget",
  scorecards: "scorecards",
  "vendor-scorecard": "vendor scorecards",
  rfps: "requests for proposals",
  rfp: "requests for proposals",
  "not-found": "this page",
};

/**
 * After a navigation inside the app, focus goes to the new page's heading (once it is
 * there) so it is announced. Not on the first page shown: there focus stays at the start
 * of the document, where the first Tab reaches the skip link.
 */
function useFocusHeading(pathname: string) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    let tries = 0;
    const timer = window.setInterval(() => {
      const heading = document.querySelector<HTMLElement>("main h1");
      tries += 1;
      if (heading !== null) heading.focus();
      if (heading !== null || tries > 40) window.clearInterval(timer);
    }, 25);
    return () => window.clearInterval(timer);
  }, [pathname]);
}

export function SignedInShell(props: {
  api: ApiClient;
  session: Session;
  onSignOut: () => void;
  onSwitch: (organizationId: string, name: string) => void;
}) {
  const { session } = props;
  const pathname = usePathname();
  const route = parseRoute(pathname);
  useFocusHeading(pathname);
  const organization =
    session.memberships.find((m) => m.organizationId === session.organizationId)?.name ??
    session.organizationId;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="topbar">
        <Link to={dashboardPath()} className="brand">
          Accord
        </Link>
        <AppNav role={session.role} current={route} />
        <div className="account">
          <OrganizationSwitcher session={session} onSwitch={props.onSwitch} />
          <span className="who">
            {session.displayName}
            {/* With several organizations, the switcher already names the current one. */}
            {session.memberships.length < 2 && ` · ${organization}`}
          </span>
          {mayOpen(session.role, { page: "notifications" }) && (
            <Link to={notificationsPath()} current={route.page === "notifications"}>
              Notifications
            </Link>
          )}
          <button type="button" onClick={props.onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<PageLoading />}>
          <Page route={route} api={props.api} session={session} organization={organization} />
        </Suspense>
      </main>
    </>
  );
}

function Page(props: { route: Route; api: ApiClient; session: Session; organization: string }) {
  const { route, api } = props;
  if (props.session.role === "platform_admin" && route.page === "dashboard")
    return (
      <>
        <PageHeading>Platform administration</PageHeading>
        <p>
          Platform administrators manage organizations and their administrators through the API, which holds
          no student data. Its reference is at <a href="/api/docs">/api/docs</a>.
        </p>
      </>
    );
  if (!mayOpen(props.session.role, route)) return <NotAllowedPage what={WHAT[route.page]} />;
  switch (route.page) {
    case "dashboard":
      return <DashboardPage api={api} organizationName={props.organization} />;
    case "contract":
      return <ContractPage api={api} districtId={route.districtId} contractId={route.contractId} />;
    case "statement":
      return (
        <StatementPage
          api={api}
          districtId={route.districtId}
          contractId={route.contractId}
          statementId={route.statementId}
        />
      );
    case "outcomes":
      return <OutcomesPage api={api} districtId={route.districtId} contractId={route.contractId} />;
    case "evidence":
      return (
        <EvidencePage
          api={api}
          role={props.session.role}
          districtId={route.districtId}
          contractId={route.contractId}
        />
      );
    case "check-in":
      return (
        <CheckInPage
          api={api}
          districtId={route.districtId}
          contractId={route.contractId}
          checkInId={route.checkInId}
        />
      );
    case "new-contract":
      return <ContractBuilderPage api={api} />;
    case "imports":
      return <ImportsPage api={api} />;
    case "import-batch":
      return <ImportBatchPage api={api} districtId={route.districtId} batchId={route.batchId} />;
    case "audit":
      return <AuditLogPage api={api} />;
    case "notifications":
      return <NotificationsPage api={api} organizationName={props.organization} />;
    case "budget":
      return <BudgetPage api={api} session={props.session} />;
    case "scorecards":
      return <ScorecardsPage api={api} session={props.session} />;
    case "vendor-scorecard":
      return <VendorScorecardPage api={api} vendorId={route.vendorId} />;
    case "rfps":
      return <RfpsPage api={api} session={props.session} />;
    case "rfp":
      return <RfpPage api={api} session={props.session} districtId={route.districtId} rfpId={route.rfpId} />;
    case "not-found":
      return <NotFoundPage path={route.path} />;
  }
}
