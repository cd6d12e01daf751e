/**
 * The app's only way to the API. It keeps the session's CSRF token (from the sign-in and
 * session answers) and sends it as X-CSRF-Token on every POST, PUT, PATCH and DELETE;
 * it turns problem documents into ApiError values whose `detail` is meant for people.
 */
import type {
  ContractDetail,
  ContractPage,
  ContractSummary,
  Session,
  StatementDetail,
  StatementSummary,
  TotpEnrollment,
} from "./api-types.js";

export interface ProblemItem {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** A failed request: status 0 when the server could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly problems: readonly ProblemItem[] = [],
  ) {
    super(detail);
  }
}

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** A portfolio larger than this many pages is a loop, not a portfolio. */
const MAX_PAGES = 500;

export interface ApiClientOptions {
  readonly fetch: FetchLike;
  readonly baseUrl?: string;
  /** Called when an answer says the session is gone (401 unauthenticated), after sign-in. */
  readonly onSignedOut?: (error: ApiError) => void;
}

function isProblemItem(value: unknown): value is ProblemItem {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v["path"] === "string" && typeof v["code"] === "string" && typeof v["message"] === "string";
}

/** The ApiError an error answer stands for; a body that is not a problem document gets a plain one. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      const body = (await response.json()) as Record<string, unknown>;
      if (typeof body["detail"] === "string") {
        const problems = Array.isArray(body["problems"]) ? body["problems"].filter(isProblemItem) : [];
        const code = typeof body["code"] === "string" ? body["code"] : `http-${response.status}`;
        return new ApiError(response.status, code, body["detail"], problems);
      }
    } catch {
      // not JSON after all: fall through to the plain error
    }
  }
  return new ApiError(response.status, `http-${response.status}`, `the server answered ${response.status}`);
}

const seg = encodeURIComponent;

export class ApiClient {
  private csrfToken: string | null = null;

  constructor(private readonly options: ApiClientOptions) {}

  /** The token writes carry; null before sign-in and after sign-out. */
  get csrf(): string | null {
    return this.csrfToken;
  }

  request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = body === undefined ? {} : { "content-type": "application/json" };
    return this.send<T>(method, path, headers, body === undefined ? null : JSON.stringify(body));
  }

  /** A JSON request with `extra` headers (If-Match, Idempotency-Key): the body and the answer's ETag. */
  async exchange<T>(
    method: string,
    path: string,
    body: unknown,
    extra: Record<string, string> = {},
  ): Promise<{ body: T; etag: string | null }> {
    let etag: string | null = null;
    const headers = body === undefined ? extra : { ...extra, "content-type": "application/json" };
    const text = body === undefined ? null : JSON.stringify(body);
    const answer = await this.send<T>(method, path, headers, text, (response) => {
      etag = response.headers.get("etag");
    });
    return { body: answer, etag };
  }

  /** POSTs a file as the raw request body (`contentType`), with the CSRF token and `extra` headers. */
  upload<T>(path: string, file: Blob, contentType: string, extra: Record<string, string> = {}): Promise<T> {
    return this.send<T>("POST", path, { ...extra, "content-type": contentType }, file);
  }

  private async send<T>(
    method: string,
    path: string,
    given: Record<string, string>,
    body: string | Blob | null,
    seen?: (response: Response) => void,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json", ...given };
    if (WRITES.has(method) && this.csrfToken !== null) headers["x-csrf-token"] = this.csrfToken;
    let response: Response;
    try {
      response = await this.options.fetch(`${this.options.baseUrl ?? ""}${path}`, {
        method,
        headers,
        credentials: "same-origin",
        body,
      });
    } catch {
      throw new ApiError(0, "network", "the server could not be reached; check the connection and try again");
    }
    if (!response.ok) {
      const error = await errorFromResponse(response);
      if (error.code === "unauthenticated" && this.csrfToken !== null) {
        this.csrfToken = null;
        this.options.onSignedOut?.(error);
      }
      throw error;
    }
    seen?.(response);
    if (response.status === 204) return undefined as T;
    // An accepted request may answer no body at all (202 of a password-reset request).
    const text = await response.text();
    return (text === "" ? undefined : JSON.parse(text)) as T;
  }

  /** The current session, or null when nobody is signed in. */
  async session(): Promise<Session | null> {
    try {
      return this.remember(await this.request<Session>("GET", "/api/session"));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  }

  async signIn(email: string, password: string): Promise<Session> {
    return this.remember(await this.request<Session>("POST", "/api/auth/sign-in", { email, password }));
  }

  async signOut(): Promise<void> {
    try {
      await this.request<void>("POST", "/api/auth/sign-out");
    } finally {
      this.csrfToken = null;
    }
  }

  verifyTotp(code: string): Promise<void> {
    return this.request("POST", "/api/auth/totp/verify", { code });
  }

  enrollTotp(): Promise<TotpEnrollment> {
    return this.request("POST", "/api/auth/totp/enroll");
  }

  confirmTotp(code: string): Promise<void> {
    return this.request("POST", "/api/auth/totp/confirm", { code });
  }

  /** Every contract the organization sees, following nextCursor to the last page. */
  async allContracts(): Promise<ContractSummary[]> {
    const all: ContractSummary[] = [];
    const seen = new Set<string>();
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const query: string = cursor === null ? "limit=200" : `limit=200&cursor=${seg(cursor)}`;
      const result: ContractPage = await this.request<ContractPage>("GET", `/api/contracts?${query}`);
      all.push(...result.items);
      if (result.nextCursor === null) return all;
      if (seen.has(result.nextCursor)) break;
      seen.add(result.nextCursor);
      cursor = result.nextCursor;
    }
    throw new ApiError(0, "pagination-loop", "the contract list did not end; reload the page");
  }

  contract(districtId: string, contractId: string): Promise<ContractDetail> {
    return this.request("GET", `/api/districts/${seg(districtId)}/contracts/${seg(contractId)}`);
  }

  async statements(districtId: string, contractId: string): Promise<StatementSummary[]> {
    const path = `/api/districts/${seg(districtId)}/contracts/${seg(contractId)}/statements`;
    return [...(await this.request<{ items: StatementSummary[] }>("GET", path)).items];
  }

  statement(districtId: string, contractId: string, statementId: string): Promise<StatementDetail> {
    return this.request(
      "GET",
      `/api/districts/${seg(districtId)}/contracts/${seg(contractId)}/statements/${seg(statementId)}`,
    );
  }

  private remember(session: Session): Session {
    this.csrfToken = session.csrfToken;
    return session;
  }
}
