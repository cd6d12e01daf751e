/**
 * The tracker parts of an obligation's row: its owner, its due date with how far off it
 * is, a form to set both, and its status history. District staff who write data set the
 * owner and the due date of any obligation; a vendor user sets the owner of its own
 * obligations only (the server checks again).
 */
import { useState } from "react";
import {
  Button,
  Disclosure,
  DisclosurePanel,
  FieldError,
  Form,
  Input,
  Label,
  Text,
  TextField,
} from "react-aria-components";
import type { ApiClient, ApiError } from "../../lib/api-client.js";
import type { Role } from "../../lib/api-types.js";
import { setObligationPlan, type Obligation } from "../../lib/api/contract.js";
import { formatIsoDate, formatTimestamp } from "../../lib/dates.js";
import { asApiError } from "../../use-load.js";
import { ErrorMessage } from "../error-message.js";
import "../../styles/obligation-tracker.css";

interface PlanViewer {
  readonly role: Role;
  readonly organizationKind: "district" | "vendor" | "platform";
}

/** What the viewer may change of an obligation's plan: all of it, the owner only, or nothing. */
export function mayPlan(viewer: PlanViewer, party: Obligation["party"]): "all" | "owner" | null {
  if (viewer.role === "district_admin" || viewer.role === "district_analyst") return "all";
  return viewer.role === "vendor_user" && party === "vendor" ? "owner" : null;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** "Overdue by 3 days", "Due today", "Due in 12 days"; null once the obligation is met. */
export function dueState(daysLeft: number | null): { text: string; overdue: boolean } | null {
  if (daysLeft === null) return null;
  if (daysLeft < 0) return { text: `Overdue by ${plural(-daysLeft, "day")}`, overdue: true };
  if (daysLeft === 0) return { text: "Due today", overdue: false };
  return { text: `Due in ${plural(daysLeft, "day")}`, overdue: false };
}

export function DueCell(props: { obligation: Obligation }) {
  const o = props.obligation;
  const state = dueState(o.daysLeft);
  return (
    <>
      {formatIsoDate(o.dueOn)}
      {o.dueOnSource === "periodEnd" && <div className="sub">period end</div>}
      {state !== null && (
        <div className={state.overdue ? "due-state overdue" : "due-state"}>{state.text}</div>
      )}
    </>
  );
}

export function OwnerCell(props: { obligation: Obligation }) {
  const owner = props.obligation.owner;
  if (owner === null) return <span className="sub">Not named</span>;
  return (
    <>
      {owner.name}
      {owner.email !== null && (
        <div className="sub">
          <a href={`mailto:${owner.email}`}>{owner.email}</a>
        </div>
      )}
    </>
  );
}

/** The server's problems by form field, from their JSON paths. */
function fieldErrors(error: ApiError | null): Record<string, string> {
  const fields: Record<string, string> = {};
  const names: Readonly<Record<string, string>> = {
    "$.body.owner.name": "ownerName",
    "$.body.owner.email": "ownerEmail",
    "$.body.dueOn": "dueOn",
  };
  for (const p of error?.problems ?? []) {
    const name = names[p.path];
    if (name !== undefined) fields[name] = p.message;
  }
  return fields;
}

interface PlanFormProps {
  readonly api: ApiClient;
  readonly districtId: string;
  readonly contractId: string;
  readonly obligation: Obligation;
  readonly scope: "all" | "owner";
  readonly onSaved: (o: Obligation) => void;
}

export function PlanForm(props: PlanFormProps) {
  const o = props.obligation;
  const [name, setName] = useState(o.owner?.name ?? "");
  const [email, setEmail] = useState(o.owner?.email ?? "");
  const [dueOn, setDueOn] = useState(o.dueOnSource === "plan" ? o.dueOn : "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  async function save() {
    setBusy(true);
    setError(null);
    setDone(null);
    const ownerName = name.trim();
    const ownerEmail = email.trim();
    try {
      const saved = await setObligationPlan(props.api, props.districtId, props.contractId, o.obligationId, {
        owner:
          ownerName === "" && ownerEmail === ""
            ? null
            : { name: ownerName, email: ownerEmail === "" ? null : ownerEmail },
        dueOn:
          props.scope === "all" ? (dueOn === "" ? null : dueOn) : o.dueOnSource === "plan" ? o.dueOn : null,
      });
      props.onSaved(saved);
      setDone("Owner and due date saved.");
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Disclosure className="plan-disclosure">
      <Button slot="trigger" className="disclosure-trigger">
        <span className="chevron" aria-hidden="true">
          ▸
        </span>
        {props.scope === "all" ? "Set owner and due date" : "Set owner"}
      </Button>
      <DisclosurePanel>
        <Form
          className="plan-form"
          aria-label={`Owner and due date of ${o.description}`}
          validationBehavior="aria"
          validationErrors={fieldErrors(error)}
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <TextField name="ownerName" value={name} onChange={setName} maxLength={200}>
            <Label>Owner name</Label>
            <Input />
            <FieldError />
          </TextField>
          <TextField name="ownerEmail" type="email" value={email} onChange={setEmail} maxLength={254}>
            <Label>Owner e-mail (optional)</Label>
            <Input />
            <FieldError />
          </TextField>
          {props.scope === "all" ? (
            <TextField name="dueOn" type="date" value={dueOn} onChange={setDueOn}>
              <Label>Due date</Label>
              <Input />
              <Text slot="description">Leave empty for the period end.</Text>
              <FieldError />
            </TextField>
          ) : (
            <p className="sub">The district sets the due date.</p>
          )}
          <Button type="submit" isDisabled={busy}>
            {busy ? "Saving…" : "Save"}
          </Button>
          <div aria-live="polite">
            {error !== null && <ErrorMessage error={error} />}
            {done !== null && <p className="notice">{done}</p>}
          </div>
        </Form>
      </DisclosurePanel>
    </Disclosure>
  );
}

const STATUS_TEXT = { met: "Met", notMet: "Not met" } as const;

export function StatusHistory(props: { obligation: Obligation }) {
  const history = props.obligation.history;
  return (
    <Disclosure className="history-disclosure">
      <Button slot="trigger" className="disclosure-trigger">
        <span className="chevron" aria-hidden="true">
          ▸
        </span>
        Status history ({history.length})
      </Button>
      <DisclosurePanel>
        {history.length === 0 ? (
          <p className="sub">No status recorded yet.</p>
        ) : (
          <ol className="status-history" aria-label={`Status history of ${props.obligation.description}`}>
            {history.map((h) => (
              <li key={h.entryId}>
                <strong>{STATUS_TEXT[h.status]}</strong>
                {h.evidence !== null && <> — {h.evidence}</>}
                <div className="sub">
                  {formatTimestamp(h.recordedAt)}, by {h.recordedByName ?? h.recordedBy}
                  {h.source === "manual" ? ", set by hand" : `, from import batch ${h.batchId}`}
                </div>
              </li>
            ))}
          </ol>
        )}
      </DisclosurePanel>
    </Disclosure>
  );
}
