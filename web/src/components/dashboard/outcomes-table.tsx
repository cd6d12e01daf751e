import { formatMoney, formatRatePercent } from "../../lib/money.js";
import { STAGE_LABELS, attainedText, type ContractFigures } from "../../lib/portfolio.js";
import { contractPath, outcomesPath } from "../../lib/routes.js";
import { Link } from "../link.js";

/** Per contract: students enrolled against the plan, outcome money earned against what is at stake, and each metric now. */
export function OutcomesTable(props: { figures: readonly ContractFigures[] }) {
  if (props.figures.length === 0)
    return (
      <p className="empty">No contract is active or settled yet: outcomes appear once one is under way.</p>
    );
  return (
    <div className="table-wrap" role="region" aria-labelledby="outcomes-caption" tabIndex={0}>
      <table>
        <caption id="outcomes-caption">
          Outcomes attained against what was promised, on the data so far
        </caption>
        <thead>
          <tr>
            <th scope="col">Contract</th>
            <th scope="col" className="num">
              Enrolled of planned
            </th>
            <th scope="col" className="num">
              Outcome money earned
            </th>
            <th scope="col">Metrics now</th>
          </tr>
        </thead>
        <tbody>
          {props.figures.map(({ contract: c, progress, problem }) => (
            <tr key={`${c.districtId}/${c.contractId}`}>
              <th scope="row">
                <Link to={contractPath(c.districtId, c.contractId)}>{c.title}</Link>
                <div className="sub">
                  {STAGE_LABELS[c.stage]} ·{" "}
                  <Link to={outcomesPath(c.districtId, c.contractId)}>outcomes</Link>
                </div>
              </th>
              {progress === null ? (
                <td colSpan={3} className="sub">
                  {problem ?? "No progress yet."}
                </td>
              ) : (
                <>
                  <td className="num">
                    {progress.enrolment.enrolled.toLocaleString("en-US")} of{" "}
                    {progress.enrolment.expectedStudents.toLocaleString("en-US")}
                  </td>
                  <td className="num">
                    {formatMoney(progress.money.outcome)} of {formatMoney(progress.money.contingentAtStake)}
                    <div className="sub">{attainedText(progress)} attained</div>
                  </td>
                  <td>
                    <ul className="metric-list">
                      {progress.metrics.map((m) => (
                        <li key={m.label}>
                          {m.label}: {formatRatePercent(m.rate)} ({m.met} of {m.denominator})
                          {m.targetRate !== null && `, target ${formatRatePercent(m.targetRate)}`}
                        </li>
                      ))}
                    </ul>
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
