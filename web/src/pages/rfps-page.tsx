/**
 * Requests for proposals. District staff see their district's RFPs, and the district's
 * administrator starts a new one from one of the district's contracts (a draft contract's
 * terms, typically). A vendor's users see every published RFP: those still taking
 * proposals first.
 */
import { useState, type FormEvent } from "react";
import type { ApiClient } from "../lib/api-client.js";
import type { ContractSummary, Session } from "../lib/api-types.js";
import { createRfp, listRfps, type Rfp } from "../lib/api/rfps.js";
import { rfpPath } from "../lib/routes.js";
import { navigate } from "../navigation.js";
import { Link } from "../components/link.js";
import { LoadView } from "../components/load-view.js";
import { PageHeading } from "../components/page-heading.js";
import { ErrorMessage } from "../components/error-message.js";
import { asApiError, useLoad } from "../use-load.js";
import type { ApiError } from "../lib/api-client.js";
import "../styles/rfps.css";

const STATUS_TEXT: Readonly<Record<Rfp["status"], string>> = {
  draft: "Draft",
  published: "Published",
  closed: "Closed",
  awarded: "Awarded",
};

export function statusText(rfp: Rfp): string {
  if (rfp.status === "published") return rfp.open ? "Open for proposals" : "Published, past its due date";
  return STATUS_TEXT[rfp.status];
}

export function RfpsPage(props: { api: ApiClient; session: Session }) {
  const vendor = props.session.organizationKind === "vendor";
  const { result, retry } = useLoad("rfps", () => listRfps(props.api));
  return (
    <>
      <PageHeading
        lead={
          vendor
            ? "Requests for proposals published by districts. Open one to read it and send your proposal."
            : "The district's requests for proposals: draft, publish, score the proposals and award."
        }
      >
        Requests for proposals
      </PageHeading>
      {props.session.role === "district_admin" && (
        <NewRfpForm api={props.api} districtId={props.session.organizationId} />
      )}
      <LoadView result={result} retry={retry} what="the requests for proposals">
        {(rfps) => (
          <RfpTable
            rfps={vendor ? [...rfps].sort((a, b) => Number(b.open) - Number(a.open)) : rfps}
            vendor={vendor}
          />
        )}
      </LoadView>
    </>
  );
}

function RfpTable(props: { rfps: readonly Rfp[]; vendor: boolean }) {
  if (props.rfps.length === 0)
    return (
      <p className="empty" role="status">
        {props.vendor
          ? "No district has published a request for proposals yet."
          : "The district has no requests for proposals yet."}
      </p>
    );
  return (
    <div className="table-wrap" role="region" aria-label="Requests for proposals" tabIndex={0}>
      <table>
        <caption>
          {props.vendor ? "Published requests for proposals" : "The district's requests for proposals"}
        </caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            {props.vendor && <th scope="col">District</th>}
            <th scope="col">Status</th>
            <th scope="col">Proposals due</th>
          </tr>
        </thead>
        <tbody>
          {props.rfps.map((rfp) => (
            <tr key={`${rfp.districtId}/${rfp.rfpId}`}>
              <th scope="row">
                <Link to={rfpPath(rfp.districtId, rfp.rfpId)}>{rfp.title}</Link>
              </th>
              {props.vendor && <td>{rfp.districtId}</td>}
              <td>{statusText(rfp)}</td>
              <td>{rfp.proposalsDueOn ?? "Not set"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NewRfpForm(props: { api: ApiClient; districtId: string }) {
  const contracts = useLoad("rfp-contracts", () => props.api.allContracts());
  const [contractId, setContractId] = useState("");
  const [rfpId, setRfpId] = useState("");
  const [title, setTitle] = useState("");
  const [due, setDue] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    createRfp(props.api, props.districtId, {
      rfpId,
      title,
      fromContract: contractId,
      ...(due === "" ? {} : { proposalsDueOn: due }),
    }).then(
      (rfp) => navigate(rfpPath(rfp.districtId, rfp.rfpId)),
      (failure: unknown) => {
        setBusy(false);
        setError(asApiError(failure));
      },
    );
  };
  const drafts = (list: readonly ContractSummary[]) =>
    [...list].sort((a, b) => Number(b.stage === "draft") - Number(a.stage === "draft"));
  return (
    <section aria-labelledby="new-rfp-heading" className="rfp-card">
      <h2 id="new-rfp-heading">New RFP from a contract's terms</h2>
      <LoadView result={contracts.result} retry={contracts.retry} what="the district's contracts">
        {(list) =>
          list.length === 0 ? (
            <p className="empty">Write a draft contract first: an RFP starts from its terms.</p>
          ) : (
            <form onSubmit={submit}>
              <div className="field">
                <label htmlFor="rfp-source">Terms of</label>
                <select
                  id="rfp-source"
                  required
                  value={contractId}
                  onChange={(e) => setContractId(e.target.value)}
                >
                  <option value="">Choose a contract</option>
                  {drafts(list).map((c) => (
                    <option key={c.contractId} value={c.contractId}>
                      {c.title} ({c.contractId}, {c.stage})
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="rfp-id">RFP id</label>
                <input
                  id="rfp-id"
                  required
                  pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}"
                  aria-describedby="rfp-id-hint"
                  value={rfpId}
                  onChange={(e) => setRfpId(e.target.value)}
                />
                <p id="rfp-id-hint" className="hint">
                  Letters, digits, ".", "_" or "-"; it becomes the awarded contract's id.
                </p>
              </div>
              <div className="field">
                <label htmlFor="rfp-title">Title</label>
                <input
                  id="rfp-title"
                  required
                  maxLength={200}
                  value={title}
                  onChange={(e) => setTitle(e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor="rfp-due">Proposals due (optional)</label>
                <input id="rfp-due" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
              </div>
              {error !== null && <ErrorMessage title="The RFP was not created" error={error} />}
              <button type="submit" className="primary" disabled={busy}>
                {busy ? "Creating…" : "Create RFP"}
              </button>
            </form>
          )
        }
      </LoadView>
    </section>
  );
}
