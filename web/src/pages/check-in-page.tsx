/**
 * One check-in of a contract: its date and state, the agenda (editable before the
 * meeting), the minutes (a draft until finalised, with a confirmation), the action items,
 * and a print button (the page prints without its forms and buttons).
 */
import { useState } from "react";
import type { ApiClient } from "../lib/api-client.js";
import { checkInCalls, mayWriteCheckIns, STATE_LABELS, type CheckIn } from "../lib/api/check-ins.js";
import { formatIsoDate } from "../lib/dates.js";
import { contractPath, dashboardPath } from "../lib/routes.js";
import { Link } from "../components/link.js";
import { LoadView } from "../components/load-view.js";
import { Badge, Breadcrumbs, PageHeading } from "../components/page-heading.js";
import { ConfirmDialog } from "../components/confirm-dialog.js";
import { AgendaSection } from "../components/check-in/agenda-section.js";
import { MinutesSection } from "../components/check-in/minutes-section.js";
import { ActionItemsSection } from "../components/check-in/action-items-section.js";
import { useLoad } from "../use-load.js";
import "../styles/contract.css";
import "../styles/check-ins.css";

interface Props {
  readonly api: ApiClient;
  readonly districtId: string;
  readonly contractId: string;
  readonly checkInId: string;
}

export function CheckInPage(props: Props) {
  const { api, districtId, contractId, checkInId } = props;
  const loaded = useLoad(`${districtId}/${contractId}/check-ins/${checkInId}`, () =>
    checkInCalls.get(api, districtId, contractId, checkInId),
  );
  const contract = useLoad(`${districtId}/${contractId}`, () => api.contract(districtId, contractId));
  const title = contract.result.state === "ready" ? contract.result.data.contract.title : contractId;
  const heading =
    loaded.result.state === "ready"
      ? `Check-in of ${formatIsoDate(loaded.result.data.scheduledOn)}`
      : "Check-in";
  return (
    <>
      <Breadcrumbs>
        <li>
          <Link to={dashboardPath()}>Portfolio</Link>
        </li>
        <li>
          <Link to={`${contractPath(districtId, contractId)}#check-ins`}>{title}</Link>
        </li>
        <li aria-current="page">{heading}</li>
      </Breadcrumbs>
      <PageHeading>{heading}</PageHeading>
      <LoadView result={loaded.result} retry={loaded.retry} what="the check-in">
        {(data) => <CheckInBody {...props} initial={data} />}
      </LoadView>
    </>
  );
}

function CheckInBody(props: Props & { initial: CheckIn }) {
  const { api, districtId, contractId } = props;
  const [checkIn, setCheckIn] = useState(props.initial);
  const [notice, setNotice] = useState("");
  const session = useLoad("session", () => api.session());
  const writer =
    session.result.state === "ready" &&
    session.result.data !== null &&
    mayWriteCheckIns(session.result.data.role);
  const movable = writer && (checkIn.state === "scheduled" || checkIn.state === "agenda-ready");
  const [moveTo, setMoveTo] = useState(checkIn.scheduledOn);
  const [reason, setReason] = useState("");
  const shared = { api, districtId, contractId, checkIn, writer, onChanged: setCheckIn };
  return (
    <div className="check-in">
      <p>
        <Badge kind={checkIn.state}>{STATE_LABELS[checkIn.state]}</Badge>
        {checkIn.rescheduledFrom !== null && ` Moved from ${formatIsoDate(checkIn.rescheduledFrom)}.`}
        {checkIn.cancelReason !== null && ` Cancelled: ${checkIn.cancelReason}`}
      </p>
      <p className="check-in-actions no-print">
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
        {movable && (
          <>
            <ConfirmDialog
              label="Reschedule"
              title="Move this check-in"
              confirm={async () => {
                const moved = await checkInCalls.change(api, districtId, contractId, checkIn.checkInId, {
                  scheduledOn: moveTo,
                });
                setCheckIn(moved);
                return `Moved to ${formatIsoDate(moved.scheduledOn)}.`;
              }}
              onDone={setNotice}
            >
              <label className="block">
                New date
                <input type="date" value={moveTo} required onChange={(e) => setMoveTo(e.target.value)} />
              </label>
            </ConfirmDialog>
            <ConfirmDialog
              label="Cancel check-in"
              title="Cancel this check-in"
              confirm={async () => {
                setCheckIn(
                  await checkInCalls.change(api, districtId, contractId, checkIn.checkInId, {
                    cancelReason: reason,
                  }),
                );
                return "Check-in cancelled.";
              }}
              onDone={setNotice}
            >
              <label className="block">
                Reason
                <input type="text" value={reason} required onChange={(e) => setReason(e.target.value)} />
              </label>
            </ConfirmDialog>
          </>
        )}
      </p>
      <p className="notice" role="status">
        {notice}
      </p>
      <AgendaSection {...shared} />
      <MinutesSection {...shared} />
      <ActionItemsSection {...shared} />
    </div>
  );
}
