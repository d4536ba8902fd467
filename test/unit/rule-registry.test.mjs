// The rule registry (src/lint/rules) is the one source of the diagnostic codes: the extension's severity
// setting and the README's table are generated from it (scripts/rule-registry.mjs), the core's defaults and
// explanations agree with it, and the extension reads the same codes and languages the lint has.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { core, root } from './support.mjs';
import { lint } from './lint-support.mjs';
import { packageJson } from './extension-support.mjs';
import { readmeTable, severityProperties, withReadmeTable, withSeverityProperties } from '../../scripts/rule-registry.mjs';

const meta = lint.RULE_META;

test('every rule has a code, a default severity and documentation; codes are unique', () => {
  assert.ok(meta.length >= 9);
  assert.equal(new Set(meta.map((m) => m.code)).size, meta.length);
  for (const m of meta) {
    assert.match(m.code, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(['error', 'warning', 'info'].includes(m.defaultSeverity), m.code);
    assert.ok(m.docs.summary.length > 10 && m.docs.explanation.length > 20, m.code);
  }
});

test("package.json's lossLens.severity lists exactly the registry's codes, as generated", () => {
  const severity = packageJson.contributes.configuration.properties['lossLens.severity'];
  assert.deepEqual(severity.properties, severityProperties(meta), 'run node scripts/rule-registry.mjs');
  assert.deepEqual(withSeverityProperties(packageJson, meta), packageJson);
});

test("the README's table of codes is the registry's, with an anchor per code for the diagnostics' links", () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  assert.equal(withReadmeTable(readme, meta), readme, 'run node scripts/rule-registry.mjs');
  for (const m of meta) assert.ok(readme.includes(`<a id="${m.code}"></a>`), m.code);
  assert.equal(readmeTable(meta).split('\n').length, meta.length + 2);
});

test("the core's codes, default severities and explanations agree with the registry", () => {
  for (const code of core.DIAGNOSTIC_CODES) {
    const rule = meta.find((m) => m.code === code);
    assert.ok(rule, `${code} has a rule`);
    assert.equal(core.DEFAULT_SEVERITY[code], rule.defaultSeverity, code);
    assert.equal(core.EXPLANATIONS[code], rule.docs.explanation.replace(/`/g, '').trim(), code);
  }
});

test('the extension activates on, and registers its providers for, exactly the languages the lint reads', async () => {
  const { loadTsModule } = await import('./extension-support.mjs');
  const languages = await loadTsModule('src/service/languages.ts');
  const manifest = await loadTsModule('src/extension/manifest.ts');
  const reads = languages.languagesReading(lint.LINTABLE_EXTENSIONS);
  assert.deepEqual([...manifest.LANGUAGES].sort(), [...reads].sort());
  assert.deepEqual([...manifest.DIAGNOSTIC_CODES], meta.map((m) => m.code));
});
