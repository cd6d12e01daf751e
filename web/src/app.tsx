/**
 * The shell: who is signed in (read from GET /api/session, never assumed), the sign-in,
 * password-reset and second-factor steps, and the pages of a signed-in session under one
 * layout (components/signed-in-shell.tsx).
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiClient, type ApiError } from "./lib/api-client.js";
import type { Session } from "./lib/api-types.js";
import { dashboardPath } from "./lib/routes.js";
import { RESET_PASSWORD_PATH, SIGN_IN_PATH, navigate, usePathname } from "./navigation.js";
import { asApiError } from "./use-load.js";
import { ErrorMessage } from "./components/error-message.js";
import { PageHeading } from "./components/page-heading.js";
import { SignedInShell } from "./components/signed-in-shell.js";
import { SignInPage, type SignInPreset } from "./pages/sign-in-page.js";
import { SecondFactorPage } from "./pages/second-factor-page.js";
import { PasswordResetPage } from "./pages/password-reset-page.js";

type Auth =
  | { readonly kind: "checking" }
  | { readonly kind: "failed"; readonly error: ApiError }
  | { readonly kind: "signed-out"; readonly notice: string | null; readonly preset?: SignInPreset }
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

  // The sign-in address (where a refused provider sign-in lands) is no page once signed in.
  useEffect(() => {
    if (auth.kind === "signed-in" && pathname === SIGN_IN_PATH) navigate(dashboardPath());
  }, [auth.kind, pathname]);

  // Outside the signed-in layout, focus goes to the step's heading as each step appears.
  useEffect(() => {
    if (auth.kind !== "signed-in" || !auth.session.secondFactorDone)
      document.querySelector<HTMLElement>("main h1")?.focus();
  }, [auth, pathname]);

  const endSession = useCallback(
    async (next: Auth) => {
      try {
        await api.signOut();
      } catch {
        // The session may already be gone; the browser forgets it either way.
      }
      setAuth(next);
      navigate(dashboardPath());
    },
    [api],
  );
  const signOut = useCallback(
    () => void endSession({ kind: "signed-out", notice: "You are signed out." }),
    [endSession],
  );

  if (pathname === RESET_PASSWORD_PATH)
    return (
      <main id="main" className="narrow">
        <PasswordResetPage api={api} search={window.location.search} />
      </main>
    );
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
          key={auth.preset?.organizationId ?? ""}
          api={api}
          notice={auth.notice}
          preset={auth.preset ?? null}
          onSession={(session) => setAuth({ kind: "signed-in", session })}
        />
      </main>
    );
  const { session } = auth;
  if (!session.secondFactorDone)
    return (
      <main id="main" className="narrow">
        <SecondFactorPage api={api} session={session} onDone={readSession} onCancel={signOut} />
      </main>
    );
  return (
    <SignedInShell
      api={api}
      session={session}
      onSignOut={signOut}
      onSwitch={(organizationId, organizationName) =>
        void endSession({
          kind: "signed-out",
          notice: null,
          preset: { email: session.email, organizationId, organizationName },
        })
      }
    />
  );
}
