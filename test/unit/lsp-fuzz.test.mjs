// The fixed-seed fuzz run through the language server in `npm test`: the first cases of the lint fuzz (quick limits)
// opened in the real server, typed in, asked about and sent hostile protocol input (test/fuzz/lspCase.mjs), half of
// them by a client that resolves "Fix all" lazily and pulls its settings. Every request must be answered, the server
// must not exit or write to stderr, and what it publishes and answers must lie in the text. Times are not checked
// here (scripts/fuzz/lsp.mjs reports them). A failure names the seed and case:
// `node scripts/fuzz/lsp.mjs --quick --seed 20261201 --restart 40 --case N` replays it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { makeCase } from '../fuzz/cases.mjs';
import { loadSeeds } from '../fuzz/corpus.mjs';
import { runLspCase } from '../fuzz/lspCase.mjs';
import { LspFuzzSession } from '../fuzz/lspSession.mjs';
import { QUICK_LIMITS } from '../fuzz/mutations.mjs';
import { describeCase } from '../fuzz/runner.mjs';

const SEED = 20261201;
const PER_CLIENT = 40;
const KINDS = ['textDocument/hover', 'textDocument/codeAction', 'codeAction/resolve', 'textDocument/codeLens', 'lossLens/preview', 'workspace/executeCommand', 'wrong params', 'hostile executeCommand', 'unknown method', 'liveness'];

test(`LSP fuzz: ${2 * PER_CLIENT} mutated files (seed ${SEED}) through the language server: every request answered, nothing out of the text, no exit, no stderr`, async () => {
  const seeds = loadSeeds();
  const failures = [];
  const kinds = new Set();
  for (const [from, client] of [
    [0, { lazyFixAll: false, pullsConfiguration: false }],
    [PER_CLIENT, { lazyFixAll: true, pullsConfiguration: true }],
  ]) {
    const session = await new LspFuzzSession(client).start();
    for (let i = from; i < from + PER_CLIENT && failures.length < 10 && session.alive; i++) {
      const kase = makeCase(seeds, SEED, i, { budgetMs: 1500, limits: QUICK_LIMITS });
      const { violations } = await runLspCase(session, kase, SEED);
      if (violations.length) failures.push(`${describeCase(kase, SEED)}\n    ${violations.slice(0, 5).join('\n    ')}`);
    }
    for (const kind of session.connection.times.keys()) kinds.add(kind);
    assert.deepEqual(await session.stop(), { code: 0, signal: null }, `the server of cases ${from}.. shuts down cleanly`);
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(KINDS.filter((k) => !kinds.has(k)), [], 'every kind of request was sent and answered');
});
