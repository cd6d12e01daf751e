/**
 * The charts, loaded on first use: recharts is a separate chunk that the outcomes page
 * fetches while its tables are already on screen.
 */
import { Suspense, lazy, type ComponentProps } from "react";

const load = () => import("./charts.js");
const Histogram = lazy(() => load().then((m) => ({ default: m.Histogram })));
const RateBars = lazy(() => load().then((m) => ({ default: m.RateBars })));
const DosageScatter = lazy(() => load().then((m) => ({ default: m.DosageScatter })));

function Loading() {
  return (
    <p className="chart-loading" role="status">
      Loading the chart…
    </p>
  );
}

export function LazyHistogram(props: ComponentProps<typeof Histogram>) {
  return (
    <Suspense fallback={<Loading />}>
      <Histogram {...props} />
    </Suspense>
  );
}

export function LazyRateBars(props: ComponentProps<typeof RateBars>) {
  return (
    <Suspense fallback={<Loading />}>
      <RateBars {...props} />
    </Suspense>
  );
}

export function LazyDosageScatter(props: ComponentProps<typeof DosageScatter>) {
  return (
    <Suspense fallback={<Loading />}>
      <DosageScatter {...props} />
    </Suspense>
  );
}
