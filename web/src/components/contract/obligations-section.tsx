import { useEffect, useState, type FormEvent } from "react";
import type { ApiClient } from "../../lib/api-client.js";
import type { Role } from "../../lib/api-types.js";
import {
  evidencePath,
  setObligationStatus,
  uploadEvidence,
  type Obligation,
  type ObligationProgress,
} from "../../lib/api/contract.js";
import { formatTimestamp } from "../../lib/dates.js";
import { asApiError } from "../../use-load.js";
import type { ApiError } from "../../lib/api-client.js";
import { ErrorMessage } from "../error-message.js";
import { Badge } from "../page-heading.js";
import { fileSizeText, obligationMeasureText, obligationStatusLabel } from "./progress-view.js";
import { DueCell, OwnerCell, PlanForm, StatusHistory, mayPlan } from "./obligation-plan.js";

export interface Viewer {
  readonly role: Role;
  readonly organizationKind: "district" | "vendor" | "platform";
}

/** Who may do what (the server checks again): district staff who write data set manual statuses; uploads also by the vendor, for its own obligations. */
export function mayUpload(viewer: Viewer, party: Obligation["party"]): boolean {
  if (viewer.role === "district_admin" || viewer.role === "district_analyst") return true;
  return viewer.role === "vendor_user" && party === "vendor";
}

export function maySetStatus(viewer: Viewer, o: Pick<Obligation, "measure">): boolean {
  return (
    (viewer.role === "district_admin" || viewer.role === "district_analyst") && o.measure.kind === "manual"
  );
}

interface Props {
  readonly api: ApiClient;
  readonly districtId: string;
  readonly contractId: string;
  readonly viewer: Viewer;
  readonly items: readonly Obligation[];
  readonly progress: readonly ObligationProgress[] | null;
  readonly periodEnd: string;
  /** After a change is recorded (the page reloads what depends on it). */
  readonly onChanged: () => void;
}

type RowProps = Props & {
  readonly obligation: Obligation;
  /** Shows the obligation as the server answered, keeping the row (and its message) in place. */
  readonly replace: (o: Obligation) => void;
};

export function ObligationsTable(props: Props) {
  const [items, setItems] = useState(props.items);
  useEffect(() => setItems(props.items), [props.items]);
  const replace = (next: Obligation) =>
    setItems((list) => list.map((o) => (o.obligationId === next.obligationId ? next : o)));
  if (items.length === 0) return <p className="empty">The terms set no obligations.</p>;
  return (
    <div className="table-wrap" role="region" aria-labelledby="obligations-caption" tabIndex={0}>
      <table className="obligations">
        <caption id="obligations-caption">Obligations of both parties</caption>
        <thead>
          <tr>
            <th scope="col">Obligation</th>
            <th scope="col">Party</th>
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {items.map((o) => (
            <ObligationRow key={o.obligationId} {...props} obligation={o} replace={replace} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ObligationRow(props: RowProps) {
  const o = props.obligation;
  const measured = props.progress?.find((p) => p.obligationId === o.obligationId) ?? null;
  const status = measured?.status ?? o.status ?? "pending";
  const planScope = mayPlan(props.viewer, o.party);
  return (
    <tr>
      <th scope="row">
        {o.description}
        <div className="sub">
          {measured === null ? o.measure.kind : obligationMeasureText(measured)}
          {o.consequence.kind === "payFull" && " · if not met, the full contract value is owed"}
          {o.consequence.kind === "reduceOutcomePercent" &&
            ` · if not met, outcome payments drop by ${o.consequence.percent ?? "?"}%`}
        </div>
      </th>
      <td>{o.party === "district" ? "District" : "Vendor"}</td>
      <td>
        <OwnerCell obligation={o} />
        {planScope !== null && (
          <PlanForm
            api={props.api}
            districtId={props.districtId}
            contractId={props.contractId}
            obligation={o}
            scope={planScope}
            onSaved={(saved) => {
              props.replace(saved);
              props.onChanged();
            }}
          />
        )}
      </td>
      <td>
        <DueCell obligation={o} />
      </td>
      <td>
        <Badge kind={status}>{obligationStatusLabel(status)}</Badge>
        {o.evidence !== null && <div className="sub">{o.evidence}</div>}
        {maySetStatus(props.viewer, o) && <StatusForm {...props} obligation={o} />}
        <StatusHistory obligation={o} />
      </td>
      <td>
        {o.evidenceFiles.length === 0 ? (
          <span className="sub">No files</span>
        ) : (
          <ul className="evidence-files">
            {o.evidenceFiles.map((f) => (
              <li key={f.evidenceId}>
                <a
                  href={evidencePath(props.districtId, props.contractId, o.obligationId, f.evidenceId)}
                  download={f.fileName}
                >
                  {f.fileName}
                </a>
                <span className="sub">
                  {" "}
                  {fileSizeText(f.sizeBytes)}, {formatTimestamp(f.uploadedAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
        {mayUpload(props.viewer, o.party) && <UploadForm {...props} obligation={o} />}
      </td>
    </tr>
  );
}

function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  async function run(work: () => Promise<string>) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await work());
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, done, run };
}

function UploadForm(props: RowProps) {
  const o = props.obligation;
  const [file, setFile] = useState<File | null>(null);
  const action = useAction();
  const id = `evidence-${o.obligationId}`;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (file === null) return;
    void action.run(async () => {
      const stored = await uploadEvidence(
        props.api,
        props.districtId,
        props.contractId,
        o.obligationId,
        file,
      );
      props.replace({ ...o, evidenceFiles: [...o.evidenceFiles, stored] });
      props.onChanged();
      return `Uploaded ${stored.fileName}.`;
    });
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor={id}>Add evidence file</label>
      <input id={id} type="file" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
      <button type="submit" disabled={file === null || action.busy}>
        {action.busy ? "Uploading…" : "Upload"}
      </button>
      <Feedback action={action} />
    </form>
  );
}

function StatusForm(props: RowProps) {
  const o = props.obligation;
  const [status, setStatus] = useState<"met" | "notMet">(o.status ?? "met");
  const [note, setNote] = useState("");
  const action = useAction();
  const id = `status-${o.obligationId}`;
  function submit(event: FormEvent) {
    event.preventDefault();
    void action.run(async () => {
      props.replace(
        await setObligationStatus(
          props.api,
          props.districtId,
          props.contractId,
          o.obligationId,
          status,
          note,
        ),
      );
      props.onChanged();
      return "Status recorded.";
    });
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor={`${id}-value`}>Set status</label>
      <select
        id={`${id}-value`}
        value={status}
        onChange={(e) => setStatus(e.currentTarget.value as "met" | "notMet")}
      >
        <option value="met">Met</option>
        <option value="notMet">Not met</option>
      </select>
      <label htmlFor={`${id}-note`}>Evidence note (optional)</label>
      <input
        id={`${id}-note`}
        type="text"
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      <button type="submit" disabled={action.busy}>
        {action.busy ? "Saving…" : "Record status"}
      </button>
      <Feedback action={action} />
    </form>
  );
}

function Feedback(props: { action: ReturnType<typeof useAction> }) {
  const { error, done } = props.action;
  return (
    <div aria-live="polite">
      {error !== null && <ErrorMessage error={error} />}
      {done !== null && <p className="notice">{done}</p>}
    </div>
  );
}
