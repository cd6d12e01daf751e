import { dashboardPath } from "../lib/routes.js";
import { Link } from "./link.js";
import { PageHeading } from "./page-heading.js";

/** An address the app has no page for. */
export function NotFoundPage(props: { path: string }) {
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p>
        There is no page at <code>{props.path}</code>. <Link to={dashboardPath()}>Go to the portfolio</Link>.
      </p>
    </>
  );
}

/** A page the signed-in role may not use (the server would refuse its data anyway). */
export function NotAllowedPage(props: { what: string }) {
  return (
    <>
      <PageHeading>Not available to your role</PageHeading>
      <p>
        Your role in this organization does not give access to {props.what}. Ask your organization&apos;s
        administrator if you need it. <Link to={dashboardPath()}>Go to the portfolio</Link>.
      </p>
    </>
  );
}

/** Shown while a page's code is fetched (pages other than the portfolio load on demand). */
export function PageLoading() {
  return (
    <p className="status" role="status">
      Loading the page…
    </p>
  );
}
