/** What seeding the demo workspace needs in the open-data tests: a fixed clock and a cheap hasher. */
import { argon2Hasher } from "../../src/adapters/auth/argon2-hasher.js";
import { totp } from "../../src/adapters/auth/otp.js";

export const DEMO_DEPS = {
  clock: { now: () => new Date("2025-02-10T15:00:00Z") },
  hasher: argon2Hasher({ memoryCostKib: 1024, timeCost: 1, parallelism: 1 }),
  totp: totp(),
};
