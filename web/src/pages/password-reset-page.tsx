import { useState, type FormEvent } from "react";
import type { ApiClient, ApiError } from "../lib/api-client.js";
import { ErrorMessage } from "../components/error-message.js";
import { Link } from "../components/link.js";
import { dashboardPath } from "../lib/routes.js";
import { PageHeading } from "../components/page-heading.js";
import { asApiError } from "../use-load.js";
import { RESET_PASSWORD_PATH } from "../navigation.js";

/**
 * /reset-password: without a token, asks for the e-mail to send a reset link to; with the
 * link's `?token=`, sets the new password (a reset or an invitation link alike).
 */
export function PasswordResetPage(props: { api: ApiClient; search: string }) {
  const token = new URLSearchParams(props.search).get("token");
  return (
    <div className="auth-card">
      {token === null || token === "" ? (
        <RequestReset api={props.api} />
      ) : (
        <ChooseNewPassword {...props} token={token} />
      )}
      <p>
        <Link to={dashboardPath()}>Back to sign-in</Link>
      </p>
    </div>
  );
}

function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

function RequestReset(props: { api: ApiClient }) {
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(async () => {
      await props.api.request<void>("POST", "/api/auth/password-reset", { email: email.trim() });
      setSentTo(email.trim());
    });
  }

  if (sentTo !== null)
    return (
      <>
        <PageHeading>Check your e-mail</PageHeading>
        <p role="status">
          If <strong>{sentTo}</strong> has an Accord account, a link to choose a new password is on its way.
          It works once, within one hour.
        </p>
      </>
    );
  return (
    <>
      <PageHeading lead="We will e-mail you a link to choose a new password.">
        Reset your password
      </PageHeading>
      {error !== null && <ErrorMessage title="The link could not be requested" error={error} />}
      <form onSubmit={submit} aria-busy={busy}>
        <div className="field">
          <label htmlFor="reset-email">E-mail</label>
          <input
            id="reset-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Sending…" : "Send the reset link"}
        </button>
      </form>
    </>
  );
}

function ChooseNewPassword(props: { api: ApiClient; token: string }) {
  const [password, setPassword] = useState("");
  const [repeated, setRepeated] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const { busy, error, run } = useSubmit();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password !== repeated) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    void run(async () => {
      await props.api.request<void>("POST", "/api/auth/password-reset/confirm", {
        token: props.token,
        newPassword: password,
      });
      setPassword("");
      setRepeated("");
      setDone(true);
    });
  }

  if (done)
    return (
      <>
        <PageHeading>Your password is set</PageHeading>
        <p role="status">Every earlier session of your account has ended. Sign in with the new password.</p>
      </>
    );
  return (
    <>
      <PageHeading lead="Choose a password that is long and not used anywhere else.">
        Choose a new password
      </PageHeading>
      {error !== null && <ErrorMessage title="The password was not set" error={error} />}
      {error?.problems.some((p) => p.code === "reset-token-invalid") === true && (
        <p>
          <a href={RESET_PASSWORD_PATH}>Ask for a new link</a>
        </p>
      )}
      <form onSubmit={submit} aria-busy={busy}>
        <div className="field">
          <label htmlFor="new-password">New password</label>
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            required
            aria-describedby="new-password-hint"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <p id="new-password-hint" className="hint">
            A few unrelated words make a strong password that is easy to type.
          </p>
        </div>
        <div className="field">
          <label htmlFor="repeat-password">Repeat the new password</label>
          <input
            id="repeat-password"
            type="password"
            autoComplete="new-password"
            required
            aria-invalid={mismatch}
            aria-describedby={mismatch ? "repeat-password-error" : undefined}
            value={repeated}
            onChange={(e) => setRepeated(e.target.value)}
          />
          {mismatch && (
            <p id="repeat-password-error" className="field-error" role="alert">
              The two passwords differ: type the same password twice.
            </p>
          )}
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Saving…" : "Set the new password"}
        </button>
      </form>
    </>
  );
}
