/**
 * The payment waterfall: a chart (loaded lazily) beside the same lines as a table, each
 * line with its amount and the reasons for it, and a one-paragraph summary for readers
 * who do not see the chart. Every amount shown is formatted from cents.
 */
import { lazy, Suspense } from "react";
import type { Waterfall } from "../../lib/api-types.js";
import type { Why } from "../../lib/api/statements.js";
import { formatMoney } from "../../lib/money.js";
import { waterfallBars, waterfallLines, waterfallSummary, type WaterfallLine } from "../../lib/waterfall.js";

const WaterfallChart = lazy(() => import("./waterfall-chart.js"));

function signed(line: WaterfallLine, currency: string): string {
  if (line.kind === "sum") return formatMoney(line.cents, currency);
  return line.cents > 0n ? `+${formatMoney(line.cents, currency)}` : formatMoney(line.cents, currency);
}

export function WaterfallSection(props: { waterfall: Waterfall; why: readonly Why[] }) {
  const { waterfall: w } = props;
  const lines = waterfallLines(w, props.why);
  return (
    <section aria-labelledby="waterfall-heading" className="waterfall-section">
      <h2 id="waterfall-heading">Payment waterfall</h2>
      <div className="waterfall-layout">
        <figure className="waterfall-figure">
          <Suspense fallback={<p className="status">Loading the chart…</p>}>
            <WaterfallChart bars={waterfallBars(lines)} />
          </Suspense>
          <figcaption>{waterfallSummary(lines, w.currency)}</figcaption>
        </figure>
        <div className="table-wrap" role="region" aria-labelledby="waterfall-lines-caption" tabIndex={0}>
          <table className="waterfall">
            <caption id="waterfall-lines-caption">Waterfall lines and why ({w.currency})</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr
                  key={line.key}
                  className={`line-${line.kind === "sum" ? (line.key === "subtotal" ? "subtotal" : "total") : "detail"}`}
                  data-line={line.key}
                >
                  <th scope="row">
                    {line.label}
                    {line.why.map((text) => (
                      <span key={text} className="why">
                        {text}
                      </span>
                    ))}
                  </th>
                  <td className="num">{signed(line, w.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
