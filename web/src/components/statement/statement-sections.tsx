/** The statement's facts, metrics, population, obligations and reviews, each a section of the page. */
import type { StatementDetail, Waterfall } from "../../lib/api-types.js";
import { formatIsoDate, formatTimestamp } from "../../lib/dates.js";
import { formatMoney, formatRatePercent } from "../../lib/money.js";
import { statementPath } from "../../lib/routes.js";
import { Link } from "../link.js";
import { Badge } from "../page-heading.js";

export function StatementFacts(props: { detail: StatementDetail }) {
  const { statement: s, waterfall: w, districtId, contractId } = props.detail;
  const link = (id: string) => <Link to={statementPath(districtId, contractId, id)}>Statement {id}</Link>;
  const facts: [string, React.ReactNode][] = [
    ["Status", <Badge kind={s.status}>{s.status}</Badge>],
    ["Total", <span data-testid="statement-total">{formatMoney(s.total, w.currency)}</span>],
    ["Due", formatMoney(s.due, w.currency)],
    ["Kind", `${s.kind}${w.final ? "" : " (provisional figures)"}`],
    ["As of", formatIsoDate(s.asOf)],
    ["Issued", formatTimestamp(s.issuedAt)],
    ["Issued by", s.issuedByName ?? s.issuedBy],
    ["Terms version", s.termsVersion],
  ];
  if (s.supersedesStatementId !== null) facts.push(["Replaces", link(s.supersedesStatementId)]);
  if (s.supersededByStatementId !== null) facts.push(["Replaced by", link(s.supersededByStatementId)]);
  return (
    <dl className="facts statement-facts">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      <div className="digest">
        <dt>Input digest</dt>
        <dd>
          <code>{props.detail.inputDigest}</code>
        </dd>
      </div>
    </dl>
  );
}

export function Metrics(props: { waterfall: Waterfall }) {
  const { metrics, currency } = props.waterfall;
  if (metrics.length === 0) return null;
  return (
    <section aria-labelledby="metrics-heading">
      <h2 id="metrics-heading">Outcome metrics</h2>
      <div className="table-wrap" role="region" aria-labelledby="metrics-heading" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Kind</th>
              <th scope="col" className="num">
                Met / denominator
              </th>
              <th scope="col" className="num">
                Missing
              </th>
              <th scope="col" className="num">
                Rate
              </th>
              <th scope="col" className="num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {metrics.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.id}</th>
                <td>{m.kind}</td>
                <td className="num">
                  {m.met} / {m.denominator}
                </td>
                <td className="num">{m.missing}</td>
                <td className="num">{formatRatePercent(m.rate)}</td>
                <td className="num">
                  {formatMoney(m.amount, currency)}
                  {m.capped && <span className="sub"> (capped)</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function PopulationAndObligations(props: { waterfall: Waterfall }) {
  const { population: p, obligations } = props.waterfall;
  const figures: [string, number][] = [
    ["Enrolled", p.enrolled],
    ["Eligible", p.eligible],
    ["Served", p.served],
    ["Measured", p.measured],
  ];
  return (
    <>
      <section aria-labelledby="population-heading">
        <h2 id="population-heading">Population</h2>
        <dl className="figures">
          {figures.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value.toLocaleString("en-US")}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="obligations-heading">
        <h2 id="obligations-heading">Obligations</h2>
        {obligations.length === 0 ? (
          <p className="empty">The terms set no obligations.</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="obligations-heading" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Obligation</th>
                  <th scope="col">Party</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Value
                  </th>
                  <th scope="col">Consequence applied</th>
                </tr>
              </thead>
              <tbody>
                {obligations.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">{o.id}</th>
                    <td>{o.party}</td>
                    <td>
                      <Badge kind={o.status}>{o.status}</Badge>
                    </td>
                    <td className="num">{o.value ?? "—"}</td>
                    <td>{o.consequenceApplied ? "Yes" : "No"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export function Reviews(props: { detail: StatementDetail }) {
  const { reviews } = props.detail;
  return (
    <section aria-labelledby="reviews-heading">
      <h2 id="reviews-heading">Reviews</h2>
      {reviews.length === 0 ? (
        <p className="empty">No party has approved or disputed this statement yet.</p>
      ) : (
        <ol className="reviews">
          {reviews.map((r) => (
            <li key={r.reviewNo}>
              <Badge kind={r.action === "approve" ? "approved" : "disputed"}>
                {r.action === "approve" ? "Approved" : "Disputed"}
              </Badge>{" "}
              by {r.reviewedByName ?? r.reviewedBy} ({r.organizationId}) on {formatTimestamp(r.reviewedAt)}
              {r.comment !== null && <blockquote>{r.comment}</blockquote>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
