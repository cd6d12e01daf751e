/**
 * The contract page's "Check-ins" section: the schedule in words, the upcoming and past
 * check-ins (each a link to its page), and for district administrators and vendor users
 * a form to set the cadence and one to add a single check-in.
 */
import { useState, type FormEvent } from "react";
import type { ApiClient } from "../../lib/api-client.js";
import {
  checkInCalls,
  mayWriteCheckIns,
  STATE_LABELS,
  type CheckInList,
  type CheckInSummary,
} from "../../lib/api/check-ins.js";
import { formatIsoDate } from "../../lib/dates.js";
import { checkInPath } from "../../lib/routes.js";
import { asApiError, useLoad } from "../../use-load.js";
import type { ApiError } from "../../lib/api-client.js";
import { ErrorMessage } from "../error-message.js";
import { Link } from "../link.js";
import { LoadView } from "../load-view.js";
import { Badge } from "../page-heading.js";
import "../../styles/check-ins.css";

interface Props {
  readonly api: ApiClient;
  readonly districtId: string;
  readonly contractId: string;
}

/** Today's UTC day: the server's days are UTC days too. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function CheckInsSection(props: Props) {
  const { api, districtId, contractId } = props;
  const key = `${districtId}/${contractId}/check-ins`;
  const list = useLoad(key, () => checkInCalls.list(api, districtId, contractId));
  const session = useLoad("session", () => api.session());
  const [changed, setChanged] = useState<CheckInList | null>(null);
  const writer =
    session.result.state === "ready" &&
    session.result.data !== null &&
    mayWriteCheckIns(session.result.data.role);
  return (
    <section aria-labelledby="check-ins-heading" id="check-ins" tabIndex={-1}>
      <h2 id="check-ins-heading">Check-ins</h2>
      <LoadView result={list.result} retry={list.retry} what="the check-ins">
        {(loaded) => {
          const data = changed ?? loaded;
          return (
            <>
              <p>
                {data.schedule === null
                  ? "No schedule is set."
                  : `Every ${data.schedule.every === 1 ? data.schedule.unit : `${data.schedule.every} ${data.schedule.unit}s`} ` +
                    `from ${formatIsoDate(data.schedule.startsOn)} to ${formatIsoDate(data.schedule.endsOn)}.`}
              </p>
              <CheckInTables {...props} items={data.items} />
              {writer && <ScheduleForms {...props} onChanged={setChanged} />}
            </>
          );
        }}
      </LoadView>
    </section>
  );
}

function CheckInTables(props: Props & { items: readonly CheckInSummary[] }) {
  const day = today();
  const upcoming = props.items.filter((c) => c.scheduledOn >= day && c.state !== "finalised");
  const past = props.items.filter((c) => !upcoming.includes(c)).reverse();
  return (
    <>
      <h3 id="check-ins-upcoming">Upcoming</h3>
      <CheckInTable
        {...props}
        items={upcoming}
        labelledBy="check-ins-upcoming"
        empty="No upcoming check-ins."
      />
      <h3 id="check-ins-past">Past</h3>
      <CheckInTable {...props} items={past} labelledBy="check-ins-past" empty="No past check-ins." />
    </>
  );
}

function CheckInTable(
  props: Props & { items: readonly CheckInSummary[]; labelledBy: string; empty: string },
) {
  if (props.items.length === 0) return <p className="empty">{props.empty}</p>;
  return (
    <div className="table-wrap" role="region" aria-labelledby={props.labelledBy} tabIndex={0}>
      <table className="check-ins">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">State</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((c) => (
            <tr key={c.checkInId}>
              <th scope="row">
                <Link to={checkInPath(props.districtId, props.contractId, c.checkInId)}>
                  {formatIsoDate(c.scheduledOn)}
                </Link>
              </th>
              <td>
                <Badge kind={c.state}>{STATE_LABELS[c.state]}</Badge>
              </td>
              <td>
                {c.cancelReason !== null
                  ? `Cancelled: ${c.cancelReason}`
                  : c.rescheduledFrom !== null
                    ? `Moved from ${formatIsoDate(c.rescheduledFrom)}`
                    : c.origin === "added"
                      ? "Added"
                      : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ScheduleForms(props: Props & { onChanged: (list: CheckInList) => void }) {
  const { api, districtId, contractId } = props;
  const [every, setEvery] = useState("2");
  const [unit, setUnit] = useState<"week" | "month">("week");
  const [startsOn, setStartsOn] = useState(today());
  const [addOn, setAddOn] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  const run = (work: () => Promise<string>) => (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    work().then(
      (done) => {
        setBusy(false);
        setNotice(done);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(asApiError(failure));
      },
    );
  };
  const schedule = run(async () => {
    const result = await checkInCalls.schedule(api, districtId, contractId, {
      every: Number(every),
      unit,
      startsOn,
    });
    props.onChanged(result);
    return `Schedule set: ${result.created} check-in(s) added, ${result.removed} untouched one(s) replaced.`;
  });
  const add = run(async () => {
    const created = await checkInCalls.add(api, districtId, contractId, addOn);
    props.onChanged(await checkInCalls.list(api, districtId, contractId));
    return `Check-in added on ${formatIsoDate(created.scheduledOn)}.`;
  });
  return (
    <div className="check-in-forms">
      <form className="inline-form" onSubmit={schedule} aria-labelledby="schedule-form-title">
        <h3 id="schedule-form-title">Set the schedule</h3>
        <label>
          Every
          <input
            type="number"
            min={1}
            max={12}
            value={every}
            onChange={(e) => setEvery(e.target.value)}
            required
          />
        </label>
        <label>
          Unit
          <select value={unit} onChange={(e) => setUnit(e.target.value === "month" ? "month" : "week")}>
            <option value="week">week(s)</option>
            <option value="month">month(s)</option>
          </select>
        </label>
        <label>
          Starting on
          <input type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} required />
        </label>
        <button type="submit" disabled={busy}>
          Set schedule
        </button>
      </form>
      <form className="inline-form" onSubmit={add} aria-labelledby="add-check-in-title">
        <h3 id="add-check-in-title">Add a check-in</h3>
        <label>
          On
          <input type="date" value={addOn} onChange={(e) => setAddOn(e.target.value)} required />
        </label>
        <button type="submit" disabled={busy}>
          Add check-in
        </button>
      </form>
      {error !== null && <ErrorMessage title="The server refused" error={error} />}
      <p className="notice" role="status">
        {notice}
      </p>
    </div>
  );
}
