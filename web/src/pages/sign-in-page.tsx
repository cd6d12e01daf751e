import { useState, type FormEvent } from "react";
import type { ApiClient, ApiError } from "../lib/api-client.js";
import type { Session } from "../lib/api-types.js";
import { ErrorMessage } from "../components/error-message.js";
import { PageHeading } from "../components/page-heading.js";
import { asApiError } from "../use-load.js";

/** E-mail and password. A session that still needs its second factor goes on to that step. */
export function SignInPage(props: {
  api: ApiClient;
  notice: string | null;
  onSession: (s: Session) => void;
}) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await props.api.signIn(email.trim(), password);
      setPassword("");
      props.onSession(session);
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  }

  return (
    <div className="auth-card">
      <PageHeading>Sign in to Accord</PageHeading>
      {props.notice !== null && error === null && (
        <p className="notice" role="status">
          {props.notice}
        </p>
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
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </div>
  );
}
