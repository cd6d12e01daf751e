/** The budget bars, loaded on first use: recharts stays out of the first download. */
import { Suspense, lazy, type ComponentProps } from "react";

const Bars = lazy(() => import("./budget-bars.js").then((m) => ({ default: m.BudgetBars })));

export function LazyBudgetBars(props: ComponentProps<typeof Bars>) {
  return (
    <Suspense
      fallback={
        <p className="chart-loading" role="status">
          Loading the chart…
        </p>
      }
    >
      <Bars {...props} />
    </Suspense>
  );
}
