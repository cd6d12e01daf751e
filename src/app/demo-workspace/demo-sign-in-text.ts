/**
 * The demo workspace's sign-in details as the terminal shows them once, on the start that
 * seeded it: a table of role, e-mail and password, then the administrators' TOTP secrets
 * to add to an authenticator app. The store keeps only hashes, so this is the one time
 * the passwords can be read.
 */
import type { DemoWorkspace } from "./seed-demo-workspace.js";
import { textTable as table } from "../../shared/text-table.js";

export function demoSignInText(workspace: DemoWorkspace): string {
  const users = workspace.users;
  const admins = users.filter((u) => u.totpSecret !== undefined);
  const stages = workspace.contracts.map((c) => `${c.contractId} (${c.stage})`).join(", ");
  const lines = [
    `Demo workspace created: ${workspace.districtName} (${workspace.districtId})`,
    `Contracts: ${stages}`,
    "",
    table([
      ["role", "organization", "e-mail", "password"],
      ...users.map((u) => [u.role, u.organizationId, u.email, u.password]),
    ]),
  ];
  if (admins.length > 0)
    lines.push(
      "",
      "Administrators also give a 6-digit code at sign-in. Add each secret to an authenticator",
      'app ("enter a setup key", time-based), or open its otpauth:// link on the phone:',
      "",
      table([["e-mail", "TOTP secret"], ...admins.map((u) => [u.email, u.totpSecret ?? ""])]),
      "",
      ...admins.map((u) => `  ${u.totpUri ?? ""}`),
    );
  lines.push(
    "",
    "These passwords are shown only now: the store keeps their hashes, not them. Keep them",
    "somewhere safe, or start again with an empty store to get new ones.",
  );
  return lines.join("\n") + "\n";
}
