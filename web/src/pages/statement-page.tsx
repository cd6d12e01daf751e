import type { ApiClient } from "../lib/api-client.js";
import type { StatementDetail, Waterfall } from "../lib/api-types.js";
import { formatIsoDate, formatTimestamp } from "../lib/dates.js";
import { formatMoney, formatRatePercent } from "../lib/money.js";
import { contractPath, dashboardPath, statementPath } from "../lib/routes.js";
import { waterfallLines } from "../lib/waterfall.js";
import { Link } from "../components/link.js";
import { LoadView } from "../components/load-view.js";
import { Badge, Breadcrumbs, PageHeading } from "../components/page-heading.js";
import { useLoad } from "../use-load.js";

interface Props {
  readonly api: ApiClient;
  readonly districtId: string;
  readonly contractId: string;
  readonly statementId: string;
}

/** One statement: its totals, the payment waterfall line by line, the metrics and the reviews. */
export function StatementPage(props: Props) {
  const { api, districtId, contractId, statementId } = props;
  const { result, retry } = useLoad(`${districtId}/${contractId}/${statementId}`, async () => {
    const [contract, statement] = await Promise.all([
      api.contract(districtId, contractId),
      api.statement(districtId, contractId, statementId),
    ]);
    return { title: contract.contract.title, statement };
  });
  const contractTitle = result.state === "ready" ? result.data.title : contractId;
  const heading =
    result.state === "ready"
      ? `Statement ${statementId}: ${result.data.statement.statement.kind} as of ${formatIsoDate(result.data.statement.statement.asOf)}`
      : `Statement ${statementId}`;
  return (
    <>
      <Breadcrumbs>
        <li>
          <Link to={dashboardPath()}>Portfolio</Link>
        </li>
        <li>
          <Link to={contractPath(districtId, contractId)}>{contractTitle}</Link>
        </li>
        <li aria-current="page">Statement {statementId}</li>
      </Breadcrumbs>
      <PageHeading>{heading}</PageHeading>
      <LoadView result={result} retry={retry} what="the statement">
        {(data) => <StatementBody detail={data.statement} />}
      </LoadView>
    </>
  );
}

function StatementBody(props: { detail: StatementDetail }) {
  const { statement: s, waterfall: w, districtId, contractId } = props.detail;
  const link = (id: string) => <Link to={statementPath(districtId, contractId, id)}>Statement {id}</Link>;
  return (
    <>
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <Badge kind={s.status}>{s.status}</Badge>
          </dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd>{formatMoney(s.total, w.currency)}</dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>{formatMoney(s.due, w.currency)}</dd>
        </div>
        <div>
          <dt>Issued</dt>
          <dd>{formatTimestamp(s.issuedAt)}</dd>
        </div>
        <div>
          <dt>Terms version</dt>
          <dd>{s.termsVersion}</dd>
        </div>
        {s.supersedesStatementId !== null && (
          <div>
            <dt>Replaces</dt>
            <dd>{link(s.supersedesStatementId)}</dd>
          </div>
        )}
        {s.supersededByStatementId !== null && (
          <div>
            <dt>Replaced by</dt>
            <dd>{link(s.supersededByStatementId)}</dd>
          </div>
        )}
      </dl>
      <WaterfallTable waterfall={w} />
      <Metrics waterfall={w} />
      <Population waterfall={w} />
      <Obligations waterfall={w} />
      <Reviews detail={props.detail} />
    </>
  );
}

function WaterfallTable(props: { waterfall: Waterfall }) {
  const w = props.waterfall;
  return (
    <section aria-labelledby="waterfall-heading">
      <h2 id="waterfall-heading">Payment waterfall</h2>
      <div className="table-wrap" role="region" aria-labelledby="waterfall-heading" tabIndex={0}>
        <table className="waterfall">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col" className="num">
                Amount ({w.currency})
              </th>
            </tr>
          </thead>
          <tbody>
            {waterfallLines(w).map((line) => (
              <tr key={line.key} className={`line-${line.emphasis}`}>
                <th scope="row">
                  {line.label}
                  {line.note !== undefined && <span className="sub"> ({line.note})</span>}
                </th>
                <td className="num">{formatMoney(line.cents, w.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Metrics(props: { waterfall: Waterfall }) {
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
                Met / measured
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

function Population(props: { waterfall: Waterfall }) {
  const p = props.waterfall.population;
  return (
    <section aria-labelledby="population-heading">
      <h2 id="population-heading">Population</h2>
      <dl className="figures">
        {(
          [
            ["Enrolled", p.enrolled],
            ["Eligible", p.eligible],
            ["Served", p.served],
            ["Measured", p.measured],
          ] as const
        ).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Obligations(props: { waterfall: Waterfall }) {
  const { obligations } = props.waterfall;
  return (
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
  );
}

function Reviews(props: { detail: StatementDetail }) {
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
              by {r.organizationId} on {formatTimestamp(r.reviewedAt)}
              {r.comment !== null && <blockquote>{r.comment}</blockquote>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
