/**
 * Client-side navigation over the History API: links change the address without a page
 * load, and Back/Forward work because the page follows `location` through popstate.
 */
import { useSyncExternalStore, type MouseEvent } from "react";

const CHANGE = "accord:navigate";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, "", path);
  window.dispatchEvent(new Event(CHANGE));
}

/** A click the app handles itself; modified clicks (new tab, new window) stay the browser's. */
export function followLink(event: MouseEvent<HTMLAnchorElement>, path: string): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(path);
}

/** Where a mailed password-reset (or invitation) link lands: `?token=` names the reset. */
export const RESET_PASSWORD_PATH = "/reset-password";
/** Where a refused sign-in with a provider lands: `?error=` says why. */
export const SIGN_IN_PATH = "/sign-in";
