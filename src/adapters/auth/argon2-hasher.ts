/**
 * Password hashing with argon2id (@node-rs/argon2, a native binding: no node-gyp, no
 * blocking of the event loop). The defaults are OWASP's minimum for argon2id, 19 MiB of
 * memory, 2 passes, 1 lane: about 10 ms a hash on a current server core, which is slow for an
 * attacker with a stolen table and fast enough for a sign-in. Tests pass cheaper costs;
 * the costs travel inside each PHC string, so a hash made with them still verifies after
 * the defaults change.
 */
import { hash, verify } from "@node-rs/argon2";
import type { PasswordHasher } from "../../app/ports/auth.js";

/** Costs of one hash; memory in KiB (the `m=` of the PHC string). */
export interface Argon2Costs {
  readonly memoryCostKib: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

export const OWASP_ARGON2ID: Argon2Costs = { memoryCostKib: 19_456, timeCost: 2, parallelism: 1 };

// Algorithm.Argon2id of @node-rs/argon2: a `const enum`, which isolatedModules cannot import.
const ARGON2ID = 2;

export function argon2Hasher(costs: Argon2Costs = OWASP_ARGON2ID): PasswordHasher {
  const options = {
    algorithm: ARGON2ID,
    memoryCost: costs.memoryCostKib,
    timeCost: costs.timeCost,
    parallelism: costs.parallelism,
  };
  return {
    hash: (password) => hash(password, options),
    async verify(stored, password) {
      // The costs and salt come from `stored`; only a malformed string makes the binding throw,
      // and the port promises `false` for that rather than an error page at sign-in.
      try {
        return await verify(stored, password);
      } catch {
        return false;
      }
    },
  };
}
