/**
 * The rate card check for the web app's proposal form: the same `mergeRateCard` the
 * server runs when a proposal is sent (pure core), so the form shows each problem at its
 * JSON path as the vendor types.
 */
export { mergeRateCard, type MergeResult } from "../core/rfp/rate-card.js";
export { MAX_POINTS, PRICE_CRITERION } from "../core/rfp/scoring.js";
