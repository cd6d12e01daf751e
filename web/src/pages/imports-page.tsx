import { useState } from "react";
import type { ApiClient } from "../lib/api-client.js";
import type { ContractSummary, Session } from "../lib/api-types.js";
import { importDistricts, listBatches } from "../lib/api/imports.js";
import { LoadView } from "../components/load-view.js";
import { PageHeading } from "../components/page-heading.js";
import { BatchTable } from "../components/imports/batch-table.js";
import { PagedView } from "../components/imports/load-more.js";
import { UploadPanel } from "../components/imports/upload-panel.js";
import { usePages } from "../components/imports/use-pages.js";
import { useLoad } from "../use-load.js";
import "../styles/imports.css";

interface Setup {
  readonly session: Session;
  readonly contracts: readonly ContractSummary[];
}

/** Roles that may upload (write:sessions): district staff any data file, a vendor its session logs. */
const UPLOADERS: readonly string[] = ["district_admin", "district_analyst", "vendor_user"];

/** Data imports: upload files and see the batches of a district, with links to their rejects. */
export function ImportsPage(props: { api: ApiClient }) {
  const { api } = props;
  const { result, retry } = useLoad("imports-setup", async (): Promise<Setup> => {
    const session = await api.session();
    if (session === null) throw new Error("you are signed out; sign in again");
    return { session, contracts: session.organizationKind === "platform" ? [] : await api.allContracts() };
  });
  return (
    <>
      <PageHeading lead="Data files imported into Accord, as batches with their accepted and rejected rows.">
        Data imports
      </PageHeading>
      <LoadView result={result} retry={retry} what="your organization's districts">
        {(setup) => <Imports api={api} setup={setup} />}
      </LoadView>
    </>
  );
}

function Imports(props: { api: ApiClient; setup: Setup }) {
  const { session, contracts } = props.setup;
  const districts = importDistricts(session, contracts);
  const [chosen, setChosen] = useState(districts[0] ?? "");
  const [version, setVersion] = useState(0);
  if (districts.length === 0)
    return (
      <div className="empty">
        <p>
          {session.organizationKind === "vendor"
            ? "Your organization has no contracts yet, so there is no district to import session logs for."
            : "Data imports are not available for your role: they belong to districts and their vendors."}
        </p>
      </div>
    );
  const districtId = districts.includes(chosen) ? chosen : (districts[0] ?? "");
  const vendor = session.organizationKind === "vendor";
  const own = contracts.filter((c) => c.districtId === districtId);
  return (
    <>
      {districts.length > 1 && (
        <div className="field district-choice">
          <label htmlFor="district">District</label>
          <select id="district" value={districtId} onChange={(event) => setChosen(event.target.value)}>
            {districts.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </div>
      )}
      {UPLOADERS.includes(session.role) ? (
        <UploadPanel
          key={districtId}
          api={props.api}
          districtId={districtId}
          contracts={own}
          vendor={vendor}
          onImported={() => setVersion((n) => n + 1)}
        />
      ) : (
        <p className="notice">Your role can read the import batches but not import files.</p>
      )}
      <Batches api={props.api} districtId={districtId} vendor={vendor} version={version} />
    </>
  );
}

function Batches(props: { api: ApiClient; districtId: string; vendor: boolean; version: number }) {
  const { api, districtId } = props;
  const { paged, loadMore, retry } = usePages(`${districtId}#${props.version}`, (cursor) =>
    listBatches(api, districtId, cursor),
  );
  const caption = props.vendor
    ? `Your organization's import batches in ${districtId}, newest first`
    : `Import batches of ${districtId}, newest first`;
  return (
    <section aria-labelledby="batches-heading">
      <h2 id="batches-heading">{props.vendor ? "Your import batches" : "Import batches"}</h2>
      <PagedView
        paged={paged}
        retry={retry}
        loadMore={loadMore}
        what="the import batches"
        empty={
          <p>
            No files have been imported{props.vendor ? " by your organization" : ""} in {districtId} yet.
          </p>
        }
      >
        {(batches) => <BatchTable districtId={districtId} batches={batches} caption={caption} />}
      </PagedView>
    </section>
  );
}
