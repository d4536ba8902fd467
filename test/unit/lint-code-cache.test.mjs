// V8's code cache for the large bundles the lint loads (TypeScript, the Python front end): written after the first
// load, used by the next, ignored when it does not match, and never needed for the right answer.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import esbuild from 'esbuild';
import { loadTsModule } from './extension-support.mjs';
import { root } from './support.mjs';

const { codeCacheDir, requireWithCodeCache } = await loadTsModule('src/lint/engine/codeCache.ts');
const tick = () => new Promise((resolve) => setImmediate(resolve));

test('a module loaded through the code cache works, writes its cache once, and the next load uses it', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loss-lens-code-cache-'));
  try {
    const file = path.join(dir, 'big.cjs');
    writeFileSync(file, `const helper = require('node:path');\nexports.double = (x) => x * 2;\nexports.base = helper.basename(__filename);\nexports.self = module.exports === exports;\n`);
    const cache = path.join(dir, 'cache');
    const first = requireWithCodeCache(file, cache);
    assert.equal(first.double(21), 42);
    assert.equal(first.base, 'big.cjs');
    assert.equal(first.self, true);
    await tick();
    const written = readdirSync(cache);
    assert.equal(written.length, 1);
    assert.equal(statSync(cache).mode & 0o777, 0o700, 'the cache folder is the user\'s own');
    const stamp = statSync(path.join(cache, written[0])).mtimeMs;
    const second = requireWithCodeCache(file, cache);
    assert.equal(second.double(2), 4);
    await tick();
    assert.equal(statSync(path.join(cache, written[0])).mtimeMs, stamp, 'a cache V8 accepted is not written again');
    // A damaged cache is rejected by V8 and replaced; the module still loads. (In a new process: within one, V8
    // reuses its own compilation of the same source and never looks at the cache.)
    writeFileSync(path.join(cache, written[0]), Buffer.from('not bytecode'));
    const helper = path.join(dir, 'codeCache.cjs');
    esbuild.buildSync({ entryPoints: [path.join(root, 'src/lint/engine/codeCache.ts')], outfile: helper, bundle: true, platform: 'node', format: 'cjs', logLevel: 'error' });
    const out = execFileSync(process.execPath, ['-e', `console.log(require(${JSON.stringify(helper)}).requireWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cache)}).double(5))`], { encoding: 'utf8' });
    assert.equal(out.trim(), '10');
    assert.notEqual(readFileSync(path.join(cache, written[0])).toString(), 'not bytecode');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the cache folder: off with LOSS_LENS_CODE_CACHE=0, LOSS_LENS_CACHE_DIR, else XDG_CACHE_HOME or ~/.cache', () => {
  assert.equal(codeCacheDir({ LOSS_LENS_CODE_CACHE: '0', HOME: '/h' }), undefined);
  assert.equal(codeCacheDir({ LOSS_LENS_CACHE_DIR: '/c' }), path.join('/c', 'v8'));
  assert.equal(codeCacheDir({ XDG_CACHE_HOME: '/x' }), path.join('/x', 'loss-lens', 'v8'));
  assert.match(codeCacheDir({}), /\.cache[\\/]loss-lens[\\/]v8$/);
});
