/** A change sent from a form: busy while it runs, the server's refusal kept to show, a notice after. */
import { useState } from "react";
import type { ApiError } from "../../lib/api-client.js";
import { asApiError } from "../../use-load.js";

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  function run(work: () => Promise<string>): void {
    if (busy) return;
    setBusy(true);
    setError(null);
    work().then(
      (done) => {
        setBusy(false);
        setNotice(done);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(asApiError(failure));
      },
    );
  }
  return { busy, error, notice, run };
}
