/** `accord demo`: not wired yet in this commit. */
import { say, EXIT_INTERNAL } from "./io.js";

export async function demoCommand(_args: string[]): Promise<number> {
  say("accord demo: the synthetic district generator is not part of this build yet.");
  return EXIT_INTERNAL;
}
