import { useState, type FormEvent } from "react";
import type { ApiClient, ApiError } from "../lib/api-client.js";
import type { Session, TotpEnrollment } from "../lib/api-types.js";
import { ErrorMessage } from "../components/error-message.js";
import { PageHeading } from "../components/page-heading.js";
import { asApiError } from "../use-load.js";

/**
 * The administrators' second step: the code of their authenticator app, or, for one who
 * has none yet, enrolment (a setup key, then its first code). Either ends in a fresh
 * session read, so the app sees secondFactorDone from the server, never assumes it.
 */
export function SecondFactorPage(props: {
  api: ApiClient;
  session: Session;
  onDone: () => Promise<void>;
  onCancel: () => void;
}) {
  const enrolled = props.session.secondFactorEnrolled;
  const [enrollment, setEnrollment] = useState<TotpEnrollment | null>(null);
  const [code, setCode] = useState("");
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

  const startEnrolment = () => run(async () => setEnrollment(await props.api.enrollTotp()));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(async () => {
      if (enrolled) await props.api.verifyTotp(code.trim());
      else await props.api.confirmTotp(code.trim());
      setCode("");
      await props.onDone();
    });
  }

  const needsKey = !enrolled && enrollment === null;
  return (
    <div className="auth-card">
      <PageHeading lead={`Signed in as ${props.session.email}.`}>
        {enrolled ? "Enter your authenticator code" : "Set up your authenticator app"}
      </PageHeading>
      {error !== null && <ErrorMessage error={error} />}
      {needsKey ? (
        <>
          <p>
            Administrators give a 6-digit code from an authenticator app at each sign-in. Start by getting the
            setup key for your app.
          </p>
          <button type="button" className="primary" onClick={() => void startEnrolment()} disabled={busy}>
            Show my setup key
          </button>
        </>
      ) : (
        <form onSubmit={submit} aria-busy={busy}>
          {enrollment !== null && (
            <div className="setup-key">
              <p>
                In your authenticator app, choose “enter a setup key” (time-based) and type this key, or{" "}
                <a href={enrollment.uri}>open the setup link on this device</a>.
              </p>
              <p>
                Setup key: <code className="secret">{enrollment.secret}</code>
              </p>
            </div>
          )}
          <div className="field">
            <label htmlFor="totp-code">6-digit code from your authenticator app</label>
            <input
              id="totp-code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              aria-describedby="totp-hint"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
            <p id="totp-hint" className="hint">
              The code changes every 30 seconds; a code already used is refused.
            </p>
          </div>
          <button type="submit" className="primary" disabled={busy}>
            {enrolled ? "Verify" : "Confirm and continue"}
          </button>
        </form>
      )}
      <p>
        <button type="button" className="link-button" onClick={props.onCancel}>
          Sign out and use another account
        </button>
      </p>
    </div>
  );
}
