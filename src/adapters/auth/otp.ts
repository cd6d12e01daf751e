/**
 * Time-based one-time codes (RFC 6238) with otpauth, in the form every authenticator app
 * reads: SHA-1, 6 digits, 30-second steps. One step of drift either way is accepted, so a
 * phone whose clock is up to 30 s off still works. `verify` returns the matched step so the
 * caller can store it and refuse the same code twice (RFC 6238 section 5.2).
 */
import { Secret, TOTP } from "otpauth";
import type { Totp, TotpSecret } from "../../app/ports/auth.js";

const ISSUER = "Accord";
const PERIOD_SECONDS = 30;
const DIGITS = 6;
const DRIFT_STEPS = 1;
// 160 bits: the HMAC-SHA-1 key size RFC 4226 recommends.
const SECRET_BYTES = 20;

function totpFor(secret: Secret, accountName = ""): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: accountName,
    algorithm: "SHA1",
    digits: DIGITS,
    period: PERIOD_SECONDS,
    secret,
  });
}

export function totp(): Totp {
  return {
    createSecret(accountName: string): TotpSecret {
      const secret = new Secret({ size: SECRET_BYTES });
      return { base32: secret.base32, uri: totpFor(secret, accountName).toString() };
    },

    verify(secretBase32, code, at) {
      // Only what an app shows is a code: no spaces, no other lengths, no non-ASCII digits.
      if (!/^[0-9]{6}$/.test(code)) return null;
      const otp = totpFor(Secret.fromBase32(secretBase32));
      const timestamp = at.getTime();
      const delta = otp.validate({ token: code, timestamp, window: DRIFT_STEPS });
      return delta === null ? null : otp.counter({ timestamp }) + delta;
    },

    generate(secretBase32, at) {
      return totpFor(Secret.fromBase32(secretBase32)).generate({ timestamp: at.getTime() });
    },
  };
}
