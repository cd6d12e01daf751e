import type { ContractSummary } from "../../lib/api-types.js";
import { progressFraction, type ImportProgress, type ImportResult } from "../../lib/api/imports.js";
import { importBatchPath } from "../../lib/routes.js";
import { ErrorMessage } from "../error-message.js";
import { Link } from "../link.js";
import { formatBytes, formatCount, type QueuedFile } from "./upload-queue.js";

/** One chosen file: its detected format, the contract it may need, then its progress and result. */
export function UploadItem(props: {
  item: QueuedFile;
  districtId: string;
  contracts: readonly ContractSummary[];
  busy: boolean;
  onContract: (contractId: string) => void;
  onRemove: () => void;
}) {
  const { item, districtId } = props;
  const { detection, status } = item;
  const selectId = `${item.key}-contract`;
  const needsContract = detection?.kind === "format" && detection.needsContract;
  return (
    <li className="upload-item">
      <div className="upload-item-head">
        <span className="file-name">{item.file.name}</span>
        <span className="sub">{formatBytes(item.file.size)}</span>
        {(status.kind === "queued" || status.kind === "failed") && (
          <button type="button" className="link-button" onClick={props.onRemove} disabled={props.busy}>
            Remove<span className="visually-hidden"> {item.file.name}</span>
          </button>
        )}
      </div>
      <p className="detected">
        {detection === null ? (
          <span role="status">Reading the file's header…</span>
        ) : detection.kind === "format" ? (
          <>
            Format: <strong>{detection.label}</strong> <code className="sub">{detection.formatId}</code>
          </>
        ) : (
          <>
            Format: cannot be told here ({detection.message}). The server checks the file again when it is
            imported and says why it cannot be.
          </>
        )}
      </p>
      {needsContract && status.kind !== "done" && (
        <div className="field">
          <label htmlFor={selectId}>Contract of this file's rows (required: the rows name none)</label>
          <select
            id={selectId}
            value={item.contractId}
            disabled={props.busy}
            onChange={(event) => props.onContract(event.target.value)}
          >
            <option value="">Choose a contract…</option>
            {props.contracts.map((c) => (
              <option key={c.contractId} value={c.contractId}>
                {c.title} ({c.contractId})
              </option>
            ))}
          </select>
        </div>
      )}
      {status.kind === "uploading" && (
        <UploadProgressBar id={`${item.key}-progress`} name={item.file.name} progress={status.progress} />
      )}
      {status.kind === "done" && <UploadResult districtId={districtId} result={status.result} />}
      {status.kind === "failed" && (
        <ErrorMessage title={`${item.file.name} was not imported`} error={status.error} />
      )}
    </li>
  );
}

function UploadProgressBar(props: { id: string; name: string; progress: ImportProgress | null }) {
  const { id, progress } = props;
  const fraction = progress === null ? null : progressFraction(progress);
  const phase =
    progress === null
      ? "Sending"
      : progress.phase === "receiving"
        ? `Receiving: ${formatBytes(progress.bytesRead)}${progress.totalBytes === null ? "" : ` of ${formatBytes(progress.totalBytes)}`}`
        : `Importing: ${formatCount(progress.rowsRead)} rows read`;
  return (
    <div className="upload-progress">
      <label htmlFor={id}>Importing {props.name}</label>
      {fraction === null ? (
        <progress id={id} />
      ) : (
        <progress id={id} max={1000} value={Math.trunc(fraction * 1000)} />
      )}
      <p className="sub" aria-live="polite">
        {phase}
      </p>
    </div>
  );
}

function UploadResult(props: { districtId: string; result: ImportResult }) {
  const { result } = props;
  const batchLink = importBatchPath(props.districtId, result.batchId);
  return (
    <div className={result.alreadyImported ? "upload-result noop" : "upload-result"} role="status">
      {result.alreadyImported ? (
        <p>
          <strong>Same file already imported</strong> (batch {result.batchId}): nothing was imported again.
          The counts below are that batch's.
        </p>
      ) : (
        <p>
          <strong>Imported</strong> as batch {result.batchId} ({result.format}).
        </p>
      )}
      <ul className="counts">
        <li>Accepted: {formatCount(result.accepted)}</li>
        <li>Rejected: {formatCount(result.rejected)}</li>
        <li>Unchanged: {formatCount(result.unchanged)}</li>
        <li>Replaced: {formatCount(result.replaced)}</li>
      </ul>
      <p>
        <Link to={batchLink}>
          {result.rejected > 0
            ? `See the ${result.rejected} rejected ${result.rejected === 1 ? "row" : "rows"} of batch ${result.batchId}`
            : `See batch ${result.batchId}`}
        </Link>
      </p>
    </div>
  );
}
