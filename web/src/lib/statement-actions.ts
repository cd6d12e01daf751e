/**
 * What the viewer may do with a statement, by the API's rules: district administrators
 * and vendor users (approve:money) approve and dispute; district administrators and
 * analysts (run:settlement) re-run, on an active contract only; a statement a later run
 * replaced is not reviewed or re-run. An organization that approved last does not
 * approve again.
 */
import type { Role, StatementDetail } from "./api-types.js";

export interface StatementActions {
  readonly approve: boolean;
  readonly dispute: boolean;
  readonly rerun: boolean;
  /** Why nothing can be done, when nothing can. */
  readonly note: string | null;
}

const REVIEWERS: readonly Role[] = ["district_admin", "vendor_user"];
const RUNNERS: readonly Role[] = ["district_admin", "district_analyst"];

export function statementActions(
  viewer: { readonly role: Role; readonly organizationId: string } | null,
  detail: StatementDetail,
  contractStage: string,
): StatementActions {
  if (viewer === null) return { approve: false, dispute: false, rerun: false, note: null };
  const replacedBy = detail.statement.supersededByStatementId;
  if (replacedBy !== null)
    return {
      approve: false,
      dispute: false,
      rerun: false,
      note: `Statement ${replacedBy} replaced this one: review that statement instead.`,
    };
  const reviews = REVIEWERS.includes(viewer.role);
  const mine = detail.reviews.filter((r) => r.organizationId === viewer.organizationId).at(-1);
  const approve = reviews && mine?.action !== "approve";
  const rerun = RUNNERS.includes(viewer.role) && contractStage === "active";
  let note: string | null = null;
  if (!reviews && !rerun)
    note =
      viewer.role === "district_analyst"
        ? "Analysts do not approve money: a district administrator approves or disputes statements."
        : "Your role reads statements; it does not review or re-run them.";
  else if (reviews && !approve) note = "Your organization has approved this statement.";
  return { approve, dispute: reviews, rerun, note };
}
