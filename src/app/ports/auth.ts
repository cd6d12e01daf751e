/** Ports of accounts and sign-in: password hashing and rules, one-time codes, mail. */

export interface PasswordHasher {
  /** An argon2id PHC string (`$argon2id$v=19$m=...`). */
  hash(password: string): Promise<string>;
  /** False for a wrong password or a hash this hasher cannot read; never throws for those. */
  verify(hash: string, password: string): Promise<boolean>;
}

/** Why a new password is refused: a stable code and a message for the person choosing it. */
export interface PasswordProblem {
  readonly code: "password-too-short" | "password-too-long" | "password-common" | "password-too-weak";
  readonly message: string;
}

export interface PasswordPolicy {
  /** Problems with `password` for an account with these e-mail and name; empty when it is acceptable. */
  check(
    password: string,
    context: { readonly email: string; readonly displayName: string },
  ): PasswordProblem[];
}

export interface TotpSecret {
  /** Base32, as stored and as typed into an authenticator app. */
  readonly base32: string;
  /** otpauth://totp/... for a QR code. */
  readonly uri: string;
}

export interface Totp {
  createSecret(accountName: string): TotpSecret;
  /**
   * The time step (30 s counter) at which `code` is valid for `secret` at `at`, one step
   * of clock drift allowed either way; null when it is not valid. Callers refuse a step
   * already used, so a code cannot be replayed.
   */
  verify(secretBase32: string, code: string, at: Date): number | null;
  /** The code for `secret` at `at` (tests and the demo). */
  generate(secretBase32: string, at: Date): string;
}

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** An HTML alternative to `text` (the same content), sent as multipart/alternative. */
  readonly html?: string;
  /** Extra header fields, such as List-Unsubscribe (RFC 2369, RFC 8058). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
