import { describe, expect, it } from "vitest";
import { URI } from "otpauth";
import { totp } from "../../src/adapters/auth/otp.js";

const otp = totp();
// RFC 6238 appendix B's SHA-1 key, "12345678901234567890", in base32.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
// An instant in the middle of a 30 s step, given in UTC so the test's TZ cannot matter.
const at = new Date("2024-03-10T08:00:15Z");
const step = Math.floor(at.getTime() / 30_000);
const seconds = (n: number) => new Date(at.getTime() + n * 1000);

describe("totp", () => {
  it("matches RFC 6238's SHA-1 test vector", () => {
    // RFC 6238 appendix B: T = 59 s gives 94287082 with 8 digits; 6 digits keep the last six.
    expect(otp.generate(RFC_SECRET, new Date(59_000))).toBe("287082");
    expect(otp.verify(RFC_SECRET, "287082", new Date(59_000))).toBe(1);
  });

  it("returns the 30 s step at which the code is valid", () => {
    const code = otp.generate(RFC_SECRET, at);
    expect(otp.verify(RFC_SECRET, code, at)).toBe(step);
  });

  it("accepts a code one step early or late, and reports the code's own step", () => {
    const code = otp.generate(RFC_SECRET, at);
    expect(otp.verify(RFC_SECRET, code, seconds(-30))).toBe(step);
    expect(otp.verify(RFC_SECRET, code, seconds(30))).toBe(step);
  });

  it("refuses a code two steps away", () => {
    const code = otp.generate(RFC_SECRET, at);
    expect(otp.verify(RFC_SECRET, code, seconds(-60))).toBeNull();
    expect(otp.verify(RFC_SECRET, code, seconds(60))).toBeNull();
  });

  it("refuses anything but exactly six ASCII digits, even around a valid code", () => {
    const code = otp.generate(RFC_SECRET, at);
    const fullWidth = code.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    for (const typed of [
      `${code}0`,
      code.slice(1),
      ` ${code}`,
      `${code.slice(0, 3)} ${code.slice(3)}`,
      fullWidth,
    ]) {
      expect(otp.verify(RFC_SECRET, typed, at)).toBeNull();
    }
    expect(otp.verify(RFC_SECRET, code, at)).toBe(step);
  });

  it("refuses a code of the right shape made with another secret", () => {
    const other = otp.createSecret("someone-else@district.org").base32;
    const code = otp.generate(other, at);
    expect(otp.verify(RFC_SECRET, code, at)).toBeNull();
  });

  it("creates a 160-bit secret and an otpauth URI for Accord that apps can read", () => {
    const secret = otp.createSecret("mjones@springfield.k12.il.us");
    expect(secret.base32).toMatch(/^[A-Z2-7]{32}$/);
    const parsed = URI.parse(secret.uri);
    expect(parsed).toMatchObject({ issuer: "Accord", label: "mjones@springfield.k12.il.us" });
    expect(parsed).toMatchObject({ algorithm: "SHA1", digits: 6, period: 30 });
    expect(parsed.secret.base32).toBe(secret.base32);
    expect(otp.createSecret("x").base32).not.toBe(secret.base32);
  });
});
