/**
 * The district's side of an RFP's proposals: each proposal with its scores, the scoring
 * form (administrators and analysts: 0-5 points and a comment per criterion; the price
 * criterion is scored from the prices), the comparison (price, weighted scores, what each
 * rate card would have paid on stored data) and the award (administrators, once, after
 * the RFP stopped taking proposals), each behind a confirmation.
 */
import { useState, type FormEvent } from "react";
import type { ApiClient, ApiError } from "../../lib/api-client.js";
import type { Role } from "../../lib/api-types.js";
import {
  awardProposal,
  listProposals,
  scoreProposal,
  type Proposal,
  type RfpDetail,
} from "../../lib/api/rfps.js";
import { formatMoney } from "../../lib/money.js";
import { contractPath } from "../../lib/routes.js";
import { asApiError, useLoad } from "../../use-load.js";
import { ConfirmDialog } from "../confirm-dialog.js";
import { ErrorMessage } from "../error-message.js";
import { Link } from "../link.js";
import { LoadView } from "../load-view.js";
import { ComparisonSection, PROPOSAL_STATUS } from "./comparison-table.js";

export function DistrictProposals(props: {
  api: ApiClient;
  rfp: RfpDetail;
  role: Role;
  onAwarded: (notice: string) => void;
}) {
  const { api, rfp } = props;
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const proposals = useLoad(`${rfp.rfpId}/proposals/${version}/${rfp.revision}`, () =>
    listProposals(api, rfp),
  );
  const currency = String(rfp.terms.currency ?? "USD");
  return (
    <>
      <section aria-labelledby="proposals-heading">
        <h2 id="proposals-heading">Proposals</h2>
        {notice !== null && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <LoadView result={proposals.result} retry={proposals.retry} what="the proposals">
          {(list) =>
            list.length === 0 ? (
              <p className="empty" role="status">
                {rfp.status === "draft"
                  ? "Proposals come in once the RFP is published."
                  : "No vendor has sent a proposal yet."}
              </p>
            ) : (
              list.map((p) => (
                <ProposalCard
                  key={p.proposalId}
                  api={api}
                  rfp={rfp}
                  role={props.role}
                  proposal={p}
                  currency={currency}
                  onScored={(text) => {
                    setNotice(text);
                    setVersion((v) => v + 1);
                  }}
                  onAwarded={props.onAwarded}
                />
              ))
            )
          }
        </LoadView>
      </section>
      {rfp.status !== "draft" && (
        <ComparisonSection api={api} rfp={rfp} currency={currency} version={version} />
      )}
    </>
  );
}

function ProposalCard(props: {
  api: ApiClient;
  rfp: RfpDetail;
  role: Role;
  proposal: Proposal;
  currency: string;
  onScored: (notice: string) => void;
  onAwarded: (notice: string) => void;
}) {
  const { rfp, proposal: p } = props;
  const canScore =
    (props.role === "district_admin" || props.role === "district_analyst") &&
    (rfp.status === "published" || rfp.status === "closed") &&
    p.status !== "withdrawn";
  const canAward =
    props.role === "district_admin" &&
    p.status === "submitted" &&
    rfp.status !== "awarded" &&
    rfp.status !== "draft" &&
    !rfp.open;
  const headingId = `proposal-${p.proposalId}`;
  return (
    <article className="rfp-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {p.vendorName}: {formatMoney(p.price, props.currency)}
      </h3>
      <p>
        {PROPOSAL_STATUS[p.status]} · revision {p.revision} · sent {p.submittedAt.slice(0, 10)}
      </p>
      <h4>Narrative</h4>
      <p className="prose">{p.narrative}</p>
      <h4>Evidence of effectiveness</h4>
      <p className="prose">{p.evidence}</p>
      <details>
        <summary>Rate card</summary>
        <pre className="code">{JSON.stringify(p.rateCard, null, 2)}</pre>
      </details>
      {p.evaluation !== null && (
        <div className="table-wrap" role="region" aria-label={`Scores of ${p.vendorName}`} tabIndex={0}>
          <table>
            <caption>Scores of {p.vendorName}</caption>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col">Weight</th>
                <th scope="col">Points (0-5)</th>
                <th scope="col">Weighted</th>
                <th scope="col">Comment</th>
              </tr>
            </thead>
            <tbody>
              {p.evaluation.criteria.map((c) => (
                <tr key={c.key}>
                  <th scope="row">{c.name}</th>
                  <td>{c.weight}%</td>
                  <td>{c.points ?? "Not scored"}</td>
                  <td>{c.weighted ?? "-"}</td>
                  <td>{c.byPrice ? "From the prices: 5 x lowest price / this price" : (c.comment ?? "")}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  Weighted total (of 100)
                </th>
                <td colSpan={2}>
                  {p.evaluation.total ?? `Not every criterion is scored (${p.evaluation.scoredSoFar} so far)`}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {canScore && p.evaluation !== null && (
        <ScoreForm api={props.api} proposal={p} onScored={props.onScored} />
      )}
      {canAward && (
        <AwardButton
          api={props.api}
          rfp={rfp}
          proposal={p}
          currency={props.currency}
          onAwarded={props.onAwarded}
        />
      )}
      {p.status === "awarded" && rfp.awardedContractId !== null && (
        <p>
          Awarded:{" "}
          <Link to={contractPath(rfp.districtId, rfp.awardedContractId)}>
            contract {rfp.awardedContractId}
          </Link>
        </p>
      )}
    </article>
  );
}

function ScoreForm(props: { api: ApiClient; proposal: Proposal; onScored: (notice: string) => void }) {
  const criteria = (props.proposal.evaluation?.criteria ?? []).filter((c) => !c.byPrice);
  const [points, setPoints] = useState(() =>
    criteria.map((c) => (c.points === null ? "" : String(Number(c.points)))),
  );
  const [comments, setComments] = useState(() => criteria.map((c) => c.comment ?? ""));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const id = props.proposal.proposalId;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const scores = criteria.flatMap((c, i) =>
      points[i] === "" ? [] : [{ criterion: c.key, points: Number(points[i]), comment: comments[i] ?? "" }],
    );
    setBusy(true);
    setError(null);
    scoreProposal(props.api, props.proposal, scores).then(
      () => {
        setBusy(false);
        props.onScored(`Scores of ${props.proposal.vendorName} saved.`);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(asApiError(failure));
      },
    );
  };
  return (
    <form onSubmit={submit} className="score-form">
      <fieldset>
        <legend>Score {props.proposal.vendorName}</legend>
        {criteria.map((c, i) => (
          <div className="score-row" key={c.key}>
            <div className="field">
              <label htmlFor={`points-${id}-${c.key}`}>Points for {c.name}</label>
              <select
                id={`points-${id}-${c.key}`}
                value={points[i] ?? ""}
                onChange={(e) => setPoints(points.map((v, j) => (j === i ? e.target.value : v)))}
              >
                <option value="">Not scored</option>
                {[0, 1, 2, 3, 4, 5].map((n) => (
                  <option key={n} value={String(n)}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`comment-${id}-${c.key}`}>Comment on {c.name}</label>
              <input
                id={`comment-${id}-${c.key}`}
                required={points[i] !== ""}
                value={comments[i] ?? ""}
                onChange={(e) => setComments(comments.map((v, j) => (j === i ? e.target.value : v)))}
              />
            </div>
          </div>
        ))}
      </fieldset>
      {error !== null && <ErrorMessage title="The scores were not saved" error={error} />}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? "Saving…" : `Save scores of ${props.proposal.vendorName}`}
        </button>
      </div>
    </form>
  );
}

function AwardButton(props: {
  api: ApiClient;
  rfp: RfpDetail;
  proposal: Proposal;
  currency: string;
  onAwarded: (notice: string) => void;
}) {
  const [contractId, setContractId] = useState(props.rfp.rfpId);
  return (
    <ConfirmDialog
      label={`Award to ${props.proposal.vendorName}`}
      title={`Award the RFP to ${props.proposal.vendorName}?`}
      primary
      confirm={async () => {
        const result = await awardProposal(props.api, props.proposal, contractId);
        return `Awarded to ${props.proposal.vendorName}: contract draft ${result.contractId} was created.`;
      }}
      onDone={props.onAwarded}
    >
      <p>
        A contract draft is created with the RFP's terms, {props.proposal.vendorName}'s rate card and a
        maximum value of {formatMoney(props.proposal.price, props.currency)}. Every other proposal is marked
        not selected. An RFP is awarded once.
      </p>
      <div className="field">
        <label htmlFor="award-contract-id">Contract id</label>
        <input
          id="award-contract-id"
          required
          value={contractId}
          onChange={(e) => setContractId(e.target.value)}
        />
      </div>
    </ConfirmDialog>
  );
}
