import { useEffect, useState } from "react";
import type { ApiClient } from "../lib/api-client.js";

interface Provider {
  readonly id: string;
  readonly label: string;
}

/**
 * "Sign in with Google/Microsoft": one link per provider the server lists. Each is a real
 * navigation (the server redirects to the provider), never a fetch. Without providers, or
 * when the list cannot be read, nothing is shown: the password form still works.
 */
export function ProviderButtons(props: { api: ApiClient }) {
  const [providers, setProviders] = useState<readonly Provider[]>([]);
  useEffect(() => {
    let current = true;
    props.api.request<{ providers: Provider[] }>("GET", "/api/auth/providers").then(
      (answer) => current && setProviders(answer.providers),
      () => current && setProviders([]),
    );
    return () => {
      current = false;
    };
  }, [props.api]);
  if (providers.length === 0) return null;
  return (
    <div className="providers">
      <p className="divider">or</p>
      <ul>
        {providers.map((p) => (
          <li key={p.id}>
            <a className="button-link" href={`/api/auth/oidc/${encodeURIComponent(p.id)}/start`}>
              Sign in with {p.label}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
