/** The evidence chart, loaded on first use: recharts arrives while the tables are already on screen. */
import { Suspense, lazy, type ComponentProps } from "react";

const IntervalBars = lazy(() => import("./charts.js").then((m) => ({ default: m.IntervalBars })));

export function LazyIntervalBars(props: ComponentProps<typeof IntervalBars>) {
  return (
    <Suspense
      fallback={
        <p className="chart-loading" role="status">
          Loading the chart…
        </p>
      }
    >
      <IntervalBars {...props} />
    </Suspense>
  );
}
