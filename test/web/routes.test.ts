import { describe, expect, it } from "vitest";
import { contractPath, parseRoute, statementPath } from "../../web/src/lib/routes.js";

describe("web routes", () => {
  it("reads the dashboard, contract and statement addresses", () => {
    expect(parseRoute("/")).toEqual({ page: "dashboard" });
    expect(parseRoute("/contracts/d1/c1")).toEqual({ page: "contract", districtId: "d1", contractId: "c1" });
    expect(parseRoute("/contracts/d1/c1/statements/7/")).toEqual({
      page: "statement",
      districtId: "d1",
      contractId: "c1",
      statementId: "7",
    });
  });

  it("round-trips ids with characters that need encoding", () => {
    const path = statementPath("d 1", "c/2.v2", "3");
    expect(path).toBe("/contracts/d%201/c%2F2.v2/statements/3");
    expect(parseRoute(path)).toEqual({
      page: "statement",
      districtId: "d 1",
      contractId: "c/2.v2",
      statementId: "3",
    });
    expect(parseRoute(contractPath("d1", "c1"))).toMatchObject({ page: "contract" });
  });

  it("answers not-found for other paths and broken encodings", () => {
    for (const path of [
      "/contracts",
      "/contracts/d1",
      "/contracts/d1/c1/x",
      "/foo",
      "/contracts/%E0%A4%A/c1",
    ])
      expect(parseRoute(path).page, path).toBe("not-found");
  });
});
