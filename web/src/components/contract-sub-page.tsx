/**
 * The head of a page that belongs to one contract (outcomes, evidence...): breadcrumbs
 * back to the portfolio and the contract, the page's title, and the "as of" date form
 * that recomputes the page for another day.
 */
import { useState, type FormEvent, type ReactNode } from "react";
import { contractPath, dashboardPath } from "../lib/routes.js";
import { Link } from "./link.js";
import { Breadcrumbs, PageHeading } from "./page-heading.js";

export function ContractSubPageHeading(props: {
  readonly districtId: string;
  readonly contractId: string;
  /** The contract's title (its id until it is known). */
  readonly title: string;
  /** The page's name in the breadcrumbs and before the title in the heading. */
  readonly page: string;
  readonly lead: ReactNode;
}) {
  return (
    <>
      <Breadcrumbs>
        <li>
          <Link to={dashboardPath()}>Portfolio</Link>
        </li>
        <li>
          <Link to={contractPath(props.districtId, props.contractId)}>{props.title}</Link>
        </li>
        <li aria-current="page">{props.page}</li>
      </Breadcrumbs>
      <PageHeading lead={props.lead}>
        {props.page}: {props.title}
      </PageHeading>
    </>
  );
}

/** A date to compute the page as of; empty means the page's default day. */
export function AsOfForm(props: {
  readonly id: string;
  readonly label: string;
  readonly submitLabel: string;
  readonly asOf: string | null;
  readonly onChange: (asOf: string | null) => void;
}) {
  const [draft, setDraft] = useState(props.asOf ?? "");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onChange(draft === "" ? null : draft);
  };
  return (
    <form className="as-of" onSubmit={submit}>
      <div className="field">
        <label htmlFor={props.id}>{props.label}</label>
        <input id={props.id} type="date" value={draft} onChange={(e) => setDraft(e.target.value)} />
      </div>
      <button type="submit">{props.submitLabel}</button>
    </form>
  );
}
