import type { ReactNode } from "react";

/**
 * The page's one h1. It can take focus (tabIndex -1) so that after a client-side
 * navigation focus moves to the new page's title and screen readers announce it.
 */
export function PageHeading(props: { children: ReactNode; lead?: ReactNode }) {
  return (
    <div className="page-heading">
      <h1 tabIndex={-1}>{props.children}</h1>
      {props.lead !== undefined && <p className="lead">{props.lead}</p>}
    </div>
  );
}

export function Breadcrumbs(props: { children: ReactNode }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>{props.children}</ol>
    </nav>
  );
}

/** A label that is not only a colour: the word is always there. */
export function Badge(props: { kind: string; children: ReactNode }) {
  return <span className={`badge badge-${props.kind}`}>{props.children}</span>;
}
