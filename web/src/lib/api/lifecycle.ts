/**
 * The contract page's lifecycle calls. Every change of a contract names the revision it
 * was decided on (If-Match with the ETag of a fresh read, so a change someone made in the
 * meantime is refused, not overwritten); a settlement run carries an Idempotency-Key,
 * new per attempt (a run on unchanged inputs answers the latest statement anyway).
 */
import type { ApiClient } from "../api-client.js";
import type { ContractDetail, StatementDetail } from "../api-types.js";
import { ApiError } from "../api-client.js";
import { statementApiPath } from "./statements.js";

const seg = encodeURIComponent;

export type LifecycleChange =
  | { readonly kind: "propose" }
  | { readonly kind: "approve"; readonly version: number }
  | { readonly kind: "withdraw"; readonly version: number }
  | { readonly kind: "close" };

export type SettlementKind = "interim" | "final";

function contractApiPath(districtId: string, contractId: string): string {
  return `/api/districts/${seg(districtId)}/contracts/${seg(contractId)}`;
}

/** The contract's current ETag (a read just before the change). */
async function currentEtag(api: ApiClient, districtId: string, contractId: string): Promise<string> {
  const { etag } = await api.exchange<ContractDetail>(
    "GET",
    contractApiPath(districtId, contractId),
    undefined,
  );
  if (etag === null)
    throw new ApiError(0, "client", "the server sent the contract without its revision (ETag)");
  return etag;
}

/** Applies `change` to the contract as it is now; answers the contract after it. */
export async function changeContractStage(
  api: ApiClient,
  districtId: string,
  contractId: string,
  change: LifecycleChange,
): Promise<ContractDetail> {
  const etag = await currentEtag(api, districtId, contractId);
  const body = change.kind === "approve" || change.kind === "withdraw" ? { version: change.version } : {};
  const path = `${contractApiPath(districtId, contractId)}/${change.kind}`;
  return (await api.exchange<ContractDetail>("POST", path, body, { "if-match": etag })).body;
}

/** Settles the contract on the stored data: a new statement, or the latest when nothing changed. */
export async function runSettlement(
  api: ApiClient,
  districtId: string,
  contractId: string,
  request: { readonly kind: SettlementKind; readonly asOf: string | null },
): Promise<StatementDetail> {
  const body = request.asOf === null ? { kind: request.kind } : { kind: request.kind, asOf: request.asOf };
  const answer = await api.exchange<StatementDetail>("POST", statementApiPath(districtId, contractId), body, {
    "idempotency-key": `run-${contractId}-${crypto.randomUUID()}`,
  });
  return answer.body;
}
