import { useState, type FormEvent } from "react";
import type { ApiClient, ApiError } from "../lib/api-client.js";
import type { Session } from "../lib/api-types.js";
import { ErrorMessage } from "../components/error-message.js";
import { Link } from "../components/link.js";
import { PageHeading } from "../components/page-heading.js";
import { ProviderButtons } from "../components/provider-buttons.js";
import { asApiError } from "../use-load.js";
import { RESET_PASSWORD_PATH } from "../navigation.js";

/** What a refused sign-in with Google or Microsoft means (the callback's ?error= codes). */
const PROVIDER_ERRORS: Readonly<Record<string, string>> = {
  "state-invalid": "That sign-in link had expired or was started in another browser. Please try again.",
  "provider-error": "The sign-in provider refused or could not finish the sign-in. Please try again.",
  "email-unverified":
    "Your account at the provider has no verified e-mail address, so it cannot sign you in here.",
  "account-unknown":
    "There is no Accord account for that e-mail address. Ask your organization's administrator to invite you.",
  "account-linked-elsewhere": "Your Accord account is already linked to another account at that provider.",
};

export function providerErrorMessage(search: string): string | null {
  const code = new URLSearchParams(search).get("error");
  if (code === null) return null;
  return PROVIDER_ERRORS[code] ?? "The sign-in did not finish. Please try again.";
}

/** Where a sign-in goes: a chosen organization of the account, when switching. */
export interface SignInPreset {
  readonly email: string;
  readonly organizationId: string;
  readonly organizationName: string;
}

/**
 * E-mail and password, or a configured provider (Google, Microsoft). A session that still
 * needs its second factor goes on to that step.
 */
export function SignInPage(props: {
  api: ApiClient;
  notice: string | null;
  preset?: SignInPreset | null;
  onSession: (s: Session) => void;
}) {
  const preset = props.preset ?? null;
  const [email, setEmail] = useState(preset?.email ?? "");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const providerError = providerErrorMessage(window.location.search);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      let session: Session;
      if (preset === null) session = await props.api.signIn(email.trim(), password);
      else {
        await props.api.request<Session>("POST", "/api/auth/sign-in", {
          email: email.trim(),
          password,
          organizationId: preset.organizationId,
        });
        // Read back through the client, which keeps the new session's CSRF token.
        const read = await props.api.session();
        if (read === null) throw new Error("the new session was not found; sign in again");
        session = read;
      }
      setPassword("");
      props.onSession(session);
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  }

  return (
    <div className="auth-card">
      <PageHeading
        lead={preset === null ? undefined : `Sign in again to work in ${preset.organizationName}.`}
      >
        Sign in to Accord
      </PageHeading>
      {props.notice !== null && error === null && (
        <p className="notice" role="status">
          {props.notice}
        </p>
      )}
      {providerError !== null && error === null && (
        <div className="alert" role="alert">
          <p>{providerError}</p>
        </div>
      )}
      {error !== null && <ErrorMessage title="Sign-in failed" error={error} />}
      <form onSubmit={submit} aria-busy={busy}>
        <div className="field">
          <label htmlFor="sign-in-email">E-mail</label>
          <input
            id="sign-in-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">Password</label>
          <input
            id="sign-in-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
          <Link to={RESET_PASSWORD_PATH}>Forgot password?</Link>
        </div>
      </form>
      <ProviderButtons api={props.api} />
    </div>
  );
}
