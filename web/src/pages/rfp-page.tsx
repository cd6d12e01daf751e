/**
 * One request for proposals: its document (edited by the district's administrator while
 * it is a draft), publish and close, the PDF and DOCX, and then either the district's
 * proposals, scores, comparison and award, or a vendor's own proposal (the form, or what
 * was sent, with revise and withdraw while the RFP is open).
 */
import { useState } from "react";
import type { ApiClient } from "../lib/api-client.js";
import type { Session } from "../lib/api-types.js";
import {
  changeStage,
  getRfp,
  listProposals,
  rfpApiPath,
  withdrawProposal,
  type Proposal,
  type RfpDetail,
} from "../lib/api/rfps.js";
import { formatMoney } from "../lib/money.js";
import { rfpsPath } from "../lib/routes.js";
import { Link } from "../components/link.js";
import { LoadView } from "../components/load-view.js";
import { Breadcrumbs, PageHeading } from "../components/page-heading.js";
import { ConfirmDialog } from "../components/confirm-dialog.js";
import { RfpDocumentEditor, RfpDocumentView } from "../components/rfp/rfp-document-editor.js";
import { ProposalForm } from "../components/rfp/proposal-form.js";
import { DistrictProposals } from "../components/rfp/district-proposals.js";
import { useLoad } from "../use-load.js";
import { statusText } from "./rfps-page.js";
import "../styles/rfps.css";

export function RfpPage(props: { api: ApiClient; session: Session; districtId: string; rfpId: string }) {
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const { result, retry } = useLoad(`${props.districtId}/${props.rfpId}/${version}`, () =>
    getRfp(props.api, props.districtId, props.rfpId),
  );
  const changed = (text: string) => {
    setNotice(text);
    setVersion((v) => v + 1);
  };
  return (
    <>
      <Breadcrumbs>
        <li>
          <Link to={rfpsPath()}>Requests for proposals</Link>
        </li>
        <li aria-current="page">{props.rfpId}</li>
      </Breadcrumbs>
      <LoadView result={result} retry={retry} what="the request for proposals">
        {(rfp) => (
          <RfpBody api={props.api} session={props.session} rfp={rfp} notice={notice} onChanged={changed} />
        )}
      </LoadView>
    </>
  );
}

function RfpBody(props: {
  api: ApiClient;
  session: Session;
  rfp: RfpDetail;
  notice: string | null;
  onChanged: (notice: string) => void;
}) {
  const { api, rfp, session } = props;
  const admin = session.role === "district_admin";
  const vendor = session.organizationKind === "vendor";
  const files = rfpApiPath(rfp.districtId, rfp.rfpId);
  return (
    <>
      <PageHeading
        lead={`${rfp.document.districtName} · ${statusText(rfp)} · proposals due ${rfp.proposalsDueOn ?? "on a date not set yet"}`}
      >
        {rfp.title}
      </PageHeading>
      {props.notice !== null && (
        <p className="notice" role="status">
          {props.notice}
        </p>
      )}
      <div className="rfp-actions">
        <a href={`${files}/rfp.pdf`} download>
          Download PDF
        </a>
        <a href={`${files}/rfp.docx`} download>
          Download DOCX
        </a>
        {admin && rfp.status === "draft" && (
          <ConfirmDialog
            label="Publish"
            title="Publish this RFP?"
            primary
            confirm={async () => {
              await changeStage(api, rfp, "publish");
              return "Published: every vendor can read it and send a proposal.";
            }}
            onDone={props.onChanged}
          >
            <p>
              Every vendor on the platform can then read it and propose. The document can no longer be edited.
            </p>
          </ConfirmDialog>
        )}
        {admin && rfp.status === "published" && (
          <ConfirmDialog
            label="Close for proposals"
            title="Close this RFP for proposals?"
            confirm={async () => {
              await changeStage(api, rfp, "close");
              return "Closed: no more proposals or revisions are taken.";
            }}
            onDone={props.onChanged}
          >
            <p>Vendors can no longer send, revise or withdraw proposals. You can then award one.</p>
          </ConfirmDialog>
        )}
      </div>
      {admin && rfp.status === "draft" ? (
        <RfpDocumentEditor
          api={api}
          rfp={rfp}
          onSaved={() => props.onChanged("The document was saved.")}
          onReload={() => props.onChanged("Reloaded: this is the RFP as it is now.")}
        />
      ) : (
        <section aria-labelledby="document-heading">
          <h2 id="document-heading">Document</h2>
          <RfpDocumentView document={rfp.document} />
        </section>
      )}
      {vendor ? (
        <VendorProposal api={api} rfp={rfp} />
      ) : (
        <DistrictProposals api={api} rfp={rfp} role={session.role} onAwarded={props.onChanged} />
      )}
    </>
  );
}

function VendorProposal(props: { api: ApiClient; rfp: RfpDetail }) {
  const [version, setVersion] = useState(0);
  const [revising, setRevising] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useLoad(`${props.rfp.rfpId}/own/${version}`, () => listProposals(props.api, props.rfp));
  const sent = (p: Proposal, text: string) => {
    setRevising(false);
    setNotice(`${text} (revision ${p.revision}).`);
    setVersion((v) => v + 1);
  };
  return (
    <section aria-labelledby="own-proposal-heading">
      <h2 id="own-proposal-heading">Your proposal</h2>
      {notice !== null && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <LoadView result={load.result} retry={load.retry} what="your proposal">
        {(list) => {
          const own = list[0];
          if (own === undefined)
            return props.rfp.open ? (
              <ProposalForm
                api={props.api}
                rfp={props.rfp}
                proposal={null}
                onSent={(p) => sent(p, "Your proposal was submitted")}
              />
            ) : (
              <p className="empty" role="status">
                This RFP takes no proposals: it is{" "}
                {props.rfp.status === "published" ? "past its due date" : props.rfp.status}.
              </p>
            );
          if (revising)
            return (
              <ProposalForm
                api={props.api}
                rfp={props.rfp}
                proposal={own}
                onSent={(p) => sent(p, "Your revision was saved")}
                onCancel={() => setRevising(false)}
                onReload={() => {
                  setRevising(false);
                  setNotice("Reloaded: this is your proposal as it is now.");
                  setVersion((v) => v + 1);
                }}
              />
            );
          return (
            <SentProposal
              api={props.api}
              rfp={props.rfp}
              proposal={own}
              onRevise={() => setRevising(true)}
              onWithdrawn={(text) => {
                setNotice(text);
                setVersion((v) => v + 1);
              }}
            />
          );
        }}
      </LoadView>
    </section>
  );
}

const VENDOR_STATUS: Readonly<Record<Proposal["status"], string>> = {
  submitted: "Submitted",
  withdrawn: "Withdrawn",
  awarded: "Awarded to you",
  notSelected: "Not selected",
};

function SentProposal(props: {
  api: ApiClient;
  rfp: RfpDetail;
  proposal: Proposal;
  onRevise: () => void;
  onWithdrawn: (notice: string) => void;
}) {
  const p = props.proposal;
  return (
    <div className="rfp-card">
      <dl className="facts">
        <dt>Status</dt>
        <dd>{VENDOR_STATUS[p.status]}</dd>
        <dt>Total price</dt>
        <dd>{formatMoney(p.price, String(props.rfp.terms.currency ?? "USD"))}</dd>
        <dt>Last revised</dt>
        <dd>
          {p.revisedAt.slice(0, 10)} (revision {p.revision})
        </dd>
      </dl>
      <h3>Narrative</h3>
      <p className="prose">{p.narrative}</p>
      <h3>Evidence of effectiveness</h3>
      <p className="prose">{p.evidence}</p>
      <details>
        <summary>Rate card</summary>
        <pre className="code">{JSON.stringify(p.rateCard, null, 2)}</pre>
      </details>
      {props.rfp.open && (
        <div className="form-actions">
          <button type="button" onClick={props.onRevise}>
            {p.status === "withdrawn" ? "Send again" : "Revise"}
          </button>
          {p.status === "submitted" && (
            <ConfirmDialog
              label="Withdraw"
              title="Withdraw your proposal?"
              confirm={async () => {
                await withdrawProposal(props.api, p);
                return "Your proposal was withdrawn.";
              }}
              onDone={props.onWithdrawn}
            >
              <p>The district will not score it. You can send it again while the RFP is open.</p>
            </ConfirmDialog>
          )}
        </div>
      )}
    </div>
  );
}
