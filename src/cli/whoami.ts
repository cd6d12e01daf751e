/** The name recorded as who imported or recorded something from the command line. */
import { userInfo } from "node:os";

export function whoami(): string {
  try {
    const name = userInfo().username.trim();
    return name === "" ? "cli" : name;
  } catch {
    return "cli";
  }
}
