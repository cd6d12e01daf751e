/**
 * A list read a page at a time with "Load more": the first page loads when `key` changes,
 * each further page is appended; a failed page keeps what was shown and says why.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiError } from "../../lib/api-client.js";
import type { Page } from "../../lib/api/imports.js";
import { asApiError } from "../../use-load.js";

export type Paged<T> =
  | { readonly state: "loading" }
  | { readonly state: "error"; readonly error: ApiError }
  | {
      readonly state: "ready";
      readonly items: readonly T[];
      readonly nextCursor: string | null;
      readonly more: "idle" | "loading" | ApiError;
    };

export function usePages<T>(
  key: string,
  load: (cursor: string | null) => Promise<Page<T>>,
): { paged: Paged<T>; loadMore: () => void; retry: () => void } {
  const [paged, setPaged] = useState<Paged<T>>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const mine = ++generation.current;
    setPaged({ state: "loading" });
    loadRef.current(null).then(
      (page) =>
        mine === generation.current &&
        setPaged({ state: "ready", items: page.items, nextCursor: page.nextCursor, more: "idle" }),
      (error: unknown) =>
        mine === generation.current && setPaged({ state: "error", error: asApiError(error) }),
    );
  }, [key, attempt]);

  const loadMore = useCallback(() => {
    if (paged.state !== "ready" || paged.nextCursor === null || paged.more === "loading") return;
    const mine = generation.current;
    const shown = paged;
    setPaged({ ...shown, more: "loading" });
    loadRef.current(shown.nextCursor).then(
      (page) =>
        mine === generation.current &&
        setPaged({
          state: "ready",
          items: [...shown.items, ...page.items],
          nextCursor: page.nextCursor,
          more: "idle",
        }),
      (error: unknown) => mine === generation.current && setPaged({ ...shown, more: asApiError(error) }),
    );
  }, [paged]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { paged, loadMore, retry };
}
