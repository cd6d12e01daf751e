/**
 * The forecast of the final statement as a range (low, expected, high), for the total,
 * the outcome money and each metric, with its method in one sentence. Amounts are shown
 * from the API's decimal strings, never through a float.
 */
import type { ContractEvidence } from "../../lib/api/evidence.js";
import { formatMoney, formatRatePercent } from "../../lib/money.js";
import { forecastMethod, forecastSummary } from "../../lib/evidence/report-text.js";
import { NumberTable } from "../outcomes/numbers.js";

export function ForecastSection(props: { evidence: ContractEvidence }) {
  const { forecast: f, currency, asOf } = props.evidence;
  const money = (s: string) => formatMoney(s, currency);
  return (
    <section className="evidence-section" aria-labelledby="evidence-forecast-heading">
      <h2 id="evidence-forecast-heading">Forecast</h2>
      <p className="chart-summary">{forecastSummary(f, currency)}</p>
      <p className="method">
        <strong>Method.</strong> {forecastMethod(f, asOf)}
      </p>
      <p>
        The statement as of {asOf} pays {money(f.current.total)}, of which {money(f.current.outcome)} on
        outcomes.
      </p>
      <NumberTable
        caption="Forecast of the final statement: low, expected and high"
        headers={[
          { label: "Line" },
          { label: "Low", numeric: true },
          { label: "Expected", numeric: true },
          { label: "High", numeric: true },
        ]}
        rows={[
          {
            key: "total",
            cells: ["Total payment", money(f.total.low), money(f.total.expected), money(f.total.high)],
          },
          {
            key: "outcome",
            cells: [
              "Outcome payment",
              money(f.outcome.low),
              money(f.outcome.expected),
              money(f.outcome.high),
            ],
          },
          ...f.metrics.flatMap((m) => [
            {
              key: `${m.id}-amount`,
              cells: [`${m.id}: amount`, money(m.amount.low), money(m.amount.expected), money(m.amount.high)],
            },
            {
              key: `${m.id}-rate`,
              cells: [
                `${m.id}: share meeting it`,
                `${formatRatePercent(m.rate.low)} (${m.met.low})`,
                `${formatRatePercent(m.rate.expected)} (${m.met.expected})`,
                `${formatRatePercent(m.rate.high)} (${m.met.high})`,
              ],
            },
          ]),
        ]}
      />
    </section>
  );
}
