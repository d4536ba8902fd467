import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fixAll, fixtures, lint, lintFixture, root, diskProject } from './lint-support.mjs';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const all = fixtures();

function syntaxErrors(text, file) {
  const out = ts.transpileModule(text, { fileName: file, reportDiagnostics: true, compilerOptions: { allowJs: true } });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

test('every fix of every fixture diagnostic leaves valid code and removes that problem', () => {
  let checked = 0;
  for (const f of all) {
    const before = lintFixture(f);
    for (const d of before.diagnostics) {
      for (const fix of d.fixes) {
        assert.ok(fix.title.length > 5 && fix.edits.length > 0, `${f.rel}: ${fix.title}`);
        const fixed = lint.applySourceEdits(f.text, fix.edits);
        assert.deepEqual(syntaxErrors(fixed, f.file), [], `${f.rel}: '${fix.title}' breaks the syntax`);
        const after = lint.lintText(fixed, f.file, { project: diskProject });
        const count = (r) => r.diagnostics.filter((x) => x.code === d.code).length;
        assert.ok(count(after) < count(before), `${f.rel}: '${fix.title}' does not remove the ${d.code} at line ${d.line}`);
        assert.ok(!after.diagnostics.some((x) => x.severity === 'error' && !before.diagnostics.some((y) => y.code === x.code)), `${f.rel}: '${fix.title}' adds an error`);
        checked++;
      }
    }
  }
  assert.ok(checked >= 35, `${checked} fixes checked`);
});

test('every flagged fixture but the info-only ones ends clean once the preferred fixes are taken', () => {
  for (const f of all.filter((x) => x.rel.startsWith('flagged/'))) {
    const fixed = fixAll(f.text, f.file);
    const left = lint.lintText(fixed, f.file, { project: diskProject }).diagnostics
      // A syntax error in an annotation has no mechanical fix; the person writes the comment again.
      .filter((d) => d.severity !== 'info' && !(d.code === 'invalid-annotation' && d.fixes.length === 0));
    assert.deepEqual(left.map((d) => `${d.code} ${d.line}`), [], f.rel);
  }
});

test('the TypeScript fixtures type-check against @tensorflow/tfjs before and after every preferred fix', () => {
  const files = new Map();
  for (const f of all.filter((x) => x.file.endsWith('.ts'))) {
    files.set(f.file, f.text);
    const fixed = fixAll(f.text, f.file);
    if (fixed !== f.text) files.set(f.file.replace(/\.ts$/, '.fixed.ts'), fixed);
  }
  assert.ok([...files.keys()].filter((k) => k.endsWith('.fixed.ts')).length >= 15);
  const options = {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true, types: [], lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], noUnusedLocals: false,
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  host.readFile = (name) => files.get(path.resolve(name)) ?? read(name);
  host.fileExists = (name) => files.has(path.resolve(name)) || exists(name);
  const program = ts.createProgram({ rootNames: [...files.keys()], options, host });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.relative(root, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  assert.deepEqual(problems, []);
});

test('one preferred fix clears every hazard of its kind in a loss where one edit each can (both logs of a BCE)', () => {
  let combined = 0;
  for (const f of all) {
    const before = lintFixture(f);
    for (const d of before.diagnostics) {
      const fix = d.fixes.find((x) => x.preferred);
      if (!fix || !/ in (both|all \d+) places/.test(fix.title)) continue;
      const same = before.diagnostics.filter((x) => x.siteId === d.siteId && x.code === d.code);
      assert.ok(same.length >= 2, `${f.rel}: '${fix.title}' for a single finding`);
      const after = lint.lintText(lint.applySourceEdits(f.text, fix.edits), f.file, { project: diskProject });
      const left = after.diagnostics.filter((x) => x.code === d.code && x.line >= same[0].line && x.line <= same[same.length - 1].line);
      assert.deepEqual(left.map((x) => `${x.code} ${x.line}`), [], `${f.rel}: '${fix.title}' leaves some`);
      combined++;
    }
  }
  assert.ok(combined >= 10, `${combined} combined fixes checked`);
});

test('a loss given as a shorthand property ({ loss }) keeps its key when a fix replaces it', () => {
  const cases = [
    ["const loss = 'categoricalCrossentropy';", "units: 1, inputShape: [3], activation: 'sigmoid'", "loss: 'binaryCrossentropy'"],
    ['const loss = tf.losses.softmaxCrossEntropy;', "units: 3, inputShape: [3], activation: 'softmax'", "loss: 'categoricalCrossentropy'"],
  ];
  for (const [given, layer, expected] of cases) {
    const text = `import * as tf from '@tensorflow/tfjs';\n${given}\nconst m = tf.sequential({ layers: [tf.layers.dense({ ${layer} })] });\nm.compile({ optimizer: 'adam', loss });\n`;
    const [d] = lint.lintText(text, '/p/short.ts').diagnostics;
    assert.equal(d?.code, 'activation-mismatch', given);
    for (const fix of d.fixes) {
      const fixed = lint.applySourceEdits(text, fix.edits);
      assert.deepEqual(syntaxErrors(fixed, '/p/short.ts'), [], `${given}: '${fix.title}' breaks the syntax`);
    }
    assert.ok(d.fixes.some((f) => lint.applySourceEdits(text, f.edits).includes(expected)), `${given}: ${d.fixes.map((f) => f.title)}`);
  }
});
