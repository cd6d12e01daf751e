/**
 * The budget calls: a district's funding sources with their balances, a source's or a
 * contract's ledger, a contract's funding (encumbrance splits) and encumbering it. Shapes
 * as GET /api/openapi.json documents them; money is decimal strings throughout.
 */
import type { ApiClient } from "../api-client.js";

const seg = encodeURIComponent;

export interface Balance {
  readonly amount: string;
  readonly encumbered: string;
  readonly paid: string;
  readonly released: string;
  readonly overrun: string;
  readonly available: string;
}

export interface FundingSource {
  readonly fundingSourceId: string;
  readonly code: string;
  readonly name: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly notes: string | null;
  readonly revision: number;
  readonly balance: Balance;
}

export interface LedgerEntry {
  readonly entryId: string;
  readonly fundingSourceId: string;
  readonly fundingSourceCode: string;
  readonly contractId: string | null;
  readonly kind: "funding" | "encumbrance" | "payment" | "release" | "reversal";
  readonly countsAs: "funding" | "encumbrance" | "payment" | "release";
  readonly amount: string;
  readonly entryDate: string;
  readonly recordedBy: string;
  readonly reference: string | null;
  readonly reversesEntryId: string | null;
  readonly reversedByEntryId: string | null;
}

export interface LedgerPage {
  readonly items: readonly LedgerEntry[];
  readonly nextCursor: string | null;
}

export interface ContractFunding {
  readonly contractId: string;
  readonly maxValue: string;
  readonly periodEnd: string;
  readonly encumbered: string;
  readonly splits: readonly {
    readonly fundingSourceId: string;
    readonly code: string;
    readonly name: string;
    readonly encumbered: string;
    readonly paid: string;
    readonly released: string;
    readonly outstanding: string;
  }[];
}

export interface SourceFields {
  readonly code: string;
  readonly name: string;
  readonly amount: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly notes: string;
}

const sourcesPath = (districtId: string) => `/api/districts/${seg(districtId)}/funding-sources`;
const contractPath = (districtId: string, contractId: string) =>
  `/api/districts/${seg(districtId)}/contracts/${seg(contractId)}`;

export async function listFundingSources(api: ApiClient, districtId: string): Promise<FundingSource[]> {
  return [...(await api.request<{ items: FundingSource[] }>("GET", sourcesPath(districtId))).items];
}

export async function createFundingSource(
  api: ApiClient,
  districtId: string,
  fields: SourceFields,
): Promise<FundingSource> {
  const { notes, ...rest } = fields;
  const body = notes.trim() === "" ? rest : { ...rest, notes };
  const answer = await api.exchange<FundingSource>("POST", sourcesPath(districtId), body, {
    "idempotency-key": `funding-source-${crypto.randomUUID()}`,
  });
  return answer.body;
}

export function updateFundingSource(
  api: ApiClient,
  districtId: string,
  sourceId: string,
  change: { name: string; amount: string; endsOn: string; notes: string },
): Promise<FundingSource> {
  return api.request<FundingSource>("PATCH", `${sourcesPath(districtId)}/${seg(sourceId)}`, {
    ...change,
    notes: change.notes.trim() === "" ? null : change.notes,
  });
}

export function sourceLedger(
  api: ApiClient,
  districtId: string,
  sourceId: string,
  cursor: string | null,
): Promise<LedgerPage> {
  const query = cursor === null ? "" : `?cursor=${seg(cursor)}`;
  return api.request<LedgerPage>("GET", `${sourcesPath(districtId)}/${seg(sourceId)}/ledger${query}`);
}

export function contractFunding(
  api: ApiClient,
  districtId: string,
  contractId: string,
): Promise<ContractFunding> {
  return api.request<ContractFunding>("GET", `${contractPath(districtId, contractId)}/funding`);
}

export async function encumberContract(
  api: ApiClient,
  districtId: string,
  contractId: string,
  splits: readonly { fundingSourceId: string; amount: string }[],
): Promise<ContractFunding> {
  const answer = await api.exchange<ContractFunding>(
    "POST",
    `${contractPath(districtId, contractId)}/encumbrances`,
    { splits },
    { "idempotency-key": `encumber-${contractId}-${crypto.randomUUID()}` },
  );
  return answer.body;
}

/** What each kind of entry is called on the page. */
export const ENTRY_LABELS: Readonly<Record<LedgerEntry["kind"], string>> = {
  funding: "Funding",
  encumbrance: "Encumbrance",
  payment: "Payment",
  release: "Release",
  reversal: "Reversal",
};

/**
 * Reverses a ledger entry (once): a new entry of the negated amount naming it. A new
 * Idempotency-Key per attempt: the server refuses a second reversal of the same entry.
 */
export async function reverseLedgerEntry(
  api: ApiClient,
  districtId: string,
  entryId: string,
  reason: string,
): Promise<LedgerEntry> {
  const answer = await api.exchange<LedgerEntry>(
    "POST",
    `/api/districts/${seg(districtId)}/ledger-entries/${seg(entryId)}/reversal`,
    { reason },
    { "idempotency-key": `reverse-${entryId}-${crypto.randomUUID()}` },
  );
  return answer.body;
}

/** Whether an entry may still be reversed: not a reversal itself, and not reversed yet. */
export function canReverse(entry: LedgerEntry): boolean {
  return entry.kind !== "reversal" && entry.reversedByEntryId === null;
}
