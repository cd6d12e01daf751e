import { useCallback, useState } from "react";
import { Button, DropZone, FileTrigger, Text, isFileDropItem, type DropItem } from "react-aria-components";
import type { ApiClient } from "../../lib/api-client.js";
import type { ContractSummary } from "../../lib/api-types.js";
import { uploadWithProgress } from "../../lib/api/imports.js";
import { asApiError } from "../../use-load.js";
import { detectFileFormat } from "./detect-format.js";
import { UploadItem } from "./upload-item.js";
import { newKey, queued, readyToSend, type QueuedFile } from "./upload-queue.js";

const ACCEPTED = [".csv", ".json", ".ndjson", ".jsonl", "text/csv", "application/json"];

/**
 * Choose files (drop them, or the keyboard-reachable "Choose files" button), see the format
 * each will be read as, then import them one after another with their progress and results.
 */
export function UploadPanel(props: {
  api: ApiClient;
  districtId: string;
  contracts: readonly ContractSummary[];
  vendor: boolean;
  onImported: () => void;
}) {
  const { api, districtId } = props;
  const [items, setItems] = useState<readonly QueuedFile[]>([]);
  const [busy, setBusy] = useState(false);

  const change = useCallback((key: string, update: (item: QueuedFile) => QueuedFile) => {
    setItems((all) => all.map((item) => (item.key === key ? update(item) : item)));
  }, []);

  const add = useCallback(
    (files: readonly File[]) => {
      const added = files.map(queued);
      setItems((all) => [...all.filter((i) => i.status.kind !== "done"), ...added]);
      for (const item of added)
        void detectFileFormat(item.file).then(
          (detection) => change(item.key, (i) => ({ ...i, detection })),
          (error: unknown) =>
            change(item.key, (i) => ({
              ...i,
              detection: {
                kind: "unknown",
                message: `the file could not be read (${asApiError(error).detail})`,
              },
            })),
        );
    },
    [change],
  );

  const onDrop = async (event: { readonly items: readonly DropItem[] }) => {
    const files = await Promise.all(event.items.filter(isFileDropItem).map((item) => item.getFile()));
    add(files);
  };

  const sendAll = async () => {
    setBusy(true);
    let imported = false;
    for (const item of items.filter(readyToSend)) {
      change(item.key, (i) => ({ ...i, status: { kind: "uploading", progress: null } }));
      try {
        const result = await uploadWithProgress(
          api,
          {
            districtId,
            file: item.file,
            contractId: item.contractId === "" ? null : item.contractId,
            uploadId: newKey("upload"),
            idempotencyKey: newKey("import"),
          },
          (progress) =>
            change(item.key, (i) =>
              i.status.kind === "uploading" ? { ...i, status: { kind: "uploading", progress } } : i,
            ),
        );
        imported = true;
        change(item.key, (i) => ({ ...i, status: { kind: "done", result } }));
      } catch (error) {
        change(item.key, (i) => ({ ...i, status: { kind: "failed", error: asApiError(error) } }));
      }
    }
    setBusy(false);
    if (imported) props.onImported();
  };

  const sendable = items.filter(readyToSend).length;
  const waiting =
    items.filter((i) => i.status.kind === "queued" || i.status.kind === "failed").length - sendable;
  return (
    <section aria-labelledby="upload-heading" className="upload-panel">
      <h2 id="upload-heading">Import files</h2>
      <p className="hint">
        {props.vendor
          ? "Import your tutoring session logs (canonical sessions.csv or a DATAS sessions export). Rows may name only your own contracts' students; other rows are rejected."
          : "Import the district's data files: canonical data-v1 CSV files, NWEA MAP, i-Ready, Star, DATAS and Ed-Fi JSON exports."}{" "}
        The same file imported twice is imported once.
      </p>
      <DropZone className="drop-zone" onDrop={(event) => void onDrop(event)} isDisabled={busy}>
        <Text slot="label">Drop one or more files here, or</Text>{" "}
        <FileTrigger
          allowsMultiple
          acceptedFileTypes={ACCEPTED}
          onSelect={(list) => add(list === null ? [] : Array.from(list))}
        >
          <Button className="button" isDisabled={busy}>
            Choose files
          </Button>
        </FileTrigger>
      </DropZone>
      {items.length > 0 && (
        <>
          <ul className="upload-list" aria-label="Files to import">
            {items.map((item) => (
              <UploadItem
                key={item.key}
                item={item}
                districtId={districtId}
                contracts={props.contracts}
                busy={busy}
                onContract={(contractId) => change(item.key, (i) => ({ ...i, contractId }))}
                onRemove={() => setItems((all) => all.filter((i) => i.key !== item.key))}
              />
            ))}
          </ul>
          <div className="upload-actions">
            {(busy || sendable + waiting > 0) && (
              <button
                type="button"
                className="primary"
                onClick={() => void sendAll()}
                disabled={busy || sendable === 0}
              >
                {busy ? "Importing…" : `Import ${sendable} ${sendable === 1 ? "file" : "files"}`}
              </button>
            )}
            {waiting > 0 && !busy && (
              <p className="hint">
                {waiting} {waiting === 1 ? "file waits" : "files wait"} for its format to be read or a
                contract to be chosen.
              </p>
            )}
          </div>
        </>
      )}
    </section>
  );
}
