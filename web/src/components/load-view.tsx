import type { ReactNode } from "react";
import type { Load } from "../use-load.js";
import { ErrorMessage } from "./error-message.js";

/**
 * The three states every view has: a polite "loading" status, the problem's detail with a
 * way to try again, or the content.
 */
export function LoadView<T>(props: {
  result: Load<T>;
  retry: () => void;
  what: string;
  children: (data: T) => ReactNode;
}) {
  const { result } = props;
  if (result.state === "loading")
    return (
      <p className="status" role="status">
        Loading {props.what}…
      </p>
    );
  if (result.state === "error")
    return (
      <div className="error-box">
        <ErrorMessage title={`Could not load ${props.what}`} error={result.error} />
        <button type="button" onClick={props.retry}>
          Try again
        </button>
      </div>
    );
  return <>{props.children(result.data)}</>;
}
