// How deep brackets nest before a parse (sourceShape.ts), one pass over character codes, against the regex scan it
// replaced, kept here as the reference: hand cases and random texts made of the characters that decide the depth
// (brackets, quotes, backslashes, comment starts, newlines), in TypeScript and in Python. And the long lines blanked
// before a parse, against the regex replacement it replaced. Bundled with esbuild.
import test from 'node:test';
import assert from 'node:assert/strict';
import { buildSync } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from './lint-support.mjs';

const require = createRequire(import.meta.url);
const outfile = path.join(mkdtempSync(path.join(os.tmpdir(), 'loss-lens-shape-')), 'shape.cjs');
buildSync({ entryPoints: [path.join(root, 'src/lint/engine/sourceShape.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'error' });
const { maxNesting, sourceShape, MAX_NESTING, MAX_LINE } = require(outfile);

const STOPS = { '"': /["\\\n]/g, "'": /['\\\n]/g, '`': /[`\\]/g };
function referenceStringEnd(text, i, python) {
  const q = text[i];
  if (python && text.startsWith(q.repeat(3), i)) {
    const close = text.indexOf(q.repeat(3), i + 3);
    return close < 0 ? text.length : close + 2;
  }
  const stop = STOPS[q];
  stop.lastIndex = i + 1;
  for (let m = stop.exec(text); m; m = stop.exec(text)) {
    if (text.charCodeAt(m.index) !== 92) return m.index;
    stop.lastIndex = m.index + 2;
  }
  return text.length;
}
/** The scan before: a regex jumping from one bracket, quote or comment start to the next. */
function referenceNesting(text, language) {
  const python = language === 'python';
  let depth = 0;
  let max = 0;
  const interesting = python ? /[()[\]{}"'`#]/g : /[()[\]{}"'`/]/g;
  for (let m = interesting.exec(text); m; m = interesting.exec(text)) {
    let i = m.index;
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      if (++depth > max) max = depth;
      if (max > MAX_NESTING) return max;
    } else if (c === 41 || c === 93 || c === 125) {
      if (depth > 0) depth--;
    } else if (c === 34 || c === 39 || c === 96) {
      i = referenceStringEnd(text, i, python);
    } else if (python ? c === 35 : c === 47 && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (!python && c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    }
    interesting.lastIndex = i + 1;
  }
  return max;
}

test('hand cases: strings, comments and Python quotes hide brackets', () => {
  const cases = [
    ['f(g(h(1)))', 'typescript', 3],
    ['f("((((", x)', 'typescript', 1],
    ["f('a\\'(((', [1])", 'typescript', 2],
    ['a // ((((\nb(c)', 'typescript', 1],
    ['a /* ((( */ [b]', 'typescript', 1],
    ['x = `(${y}(`; f()', 'typescript', 1],
    ['f(x) # (((((\n', 'python', 1],
    ['s = """ ((( \n ((( """; g([1])', 'python', 2],
    ['unclosed("((', 'typescript', 1],
    ['~é{[(', 'typescript', 3],
  ];
  for (const [text, language, depth] of cases) assert.equal(maxNesting(text, language), depth, `${language}: ${JSON.stringify(text)}`);
  assert.equal(maxNesting('('.repeat(MAX_NESTING + 5), 'typescript'), MAX_NESTING + 1);
});

test('random texts: the same depth as the regex scan, in both languages', () => {
  const alphabet = ['(', ')', '[', ']', '{', '}', '"', "'", '`', '\\', '/', '*', '#', '\n', ' ', 'a', '1', 'é', '\u2028', '~', '!'];
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000);
  for (let k = 0; k < 4000; k++) {
    const length = 1 + Math.floor(random() * 80);
    let text = '';
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
    for (const language of ['typescript', 'python']) assert.equal(maxNesting(text, language), referenceNesting(text, language), `${language}: ${JSON.stringify(text)}`);
  }
});

/** The blanking before: every run of characters between line breaks, as spaces when it is longer than MAX_LINE. */
function referenceLongLines(text) {
  let long = 0;
  const blanked = text.replace(/[^\n\r\u2028\u2029]+/g, (line) => (line.length > MAX_LINE ? (long++, ' '.repeat(line.length)) : line));
  return { blanked, long };
}

test('long lines: blanked where they are, every offset kept, with \\n, \\r\\n, a lone \\r and U+2028 as line breaks', () => {
  let seed = 777;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000);
  const breaks = ['\n', '\r\n', '\r', '\u2028', '\u2029'];
  const lengths = [0, 5, MAX_LINE - 1, MAX_LINE, MAX_LINE + 1, MAX_LINE + 300];
  for (let k = 0; k < 60; k++) {
    // Some texts break lines only with \n and \r\n (the indexOf path), others with any break (the regex path).
    const kinds = k % 2 === 0 ? breaks.slice(0, 2) : breaks;
    const lines = [];
    const count = 1 + Math.floor(random() * 5);
    for (let i = 0; i < count; i++) lines.push(String.fromCharCode(97 + i).repeat(lengths[Math.floor(random() * lengths.length)]));
    let text = lines[0];
    for (let i = 1; i < lines.length; i++) text += kinds[Math.floor(random() * kinds.length)] + lines[i];
    const shape = sourceShape(text, 'typescript');
    const { blanked, long } = referenceLongLines(text);
    if (text.length <= MAX_LINE || long === 0) assert.equal(shape.kind, 'ordinary', JSON.stringify(lines.map((l) => l.length)));
    else {
      assert.equal(shape.kind, 'long-lines');
      assert.equal(shape.lines, long);
      assert.equal(shape.text.length, text.length);
      assert.ok(shape.text === blanked, `blanked as before: ${JSON.stringify(lines.map((l) => l.length))}`);
    }
  }
});
