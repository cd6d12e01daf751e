import { SEVERITY_LABELS, alertHref, type AlertItem } from "../../lib/api/alerts.js";
import { Link } from "../link.js";

type Shown = Pick<
  AlertItem,
  "severity" | "message" | "districtId" | "contractId" | "target" | "code" | "subject"
> & {
  readonly contractTitle?: string;
};

/** Alerts as a list: the severity in words (colour only helps), the sentence, and where to look. */
export function AlertList(props: { items: readonly Shown[]; showContract: boolean; labelledBy: string }) {
  return (
    <ul className="alert-list" aria-labelledby={props.labelledBy}>
      {props.items.map((a) => (
        <li
          key={`${a.districtId}/${a.contractId}/${a.code}/${a.subject}`}
          className={`alert-item alert-${a.severity}`}
        >
          <span className={`severity severity-${a.severity}`}>{SEVERITY_LABELS[a.severity]}</span>
          <div>
            {props.showContract && a.contractTitle !== undefined && (
              <p className="alert-contract">{a.contractTitle}</p>
            )}
            <p>{a.message}</p>
            <Link to={alertHref(a)}>{linkText(a)}</Link>
          </div>
        </li>
      ))}
    </ul>
  );
}

function linkText(a: Shown): string {
  switch (a.target.page) {
    case "statement":
      return `Open statement ${a.target.statementId}`;
    case "outcomes":
      return "Open outcomes";
    case "check-in":
      return "Open the check-in";
    case "contract":
      return a.target.section === "obligations"
        ? "See obligations"
        : a.target.section === "freshness"
          ? "See data freshness"
          : "See progress";
  }
}
