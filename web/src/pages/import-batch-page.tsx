import type { ApiClient } from "../lib/api-client.js";
import { formatTimestamp } from "../lib/dates.js";
import { findBatch, listRejects, rejectsCsvPath, type ImportBatch } from "../lib/api/imports.js";
import { importsPath } from "../lib/routes.js";
import { Link } from "../components/link.js";
import { LoadView } from "../components/load-view.js";
import { Breadcrumbs, PageHeading } from "../components/page-heading.js";
import { PagedView } from "../components/imports/load-more.js";
import { RejectsTable } from "../components/imports/rejects-table.js";
import { usePages } from "../components/imports/use-pages.js";
import { formatCount } from "../components/imports/upload-queue.js";
import { useLoad } from "../use-load.js";
import "../styles/imports.css";

/** One import batch: its facts, its rejected rows, and the CSV of those rows to fix and import again. */
export function ImportBatchPage(props: { api: ApiClient; districtId: string; batchId: string }) {
  const { api, districtId, batchId } = props;
  const { result, retry } = useLoad(`${districtId}/${batchId}`, async () => {
    const batch = await findBatch(api, districtId, batchId);
    if (batch === null)
      throw new Error(`there is no batch ${batchId} in ${districtId} that your organization can see`);
    return batch;
  });
  return (
    <>
      <Breadcrumbs>
        <li>
          <Link to={importsPath()}>Data imports</Link>
        </li>
        <li aria-current="page">Batch {batchId}</li>
      </Breadcrumbs>
      <PageHeading lead={result.state === "ready" ? result.data.fileName : districtId}>
        Import batch {batchId}
      </PageHeading>
      <LoadView result={result} retry={retry} what="the batch">
        {(batch) => <Batch api={api} districtId={districtId} batch={batch} />}
      </LoadView>
    </>
  );
}

function Batch(props: { api: ApiClient; districtId: string; batch: ImportBatch }) {
  const { api, districtId, batch } = props;
  const { paged, loadMore, retry } = usePages(`${districtId}/${batch.batchId}`, (cursor) =>
    listRejects(api, districtId, batch.batchId, cursor),
  );
  return (
    <>
      <section aria-labelledby="facts-heading">
        <h2 id="facts-heading" className="visually-hidden">
          Facts
        </h2>
        <dl className="facts">
          <Fact term="File" value={batch.fileName} />
          <Fact term="Format" value={batch.format} />
          <Fact term="Imported by" value={batch.importedByName ?? batch.importedBy} />
          <Fact term="Imported at" value={formatTimestamp(batch.importedAt)} />
          <Fact term="District" value={districtId} />
        </dl>
        <dl className="figures">
          <Fact term="Accepted" value={formatCount(batch.accepted)} />
          <Fact term="Rejected" value={formatCount(batch.rejected)} />
          <Fact term="Unchanged" value={formatCount(batch.unchanged)} />
          <Fact term="Replaced" value={formatCount(batch.replaced)} />
        </dl>
      </section>
      <section aria-labelledby="rejects-heading">
        <h2 id="rejects-heading">Rejected rows</h2>
        {batch.rejected > 0 && (
          <p>
            <a
              href={rejectsCsvPath(districtId, batch.batchId)}
              download={`batch-${batch.batchId}-rejects.csv`}
            >
              Download rejects to fix (CSV)
            </a>{" "}
            <span className="hint">
              The rejected rows in the file's own layout with a reason column: fix them and import the file
              again.
            </span>
          </p>
        )}
        <PagedView
          paged={paged}
          retry={retry}
          loadMore={loadMore}
          what="the rejected rows"
          empty={<p>No rows of this batch were rejected.</p>}
        >
          {(rejects) => (
            <RejectsTable
              rejects={rejects}
              caption={`Rejected rows of ${batch.fileName} (batch ${batch.batchId}), by line`}
            />
          )}
        </PagedView>
      </section>
    </>
  );
}

function Fact(props: { term: string; value: string }) {
  return (
    <div>
      <dt>{props.term}</dt>
      <dd>{props.value}</dd>
    </div>
  );
}
