import type { ReactNode } from "react";
import { ErrorMessage } from "../error-message.js";
import { LoadView } from "../load-view.js";
import type { Paged } from "./use-pages.js";

/**
 * A paged list's states: loading, the first page's error, the empty state, or the items
 * with a "Load more" button while more pages follow (and the error of a failed one).
 */
export function PagedView<T>(props: {
  paged: Paged<T>;
  retry: () => void;
  loadMore: () => void;
  what: string;
  empty: ReactNode;
  children: (items: readonly T[]) => ReactNode;
}) {
  const { paged } = props;
  if (paged.state !== "ready")
    return <LoadView result={paged} retry={props.retry} what={props.what} children={() => null} />;
  if (paged.items.length === 0) return <div className="empty">{props.empty}</div>;
  return (
    <>
      {props.children(paged.items)}
      <div className="load-more">
        <p className="sub" role="status">
          Showing {paged.items.length} {paged.nextCursor === null ? "(all)" : "so far"}
        </p>
        {paged.more instanceof Error && (
          <ErrorMessage title={`Could not load more ${props.what}`} error={paged.more} />
        )}
        {paged.nextCursor !== null && (
          <button type="button" onClick={props.loadMore} disabled={paged.more === "loading"}>
            {paged.more === "loading" ? "Loading more…" : "Load more"}
          </button>
        )}
      </div>
    </>
  );
}
