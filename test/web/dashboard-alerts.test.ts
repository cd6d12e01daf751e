import { describe, expect, it } from "vitest";
import { alertHref, countBySeverity } from "../../web/src/lib/api/alerts.js";
import {
  attainedText,
  contingentCents,
  paidCents,
  type ContractFigures,
} from "../../web/src/lib/portfolio.js";
import type { ContractSummary, Stage } from "../../web/src/lib/api-types.js";

const ref = { districtId: "d 1", contractId: "c/1" };

describe("alerts on the dashboard", () => {
  it("links each alert to the contract's section, its outcomes or its statement", () => {
    expect(alertHref({ ...ref, target: { page: "contract", section: "freshness" } })).toBe(
      "/contracts/d%201/c%2F1#data-freshness",
    );
    expect(alertHref({ ...ref, target: { page: "contract", section: "obligations" } })).toBe(
      "/contracts/d%201/c%2F1#obligations",
    );
    expect(alertHref({ ...ref, target: { page: "outcomes" } })).toBe("/contracts/d%201/c%2F1/outcomes");
    expect(alertHref({ ...ref, target: { page: "statement", statementId: "12" } })).toBe(
      "/contracts/d%201/c%2F1/statements/12",
    );
  });

  it("counts alerts by severity", () => {
    expect(
      countBySeverity([{ severity: "critical" }, { severity: "info" }, { severity: "critical" }]),
    ).toEqual({
      critical: 2,
      warning: 0,
      info: 1,
    });
  });
});

function figures(stage: Stage, paid: string, contingent: string, outcome: string): ContractFigures {
  const contract: ContractSummary = {
    districtId: "d1",
    contractId: `c-${stage}-${paid}`,
    vendorId: "v1",
    vendorName: "Vendor One",
    title: "t",
    stage,
    termsVersion: 1,
    maxValue: "1000.00",
    periodStart: "2024-09-01",
    periodEnd: "2025-05-31",
  };
  return {
    contract,
    problem: null,
    progress: {
      enrolment: { expectedStudents: 10, enrolled: 5 },
      money: { paid, contingentAtStake: contingent, outcome, total: "0.00" },
      metrics: [],
    },
  };
}

describe("portfolio money", () => {
  it("adds payments of active and settled contracts and contingent money of active ones, exactly", () => {
    const all = [
      figures("active", "100.10", "200.20", "50.05"),
      figures("settled", "0.20", "999.99", "1.00"),
      { ...figures("active", "5.00", "5.00", "0.00"), progress: null, problem: "no terms" },
    ];
    expect(paidCents(all)).toBe(10030n);
    expect(contingentCents(all)).toBe(20020n);
  });

  it("gives outcomes attained as a share of what was at stake, rounded down", () => {
    expect(attainedText(figures("active", "0.00", "200.20", "50.05").progress!)).toBe("25%");
    expect(attainedText(figures("active", "0.00", "0.00", "0.00").progress!)).toBe("–");
  });
});
