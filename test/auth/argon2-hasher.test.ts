import { describe, expect, it } from "vitest";
import { argon2Hasher, OWASP_ARGON2ID } from "../../src/adapters/auth/argon2-hasher.js";

// Cheap costs keep the suite fast; one test below pays for the real defaults.
const hasher = argon2Hasher({ memoryCostKib: 1024, timeCost: 1, parallelism: 1 });

describe("argon2 hasher", () => {
  it("hashes to an argon2id PHC string carrying its costs and a fresh salt", async () => {
    const a = await hasher.hash("velvet-tractor-lagoon");
    const b = await hasher.hash("velvet-tractor-lagoon");
    expect(a).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
  });

  it("uses OWASP's argon2id costs by default", async () => {
    expect(OWASP_ARGON2ID).toEqual({ memoryCostKib: 19_456, timeCost: 2, parallelism: 1 });
    const stored = await argon2Hasher().hash("velvet-tractor-lagoon");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await argon2Hasher().verify(stored, "velvet-tractor-lagoon")).toBe(true);
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hasher.hash("velvet-tractor-lagoon");
    expect(await hasher.verify(stored, "velvet-tractor-lagoon")).toBe(true);
    expect(await hasher.verify(stored, "velvet-tractor-lagoon ")).toBe(false);
    expect(await hasher.verify(stored, "")).toBe(false);
  });

  it("verifies a hash made with other costs, since the costs travel in the hash", async () => {
    const stored = await hasher.hash("velvet-tractor-lagoon");
    expect(await argon2Hasher().verify(stored, "velvet-tractor-lagoon")).toBe(true);
  });

  it.each([
    ["an empty string", ""],
    ["not a PHC string", "velvet-tractor-lagoon"],
    ["a truncated hash", "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0"],
    ["a bcrypt hash", "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"],
  ])("returns false rather than throwing for %s", async (_label, stored) => {
    await expect(hasher.verify(stored, "velvet-tractor-lagoon")).resolves.toBe(false);
  });
});
