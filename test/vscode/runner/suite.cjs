// Minimal, dependency-free test harness for the VS Code extension host.
// Used by both runners:
//   - @vscode/test-electron (where the network allows downloading VS Code), and
//   - test/vscode/runner/run-in-code-server.mjs (code-server from npm; works offline here).
// Both load the tests module given as extensionTestsPath and call its `run()`; it must return a
// promise that rejects when tests fail.
//
// A tests/index.js looks like:
//   const { test, suite, loadFiles, run } = require('<repo>/test/vscode/runner/suite.cjs');
//   loadFiles(__dirname);                       // requires every *.test.js / *.test.cjs under it
//   // or register inline:
//   test('command is registered', async () => { ... });
//   module.exports = { run };
//
// Environment:
//   LOSS_LENS_TEST_RESULTS   write {passed, failed, tests:[{name, ok, error, ms}], ...} as JSON here
//   LOSS_LENS_TEST_GREP      only run tests whose full name contains this substring (or /regex/)
//   LOSS_LENS_TEST_TIMEOUT   default per-test timeout in ms (default 20000)
'use strict';

const fs = require('fs');
const path = require('path');

const registry = { tests: [], before: [], after: [], prefix: [] };

function fullName(name) {
  return [...registry.prefix, name].join(' › ');
}

/** Register a test. fn may be async. opts.timeout in ms; opts.skip to skip. */
function test(name, fn, opts = {}) {
  if (typeof opts === 'number') opts = { timeout: opts };
  registry.tests.push({ name: fullName(name), fn, timeout: opts.timeout, skip: !!opts.skip });
}
test.skip = (name, fn, opts = {}) => test(name, fn, { ...opts, skip: true });

/** Group tests; names get the suite's name as prefix. fn is run synchronously. */
function suite(name, fn) {
  registry.prefix.push(name);
  try {
    fn();
  } finally {
    registry.prefix.pop();
  }
}

/** Run once before / after all tests (async allowed). A failing before() fails every test. */
function before(fn) {
  registry.before.push(fn);
}
function after(fn) {
  registry.after.push(fn);
}

/** require() every file under dir whose name matches pattern (default *.test.js / *.test.cjs). */
function loadFiles(dir, pattern = /\.test\.c?js$/) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p);
      } else if (pattern.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  for (const f of out) require(f);
  return out;
}

function withTimeout(promiseFn, ms, what) {
  let timer;
  return Promise.race([
    Promise.resolve().then(promiseFn),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function errorText(e) {
  if (e && e.stack) return String(e.stack);
  return String(e);
}

function grepMatcher() {
  const g = process.env.LOSS_LENS_TEST_GREP;
  if (!g) return () => true;
  const m = /^\/(.*)\/([a-z]*)$/.exec(g);
  if (m) {
    const re = new RegExp(m[1], m[2]);
    return (n) => re.test(n);
  }
  return (n) => n.includes(g);
}

function writeResults(file, results) {
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
  fs.renameSync(tmp, file); // atomic: a watcher never sees a half-written file
}

/**
 * Run the registered tests sequentially. Resolves with the results; rejects if any failed
 * (which is how @vscode/test-electron and the extension host learn the outcome).
 *
 * VS Code calls `run(testsRootFsPath, callback)` and, when a promise is returned, uses the promise
 * (the callback is ignored), so `module.exports = { run }` works as is. To pass options, export
 * `run: () => run({ timeout: 60000 })`.
 * @param {{timeout?:number, resultsFile?:string, log?:(s:string)=>void, reject?:boolean}|string} [opts]
 */
async function run(opts) {
  if (!opts || typeof opts !== 'object') opts = {};
  const log = opts.log || ((s) => console.log(s));
  const defaultTimeout = opts.timeout || Number(process.env.LOSS_LENS_TEST_TIMEOUT) || 20000;
  const resultsFile = opts.resultsFile || process.env.LOSS_LENS_TEST_RESULTS;
  const match = grepMatcher();
  const started = Date.now();
  const results = { passed: 0, failed: 0, skipped: 0, tests: [], vscode: undefined, ms: 0 };
  try {
    results.vscode = require('vscode').version;
  } catch {
    /* not in an extension host */
  }

  let beforeError = null;
  for (const h of registry.before) {
    try {
      await withTimeout(h, defaultTimeout, 'before() hook');
    } catch (e) {
      beforeError = e;
      break;
    }
  }

  for (const t of registry.tests) {
    if (t.skip || !match(t.name)) {
      results.skipped++;
      continue;
    }
    const t0 = Date.now();
    let ok = true;
    let error = null;
    try {
      if (beforeError) throw new Error(`before() hook failed: ${errorText(beforeError)}`);
      await withTimeout(t.fn, t.timeout || defaultTimeout, `test "${t.name}"`);
    } catch (e) {
      ok = false;
      error = errorText(e);
    }
    const ms = Date.now() - t0;
    results.tests.push({ name: t.name, ok, error, ms });
    if (ok) results.passed++;
    else results.failed++;
    log(`${ok ? '  ✓' : '  ✗'} ${t.name} (${ms} ms)${ok ? '' : `\n      ${error.split('\n').join('\n      ')}`}`);
  }

  for (const h of registry.after) {
    try {
      await withTimeout(h, defaultTimeout, 'after() hook');
    } catch (e) {
      results.tests.push({ name: 'after() hook', ok: false, error: errorText(e), ms: 0 });
      results.failed++;
    }
  }

  results.ms = Date.now() - started;
  log(`${results.passed} passed, ${results.failed} failed`);
  writeResults(resultsFile, results);
  if (results.failed > 0 && opts.reject !== false) {
    throw new Error(`${results.failed} test(s) failed`);
  }
  return results;
}

module.exports = { test, suite, before, after, loadFiles, run };
