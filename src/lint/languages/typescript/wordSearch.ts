/**
 * Where a name stands in source text as a whole word, found with `indexOf`. The lint looks for a new name at
 * almost every step (each function, variable and field it follows back), and a regular expression built for each
 * name costs a compile (about 15 µs) every time, more than the search it makes. Word characters are those of `\w`
 * and `$`, as the patterns these searches replaced had them.
 */

const SPACE = /\s/;

function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

/**
 * The offsets in `text[from, to)` where `word` starts a whole word: no word character right before it (nor a `.`
 * with `notAfterDot`: a property name is not the variable) and none right after it; the span's own ends count as
 * boundaries.
 */
export function* wordsAt(text: string, word: string, from = 0, to = text.length, notAfterDot = false): Generator<number> {
  if (word.length === 0) return;
  for (let k = text.indexOf(word, from); k >= 0 && k + word.length <= to; k = text.indexOf(word, k + 1)) {
    if (k > from) {
      const before = text.charCodeAt(k - 1);
      if (isWordCode(before) || (notAfterDot && before === 46)) continue;
    }
    const after = k + word.length;
    if (after < to && isWordCode(text.charCodeAt(after))) continue;
    yield k;
  }
}

/** The offset after the white space (`\s*`) that starts at `at`, stopping at `to`. */
export function skipSpace(text: string, at: number, to = text.length): number {
  while (at < to && SPACE.test(text[at]!)) at++;
  return at;
}

/** The offset right after `token` when the text at `at`, past white space, starts with it; -1 when it does not. */
export function after(text: string, at: number, token: string, to = text.length): number {
  const k = skipSpace(text, at, to);
  return k + token.length <= to && text.startsWith(token, k) ? k + token.length : -1;
}

/** The offset right after `word` when the text at `at`, past white space, is that whole word; -1 when it is not. */
export function afterWord(text: string, at: number, word: string, to = text.length): number {
  const end = after(text, at, word, to);
  return end >= 0 && !(end < to && isWordCode(text.charCodeAt(end))) ? end : -1;
}
