/**
 * Approve, dispute (with a comment, required) and re-run, each behind a confirmation
 * dialog (react-aria-components: focus moves into it, Escape closes it, focus returns to
 * the button). Only the actions the viewer's role and the statement's state allow are
 * offered; the server decides in the end, and its refusal is shown in the dialog. After
 * an action the page reloads the statement.
 */
import { useState } from "react";
import type { ApiClient } from "../../lib/api-client.js";
import type { StatementDetail } from "../../lib/api-types.js";
import { formatMoney } from "../../lib/money.js";
import { rerunStatement, reviewStatement } from "../../lib/api/statements.js";
import type { StatementActions } from "../../lib/statement-actions.js";
import { ConfirmDialog } from "../confirm-dialog.js";

interface Props {
  readonly api: ApiClient;
  readonly detail: StatementDetail;
  readonly actions: StatementActions;
  /** Called with what happened, after a successful action. */
  readonly onDone: (notice: string) => void;
}

function DisputeDialog(props: Props) {
  const [comment, setComment] = useState("");
  const [tried, setTried] = useState(false);
  const empty = comment.trim() === "";
  return (
    <ConfirmDialog
      label="Dispute"
      title={`Dispute statement ${props.detail.statement.statementId}`}
      validate={() => {
        setTried(true);
        return !empty;
      }}
      onDone={props.onDone}
      confirm={() =>
        reviewStatement(props.api, props.detail, "dispute", comment).then(() => {
          setComment("");
          return `Statement ${props.detail.statement.statementId} disputed.`;
        })
      }
    >
      <p>The other party sees your comment with the dispute. The statement's figures do not change.</p>
      <div className="field">
        <label htmlFor="dispute-comment">Comment (required)</label>
        <textarea
          id="dispute-comment"
          aria-required="true"
          maxLength={2000}
          rows={4}
          value={comment}
          aria-invalid={tried && empty}
          aria-describedby={tried && empty ? "dispute-comment-error" : undefined}
          onChange={(e) => setComment(e.target.value)}
          onBlur={() => setTried(true)}
        />
        {tried && empty && (
          <p className="field-error" id="dispute-comment-error">
            Write what is disputed: a comment is required.
          </p>
        )}
      </div>
    </ConfirmDialog>
  );
}

export function ReviewActions(props: Props) {
  const { detail, actions, api } = props;
  const s = detail.statement;
  const currency = detail.waterfall.currency;
  if (!actions.approve && !actions.dispute && !actions.rerun)
    return actions.note === null ? null : <p className="hint">{actions.note}</p>;
  return (
    <div className="review-actions" role="group" aria-label="Statement actions">
      {actions.approve && (
        <ConfirmDialog
          label="Approve"
          primary
          title={`Approve statement ${s.statementId}`}
          onDone={props.onDone}
          confirm={() =>
            reviewStatement(api, detail, "approve", "").then((answer) =>
              answer.contractSettled
                ? `Statement ${s.statementId} approved; the contract is settled.`
                : `Statement ${s.statementId} approved.`,
            )
          }
        >
          <p>
            You approve a total of <strong>{formatMoney(s.total, currency)}</strong> ({s.kind}, as of {s.asOf}
            ), of which <strong>{formatMoney(s.due, currency)}</strong> is due.
            {s.kind === "final" && " Approving a final statement as the district settles the contract."}
          </p>
        </ConfirmDialog>
      )}
      {actions.dispute && <DisputeDialog {...props} />}
      {actions.rerun && (
        <ConfirmDialog
          label="Re-run settlement"
          title="Re-run the settlement"
          onDone={props.onDone}
          confirm={() =>
            rerunStatement(api, detail).then((next) =>
              next.statement.statementId === s.statementId
                ? "Nothing changed since this statement was issued: it stands."
                : `Statement ${next.statement.statementId} was issued and replaces this one.`,
            )
          }
        >
          <p>
            Settles the contract again on the data stored now ({s.kind}, as of {s.asOf}). If anything changed,
            a new statement replaces this one; otherwise this one stands.
          </p>
        </ConfirmDialog>
      )}
      {actions.note !== null && <p className="hint">{actions.note}</p>}
    </div>
  );
}
