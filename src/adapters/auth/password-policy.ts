/**
 * Rules for a new password, after NIST SP 800-63B: a minimum length, no composition rules,
 * and a refusal of passwords known to attackers. The "known to attackers" check is the
 * offline form of a breached-password check: instead of asking a breach service (Accord
 * runs in districts without outbound network access), it matches the password against the
 * commonly breached passwords bundled with zxcvbn-ts (@zxcvbn-ts/language-common, about
 * 49,000 of them) and the variants zxcvbn recognises: capitals, l33t, reversal, a typo or
 * two, a common password with digits or a year added. Anything else is scored by zxcvbn,
 * with the person's e-mail and name as words an attacker would try first.
 */
import { createRequire } from "node:module";
import type * as Core from "@zxcvbn-ts/core";
import type * as LanguageCommon from "@zxcvbn-ts/language-common";
import type { PasswordPolicy, PasswordProblem } from "../../app/ports/auth.js";

export const MIN_PASSWORD_LENGTH = 12;
// zxcvbn only looks at the first 256 characters; a longer one is a paste accident or an attack.
export const MAX_PASSWORD_LENGTH = 256;
// zxcvbn's 3: "safely unguessable", about 10^8 guesses; what it recommends for sign-in.
const MIN_SCORE = 3;

// zxcvbn's own warnings (its default translations are the keys) for a password that is, or
// is made of, an entry of the passwords dictionary.
const COMMON_WARNINGS: ReadonlySet<string> = new Set(["topTen", "topHundred", "common", "similarToCommon"]);

let engine: Core.ZxcvbnFactory | undefined;

/**
 * The dictionaries take about 7 MB of heap once unpacked: load them on the first check, not at
 * start-up, then keep them. Levenshtein matching (a typo or two away from a breached password)
 * makes a check cost 50-150 ms of CPU; fine for a form submitted once per password change.
 */
function zxcvbn(): Core.ZxcvbnFactory {
  if (engine === undefined) {
    const require = createRequire(import.meta.url);
    const { ZxcvbnFactory } = require("@zxcvbn-ts/core") as typeof Core;
    const { dictionary, adjacencyGraphs } = require("@zxcvbn-ts/language-common") as typeof LanguageCommon;
    engine = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, useLevenshteinDistance: true });
  }
  return engine;
}

/**
 * Words of the account an attacker would try first: the e-mail, its local part, the name, and
 * each word of them ("mjones", "springfield", "Marguerite", "Jones", "MargueriteJones").
 */
export function userInputs(email: string, displayName: string): string[] {
  const local = email.split("@")[0] ?? "";
  const words = [email, displayName].flatMap((s) => s.split(/[^\p{L}\p{N}]+/u));
  const joined = displayName.replace(/[^\p{L}\p{N}]+/gu, "");
  return [...new Set([email, local, displayName, joined, ...words].filter((w) => w.length > 0))];
}

export function passwordPolicy(): PasswordPolicy {
  return {
    check(password, { email, displayName }) {
      const length = [...password].length;
      if (length > MAX_PASSWORD_LENGTH) {
        return [problem("password-too-long", `Use at most ${MAX_PASSWORD_LENGTH} characters.`)];
      }
      const problems: PasswordProblem[] = [];
      const tooShort = length < MIN_PASSWORD_LENGTH;
      if (tooShort) {
        problems.push(
          problem(
            "password-too-short",
            `Use at least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a long password that is easy to remember.`,
          ),
        );
      }
      const result = zxcvbn().check(password, userInputs(email, displayName));
      if (result.feedback.warning !== null && COMMON_WARNINGS.has(result.feedback.warning)) {
        problems.push(
          problem(
            "password-common",
            "This password, or one very like it, is on lists of passwords stolen in data breaches, which attackers try first. Choose another.",
          ),
        );
      } else if (result.score < MIN_SCORE && !tooShort) {
        // A short password is always weak; saying so twice would only add noise.
        problems.push(
          problem(
            "password-too-weak",
            "This password would be easy to guess: avoid your name, your e-mail address, dates, keyboard patterns and repeated words. A few unrelated words work well.",
          ),
        );
      }
      return problems;
    },
  };
}

function problem(code: PasswordProblem["code"], message: string): PasswordProblem {
  return { code, message };
}
