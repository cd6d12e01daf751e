/**
 * The contract's next steps on its page: propose a draft to the vendor, approve a
 * proposed terms version (either party), withdraw an amendment, run a settlement, close a
 * settled contract. Each is behind a confirmation dialog (react-aria-components: focus
 * moves into it, Escape closes it, focus returns to its button); only what the viewer's
 * role and the contract's stage allow is offered, the server's refusal is shown in the
 * dialog, and the page reloads the contract after a change. A settlement run opens the
 * statement it answers (new, or the latest one when nothing changed).
 */
import { useRef } from "react";
import type { ApiClient } from "../../lib/api-client.js";
import type { ContractDetail } from "../../lib/api-types.js";
import { changeContractStage, runSettlement, type LifecycleChange } from "../../lib/api/lifecycle.js";
import { lifecycleActions } from "../../lib/lifecycle-actions.js";
import { statementPath } from "../../lib/routes.js";
import { navigate } from "../../navigation.js";
import { useLoad, type Load } from "../../use-load.js";
import { useNotice } from "../../use-notice.js";
import { ConfirmDialog } from "../confirm-dialog.js";
import { SettlementFields, useSettlementForm } from "./settlement-fields.js";
import "../../styles/lifecycle.css";

interface Props {
  readonly api: ApiClient;
  readonly contract: Load<ContractDetail>;
  /** Reloads the contract (and the page's sections with it). */
  readonly onChanged: () => void;
}

function RunSettlementDialog(props: { api: ApiClient; detail: ContractDetail }) {
  const { api, detail } = props;
  const { districtId, contractId, periodEnd } = detail.contract;
  const form = useSettlementForm(periodEnd);
  const opened = useRef("");
  return (
    <ConfirmDialog
      primary
      label="Run settlement"
      title="Run the settlement"
      validate={form.validate}
      onDone={() => navigate(opened.current)}
      confirm={async () => {
        const statement = await runSettlement(api, districtId, contractId, form.request());
        opened.current = statementPath(districtId, contractId, statement.statement.statementId);
        return opened.current;
      }}
    >
      <p>
        Settles the contract on the data stored now. When nothing changed since the latest statement of that
        kind and date, that statement stands and opens.
      </p>
      <SettlementFields form={form} />
    </ConfirmDialog>
  );
}

export function LifecycleActions(props: Props) {
  const { api, contract } = props;
  const session = useLoad("session", () => api.session());
  const { notice, show, ref } = useNotice();
  const detail = contract.state === "ready" ? contract.data : null;
  const viewer = session.result.state === "ready" ? session.result.data : null;
  const actions = detail === null ? null : lifecycleActions(viewer, detail);
  const done = (text: string) => {
    show(text);
    props.onChanged();
  };
  const change = (d: ContractDetail, what: LifecycleChange, text: string) => () =>
    changeContractStage(api, d.contract.districtId, d.contract.contractId, what).then(() => text);
  const any =
    actions !== null &&
    (actions.propose ||
      actions.approve.length > 0 ||
      actions.withdraw.length > 0 ||
      actions.runSettlement ||
      actions.close);
  return (
    <>
      <p className="notice lifecycle-notice" role="status" ref={ref} tabIndex={-1}>
        {notice}
      </p>
      {detail !== null && actions !== null && (any || actions.note !== null) && (
        <div className="lifecycle-actions" role="group" aria-label="Contract actions">
          {actions.propose && (
            <ConfirmDialog
              primary
              label="Propose to the vendor"
              title="Propose this draft to the vendor"
              onDone={done}
              confirm={change(detail, { kind: "propose" }, "The draft was proposed to the vendor.")}
            >
              <p>
                The vendor sees the terms and approves them. From now on the terms change by amendment only.
                Both parties approve version 1 before the contract is active.
              </p>
            </ConfirmDialog>
          )}
          {actions.approve.map((version) => (
            <ConfirmDialog
              primary
              key={`approve-${version}`}
              label={`Approve terms version ${version}`}
              title={`Approve terms version ${version}`}
              onDone={done}
              confirm={change(detail, { kind: "approve", version }, `Terms version ${version} approved.`)}
            >
              <p>
                You approve version {version} of the terms on behalf of your organization. Once both parties
                have approved it, settlement applies these terms
                {detail.contract.stage === "proposed" ? " and the contract becomes active" : ""}.
              </p>
            </ConfirmDialog>
          ))}
          {actions.withdraw.map((version) => (
            <ConfirmDialog
              primary
              key={`withdraw-${version}`}
              label={`Withdraw amendment ${version}`}
              title={`Withdraw amendment ${version}`}
              onDone={done}
              confirm={change(detail, { kind: "withdraw", version }, `Amendment ${version} withdrawn.`)}
            >
              <p>
                Version {version} is kept as withdrawn and can no longer be approved; version{" "}
                {detail.contract.termsVersion} goes on applying.
              </p>
            </ConfirmDialog>
          ))}
          {actions.runSettlement && <RunSettlementDialog api={api} detail={detail} />}
          {actions.close && (
            <ConfirmDialog
              primary
              label="Close the contract"
              title="Close this settled contract"
              onDone={done}
              confirm={change(detail, { kind: "close" }, "The contract is closed.")}
            >
              <p>Nothing more happens under a closed contract: no statements, no amendments.</p>
            </ConfirmDialog>
          )}
          {actions.note !== null && <p className="hint">{actions.note}</p>}
        </div>
      )}
    </>
  );
}
