/**
 * One bar per funding source: paid, encumbered and available, stacked to the source's
 * amount (recharts; loaded lazily with the page). The chart is one image to assistive
 * technology, named by its summary; the exact figures are in the table beside it.
 */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { FundingSource } from "../../lib/api/budget.js";
import { formatMoney, parseMoneyCents } from "../../lib/money.js";

const PAID = "#3d5a80";
const ENCUMBERED = "#a4470b";
const AVAILABLE = "#2d7a4f";

/** Dollars for drawing only (bar lengths); every figure shown as text comes from the exact strings. */
const drawn = (money: string): number => Number(parseMoneyCents(money) ?? 0n) / 100;

export function BudgetBars(props: { sources: readonly FundingSource[] }) {
  const data = props.sources.map((s) => ({
    code: s.code,
    paid: drawn(s.balance.paid),
    encumbered: drawn(s.balance.encumbered),
    available: Math.max(0, drawn(s.balance.available)),
  }));
  const label = `Funding sources: ${props.sources
    .map(
      (s) =>
        `${s.code} ${formatMoney(s.balance.paid)} paid, ${formatMoney(s.balance.encumbered)} encumbered, ${formatMoney(s.balance.available)} available of ${formatMoney(s.balance.amount)}`,
    )
    .join("; ")}`;
  return (
    <div className="chart-frame" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height={Math.max(120, 48 * data.length + 60)}>
        <BarChart data={data} layout="vertical" margin={{ left: 16, right: 16 }}>
          <CartesianGrid stroke="#d9dde3" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => `$${v.toLocaleString("en-US")}`} />
          <YAxis type="category" dataKey="code" width={110} />
          <Tooltip formatter={(v) => `$${Number(v).toLocaleString("en-US", { minimumFractionDigits: 2 })}`} />
          <Legend />
          <Bar dataKey="paid" name="Paid" stackId="money" fill={PAID} isAnimationActive={false} />
          <Bar
            dataKey="encumbered"
            name="Encumbered"
            stackId="money"
            fill={ENCUMBERED}
            isAnimationActive={false}
          />
          <Bar
            dataKey="available"
            name="Available"
            stackId="money"
            fill={AVAILABLE}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
