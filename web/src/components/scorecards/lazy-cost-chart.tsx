/** The cost chart, loaded on first use: recharts is a separate chunk fetched while the tables show. */
import { Suspense, lazy, type ComponentProps } from "react";

const CostChart = lazy(() => import("./cost-chart.js").then((m) => ({ default: m.CostChart })));

export function LazyCostChart(props: ComponentProps<typeof CostChart>) {
  return (
    <Suspense
      fallback={
        <p className="chart-loading" role="status">
          Loading the chart…
        </p>
      }
    >
      <CostChart {...props} />
    </Suspense>
  );
}
