/**
 * The browser's globals, typed for the callbacks a test runs in the page
 * (`page.evaluate`, `waitForFunction`, `addInitScript`). The test project compiles
 * without the DOM library (it is Node code), so a callback takes what it needs from
 * `globalThis` through this type, which is erased at compile time:
 *
 *   await page.evaluate(() => {
 *     const { document } = globalThis as unknown as PageGlobals;
 *     return document.activeElement?.id ?? "";
 *   });
 */
export interface PageElement {
  readonly tagName: string;
  readonly id: string;
  readonly textContent: string | null;
  readonly scrollWidth: number;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { readonly top: number; readonly height: number; readonly width: number };
  focus(): void;
  blur(): void;
}

export interface PageGlobals {
  readonly document: {
    readonly activeElement: PageElement | null;
    readonly documentElement: PageElement;
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
  };
  readonly MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: { readonly childList?: boolean; readonly subtree?: boolean }): void;
  };
  getComputedStyle(element: PageElement): { readonly outlineStyle: string };
  readonly performance: { now(): number };
}
