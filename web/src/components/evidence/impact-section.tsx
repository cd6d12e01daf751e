/**
 * Impact: the verdict in plain words first, then what it rests on (matched counts,
 * baseline equivalence, attrition, the regression estimate) and a small chart of the
 * estimate with its interval.
 */
import type { ComputedStatistics, Statistics } from "../../lib/api/evidence.js";
import {
  attritionText,
  countText,
  effect,
  equivalenceText,
  impactSentence,
  points,
} from "../../lib/evidence/impact-text.js";
import { LazyIntervalBars } from "./lazy-charts.js";

function Fact(props: { term: string; children: string }) {
  return (
    <div>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

export function ImpactSection(props: { statistics: Statistics }) {
  const s = props.statistics;
  return (
    <section className="evidence-section" aria-labelledby="evidence-impact-heading">
      <h2 id="evidence-impact-heading">Impact</h2>
      {s.kind === "unavailable" ? (
        <div className="verdict verdict-provisional">
          <p className="verdict-line">The impact could not be estimated from the stored data.</p>
          <ul aria-label="Why the impact was not estimated">
            {s.problems.map((p) => (
              <li key={`${p.path}:${p.code}`}>{p.message}</li>
            ))}
          </ul>
        </div>
      ) : (
        <ImpactBody statistics={s} />
      )}
    </section>
  );
}

function ImpactBody(props: { statistics: ComputedStatistics }) {
  const { impact, subject, windows } = props.statistics;
  const r = impact.regression;
  const cautions = impact.verdict === "cannotConclude" ? [] : impact.reasons;
  const sentence = impactSentence(impact);
  const chartable = r !== null && r.estimate !== null && r.ciLow !== null && r.ciHigh !== null;
  return (
    <>
      <p className="lead-in">
        Growth in {subject} from the {windows.baseline} to the {windows.outcome} window of served students,
        compared with similar students not served (matched on grade and baseline score).
      </p>
      <div className={`verdict verdict-${impact.verdict}`}>
        <p className="verdict-line">{sentence}</p>
        {cautions.length > 0 && (
          <ul aria-label="Cautions">
            {cautions.map((c) => (
              <li key={c.code}>{c.message}</li>
            ))}
          </ul>
        )}
      </div>
      <dl className="evidence-facts">
        <Fact term="Served, matched">{countText(impact.sample["servedMatched"])}</Fact>
        <Fact term="Comparison, matched">{countText(impact.sample["comparisonMatched"])}</Fact>
        <Fact term="Served in all">{countText(impact.sample["served"])}</Fact>
        <Fact term="Comparison in all">{countText(impact.sample["comparison"])}</Fact>
        <Fact term="Baseline equivalence (What Works Clearinghouse)">{equivalenceText(impact.baseline)}</Fact>
        <Fact term="Attrition">{attritionText(impact)}</Fact>
        {r !== null && (
          <Fact term="Regression estimate">
            {`${points(r.estimate)} points (standard error ${points(r.standardError)}; 95% CI ${points(r.ciLow)} to ${points(r.ciHigh)}; ${r.n} students, ${r.df} degrees of freedom)`}
          </Fact>
        )}
        {impact.effectSize !== null && (
          <Fact term="Effect size (Hedges' g)">
            {`${effect(impact.effectSize.hedgesG)} (95% CI ${effect(impact.effectSize.ciLow)} to ${effect(impact.effectSize.ciHigh)})`}
          </Fact>
        )}
        {impact.meanGrowth !== null && (
          <Fact term="Mean growth, unadjusted">
            {`served ${points(impact.meanGrowth.served)}, comparison ${points(impact.meanGrowth.comparison)} points; served minus comparison ${points(impact.meanGrowth.difference)} points`}
          </Fact>
        )}
      </dl>
      {chartable && (
        <LazyIntervalBars
          label={`Chart of the adjusted difference in growth with its 95% interval. ${sentence}`}
          rows={[
            {
              name: "Served minus comparison",
              value: r.estimate ?? 0,
              low: r.ciLow ?? 0,
              high: r.ciHigh ?? 0,
            },
          ]}
          format={(v) => points(v)}
          axisLabel="Difference in growth (points)"
          reference={{ value: 0, label: "no difference" }}
        />
      )}
    </>
  );
}
