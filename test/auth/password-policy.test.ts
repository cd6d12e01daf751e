import { describe, expect, it } from "vitest";
import { passwordPolicy, userInputs } from "../../src/adapters/auth/password-policy.js";

const policy = passwordPolicy();
const staff = { email: "mjones@springfield.k12.il.us", displayName: "Marguerite Jones" };
const codes = (password: string) => policy.check(password, staff).map((p) => p.code);

describe("password policy", () => {
  it("accepts a long passphrase of unrelated words", () => {
    expect(policy.check("velvet-tractor-lagoon-mustard", staff)).toEqual([]);
  });

  it("accepts a random 12-character password, the shortest allowed", () => {
    expect(policy.check("k8#Lq2!vZp9@", staff)).toEqual([]);
  });

  it("refuses fewer than 12 characters, counting characters rather than UTF-16 units", () => {
    expect(codes("k8#Lq2!vZp9")).toEqual(["password-too-short"]);
    // 11 emoji are 22 UTF-16 units but 11 characters.
    expect(codes("🦊🐙🦉🐢🦔🐝🦋🐌🦀🐠🦒")).toContain("password-too-short");
  });

  it("refuses more than 256 characters and nothing else about them", () => {
    expect(codes("x".repeat(257))).toEqual(["password-too-long"]);
    expect(codes("velvet-tractor-lagoon-mustard-".repeat(9).slice(0, 256))).toEqual([]);
  });

  it.each([
    "qwerty123456", // a breached password as it is
    "password123456", // two breached passwords joined
    "P@ssw0rd12345", // l33t
    "Iloveyou12345", // capitalised
    "654321drowssap", // reversed
  ])("refuses %s as a commonly breached password", (password) => {
    expect(codes(password)).toEqual(["password-common"]);
  });

  it("refuses a short breached password as both too short and common", () => {
    expect(codes("password")).toEqual(["password-too-short", "password-common"]);
  });

  it("refuses the person's own name and e-mail as too weak", () => {
    expect(codes("MargueriteJones2024")).toEqual(["password-too-weak"]);
    expect(codes("marguerite.jones!")).toEqual(["password-too-weak"]);
    expect(codes("mjonesspringfield")).toEqual(["password-too-weak"]);
  });

  it("takes the name as a user input: the same password is fine for somebody else", () => {
    const other = { email: "dlee@springfield.k12.il.us", displayName: "Dana Lee" };
    expect(policy.check("MargueriteJones2024", other)).toEqual([]);
  });

  it("refuses repeats and keyboard walks as too weak", () => {
    expect(codes("abcabcabcabcabc")).toEqual(["password-too-weak"]);
    expect(codes("1qaz2wsx3edc4rfv5tgb")).toEqual(["password-too-weak"]);
  });

  it("never repeats the password in a message", () => {
    for (const password of ["MargueriteJones2024", "qwerty123456", "Zq".repeat(130)]) {
      const problems = policy.check(password, staff);
      expect(problems).not.toEqual([]);
      for (const p of problems) expect(p.message).not.toContain(password.slice(0, 8));
    }
  });
});

describe("user inputs", () => {
  it("splits the e-mail and the display name into words", () => {
    expect(userInputs("m.jones+hr@district.org", "Marguerite  Jones-Smith")).toEqual([
      "m.jones+hr@district.org",
      "m.jones+hr",
      "Marguerite  Jones-Smith",
      "MargueriteJonesSmith",
      "m",
      "jones",
      "hr",
      "district",
      "org",
      "Marguerite",
      "Jones",
      "Smith",
    ]);
  });
});
