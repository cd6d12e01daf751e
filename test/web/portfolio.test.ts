import { describe, expect, it } from "vitest";
import type { ContractSummary, Stage } from "../../web/src/lib/api-types.js";
import { partyName } from "../../web/src/lib/api-types.js";
import { committedCents, groupByStage } from "../../web/src/lib/portfolio.js";
import { formatIsoDate, formatTimestamp } from "../../web/src/lib/dates.js";

function contract(contractId: string, stage: Stage, maxValue: string, title = contractId): ContractSummary {
  return {
    districtId: "d1",
    contractId,
    vendorId: "v1",
    vendorName: "Vendor One",
    title,
    stage,
    termsVersion: 1,
    maxValue,
    periodStart: "2024-09-03",
    periodEnd: "2025-05-23",
  };
}

describe("portfolio", () => {
  const contracts = [
    contract("c1", "settled", "572000.00"),
    contract("c2", "active", "499000.10", "B"),
    contract("c3", "draft", "108000.00"),
    contract("c4", "active", "0.20", "A"),
    contract("c5", "closed", "1000.00"),
    contract("c6", "proposed", "5.00"),
  ];

  it("counts only active and settled contracts as money committed", () => {
    expect(committedCents(contracts)).toBe(57_200_000n + 49_900_010n + 20n);
    expect(committedCents([])).toBe(0n);
  });

  it("groups contracts by stage in lifecycle order, leaving empty stages out, titles sorted", () => {
    const groups = groupByStage(contracts.filter((c) => c.stage !== "proposed"));
    expect(groups.map((g) => g.stage)).toEqual(["draft", "active", "settled", "closed"]);
    expect(groups[1]?.contracts.map((c) => c.contractId)).toEqual(["c4", "c2"]);
  });
});

describe("display helpers", () => {
  it("formats calendar dates without a time zone shift", () => {
    expect(formatIsoDate("2024-09-03")).toBe("Sep 3, 2024");
    expect(formatIsoDate("2024-13-01")).toBe("2024-13-01");
  });

  it("labels server timestamps as UTC and leaves other offsets untouched", () => {
    expect(formatTimestamp("2026-11-22T21:30:34.290000Z")).toBe("Nov 22, 2026, 21:30 UTC");
    expect(formatTimestamp("2026-11-22T21:30:34+02:00")).toBe("2026-11-22T21:30:34+02:00");
  });

  it("reads a party's name from the terms document only when it is a non-empty string", () => {
    expect(partyName({ vendor: { id: "v1", name: "Harborlight" } }, "vendor")).toBe("Harborlight");
    expect(partyName({ vendor: { name: 3 } }, "vendor")).toBeNull();
    expect(partyName(null, "district")).toBeNull();
  });
});
