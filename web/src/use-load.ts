/** Loading an API answer for a view: loading, failed (with the problem's detail) or ready. */
import { useCallback, useEffect, useState } from "react";
import { ApiError } from "./lib/api-client.js";

export type Load<T> =
  | { readonly state: "loading" }
  | { readonly state: "error"; readonly error: ApiError }
  | { readonly state: "ready"; readonly data: T };

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, "client", error instanceof Error ? error.message : "something went wrong");
}

/** Runs `load` when `key` changes; `retry` runs it again. A stale answer never replaces a newer one. */
export function useLoad<T>(key: string, load: () => Promise<T>): { result: Load<T>; retry: () => void } {
  const [result, setResult] = useState<Load<T>>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setResult({ state: "loading" });
    load().then(
      (data) => current && setResult({ state: "ready", data }),
      (error: unknown) => current && setResult({ state: "error", error: asApiError(error) }),
    );
    return () => {
      current = false;
    };
    // `load` is a new closure on each render; `key` names what it loads.
  }, [key, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { result, retry };
}
