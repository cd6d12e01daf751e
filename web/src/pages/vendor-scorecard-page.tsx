/**
 * A vendor's scorecard: its results across its contracts. The vendor's own users see every
 * district it serves; a district's staff see only their own district's contracts with the
 * vendor (the server gives nothing else).
 */
import { useState } from "react";
import type { ApiClient } from "../lib/api-client.js";
import {
  fetchVendorScorecard,
  type ScorecardQuery,
  type VendorScorecardJson,
} from "../lib/api/scorecards.js";
import { scorecardsPath } from "../lib/routes.js";
import { Link } from "../components/link.js";
import { LoadView } from "../components/load-view.js";
import { Breadcrumbs, PageHeading } from "../components/page-heading.js";
import { ScorecardContracts, ScorecardFilterForm } from "../components/scorecards/scorecard-sections.js";
import { NumberTable } from "../components/outcomes/numbers.js";
import { moneyText, shareText } from "../lib/scorecards/summaries.js";
import { useLoad } from "../use-load.js";
import "../styles/outcomes.css";
import "../styles/scorecards.css";

export function VendorScorecardPage(props: { api: ApiClient; vendorId: string }) {
  const [query, setQuery] = useState<ScorecardQuery>({ schoolYear: null, stage: null });
  const { result, retry } = useLoad(`${props.vendorId}/${query.schoolYear ?? ""}/${query.stage ?? ""}`, () =>
    fetchVendorScorecard(props.api, props.vendorId, query),
  );
  const name = result.state === "ready" ? result.data.vendorName : props.vendorId;
  return (
    <>
      <Breadcrumbs>
        <li>
          <Link to={scorecardsPath()}>Scorecards</Link>
        </li>
        <li aria-current="page">{name}</li>
      </Breadcrumbs>
      <PageHeading lead={result.state === "ready" ? leadOf(result.data) : undefined}>
        Vendor scorecard: {name}
      </PageHeading>
      <ScorecardFilterForm query={query} onChange={setQuery} />
      <LoadView result={result} retry={retry} what="the vendor scorecard">
        {(card) => <VendorScorecardBody card={card} />}
      </LoadView>
    </>
  );
}

function leadOf(card: VendorScorecardJson): string {
  return card.view === "vendor"
    ? `Results across the ${card.districts.length} district${card.districts.length === 1 ? "" : "s"} you serve, from each contract's latest statement.`
    : "Results of your district's own contracts with this vendor only: other districts' figures are not shown.";
}

function VendorScorecardBody(props: { card: VendorScorecardJson }) {
  const { card } = props;
  return (
    <ScorecardContracts
      caption={`Contracts of ${card.vendorName}`}
      lines={card.contracts}
      totals={card.totals}
      party="district"
    >
      {card.view === "vendor" && (
        <section aria-labelledby="districts-heading">
          <h2 id="districts-heading">Districts served</h2>
          <NumberTable
            caption="Your totals in each district you serve"
            headers={[
              { label: "District" },
              { label: "Contracts", numeric: true },
              { label: "Paid to date", numeric: true },
              { label: "Share of contingent earned", numeric: true },
              { label: "Students served", numeric: true },
              { label: "Cost per student served", numeric: true },
              { label: "Obligations on time", numeric: true },
              { label: "Disputes (open)", numeric: true },
            ]}
            rows={card.districts.map((d) => ({
              key: d.id,
              cells: [
                d.name,
                d.totals.contracts,
                moneyText(d.totals.paid),
                shareText(d.totals.contingentEarnedShare),
                d.totals.studentsServed,
                moneyText(d.totals.costPerStudentServed),
                shareText(d.totals.onTimeShare),
                `${d.totals.disputes.raised} (${d.totals.disputes.open})`,
              ],
            }))}
          />
        </section>
      )}
    </ScorecardContracts>
  );
}
