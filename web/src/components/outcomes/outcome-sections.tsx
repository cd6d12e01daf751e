/** The outcomes page's sections: growth, attainment, dosage against growth, tutor consistency. */
import type { ContractOutcomes, GrowthDistribution, MetricAttainment } from "../../lib/api/outcomes.js";
import { formatRatePercent } from "../../lib/money.js";
import {
  attainmentSummary,
  binLabel,
  chartNumber,
  consistencySummary,
  dosageSummary,
  growthSummary,
  shareBinLabel,
} from "../../lib/outcomes/summaries.js";
import { LazyDosageScatter, LazyHistogram, LazyRateBars } from "./lazy-charts.js";
import { ChartSection, NumberTable, ShowNumbers } from "./numbers.js";

export function GrowthSection(props: { growth: GrowthDistribution; hasAssessments: boolean }) {
  const g = props.growth;
  const relative = g.axis === "growthMinusTarget";
  const xLabel = relative ? "Points above (+) or below (−) the student's target" : "Growth (points)";
  return (
    <ChartSection id={`growth-${g.metricId}`} title={`Growth: ${g.label}`} summary={growthSummary(g)}>
      {g.students === 0 ? (
        <p className="empty">
          {props.hasAssessments
            ? "Growth needs scores from both test windows."
            : "No assessment data yet: growth appears once both test windows are imported."}
        </p>
      ) : (
        <>
          <LazyHistogram
            label={growthSummary(g)}
            bins={g.bins}
            line={chartNumber(g.line)}
            lineLabel={relative ? "Target" : `Target: ${g.line}`}
            xLabel={xLabel}
          />
          <ShowNumbers>
            <NumberTable
              caption={`${g.label}: students by ${relative ? "points above or below their target" : "growth in points"} (from inclusive, to exclusive)`}
              headers={[
                { label: relative ? "Points against the target" : "Growth (points)" },
                { label: "Students", numeric: true },
              ]}
              rows={g.bins.map((b) => ({ key: b.from, cells: [binLabel(b), b.count] }))}
            />
          </ShowNumbers>
        </>
      )}
    </ChartSection>
  );
}

export function AttainmentSection(props: { metrics: readonly MetricAttainment[] }) {
  const rows = props.metrics.map((m) => ({
    name: m.label,
    percent: chartNumber(m.rate) * 100,
    text: `${formatRatePercent(m.rate)} (${m.met} of ${m.denominator})`,
  }));
  return (
    <ChartSection id="attainment" title="Attainment by metric" summary={attainmentSummary(props.metrics)}>
      {props.metrics.length > 0 && <LazyRateBars label={attainmentSummary(props.metrics)} rows={rows} />}
      <ShowNumbers>
        <NumberTable
          caption="Students measured on each metric and how many met it"
          headers={[
            { label: "Metric" },
            { label: "What counts as met" },
            { label: "Students measured", numeric: true },
            { label: "Met", numeric: true },
            { label: "Missing scores", numeric: true },
            { label: "Rate", numeric: true },
          ]}
          rows={props.metrics.map((m) => ({
            key: m.id,
            cells: [m.label, m.criterion, m.denominator, m.met, m.missing, formatRatePercent(m.rate)],
          }))}
        />
      </ShowNumbers>
    </ChartSection>
  );
}

export function DosageSection(props: {
  dosage: ContractOutcomes["dosage"][number];
  growth: GrowthDistribution | undefined;
}) {
  const { points } = props.dosage;
  const line = props.growth?.axis === "growth" ? chartNumber(props.growth.line) : null;
  return (
    <ChartSection
      id={`dosage-${props.dosage.metricId}`}
      title={`Sessions and growth: ${props.dosage.label}`}
      summary={dosageSummary(points)}
    >
      {points.length > 0 && (
        <>
          <LazyDosageScatter label={dosageSummary(points)} points={points} line={line} />
          <ShowNumbers summary={`Show the numbers (${points.length} students)`}>
            <NumberTable
              caption="Each student's sessions, minutes and growth"
              headers={[
                { label: "Student" },
                { label: "Sessions", numeric: true },
                { label: "Minutes", numeric: true },
                { label: "Growth (points)", numeric: true },
                { label: "Met the target" },
              ]}
              rows={points.map((p) => ({
                key: p.studentId,
                cells: [p.studentId, p.sessions, p.minutes, p.growth, p.met ? "Yes" : "No"],
              }))}
            />
          </ShowNumbers>
        </>
      )}
    </ChartSection>
  );
}

export function ConsistencySection(props: { consistency: ContractOutcomes["consistency"] }) {
  const c = props.consistency;
  // Tick labels only: 0.3 * 100 is 30.000000000000004 in binary floats.
  const percent = (v: number) => `${Number((v * 100).toPrecision(3))}%`;
  return (
    <ChartSection id="consistency" title="Tutor consistency" summary={consistencySummary(c)}>
      {c.students > 0 && (
        <>
          <LazyHistogram
            label={consistencySummary(c)}
            bins={c.bins}
            line={c.minShare === null ? null : chartNumber(c.minShare)}
            lineLabel="Contract minimum"
            xLabel="Share of a student's sessions with the same tutor"
            format={percent}
          />
          <ShowNumbers>
            <NumberTable
              caption="Students by the share of their sessions with the same tutor (from inclusive, to exclusive; the last band includes 100%)"
              headers={[{ label: "Share with the same tutor" }, { label: "Students", numeric: true }]}
              rows={c.bins.map((b) => ({ key: b.from, cells: [shareBinLabel(b), b.count] }))}
            />
          </ShowNumbers>
        </>
      )}
    </ChartSection>
  );
}
