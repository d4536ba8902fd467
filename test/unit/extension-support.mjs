// Loads TypeScript modules (src/extension and the pure modules it is tested with) in plain Node: each entry is bundled with esbuild into a
// temporary CommonJS file. `vscode` resolves to the small fake in fake-vscode.cjs, so glue classes can be
// driven without an editor; pure modules never import it.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from './support.mjs';

const require = createRequire(import.meta.url);
const outDir = mkdtempSync(path.join(os.tmpdir(), 'loss-lens-extension-test-'));
let count = 0;
const fakeVscodePath = path.join(root, 'test/unit/fake-vscode.cjs');
// `vscode` stays a run-time require of the one fake module, shared with the tests that inspect it.
const fakeVscode = {
  name: 'fake-vscode',
  setup: (build) => build.onResolve({ filter: /^vscode$/ }, () => ({ path: fakeVscodePath, external: true })),
};

export async function loadTsModule(entry) {
  const outfile = path.join(outDir, `${path.basename(entry, '.ts')}-${count++}.cjs`);
  await esbuild.build({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
    plugins: [fakeVscode],
  });
  return require(outfile);
}

export const packageJson = require(path.join(root, 'package.json'));
