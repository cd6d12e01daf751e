/**
 * What the authorization matrix expects of every route, by operationId: which roles may
 * use it, and how to aim it at an organization's objects. Written by hand, not derived
 * from the route table, so a route whose access rule drifts from what was meant fails
 * the matrix instead of redefining it. A route missing here, or an entry for a route
 * that is gone, fails the suite (authorization-matrix.test.ts).
 */
import type { Role } from "../../src/app/auth/roles.js";
import { MATRIX_DOCUMENT, matrixProposal } from "./matrix-rfps.js";

/**
 * One organization's objects, one of each kind a path can name. The matrix fills a
 * route's path from the acting organization's side (its own objects) or from another
 * organization's side (test/api/matrix-world.ts creates them as their owner).
 */
export interface Side {
  readonly organizationId: string;
  readonly districtId: string;
  readonly contractId: string;
  readonly vendorId: string;
  readonly statementId: string;
  readonly batchId: string;
  readonly uploadId: string;
  readonly tokenId: string;
  readonly userId: string;
  readonly studentId: string;
  readonly obligationId: string;
  readonly evidenceId: string;
  readonly checkInId: string;
  readonly actionItemId: string;
  /** The district's funding source (a vendor's side names that of its contract's district). */
  readonly fundingSourceId: string;
  /** A ledger entry of that funding source. */
  readonly ledgerEntryId: string;
  readonly invoiceId: string;
  readonly rfpId: string;
  readonly proposalId: string;
}

export type ObjectKind = keyof Side;

/** What a request needs beyond its path: each call gives fresh values. */
export interface RequestHelpers {
  /** The acting user's e-mail. */
  readonly email: string;
  readonly password: string;
  /** The contract's current ETag, read from the store. */
  etag(districtId: string, contractId: string): Promise<string>;
  /** The current ETag of an RFP, or of a proposal to it (`proposalId` given), read from the store. */
  rfpEtag(districtId: string, rfpId: string, proposalId?: string): Promise<string>;
  /** An obc-terms/1 document of the contract. */
  terms(districtId: string, contractId: string, vendorId: string): Record<string, unknown>;
  /** A new id for things the request creates. */
  unique(prefix: string): string;
}

export interface RequestParts {
  /** A JSON value, or a string sent as is (a raw upload: give its content-type). */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Appended to the path, with its `?`. */
  readonly query?: string;
}

export type Allowed = "public" | "any signed-in" | readonly Role[];

export interface Expectation {
  readonly allowed: Allowed;
  /** The kind of object each path parameter names (every parameter of the path). */
  readonly aim: Readonly<Record<string, ObjectKind | { readonly fixed: string }>>;
  /**
   * Why the route is aimed at no object of an organization (its own list, one's own
   * account); such a route is still requested by every role and its answer read for leaks.
   */
  readonly objectless?: string;
  /** Kinds of object the body names (a create): the request built from another side is aimed at them. */
  readonly bodyAims?: readonly ObjectKind[];
  /**
   * How the route refuses another organization's object named in the body, when that is
   * not 404: it must still be the answer a missing object gets, word for word.
   */
  readonly foreignAnswer?: { readonly status: 400 | 403; readonly code: string; readonly why: string };
  /** A plausible request at the side's objects. */
  readonly request?: (side: Side, h: RequestHelpers) => RequestParts | Promise<RequestParts>;
  /** The request ends the session or others of the account: it runs last, in a session of its own. */
  readonly endsSession?: boolean;
}

const DISTRICT_STAFF: readonly Role[] = ["district_admin", "district_analyst", "auditor"];
const READERS: readonly Role[] = [...DISTRICT_STAFF, "vendor_user"];
const ADMINS: readonly Role[] = ["district_admin"];
const DATA_WRITERS: readonly Role[] = ["district_admin", "district_analyst"];
const UPLOADERS: readonly Role[] = [...DATA_WRITERS, "vendor_user"];
const PARTIES_WHO_APPROVE: readonly Role[] = ["district_admin", "vendor_user"];

const CONTRACT = { districtId: "districtId", contractId: "contractId" } as const;
const STATEMENT = { ...CONTRACT, statementId: "statementId" } as const;
const OBLIGATION = { ...CONTRACT, obligationId: "obligationId" } as const;
const CHECK_IN = { ...CONTRACT, checkInId: "checkInId" } as const;
const BATCH = { districtId: "districtId", batchId: "batchId" } as const;
const DISTRICT = { districtId: "districtId" } as const;
const RFP = { districtId: "districtId", rfpId: "rfpId" } as const;
const PROPOSAL = { ...RFP, proposalId: "proposalId" } as const;
const VENDORS: readonly Role[] = ["vendor_user"];

const ifMatch = async (s: Side, h: RequestHelpers, body: unknown = {}): Promise<RequestParts> => ({
  body,
  headers: { "if-match": await h.etag(s.districtId, s.contractId) },
});

export const MATRIX: Readonly<Record<string, Expectation>> = {
  getHealth: { allowed: "public", aim: {}, objectless: "the server's own state" },
  signIn: {
    allowed: "public",
    aim: {},
    // Aimed by the organization asked for: a member of one organization cannot sign in to another.
    bodyAims: ["organizationId"],
    request: (s, h) => ({ body: { email: h.email, password: h.password, organizationId: s.organizationId } }),
  },
  signOut: { allowed: "any signed-in", aim: {}, objectless: "one's own session", endsSession: true },
  getSession: { allowed: "any signed-in", aim: {}, objectless: "one's own session" },
  listSignInProviders: { allowed: "public", aim: {}, objectless: "the server's configuration" },
  startOidcSignIn: {
    allowed: "public",
    aim: { provider: { fixed: "google" } },
    objectless: "a sign-in provider (none configured in the test world)",
  },
  finishOidcSignIn: {
    allowed: "public",
    aim: { provider: { fixed: "google" } },
    objectless: "a sign-in provider (none configured in the test world)",
    request: () => ({ query: "?state=matrix-state&code=matrix-code" }),
  },

  enrollTotp: { allowed: ["district_admin", "platform_admin"], aim: {}, objectless: "one's own account" },
  confirmTotp: {
    allowed: "any signed-in",
    aim: {},
    objectless: "one's own account",
    request: () => ({ body: { code: "000000" } }),
  },
  verifyTotp: {
    allowed: "any signed-in",
    aim: {},
    objectless: "one's own session",
    request: () => ({ body: { code: "000000" } }),
  },
  changePassword: {
    allowed: "any signed-in",
    aim: {},
    objectless: "one's own account",
    endsSession: true,
    // The same password again: the account keeps working for the rest of the suite.
    request: (_s, h) => ({ body: { currentPassword: h.password, newPassword: h.password } }),
  },
  requestPasswordReset: {
    allowed: "public",
    aim: {},
    objectless: "an e-mail address (always 202)",
    request: (_s, h) => ({ body: { email: h.email } }),
  },
  confirmPasswordReset: {
    allowed: "public",
    aim: {},
    objectless: "a reset token",
    request: () => ({
      body: { token: "matrix-not-a-token", newPassword: "violet tractor harbour 1987 lantern" },
    }),
  },

  listApiTokens: { allowed: PARTIES_WHO_APPROVE, aim: {}, objectless: "the organization's own tokens" },
  createApiToken: {
    allowed: PARTIES_WHO_APPROVE,
    aim: {},
    objectless: "a token of the acting organization",
    request: (_s, h) => ({ body: { name: h.unique("matrix-token") } }),
  },
  revokeApiToken: { allowed: PARTIES_WHO_APPROVE, aim: { tokenId: "tokenId" } },
  listUsers: { allowed: ADMINS, aim: {}, objectless: "the organization's own members" },
  addUser: {
    allowed: ADMINS,
    aim: {},
    objectless: "a member of the acting organization",
    request: (_s, h) => ({
      body: {
        email: `${h.unique("matrix-member")}@example.test`,
        displayName: "Matrix member",
        role: "auditor",
      },
    }),
  },
  removeMembership: { allowed: ADMINS, aim: { userId: "userId" } },
  listOrganizations: { allowed: ["platform_admin"], aim: {}, objectless: "every organization (platform)" },
  createOrganization: {
    allowed: ["platform_admin"],
    aim: {},
    objectless: "a new organization",
    request: (_s, h) => ({ body: { id: h.unique("matrix-org"), kind: "vendor", name: "Matrix vendor" } }),
  },

  listContracts: { allowed: READERS, aim: {}, objectless: "the contracts the organization is a party to" },
  getContract: { allowed: READERS, aim: CONTRACT },
  createContract: {
    allowed: ADMINS,
    aim: {},
    bodyAims: ["districtId"],
    foreignAnswer: {
      status: 400,
      code: "invalid-terms",
      why: "terms naming another district, existing or not, are a problem in the body ($.body.terms.district.id)",
    },
    request: (s, h) => ({ body: { terms: h.terms(s.districtId, h.unique("matrix-c"), s.vendorId) } }),
  },
  replaceContractTerms: {
    allowed: ADMINS,
    aim: CONTRACT,
    request: (s, h) => ifMatch(s, h, { terms: h.terms(s.districtId, s.contractId, s.vendorId) }),
  },
  proposeContract: { allowed: ADMINS, aim: CONTRACT, request: ifMatch },
  approveContractTerms: {
    allowed: PARTIES_WHO_APPROVE,
    aim: CONTRACT,
    request: (s, h) => ifMatch(s, h, { version: 1 }),
  },
  amendContract: {
    allowed: ADMINS,
    aim: CONTRACT,
    request: (s, h) =>
      ifMatch(s, h, {
        terms: { ...h.terms(s.districtId, s.contractId, s.vendorId), maxValue: "7100.00" },
        reason: "matrix amendment",
      }),
  },
  withdrawContractAmendment: {
    allowed: ADMINS,
    aim: CONTRACT,
    request: (s, h) => ifMatch(s, h, { version: 2 }),
  },
  closeContract: { allowed: ADMINS, aim: CONTRACT, request: ifMatch },

  runSettlement: { allowed: DATA_WRITERS, aim: CONTRACT, request: () => ({ body: { kind: "interim" } }) },
  listStatements: { allowed: READERS, aim: CONTRACT },
  getContractEvidence: { allowed: READERS, aim: CONTRACT },
  simulateContractTerms: { allowed: DATA_WRITERS, aim: CONTRACT, request: () => ({ body: { draws: 1000 } }) },
  getStatement: { allowed: READERS, aim: STATEMENT },
  listStatementStudents: { allowed: READERS, aim: STATEMENT },
  getStatementDocument: { allowed: READERS, aim: STATEMENT },
  exportStatementCsv: { allowed: READERS, aim: STATEMENT },
  exportStatementXlsx: { allowed: READERS, aim: STATEMENT },
  exportStatementPdf: { allowed: READERS, aim: STATEMENT },
  explainStatement: { allowed: READERS, aim: STATEMENT },
  approveStatement: { allowed: PARTIES_WHO_APPROVE, aim: STATEMENT, request: () => ({ body: {} }) },
  disputeStatement: {
    allowed: PARTIES_WHO_APPROVE,
    aim: STATEMENT,
    request: () => ({ body: { comment: "matrix dispute" } }),
  },
  // approve:money is the vendor's too (statements), but a payment is the district's alone.
  recordPayment: {
    allowed: ADMINS,
    aim: CONTRACT,
    request: () => ({ body: { paidOn: "2025-01-10", amount: "10.00", reference: "matrix" } }),
  },
  listPayments: { allowed: READERS, aim: CONTRACT },
  // approve:money is the vendor's too (statements), but an invoice is issued and voided by the district.
  createInvoice: { allowed: ADMINS, aim: STATEMENT, request: () => ({ body: { netDays: 30 } }) },
  listInvoices: { allowed: READERS, aim: CONTRACT },
  getInvoice: { allowed: READERS, aim: { ...CONTRACT, invoiceId: "invoiceId" } },
  exportInvoicePdf: { allowed: READERS, aim: { ...CONTRACT, invoiceId: "invoiceId" } },
  exportInvoiceCsv: { allowed: READERS, aim: { ...CONTRACT, invoiceId: "invoiceId" } },
  voidInvoice: {
    allowed: ADMINS,
    aim: { ...CONTRACT, invoiceId: "invoiceId" },
    request: () => ({ body: { reason: "matrix void" } }),
  },
  getContractOutcomes: { allowed: READERS, aim: CONTRACT },

  importFile: {
    allowed: UPLOADERS,
    aim: DISTRICT,
    request: (s) => ({
      query: `?fileName=sessions.csv&format=sessions`,
      body:
        "session_id,contract_id,student_id,tutor_id,session_date,minutes,attended,group_size\n" +
        `${s.contractId}-m-${Date.now()},${s.contractId},${s.studentId},t1,2024-10-01,30,true,1\n`,
      headers: { "content-type": "text/csv" },
    }),
  },
  getImportProgress: { allowed: UPLOADERS, aim: { uploadId: "uploadId" } },
  listImports: { allowed: READERS, aim: DISTRICT },
  listImportRejects: { allowed: READERS, aim: BATCH },
  exportImportRejects: { allowed: READERS, aim: BATCH },
  listStudents: { allowed: READERS, aim: DISTRICT },
  listSchools: { allowed: READERS, aim: DISTRICT },
  listDistrictVendors: { allowed: DISTRICT_STAFF, aim: DISTRICT },
  previewTerms: {
    allowed: DISTRICT_STAFF,
    aim: DISTRICT,
    request: (s, h) => ({
      body: { terms: h.terms(s.districtId, s.contractId, s.vendorId), dataFrom: s.contractId },
    }),
  },
  listAuditEvents: {
    allowed: ["district_admin", "auditor"],
    aim: {},
    objectless: "the acting organization's own log (row-level security narrows it)",
  },

  listObligations: { allowed: READERS, aim: CONTRACT },
  getContractProgress: { allowed: READERS, aim: CONTRACT },
  listAlerts: {
    allowed: READERS,
    aim: {},
    objectless: "the acting organization's own active contracts (row-level security narrows them)",
  },
  getNotificationPreferences: {
    allowed: READERS,
    aim: {},
    objectless: "one's own alert e-mail preferences in the acting organization",
  },
  putNotificationPreferences: {
    allowed: READERS,
    aim: {},
    objectless: "one's own alert e-mail preferences in the acting organization",
    request: () => ({ body: { deliveries: { "enrolment-behind": "digest" }, digestHour: 8 } }),
  },
  showAlertUnsubscribe: {
    allowed: "public",
    aim: { token: { fixed: "matrix-not-a-token" } },
    objectless: "a mailed unsubscribe token (the token is the authority; a wrong one is 404)",
  },
  unsubscribeAlertMail: {
    allowed: "public",
    aim: { token: { fixed: "matrix-not-a-token" } },
    objectless: "a mailed unsubscribe token (the token is the authority; a wrong one is 404)",
    request: () => ({
      body: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }),
  },
  setObligationStatus: {
    allowed: DATA_WRITERS,
    aim: OBLIGATION,
    request: () => ({ body: { status: "met", evidence: "matrix check" } }),
  },
  uploadObligationEvidence: {
    allowed: UPLOADERS,
    aim: OBLIGATION,
    request: () => ({
      query: "?fileName=matrix.txt",
      body: "matrix evidence",
      headers: { "content-type": "text/plain" },
    }),
  },
  downloadObligationEvidence: { allowed: READERS, aim: { ...OBLIGATION, evidenceId: "evidenceId" } },
  // Declared for uploaders; a vendor sets only the owner of its own obligations (same-tutor is the vendor's).
  setObligationPlan: {
    allowed: UPLOADERS,
    aim: OBLIGATION,
    request: () => ({ body: { owner: { name: "Matrix owner" }, dueOn: null } }),
  },
  // Open data: the district's staff and auditors; publication without sign-in is a later decision.
  getDistrictOcds: { allowed: DISTRICT_STAFF, aim: DISTRICT },
  getContractOcds: { allowed: DISTRICT_STAFF, aim: CONTRACT },
  // Check-ins: both parties read; district administrators and the vendor's users write.
  listCheckIns: { allowed: READERS, aim: CONTRACT },
  setCheckInSchedule: {
    allowed: PARTIES_WHO_APPROVE,
    aim: CONTRACT,
    request: () => ({ body: { every: 1, unit: "month", startsOn: "2024-09-15" } }),
  },
  addCheckIn: {
    allowed: PARTIES_WHO_APPROVE,
    aim: CONTRACT,
    request: () => ({ body: { scheduledOn: "2024-11-05" } }),
  },
  getCheckIn: { allowed: READERS, aim: CHECK_IN },
  changeCheckIn: {
    allowed: PARTIES_WHO_APPROVE,
    aim: CHECK_IN,
    request: () => ({ body: { scheduledOn: "2024-10-02" } }),
  },
  prepareCheckInAgenda: { allowed: PARTIES_WHO_APPROVE, aim: CHECK_IN, request: () => ({ body: {} }) },
  editCheckInAgenda: {
    allowed: PARTIES_WHO_APPROVE,
    aim: CHECK_IN,
    request: () => ({ body: { items: [{ section: "other", title: "Matrix item", detail: "" }] } }),
  },
  saveCheckInMinutes: {
    allowed: PARTIES_WHO_APPROVE,
    aim: CHECK_IN,
    request: () => ({
      body: {
        attendees: [{ name: "Matrix attendee", role: "Coordinator", party: "district" }],
        itemNotes: [],
        decisions: ["Matrix decision"],
        summary: "",
      },
    }),
  },
  finaliseCheckInMinutes: { allowed: PARTIES_WHO_APPROVE, aim: CHECK_IN, request: () => ({ body: {} }) },
  addCheckInNote: {
    allowed: PARTIES_WHO_APPROVE,
    aim: CHECK_IN,
    request: () => ({ body: { body: "Matrix note" } }),
  },
  addCheckInActionItem: {
    allowed: PARTIES_WHO_APPROVE,
    aim: CHECK_IN,
    request: () => ({
      body: {
        description: "Matrix action",
        ownerParty: "district",
        ownerName: "Matrix owner",
        dueOn: "2024-12-01",
      },
    }),
  },
  changeCheckInActionItem: {
    allowed: PARTIES_WHO_APPROVE,
    aim: { ...CHECK_IN, actionItemId: "actionItemId" },
    request: () => ({ body: { status: "done", note: "Matrix check" } }),
  },
  // Budgets and the ledger are district-internal: vendors are refused by role.
  listFundingSources: { allowed: DISTRICT_STAFF, aim: DISTRICT },
  createFundingSource: {
    allowed: ADMINS,
    aim: DISTRICT,
    request: (_s, h) => ({
      body: {
        code: h.unique("fs"),
        name: "Matrix fund",
        amount: "1000.00",
        startsOn: "2024-07-01",
        endsOn: "2027-09-30",
      },
    }),
  },
  getFundingSource: { allowed: DISTRICT_STAFF, aim: { ...DISTRICT, fundingSourceId: "fundingSourceId" } },
  updateFundingSource: {
    allowed: ADMINS,
    aim: { ...DISTRICT, fundingSourceId: "fundingSourceId" },
    request: () => ({ body: { notes: "matrix note" } }),
  },
  listFundingSourceLedger: {
    allowed: DISTRICT_STAFF,
    aim: { ...DISTRICT, fundingSourceId: "fundingSourceId" },
  },
  getContractFunding: { allowed: DISTRICT_STAFF, aim: CONTRACT },
  encumberContract: {
    allowed: ADMINS,
    aim: CONTRACT,
    request: (s, h) => ({
      body: {
        splits: [
          {
            fundingSourceId: s.fundingSourceId,
            amount: String(h.terms(s.districtId, s.contractId, s.vendorId)["maxValue"]),
          },
        ],
      },
    }),
  },
  listContractLedger: { allowed: DISTRICT_STAFF, aim: CONTRACT },
  reverseLedgerEntry: {
    allowed: ADMINS,
    aim: { ...DISTRICT, entryId: "ledgerEntryId" },
    request: () => ({ body: { reason: "matrix correction" } }),
  },
  reconcileContractPayments: { allowed: DISTRICT_STAFF, aim: CONTRACT },
  // Scorecards: a district's portfolio is its staff's alone; a vendor's scorecard is read by the
  // vendor and by districts that contract with it (their own contracts' figures only).
  getDistrictScorecard: { allowed: DISTRICT_STAFF, aim: DISTRICT },
  getVendorScorecard: { allowed: READERS, aim: { vendorId: "vendorId" } },
  // RFPs: every vendor reads published RFPs (d2's is a draft: no vendor sees it); proposals are
  // the vendor's own; analysts score; staff (auditors too) compare; administrators award.
  listRfps: { allowed: READERS, aim: {}, objectless: "the RFPs the organization sees (row-level security)" },
  createRfp: {
    allowed: ADMINS,
    aim: DISTRICT,
    request: (s, h) => ({
      body: {
        rfpId: h.unique("matrix-rfp"),
        title: "Matrix RFP",
        terms: h.terms(s.districtId, h.unique("matrix-rfp-terms"), s.vendorId),
      },
    }),
  },
  getRfp: { allowed: READERS, aim: RFP },
  replaceRfpDocument: {
    allowed: ADMINS,
    aim: RFP,
    request: async (s, h) => ({
      body: { document: MATRIX_DOCUMENT },
      headers: { "if-match": await h.rfpEtag(s.districtId, s.rfpId) },
    }),
  },
  publishRfp: { allowed: ADMINS, aim: RFP },
  closeRfp: { allowed: ADMINS, aim: RFP },
  exportRfpPdf: { allowed: READERS, aim: RFP },
  exportRfpDocx: { allowed: READERS, aim: RFP },
  listProposals: { allowed: READERS, aim: RFP },
  submitProposal: { allowed: VENDORS, aim: RFP, request: () => ({ body: matrixProposal() }) },
  getProposal: { allowed: READERS, aim: PROPOSAL },
  reviseProposal: {
    allowed: VENDORS,
    aim: PROPOSAL,
    request: async (s, h) => ({
      body: matrixProposal("6400.00"),
      headers: { "if-match": await h.rfpEtag(s.districtId, s.rfpId, s.proposalId) },
    }),
  },
  withdrawProposal: { allowed: VENDORS, aim: PROPOSAL },
  scoreProposal: {
    allowed: DATA_WRITERS,
    aim: PROPOSAL,
    request: () => ({ body: { scores: [{ criterion: "evidence", points: 3, comment: "matrix score" }] } }),
  },
  compareProposals: { allowed: DISTRICT_STAFF, aim: RFP },
  awardProposal: {
    allowed: ADMINS,
    aim: PROPOSAL,
    request: (_s, h) => ({ body: { contractId: h.unique("matrix-award") } }),
  },
};
