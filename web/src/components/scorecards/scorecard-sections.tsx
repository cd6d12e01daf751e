/**
 * The parts of a scorecard page: the filter form, the table per contract with its totals
 * row, the cost chart with its summary and numbers, and the per-metric attainment table.
 */
import { useState, type FormEvent, type ReactNode } from "react";
import type { ContractScoreJson, ScorecardQuery, TotalsJson } from "../../lib/api/scorecards.js";
import { formatRatePercent } from "../../lib/money.js";
import { contractPath, vendorScorecardPath } from "../../lib/routes.js";
import {
  chartDollars,
  costSummary,
  countText,
  moneyText,
  obligationsText,
  shareText,
  statementText,
} from "../../lib/scorecards/summaries.js";
import { Link } from "../link.js";
import { ChartSection, NumberTable, ShowNumbers } from "../outcomes/numbers.js";
import { LazyCostChart } from "./lazy-cost-chart.js";

export function ScorecardFilterForm(props: { query: ScorecardQuery; onChange: (q: ScorecardQuery) => void }) {
  const [year, setYear] = useState(props.query.schoolYear ?? "");
  const [stage, setStage] = useState(props.query.stage ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const m = /^(\d{4})-(\d{4})$/.exec(year.trim());
    if (year.trim() !== "" && (m === null || Number(m[2]) !== Number(m[1]) + 1)) {
      setProblem("Enter a school year as two consecutive years, such as 2024-2025, or leave it empty.");
      return;
    }
    setProblem(null);
    props.onChange({
      schoolYear: year.trim() === "" ? null : year.trim(),
      stage: stage === "" ? null : (stage as ScorecardQuery["stage"]),
    });
  };
  return (
    <form className="as-of" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="scorecard-year">School year (July to June; empty: every year)</label>
        <input
          id="scorecard-year"
          value={year}
          placeholder="2024-2025"
          aria-invalid={problem !== null}
          aria-describedby={problem === null ? undefined : "scorecard-year-problem"}
          onChange={(e) => setYear(e.target.value)}
        />
        {problem !== null && (
          <p id="scorecard-year-problem" className="field-problem" role="alert">
            {problem}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="scorecard-stage">Stage</label>
        <select id="scorecard-stage" value={stage} onChange={(e) => setStage(e.target.value)}>
          <option value="">Active, settled and closed</option>
          <option value="active">Active</option>
          <option value="settled">Settled</option>
          <option value="closed">Closed</option>
        </select>
      </div>
      <button type="submit">Show the scorecard</button>
    </form>
  );
}

const MONEY_HEADERS = [
  { label: "Committed", numeric: true },
  { label: "Paid to date", numeric: true },
  { label: "Contingent at stake", numeric: true },
  { label: "Contingent earned", numeric: true },
  { label: "Share earned", numeric: true },
  { label: "Students served", numeric: true },
  { label: "Cost per student served", numeric: true },
  { label: "Students meeting a target", numeric: true },
  { label: "Cost per student meeting a target", numeric: true },
  { label: "Vendor obligations on time" },
  { label: "Disputes (open)", numeric: true },
];

function figures(x: ContractScoreJson | TotalsJson): string[] {
  const o = x.obligations;
  const onTime = "onTimeShare" in x && o.metOnTime + o.missed > 0 ? ` (${shareText(x.onTimeShare)})` : "";
  return [
    moneyText(x.committed),
    moneyText(x.paid),
    moneyText(x.contingentAtStake),
    moneyText(x.contingentEarned),
    shareText(x.contingentEarnedShare),
    countText(x.studentsServed),
    moneyText(x.costPerStudentServed),
    countText(x.studentsMeetingAnyTarget),
    moneyText(x.costPerStudentMeetingOutcomes),
    `${obligationsText(o)}${onTime}`,
    `${x.disputes.raised} (${x.disputes.open})`,
  ];
}

/** The table per contract, with the totals row computed by the server from exact parts. */
export function ContractScoreTable(props: {
  caption: string;
  lines: readonly ContractScoreJson[];
  totals: TotalsJson;
  /** Show the vendor of each line (a district's portfolio) or its district (a vendor's scorecard). */
  party: "vendor" | "district";
}) {
  return (
    <div className="table-wrap" role="region" aria-label={props.caption} tabIndex={0}>
      <table className="scorecard-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Contract</th>
            <th scope="col">{props.party === "vendor" ? "Vendor" : "District"}</th>
            <th scope="col">Figures from</th>
            {MONEY_HEADERS.map((h) => (
              <th key={h.label} scope="col" className={h.numeric ? "num" : undefined}>
                {h.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.lines.map((l) => (
            <tr key={`${l.districtId}/${l.contractId}`}>
              <th scope="row">
                <Link to={contractPath(l.districtId, l.contractId)}>{l.title}</Link>
                <span className="sub"> {l.schoolYear}</span>
              </th>
              <td>
                {props.party === "vendor" ? (
                  <Link to={vendorScorecardPath(l.vendorId)}>{l.vendorName}</Link>
                ) : (
                  l.districtName
                )}
              </td>
              <td>{statementText(l)}</td>
              {figures(l).map((cell, i) => (
                <td key={i} className={MONEY_HEADERS[i]?.numeric === true ? "num" : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">
              Total ({props.totals.contracts} contract{props.totals.contracts === 1 ? "" : "s"})
            </th>
            <td />
            <td>{props.totals.contractsWithStatement} with a statement</td>
            {figures(props.totals).map((cell, i) => (
              <td key={i} className={MONEY_HEADERS[i]?.numeric === true ? "num" : undefined}>
                {cell}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function CostSection(props: { lines: readonly ContractScoreJson[]; totals: TotalsJson }) {
  const summary = costSummary(props.lines, props.totals);
  const charted = props.lines.filter((l) => l.statement !== null);
  return (
    <ChartSection
      id="cost-per-student"
      title="Cost per student served and per student meeting a target"
      summary={summary}
    >
      {charted.some((l) => l.costPerStudentServed !== null) && (
        <LazyCostChart
          label={summary}
          bars={charted.map((l) => ({
            name: l.title,
            served: chartDollars(l.costPerStudentServed),
            meeting: chartDollars(l.costPerStudentMeetingOutcomes),
          }))}
        />
      )}
      <ShowNumbers>
        <NumberTable
          caption="Money paid per student served and per student meeting at least one outcome target, by contract"
          headers={[
            { label: "Contract" },
            { label: "Paid to date", numeric: true },
            { label: "Students served", numeric: true },
            { label: "Cost per student served", numeric: true },
            { label: "Students meeting a target", numeric: true },
            { label: "Cost per student meeting a target", numeric: true },
          ]}
          rows={charted.map((l) => ({
            key: `${l.districtId}/${l.contractId}`,
            cells: [
              l.title,
              moneyText(l.paid),
              countText(l.studentsServed),
              moneyText(l.costPerStudentServed),
              countText(l.studentsMeetingAnyTarget),
              moneyText(l.costPerStudentMeetingOutcomes),
            ],
          }))}
        />
      </ShowNumbers>
    </ChartSection>
  );
}

/** Outcomes attained against what was promised, per contract and metric. */
export function MetricAttainmentTable(props: { lines: readonly ContractScoreJson[] }) {
  const rows = props.lines.flatMap((l) =>
    l.metrics.map((m) => ({
      key: `${l.districtId}/${l.contractId}/${m.id}`,
      cells: [
        `${l.title}: ${m.label}`,
        m.met === null ? "–" : `${m.met} of ${m.denominator ?? 0}`,
        m.rate === null ? "–" : formatRatePercent(m.rate),
        m.targetRate === null ? "Paid per student" : formatRatePercent(m.targetRate),
        m.attained === null ? "–" : m.attained ? "Attained" : "Not attained",
        moneyText(m.costPerStudentMet),
      ],
    })),
  );
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="attainment-heading">
      <h2 id="attainment-heading">Outcomes attained against promised</h2>
      <NumberTable
        caption="Each metric's students meeting it against the target rate the terms promise (pool contracts), with the money paid per student meeting it"
        headers={[
          { label: "Contract and metric" },
          { label: "Met", numeric: true },
          { label: "Rate", numeric: true },
          { label: "Target rate", numeric: true },
          { label: "Against the target" },
          { label: "Cost per student meeting it", numeric: true },
        ]}
        rows={rows}
      />
    </section>
  );
}

/**
 * The contracts part of a scorecard: a sentence when no contract matches, else the table
 * per contract, the cost chart and the attainment table, then `children` (the page's own
 * comparison).
 */
export function ScorecardContracts(props: {
  caption: string;
  lines: readonly ContractScoreJson[];
  totals: TotalsJson;
  party: "vendor" | "district";
  children?: ReactNode;
}) {
  if (props.lines.length === 0)
    return (
      <p className="empty" role="status">
        No contract matches: the scorecard lists contracts whose terms both parties approved (active, settled
        or closed) in the chosen year and stage.
      </p>
    );
  return (
    <>
      <ContractScoreTable
        caption={props.caption}
        lines={props.lines}
        totals={props.totals}
        party={props.party}
      />
      <div className="scorecard-section">
        <CostSection lines={props.lines} totals={props.totals} />
      </div>
      <MetricAttainmentTable lines={props.lines} />
      {props.children}
    </>
  );
}
