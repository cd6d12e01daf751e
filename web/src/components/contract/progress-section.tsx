import type { ContractProgress, MetricProgress } from "../../lib/api/contract.js";
import { formatIsoDate } from "../../lib/dates.js";
import { formatMoney } from "../../lib/money.js";
import { enrolmentText, percentText, rateText } from "./progress-view.js";
import { count } from "./terms-summary.js";

/** Progress this year as of today: enrolment and service against the plan, and each metric now. */
export function ProgressSection(props: { progress: ContractProgress }) {
  const { progress } = props;
  const e = progress.enrolment;
  const money = progress.money;
  return (
    <section aria-labelledby="progress-heading" id="progress" tabIndex={-1}>
      <h2 id="progress-heading">Progress this year</h2>
      <p className="hint">
        From the data imported so far, as of {formatIsoDate(progress.asOf)}: day {count(progress.elapsedDays)}{" "}
        of {count(progress.periodDays)} of the period. Figures are provisional until the final statement.
      </p>
      <dl className="figures">
        <div>
          <dt>Students enrolled</dt>
          <dd>
            {count(e.enrolled)} <span className="sub">of {count(e.expectedStudents)} planned</span>
          </dd>
          <dd className="hint">{enrolmentText(e)}</dd>
        </div>
        <div>
          <dt>Eligible</dt>
          <dd>{count(e.eligible)}</dd>
        </div>
        <div>
          <dt>Served</dt>
          <dd>{count(e.served)}</dd>
          <dd className="hint">{percentText(e.served, e.eligible)} of eligible students</dd>
        </div>
        <div>
          <dt>Earned on today&apos;s data</dt>
          <dd>{formatMoney(money.total, money.currency)}</dd>
          <dd className="hint">
            Outcomes {formatMoney(money.outcome, money.currency)} of{" "}
            {formatMoney(money.contingentAtStake, money.currency)} at stake
          </dd>
        </div>
      </dl>
      {progress.metrics.length === 0 ? (
        <p className="empty">The terms name no outcome metrics.</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="metrics-caption" tabIndex={0}>
          <table>
            <caption id="metrics-caption">Share of students meeting each metric now</caption>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col" className="num">
                  Meeting it
                </th>
                <th scope="col" className="num">
                  Share
                </th>
                <th scope="col">Target</th>
                <th scope="col">Dosage to date</th>
              </tr>
            </thead>
            <tbody>
              {progress.metrics.map((m) => (
                <MetricRow key={m.id} metric={m} currency={money.currency} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function MetricRow(props: { metric: MetricProgress; currency: string }) {
  const m = props.metric;
  const d = m.dosage;
  return (
    <tr>
      <th scope="row">
        {m.label}
        <div className="sub">
          {m.kind}, {formatMoney(m.amount, props.currency)} on today&apos;s data
        </div>
      </th>
      <td className="num">
        {count(m.met)} of {count(m.denominator)}
        {m.missing > 0 && <div className="sub">{count(m.missing)} without scores</div>}
      </td>
      <td className="num">{rateText(m.rate)}</td>
      <td>{m.targetRate === null ? "Paid per student" : `${rateText(m.targetRate)} for the full share`}</td>
      <td>
        {d === null ? (
          <span className="sub">Not a dosage metric</span>
        ) : (
          <>
            {count(d.onPace)} of {count(d.eligible)} on pace ({percentText(d.onPace, d.eligible)})
            <div className="sub">
              Pace now:{" "}
              {d.minSessions === null ? "" : `${count(d.sessionsByNow)} of ${count(d.minSessions)} sessions`}
              {d.minSessions !== null && d.minMinutes !== null ? ", " : ""}
              {d.minMinutes === null ? "" : `${count(d.minutesByNow)} of ${count(d.minMinutes)} minutes`};
              target {rateText(d.targetShare)}
            </div>
          </>
        )}
      </td>
    </tr>
  );
}
