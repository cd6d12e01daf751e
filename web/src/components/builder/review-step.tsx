/**
 * Step 7: review. Every problem left (with its JSON path, linked to its field), the terms
 * as a one-page summary, what they would pay on the district's stored data, the terms
 * file to download, and saving them as a draft contract (then its page opens).
 */
import { useState } from "react";
import type { ApiClient, ApiError } from "../../lib/api-client.js";
import type { ContractSummary } from "../../lib/api-types.js";
import { createContract } from "../../lib/api/builder.js";
import { placeProblems, type PlacedProblem } from "../../lib/builder/field-problems.js";
import { termsFileName, termsFileText } from "../../lib/builder/terms-file.js";
import { contractPath } from "../../lib/routes.js";
import { navigate } from "../../navigation.js";
import { asApiError } from "../../use-load.js";
import type { TermsDocument } from "../../../../src/shared/terms/check-terms.js";
import { ErrorMessage } from "../error-message.js";
import { PreviewPanel } from "./preview-panel.js";
import { ProblemList } from "./step-nav.js";
import { TermsSummary } from "./terms-summary.js";

function download(document: unknown): void {
  const blob = new Blob([termsFileText(document)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = window.document.createElement("a");
  link.href = url;
  link.download = termsFileName(document);
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The problems of a refused save, with their paths in the terms document again. */
function termsProblems(error: ApiError): PlacedProblem[] {
  const prefix = "$.body.terms";
  return placeProblems(
    error.problems
      .filter((p) => p.path.startsWith(prefix))
      .map((p) => ({ ...p, path: `$${p.path.slice(prefix.length)}` })),
  );
}

export function ReviewStep(props: {
  api: ApiClient;
  districtId: string;
  document: unknown;
  problems: readonly PlacedProblem[];
  contracts: readonly ContractSummary[];
  canSave: boolean;
  onGoToProblem: (problem: PlacedProblem) => void;
  onRemove: (problem: PlacedProblem) => void;
}) {
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const valid = props.problems.length === 0;

  async function save(): Promise<void> {
    setSaving(true);
    setSaveError(null);
    try {
      const detail = await createContract(props.api, props.document);
      navigate(contractPath(detail.contract.districtId, detail.contract.contractId));
    } catch (error) {
      setSaveError(asApiError(error));
      setSaving(false);
    }
  }

  return (
    <>
      {valid ? (
        <p className="notice">The terms are valid obc-terms/1.</p>
      ) : (
        <ProblemList
          title="Problems to fix before saving"
          problems={props.problems}
          onGo={props.onGoToProblem}
          onRemove={props.onRemove}
        />
      )}
      {valid && <TermsSummary terms={props.document as TermsDocument} />}

      <section aria-labelledby="preview-heading">
        <h3 id="preview-heading">What would this pay?</h3>
        {valid ? (
          <PreviewPanel
            api={props.api}
            districtId={props.districtId}
            terms={props.document}
            contracts={props.contracts}
          />
        ) : (
          <p className="empty">Fix the problems above to preview what these terms would pay.</p>
        )}
      </section>

      <section aria-labelledby="save-heading">
        <h3 id="save-heading">Save</h3>
        <div className="add-row">
          <button type="button" onClick={() => download(props.document)}>
            Download the terms file ({termsFileName(props.document)})
          </button>
          {props.canSave && (
            <button type="button" className="primary" disabled={!valid || saving} onClick={() => void save()}>
              {saving ? "Saving…" : "Save as a draft contract"}
            </button>
          )}
        </div>
        {!props.canSave && (
          <p className="notice">
            Only a district administrator saves contracts; download the file to pass it on.
          </p>
        )}
        {saving && (
          <p className="status" role="status">
            Saving the draft…
          </p>
        )}
        {saveError !== null && (
          <>
            <ErrorMessage title="The draft was not saved" error={saveError} />
            <ProblemList
              title="Problems the server found"
              problems={termsProblems(saveError)}
              onGo={props.onGoToProblem}
            />
          </>
        )}
      </section>
    </>
  );
}
