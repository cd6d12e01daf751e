/**
 * Scorecards. For district staff, the district's portfolio scorecard: each contract's spend
 * and outcomes from its latest statement (final if any, else interim), the totals row, the
 * cost per student chart and the district's vendors compared. A vendor's users land on their
 * own scorecard (vendor-scorecard-page.tsx).
 */
import { useState } from "react";
import type { ApiClient } from "../lib/api-client.js";
import type { Session } from "../lib/api-types.js";
import {
  fetchDistrictScorecard,
  type DistrictScorecardJson,
  type ScorecardQuery,
} from "../lib/api/scorecards.js";
import { moneyText, shareText } from "../lib/scorecards/summaries.js";
import { vendorScorecardPath } from "../lib/routes.js";
import { Link } from "../components/link.js";
import { LoadView } from "../components/load-view.js";
import { PageHeading } from "../components/page-heading.js";
import { NumberTable } from "../components/outcomes/numbers.js";
import { ScorecardContracts, ScorecardFilterForm } from "../components/scorecards/scorecard-sections.js";
import { useLoad } from "../use-load.js";
import { VendorScorecardPage } from "./vendor-scorecard-page.js";
import "../styles/outcomes.css";
import "../styles/scorecards.css";

export function ScorecardsPage(props: { api: ApiClient; session: Session }) {
  if (props.session.organizationKind === "vendor")
    return <VendorScorecardPage api={props.api} vendorId={props.session.organizationId} />;
  return <DistrictScorecardPage api={props.api} districtId={props.session.organizationId} />;
}

function DistrictScorecardPage(props: { api: ApiClient; districtId: string }) {
  const [query, setQuery] = useState<ScorecardQuery>({ schoolYear: null, stage: null });
  const { result, retry } = useLoad(
    `${props.districtId}/${query.schoolYear ?? ""}/${query.stage ?? ""}`,
    () => fetchDistrictScorecard(props.api, props.districtId, query),
  );
  return (
    <>
      <PageHeading lead="Spend and outcomes of the district's contracts, each from its latest final statement, or its latest interim statement before then.">
        Portfolio scorecard
      </PageHeading>
      <ScorecardFilterForm query={query} onChange={setQuery} />
      <LoadView result={result} retry={retry} what="the scorecard">
        {(card) => <DistrictScorecardBody card={card} />}
      </LoadView>
    </>
  );
}

function DistrictScorecardBody(props: { card: DistrictScorecardJson }) {
  const { card } = props;
  return (
    <ScorecardContracts
      caption={`Contracts of ${card.districtName}`}
      lines={card.contracts}
      totals={card.totals}
      party="vendor"
    >
      <section aria-labelledby="vendors-heading">
        <h2 id="vendors-heading">Vendors compared</h2>
        <NumberTable
          caption="Each vendor's totals over the district's contracts with it"
          headers={[
            { label: "Vendor" },
            { label: "Contracts", numeric: true },
            { label: "Paid to date", numeric: true },
            { label: "Share of contingent earned", numeric: true },
            { label: "Students served", numeric: true },
            { label: "Cost per student served", numeric: true },
            { label: "Cost per student meeting a target", numeric: true },
          ]}
          rows={card.vendors.map((v) => ({
            key: v.id,
            cells: [
              <Link key="v" to={vendorScorecardPath(v.id)}>
                {v.name}
              </Link>,
              v.totals.contracts,
              moneyText(v.totals.paid),
              shareText(v.totals.contingentEarnedShare),
              v.totals.studentsServed,
              moneyText(v.totals.costPerStudentServed),
              moneyText(v.totals.costPerStudentMeetingOutcomes),
            ],
          }))}
        />
      </section>
    </ScorecardContracts>
  );
}
