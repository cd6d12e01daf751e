/**
 * The obc-terms/1 validator and the JSON shape of a terms document, for the web app's
 * contract builder: the same `parseTerms` the server and the CLI use (pure core), so a
 * builder checks a document exactly as saving it will.
 */
export { parseTerms, TERMS_FORMAT, type ParseTermsResult } from "../../core/terms/parse-terms.js";
export type { JsonProblem } from "../../core/problem.js";
export type { Grade, Party, Service, SubgroupFlag } from "../../core/terms/types.js";
export type {
  BaseJson,
  EligibilityJson,
  GrowthTargetJson,
  MetricJson,
  ObligationJson,
  OrganizationJson,
  OutcomesJson,
  TermsDocument,
  WindowJson,
} from "../../core/demo/terms-json.js";

/** The services of obc-terms/1, in the spec's order. */
export const SERVICES = ["tutoring", "edtech", "professional-learning", "curriculum", "other"] as const;

/** The grades of obc-terms/1, youngest first. */
export const GRADES = ["PK", "K", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"] as const;
