// The lint worker's queue (src/service/lintWorker.ts): requests reach the worker one at a time, in order but for
// those someone waits for, which go first, and one whose document moved on while it waited is answered empty
// without being linted (the LSP fuzz found large notebooks whose cell re-reads, queued in the worker, kept hovers
// unanswered for minutes). A worker that crashes is replaced and the queued requests go on.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTsModule } from './extension-support.mjs';

const { WorkerLinter } = await loadTsModule('src/service/lintWorker.ts');

/** A stand-in lint bundle that takes 50 ms a file, counts the files it linted and dies on a file named crash.ts. */
function fakeLint() {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'loss-lens-fake-lint-')), 'lint.cjs');
  writeFileSync(
    file,
    `let linted = 0;
module.exports = {
  looksLikeMlSource: () => true,
  lintText(text, fileName) {
    if (fileName === 'crash.ts') process.exit(3);
    const until = Date.now() + 50;
    while (Date.now() < until);
    linted++;
    return { sites: [], diagnostics: [], linted, text };
  },
};
`,
  );
  return file;
}

const log = { info: () => undefined, error: () => undefined };
/** The worker does not keep a process alive (the server's connection does); a test's timer does here. */
const keepAlive = setInterval(() => undefined, 1000);
test.after(() => clearInterval(keepAlive));
const request = (text, stillWanted, fileName = 'a.ts', urgent) => ({ text, fileName, options: {}, openFiles: new Map(), stillWanted, urgent });

test('a queued request that is no longer wanted when its turn comes is answered empty, without linting', async () => {
  const linter = new WorkerLinter(fakeLint(), log);
  let version = 1;
  const wantedAt = (v) => () => version === v;
  const first = linter.lint(request('v1', wantedAt(1)));
  const stale = [2, 3, 4].map((v) => linter.lint(request(`v${v}`, wantedAt(v))));
  const always = linter.lint(request('no predicate'));
  const last = linter.lint(request('v5', wantedAt(5)));
  version = 5;
  const results = await Promise.all([first, ...stale, always, last]);
  assert.deepEqual(
    results.map((r) => [r.text, r.linted]),
    [['v1', 1], [undefined, undefined], [undefined, undefined], [undefined, undefined], ['no predicate', 2], ['v5', 3]],
    'v2..v4 were skipped; the rest were linted in order',
  );
  assert.deepEqual(results[1], { sites: [], diagnostics: [] });
  linter.dispose();
});

test('a request someone waits for goes before the background ones queued earlier', async () => {
  const linter = new WorkerLinter(fakeLint(), log);
  let waiting = false;
  const running = linter.lint(request('running'));
  const background = [linter.lint(request('background 1')), linter.lint(request('background 2'))];
  const hovered = linter.lint(request('hovered', undefined, 'a.ts', () => waiting));
  waiting = true;
  const order = (await Promise.all([running, ...background, hovered])).map((r) => [r.text, r.linted]);
  assert.deepEqual(order, [['running', 1], ['background 1', 3], ['background 2', 4], ['hovered', 2]]);
  linter.dispose();
});

test('a worker that dies fails its request; the queued ones run on a new worker', async () => {
  const linter = new WorkerLinter(fakeLint(), log);
  const crashed = linter.lint(request('x', undefined, 'crash.ts'));
  const after = linter.lint(request('after'));
  await assert.rejects(crashed, /exited with code 3/);
  assert.deepEqual([(await after).text, (await after).linted], ['after', 1]);
  const disposed = linter.lint(request('never'));
  const queued = linter.lint(request('never either'));
  linter.dispose();
  await assert.rejects(disposed, /stopped/);
  await assert.rejects(queued, /stopped/);
});
