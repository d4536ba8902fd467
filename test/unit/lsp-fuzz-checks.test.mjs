// The LSP fuzz's client copy of a text (test/fuzz/textMirror.mjs, written from LSP's wording) and the server's text
// documents (src/lsp/textUpdates.ts over the text-document library) agree on thousands of seeded edits, past the end
// of lines and texts, over \r\n and lone \r: text, offsets and positions. (Before the server clamped each range,
// a range past the last line broke the library's line index: NaN offsets, then a doubled text.) And the answer
// checks (test/fuzz/lspChecks.mjs) catch ranges out of the text, NaN positions, overlapping edits, internal errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import { codeActionViolations, diagnosticsViolations, answerViolations, hoverViolations } from '../fuzz/lspChecks.mjs';
import { randomChange, randomPosition } from '../fuzz/lspInputs.mjs';
import { Random } from '../fuzz/random.mjs';
import { TextMirror } from '../fuzz/textMirror.mjs';
import { loadTsModule } from './extension-support.mjs';

const { clampingTextDocuments: TextDocument } = await loadTsModule('src/lsp/textUpdates.ts');

test('the client copy of a text and the server text documents agree after each of 3000 seeded changes', () => {
  const r = new Random(20261201);
  let document = TextDocument.create('file:///x.ts', 'typescript', 1, 'import * as tf from "x";\r\nconst a = 1;\rconst b = 2;\n\nexport const loss = tf.log(p);\n');
  let mirror = new TextMirror(document.getText());
  for (let i = 0; i < 3000; i++) {
    const changes = Array.from({ length: r.int(1, 3) }, () => randomChange(r, mirror));
    for (const change of changes) mirror = mirror.applyChange(change);
    document = TextDocument.update(document, changes, i + 2);
    assert.equal(mirror.text, document.getText(), `after change ${i}: ${JSON.stringify(changes).slice(0, 300)}`);
    const position = randomPosition(r, mirror);
    assert.equal(mirror.offsetAt(position), document.offsetAt(position), `offset of ${JSON.stringify(position)}`);
    const offset = r.int(0, mirror.text.length);
    assert.deepEqual(mirror.positionAt(offset), document.positionAt(offset), `position of offset ${offset}`);
    if (mirror.text.length > 20_000) {
      document = TextDocument.create('file:///x.ts', 'typescript', i + 2, mirror.text.slice(0, 2000));
      mirror = new TextMirror(document.getText());
    }
  }
});

test('the answer checks catch what they are for', () => {
  const mirror = new TextMirror('ab\r\ncd\n');
  const diagnostic = (range) => ({ range, source: 'loss-lens', code: 'log-of-zero', severity: 1, message: 'log(0)' });
  const at = (line, character) => ({ line, character });
  assert.deepEqual(diagnosticsViolations({ uri: 'u', diagnostics: [diagnostic({ start: at(1, 0), end: at(1, 2) })] }, mirror), []);
  assert.match(diagnosticsViolations({ diagnostics: [diagnostic({ start: at(0, 0), end: at(0, 3) })] }, mirror)[0], /character 3 past the end of line 0/);
  assert.match(diagnosticsViolations({ diagnostics: [diagnostic({ start: at(3, 0), end: at(3, 0) })] }, mirror)[0], /line 3 past the last line 2/);
  assert.match(diagnosticsViolations({ diagnostics: [diagnostic({ start: at(1, 1), end: at(0, 1) })] }, mirror)[0], /start after end/);
  assert.match(diagnosticsViolations({ diagnostics: [diagnostic({ start: at(0, null), end: at(0, 1) })] }, undefined)[0], /not a range/);
  assert.match(hoverViolations({ contents: { kind: 'markdown', value: 'x' }, range: { start: at(0, 0), end: at(0, 9) } }, mirror)[0], /hover range/);
  assert.match(hoverViolations({ contents: 'x' }, mirror)[0], /without Markdown/);
  const edit = (range, newText) => ({ range, newText });
  const action = (edits) => ({ title: 'fix', edit: { changes: { u: edits } } });
  assert.deepEqual(codeActionViolations(action([edit({ start: at(0, 0), end: at(0, 1) }, 'x'), edit({ start: at(1, 0), end: at(1, 0) }, 'y')]), 'u', mirror), []);
  assert.match(codeActionViolations(action([edit({ start: at(0, 0), end: at(1, 1) }, 'x'), edit({ start: at(1, 0), end: at(1, 2) }, 'y')]), 'u', mirror)[0], /overlapping edits/);
  assert.match(codeActionViolations({ title: 'fix', edit: { changes: { other: [] } } }, 'u', mirror).join(), /edits other documents/);
  assert.deepEqual(answerViolations('hover', { error: { code: -32602, message: 'not open' } }), []);
  assert.match(answerViolations('hover', { error: { code: -32603, message: 'Request failed with message: boom' } })[0], /internal error/);
});
