/**
 * A cheap look at a file before it is parsed, to keep the lint bounded on what editors also open: minified
 * bundles, generated data and machine-nested code. One linear pass finds how deep the brackets nest (outside
 * strings and comments) and which lines are very long. Code nested deeper than people write is not parsed (a
 * parser's recursion depends on the stack the process has left, so the result would depend on the process's
 * history); very long lines are blanked before the parse (a megabyte of weights or a minified library holds no
 * loss to read), and a file that is long lines throughout is not read. The result says so in `incompleteReason`.
 */

/** Deeper bracket nesting than this is generated code (hand-written losses nest a few dozen deep). */
export const MAX_NESTING = 256;
/** Lines longer than this are generated data or minified code. */
export const MAX_LINE = 20_000;
/** A file this large whose lines average more than MAX_AVERAGE_LINE characters is minified or generated. */
const GENERATED_SIZE = 200_000;
const MAX_AVERAGE_LINE = 400;

export type SourceShape =
  | { kind: 'ordinary' }
  | { kind: 'long-lines'; text: string; lines: number; note: string }
  | { kind: 'skip'; note: string };

/** What to parse of `text`: all of it, the text with its long lines blanked, or nothing. */
export function sourceShape(text: string, language: 'typescript' | 'python'): SourceShape {
  const depth = maxNesting(text, language);
  if (depth > MAX_NESTING) return { kind: 'skip', note: `the code nests brackets more than ${MAX_NESTING} deep, as generated code does; it was not read` };
  // A text no longer than a long line has no long line and is not generated: nothing to count.
  if (text.length <= MAX_LINE) return { kind: 'ordinary' };
  let lines = 1;
  // Where each long line starts and ends, to blank it below.
  const long: number[] = [];
  let lineStart = 0;
  // Jump from line break to line break (\r\n is one): indexOf when every break is a \n or \r\n (a plain loop, no
  // allocation per line), else a regex scan. `includes` (no regex) first: most files have no other break.
  if (text.includes('\u2028') || text.includes('\u2029') || (text.includes('\r') && /\r(?!\n)/.test(text))) {
    const breaks = /\r\n?|[\n\u2028\u2029]/g;
    for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
      if (m.index - lineStart > MAX_LINE) long.push(lineStart, m.index);
      lines++;
      lineStart = m.index + m[0].length;
    }
  } else {
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
      // A \r\n found by its \n: the line ends at the \r.
      const end = at > 0 && text.charCodeAt(at - 1) === 13 ? at - 1 : at;
      if (end - lineStart > MAX_LINE) long.push(lineStart, end);
      lines++;
      lineStart = at + 1;
    }
  }
  if (text.length - lineStart > MAX_LINE) long.push(lineStart, text.length);
  if (text.length > GENERATED_SIZE && text.length / lines > MAX_AVERAGE_LINE) {
    return { kind: 'skip', note: `the file looks minified or generated (${Math.round(text.length / lines)} characters per line on average); it was not read` };
  }
  if (long.length === 0) return { kind: 'ordinary' };
  // The long lines blanked, every offset kept: the text between them as it is, each long line as spaces.
  const parts: string[] = [];
  let from = 0;
  for (let k = 0; k < long.length; k += 2) {
    parts.push(text.slice(from, long[k]), ' '.repeat(long[k + 1] - long[k]));
    from = long[k + 1];
  }
  parts.push(text.slice(from));
  const count = long.length / 2;
  return { kind: 'long-lines', text: parts.join(''), lines: count, note: `${count === 1 ? 'a line' : `${count} lines`} longer than ${MAX_LINE} characters (minified code or generated data) ${count === 1 ? 'was' : 'were'} not read` };
}

/** How deep (), [] and {} nest outside strings and comments; stops counting once past MAX_NESTING. */
export function maxNesting(text: string, language: 'typescript' | 'python'): number {
  const python = language === 'python';
  const n = text.length;
  let depth = 0;
  let max = 0;
  // One pass over the character codes (cheaper than a regex jumping between brackets, which stops at every one).
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // Every character that matters is between '"' (34) and '}' (125).
    if (c < 34 || c > 125) continue;
    if (c === 40 || c === 91 || c === 123) {
      if (++depth > max && (max = depth) > MAX_NESTING) return max;
    } else if (c === 41 || c === 93 || c === 125) {
      if (depth > 0) depth--;
    } else if (c === 34 || c === 39 || c === 96) {
      i = stringEnd(text, i, python);
    } else if (python ? c === 35 : c === 47 && text.charCodeAt(i + 1) === 47) {
      i = lineEnd(text, i);
    } else if (!python && c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 1;
    }
  }
  return max;
}

function lineEnd(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl;
}

/** Where a string opened by each quote may end: its quote, a backslash (escaping the next character), a newline (not in a template). */
const STRING_STOPS: Record<string, RegExp> = { '"': /["\\\n]/g, "'": /['\\\n]/g, '`': /[`\\]/g };

/** The index of the quote that closes the string opened at `i` (Python's triple quotes too); a line ends a plain string. */
function stringEnd(text: string, i: number, python: boolean): number {
  const q = text[i];
  if (python && text.startsWith(q.repeat(3), i)) {
    const close = text.indexOf(q.repeat(3), i + 3);
    return close < 0 ? text.length : close + 2;
  }
  const stop = STRING_STOPS[q];
  stop.lastIndex = i + 1;
  for (let m = stop.exec(text); m; m = stop.exec(text)) {
    if (text.charCodeAt(m.index) !== 92) return m.index;
    stop.lastIndex = m.index + 2; // a backslash escapes the next character
  }
  return text.length;
}
