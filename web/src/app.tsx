/**
 * The shell: who is signed in (read from GET /api/session, never assumed), the sign-in
 * and second-factor steps, and the pages of a signed-in session under one layout.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiClient, type ApiError } from "./lib/api-client.js";
import type { Session } from "./lib/api-types.js";
import { dashboardPath, parseRoute, type Route } from "./lib/routes.js";
import { navigate, usePathname } from "./navigation.js";
import { asApiError } from "./use-load.js";
import { Link } from "./components/link.js";
import { ErrorMessage } from "./components/error-message.js";
import { PageHeading } from "./components/page-heading.js";
import { SignInPage } from "./pages/sign-in-page.js";
import { SecondFactorPage } from "./pages/second-factor-page.js";
import { DashboardPage } from "./pages/dashboard-page.js";
import { ContractPage } from "./pages/contract-page.js";
import { StatementPage } from "./pages/statement-page.js";

type Auth =
  | { readonly kind: "checking" }
  | { readonly kind: "failed"; readonly error: ApiError }
  | { readonly kind: "signed-out"; readonly notice: string | null }
  | { readonly kind: "signed-in"; readonly session: Session };

export function App() {
  const [auth, setAuth] = useState<Auth>({ kind: "checking" });
  const api = useMemo(
    () =>
      new ApiClient({
        fetch: (input, init) => window.fetch(input, init),
        onSignedOut: (error) => setAuth({ kind: "signed-out", notice: error.detail }),
      }),
    [],
  );
  const pathname = usePathname();

  const readSession = useCallback(async () => {
    try {
      const session = await api.session();
      setAuth(session === null ? { kind: "signed-out", notice: null } : { kind: "signed-in", session });
    } catch (error) {
      setAuth({ kind: "failed", error: asApiError(error) });
    }
  }, [api]);

  useEffect(() => {
    void readSession();
  }, [readSession]);

  // After a navigation, focus goes to the new page's heading so it is announced.
  useEffect(() => {
    document.querySelector<HTMLElement>("main h1")?.focus();
  }, [pathname, auth.kind]);

  const signOut = useCallback(async () => {
    try {
      await api.signOut();
    } catch {
      // The session may already be gone; the browser forgets it either way.
    }
    setAuth({ kind: "signed-out", notice: "You are signed out." });
    navigate(dashboardPath());
  }, [api]);

  if (auth.kind === "checking")
    return (
      <main id="main" className="narrow">
        <p role="status">Loading Accord…</p>
      </main>
    );
  if (auth.kind === "failed")
    return (
      <main id="main" className="narrow">
        <PageHeading>Accord is not reachable</PageHeading>
        <ErrorMessage error={auth.error} />
        <button type="button" onClick={() => void readSession()}>
          Try again
        </button>
      </main>
    );
  if (auth.kind === "signed-out")
    return (
      <main id="main" className="narrow">
        <SignInPage
          api={api}
          notice={auth.notice}
          onSession={(session) => setAuth({ kind: "signed-in", session })}
        />
      </main>
    );
  const { session } = auth;
  if (!session.secondFactorDone)
    return (
      <main id="main" className="narrow">
        <SecondFactorPage api={api} session={session} onDone={readSession} onCancel={() => void signOut()} />
      </main>
    );
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
        <nav aria-label="Main">
          <ul>
            <li>
              <Link to={dashboardPath()}>Portfolio</Link>
            </li>
          </ul>
        </nav>
        <div className="account">
          <span>
            {session.displayName} · {organization}
          </span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={parseRoute(pathname)} api={api} organization={organization} />
      </main>
    </>
  );
}

function Page(props: { route: Route; api: ApiClient; organization: string }) {
  const { route, api } = props;
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
    case "not-found":
      return (
        <>
          <PageHeading>Page not found</PageHeading>
          <p>
            There is no page at <code>{route.path}</code>.{" "}
            <Link to={dashboardPath()}>Go to the portfolio</Link>.
          </p>
        </>
      );
  }
}
