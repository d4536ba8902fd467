// The lint's search for a name in source text (wordSearch.ts, indexOf instead of a regular expression compiled per
// name) against the regular expressions it replaced, on hand cases and on random texts made of the characters that
// decide a match: word characters, `$`, `.`, white space, `(` and `=`. Bundled here with esbuild.
import test from 'node:test';
import assert from 'node:assert/strict';
import { buildSync } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from './lint-support.mjs';

const require = createRequire(import.meta.url);
const outfile = path.join(mkdtempSync(path.join(os.tmpdir(), 'loss-lens-words-')), 'words.cjs');
buildSync({ entryPoints: [path.join(root, 'src/lint/languages/typescript/wordSearch.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'error' });
const { wordsAt, after, afterWord } = require(outfile);

const escape = (s) => s.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&');
const regexIndices = (re, text) => [...text.matchAll(re)].map((m) => m.index);

/** A name used as a variable: `(?<![\w$.])name(?![\w$])`, inside a span as the old search sliced it. */
const variableUses = (text, name, from, to) => [...wordsAt(text, name, from, to, true)];
const variableUsesByRegex = (text, name, from, to) => regexIndices(new RegExp(`(?<![\\w$.])${escape(name)}(?![\\w$])`, 'g'), text.slice(from, to)).map((k) => k + from);

/** A call by name: `(?<![\w$])name\s*\(`. */
const calls = (text, name) => [...wordsAt(text, name)].filter((k) => after(text, k + name.length, '(') >= 0);
const callsByRegex = (text, name) => regexIndices(new RegExp(`(?<![\\w$])${escape(name)}\\s*\\(`, 'g'), text);

/** `owner.name` as a whole: `(?<![\w$.])owner\s*\.\s*name(?![\w$])`, with the match's end. */
const members = (text, owner, name) =>
  [...wordsAt(text, owner, 0, text.length, true)].flatMap((k) => {
    const dot = after(text, k + owner.length, '.');
    const end = dot < 0 ? -1 : afterWord(text, dot, name);
    return end < 0 ? [] : [[k, end]];
  });
const membersByRegex = (text, owner, name) => [...text.matchAll(new RegExp(`(?<![\\w$.])${escape(owner)}\\s*\\.\\s*${escape(name)}(?![\\w$])`, 'g'))].map((m) => [m.index, m.index + m[0].length]);

/** `name = value`, not `==` nor `=>`: `(?<![\w$.])name\s*=(?![=>])`. */
const assignments = (text, name) =>
  [...wordsAt(text, name, 0, text.length, true)].filter((k) => {
    const end = after(text, k + name.length, '=');
    return end >= 0 && text[end] !== '=' && text[end] !== '>';
  });
const assignmentsByRegex = (text, name) => regexIndices(new RegExp(`(?<![\\w$.])${escape(name)}\\s*=(?![=>])`, 'g'), text);

test('hand cases: prefixes, $ names, property names, spans and white space', () => {
  const text = 'loss(a); lossFn(b); x.loss (c); $loss(d); loss$(e); _loss(f);\nloss\n  (g); a.b.loss = 1; loss == 2; loss => 3; loss = 4;';
  assert.deepEqual(calls(text, 'loss'), callsByRegex(text, 'loss'));
  assert.deepEqual(calls(text, 'loss').map((k) => text.slice(k, k + 6)), ['loss(a', 'loss (', 'loss\n ']);
  assert.deepEqual(variableUses(text, 'loss', 0, text.length), variableUsesByRegex(text, 'loss', 0, text.length));
  assert.deepEqual(assignments(text, 'loss'), [text.lastIndexOf('loss = 4')]);
  assert.deepEqual(members('this . model .compile(); this.modelB.compile(); that.model.x', 'this', 'model'), [[0, 12]]);
  // A span's ends are boundaries, as they were for the sliced text: `loss` at the start of `lossy` is not one, but
  // cut at the span's end it is.
  assert.deepEqual(variableUses('xlossy', 'loss', 1, 5), variableUsesByRegex('xlossy', 'loss', 1, 5));
  assert.deepEqual(variableUses('xlossy', 'loss', 1, 5), [1]);
  assert.deepEqual(variableUses('loss', '', 0, 4), []);
  assert.deepEqual(calls('$(x); a$(y)', '$'), callsByRegex('$(x); a$(y)', '$'));
});

test('random texts: the same matches as the regular expressions replaced', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pieces = ['m', 'mo', 'model', 'x', '$', '_', '.', ' ', '\n', '\t', '(', '=', '>', '1', 'this', '\u00a0'];
  for (let round = 0; round < 3000; round++) {
    let text = '';
    const n = 1 + Math.floor(random() * 24);
    for (let i = 0; i < n; i++) text += pieces[Math.floor(random() * pieces.length)];
    for (const name of ['m', 'model', '$', 'x']) {
      const from = Math.floor(random() * (text.length + 1));
      const to = from + Math.floor(random() * (text.length - from + 1));
      assert.deepEqual(variableUses(text, name, from, to), variableUsesByRegex(text, name, from, to), JSON.stringify({ text, name, from, to }));
      assert.deepEqual(calls(text, name), callsByRegex(text, name), JSON.stringify({ text, name }));
      assert.deepEqual(assignments(text, name), assignmentsByRegex(text, name), JSON.stringify({ text, name }));
      assert.deepEqual(members(text, name, 'model'), membersByRegex(text, name, 'model'), JSON.stringify({ text, name }));
    }
  }
});
