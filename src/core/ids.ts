/**
 * Ids are ordered by the bytes of their UTF-8 encoding (settlement-v1), which is code
 * point order. JavaScript's `<` compares UTF-16 code units and differs from it only for
 * characters above U+FFFF against U+E000..U+FFFF, so ASCII ids take the fast path.
 */
export function compareIds(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x < 0xd800 && y < 0xd800) return x - y;
    const cx = a.codePointAt(i) ?? x;
    const cy = b.codePointAt(i) ?? y;
    return cx - cy;
  }
  return a.length - b.length;
}
