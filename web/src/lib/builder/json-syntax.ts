/**
 * Where a JSON text first breaks the grammar (RFC 8259), as a character offset, so that
 * an imported file that is not JSON is refused with its line and column; engines differ
 * in whether their own messages say where. Null when the text is valid JSON.
 */

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const ESCAPE = /^(?:["\\/bfnrt]|u[0-9A-Fa-f]{4})/;

class Fail {
  constructor(readonly at: number) {}
}

export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw new Fail(i);
  };
  const space = (): void => {
    while (i < text.length && WHITESPACE.has(text[i] ?? "")) i += 1;
  };
  const expect = (c: string): void => {
    if (text[i] !== c) fail();
    i += 1;
  };
  const string = (): void => {
    expect('"');
    for (;;) {
      const c = text[i];
      if (c === undefined || c < " ") fail();
      if (c === '"') return void (i += 1);
      if (c === "\\") {
        const escape = ESCAPE.exec(text.slice(i + 1, i + 6));
        if (escape === null) fail();
        i += 1 + (escape?.[0].length ?? 0);
      } else i += 1;
    }
  };
  const value = (depth: number): void => {
    if (depth > 512) fail();
    space();
    const c = text[i];
    if (c === "{") {
      i += 1;
      space();
      if (text[i] === "}") return void (i += 1);
      for (;;) {
        space();
        string();
        space();
        expect(":");
        value(depth + 1);
        space();
        if (text[i] === "}") return void (i += 1);
        expect(",");
      }
    }
    if (c === "[") {
      i += 1;
      space();
      if (text[i] === "]") return void (i += 1);
      for (;;) {
        value(depth + 1);
        space();
        if (text[i] === "]") return void (i += 1);
        expect(",");
      }
    }
    if (c === '"') return string();
    for (const word of ["true", "false", "null"])
      if (text.startsWith(word, i)) return void (i += word.length);
    const number = NUMBER.exec(text.slice(i, i + 400));
    if (number === null) fail();
    i += number?.[0].length ?? 0;
  };
  try {
    value(0);
    space();
    if (i < text.length) fail();
    return null;
  } catch (error) {
    if (error instanceof Fail) return error.at;
    throw error;
  }
}
