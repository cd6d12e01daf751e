/**
 * Obligation statuses (settlement-v1 section 3): measured obligations from the
 * population counts, manual ones from obligations.csv (pending without a row).
 */
import type { Terms } from "../terms/types.js";
import type { ContractData } from "../data/data-set.js";
import type { ObligationResult } from "./statement.js";

export function settleObligations(
  terms: Terms,
  population: { eligible: number; served: number },
  data: ContractData,
): ObligationResult[] {
  return terms.obligations.map((o) => {
    let status: ObligationResult["status"];
    let value: number | null = null;
    switch (o.measure.kind) {
      case "enrolledStudents":
        value = population.eligible;
        status = value >= o.measure.min ? "met" : "notMet";
        break;
      case "servedStudents":
        value = population.served;
        status = value >= o.measure.min ? "met" : "notMet";
        break;
      case "manual":
        status = data.obligationStatus(o.id) ?? "pending";
        break;
    }
    return {
      id: o.id,
      party: o.party,
      description: o.description,
      status,
      value,
      consequenceApplied: status === "notMet" && o.consequence.kind !== "none",
    };
  });
}
