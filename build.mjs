// Builds every bundle: the CLI and the core for Node (CommonJS), the extension (vscode external), the webview
// (an IIFE for the browser). `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import path from 'node:path';
import { existsSync, mkdirSync, copyFileSync, readdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// mathjs's main entry builds every one of its functions when loaded (~0.5 s); the core only needs the parser.
// Bundles import just `create` and the parser's dependencies from mathjs's ES modules.
const mathjsParserOnly = {
  name: 'mathjs-parser-only',
  setup(build) {
    build.onResolve({ filter: /^mathjs$/ }, () => ({ path: 'mathjs-parser-only', namespace: 'mathjs-parser-only' }));
    build.onLoad({ filter: /.*/, namespace: 'mathjs-parser-only' }, () => ({
      contents: `export { create } from './lib/esm/core/create.js';
export { parseDependencies } from './lib/esm/entry/dependenciesAny/dependenciesParse.generated.js';`,
      resolveDir: path.resolve('node_modules/mathjs'),
    }));
  },
};

const common = {
  bundle: true,
  plugins: [mathjsParserOnly],
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const node = { ...common, platform: 'node', target: 'node20', format: 'cjs' };

const targets = [
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...node, entryPoints: ['src/core/index.ts'], outfile: 'dist/core.cjs' },
];
// The .vsix ships without node_modules, so dist/lint.cjs takes TypeScript from dist/typescript.cjs beside it.
const typescriptBeside = {
  name: 'typescript-beside',
  setup: (build) => build.onResolve({ filter: /^typescript$/ }, () => ({ path: './typescript.cjs', external: true })),
};
// The Python front end (with @lezer/python) is its own bundle, dist/python.cjs, required by dist/lint.cjs only when a
// Python file or notebook is linted, so TypeScript-only sessions never load it.
const pythonBeside = {
  name: 'python-beside',
  setup: (build) => build.onResolve({ filter: /^\.\/languages\/python$/ }, () => ({ path: './python.cjs', external: true })),
};
if (existsSync('src/lint/index.ts')) {
  targets.push({ ...node, entryPoints: ['src/lint/index.ts'], outfile: 'dist/lint.cjs', plugins: [mathjsParserOnly, typescriptBeside, pythonBeside] });
  targets.push({ ...node, entryPoints: ['src/lint/languages/python/index.ts'], outfile: 'dist/python.cjs' });
  targets.push({ ...node, bundle: false, sourcemap: false, entryPoints: ['node_modules/typescript/lib/typescript.js'], outfile: 'dist/typescript.cjs' });
}
// The LaTeX reader carries the Compute Engine's LaTeX parser: a bundle of its own, loaded only when LaTeX arrives.
targets.push({ ...node, entryPoints: ['src/core/expression/input/latexInput.ts'], outfile: 'dist/latex.cjs' });
if (existsSync('src/render/index.ts')) targets.push({ ...node, entryPoints: ['src/render/index.ts'], outfile: 'dist/render.cjs' });
if (existsSync('src/extension/extension.ts')) {
  targets.push({ ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] });
}
if (existsSync('webview/src/preview.ts')) {
  targets.push({ ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['webview/src/preview.ts'], outfile: 'dist/webview/preview.js' });
}

function copyAssets() {
  mkdirSync('dist/webview/fonts', { recursive: true });
  copyFileSync('node_modules/katex/dist/katex.min.css', 'dist/webview/katex.min.css');
  for (const f of readdirSync('node_modules/katex/dist/fonts')) {
    if (f.endsWith('.woff2')) copyFileSync(`node_modules/katex/dist/fonts/${f}`, `dist/webview/fonts/${f}`);
  }
}

if (watch) {
  for (const t of targets) (await esbuild.context(t)).watch();
  copyAssets();
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
  copyAssets();
}
