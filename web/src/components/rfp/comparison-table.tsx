/**
 * The comparison of an RFP's proposals (district staff): price, each criterion's weighted
 * points, the weighted total, and what each rate card would have paid on the stored data
 * of a contract (the RFP's source contract unless another is named).
 */
import { useState } from "react";
import type { ApiClient } from "../../lib/api-client.js";
import { compareProposals, type Comparison, type Proposal, type RfpDetail } from "../../lib/api/rfps.js";
import { formatMoney } from "../../lib/money.js";
import { useLoad } from "../../use-load.js";
import { LoadView } from "../load-view.js";

export const PROPOSAL_STATUS: Readonly<Record<Proposal["status"], string>> = {
  submitted: "Submitted",
  withdrawn: "Withdrawn",
  awarded: "Awarded",
  notSelected: "Not selected",
};

export function ComparisonSection(props: {
  api: ApiClient;
  rfp: RfpDetail;
  currency: string;
  version: number;
}) {
  const [dataFrom, setDataFrom] = useState(props.rfp.sourceContractId ?? "");
  const [asked, setAsked] = useState(props.rfp.sourceContractId ?? "");
  const load = useLoad(`${props.rfp.rfpId}/comparison/${asked}/${props.version}/${props.rfp.revision}`, () =>
    compareProposals(props.api, props.rfp, asked),
  );
  return (
    <section aria-labelledby="comparison-heading">
      <h2 id="comparison-heading">Comparison</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(dataFrom);
        }}
      >
        <div className="field">
          <label htmlFor="comparison-data">Settle the rate cards on the stored data of contract</label>
          <input id="comparison-data" value={dataFrom} onChange={(e) => setDataFrom(e.target.value)} />
        </div>
        <button type="submit">Compare</button>
      </form>
      <LoadView result={load.result} retry={load.retry} what="the comparison">
        {(c) => <ComparisonTable comparison={c} currency={props.currency} />}
      </LoadView>
    </section>
  );
}

function paidText(p: Comparison["proposals"][number], currency: string): string {
  const w = p.wouldHavePaid;
  if (w.status === "withdrawn") return "Withdrawn";
  if (w.status === "invalid" || w.total === null)
    return `Not settled: ${w.problems.map((x) => x.message).join("; ")}`;
  return formatMoney(w.total, currency);
}

function ComparisonTable(props: { comparison: Comparison; currency: string }) {
  const c = props.comparison;
  if (c.proposals.length === 0)
    return (
      <p className="empty" role="status">
        No proposal to compare yet.
      </p>
    );
  return (
    <div className="table-wrap" role="region" aria-label="Comparison of the proposals" tabIndex={0}>
      <table className="comparison">
        <caption>
          Proposals side by side; "would have paid" settles each rate card on the stored data of contract{" "}
          {c.dataFrom}
          {c.yearsBack > 0 &&
            `, its period and windows moved back ${c.yearsBack} year${c.yearsBack === 1 ? "" : "s"}`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Vendor</th>
            <th scope="col">Price</th>
            {c.criteria.map((k) => (
              <th scope="col" key={k.key}>
                {k.name} ({k.weight})
              </th>
            ))}
            <th scope="col">Weighted total</th>
            <th scope="col">Would have paid</th>
          </tr>
        </thead>
        <tbody>
          {c.proposals.map((p) => (
            <tr key={p.proposalId}>
              <th scope="row">
                {p.vendorName}
                {p.status !== "submitted" && ` (${PROPOSAL_STATUS[p.status]})`}
              </th>
              <td>{formatMoney(p.price, props.currency)}</td>
              {p.evaluation.criteria.map((k) => (
                <td key={k.key}>{k.weighted ?? "-"}</td>
              ))}
              <td>{p.evaluation.total ?? "-"}</td>
              <td>
                {paidText(p, props.currency)}
                {p.wouldHavePaid.status === "previewed" && p.wouldHavePaid.served !== null && (
                  <span className="hint"> ({p.wouldHavePaid.served} served)</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
