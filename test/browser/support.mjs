// Shared by the browser tests and bench/preview.mjs: build, run the CLI, open a page in Debian's Chromium
// (headless, never downloads) and collect console errors and CSP violations.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const resultsDir = path.join(root, 'test-results');
mkdirSync(resultsDir, { recursive: true });

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function build(extra = []) {
  const r = spawnSync(process.execPath, ['build.mjs', ...extra], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
}

export function cli(args) {
  const r = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Writes a standalone preview into test-results/ and returns its path. */
export function writePreview(name, args) {
  const out = path.join(resultsDir, `preview-${name}.html`);
  const r = cli(['preview', '--out', out, ...args]);
  if (r.status !== 0) throw new Error(`loss-lens preview ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return out;
}

/** Bundles a TypeScript entry for Node and loads it (for modules no dist bundle exports). */
export async function loadTs(entry) {
  const esbuild = await import('esbuild');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loss-lens-ts-'));
  const outfile = path.join(dir, `${path.basename(entry, '.ts')}.cjs`);
  await esbuild.build({ entryPoints: [path.join(root, entry)], outfile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'error' });
  return require(outfile);
}

export async function launch() {
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: process.env.LOSS_LENS_CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Opens a page and records console errors, uncaught exceptions and CSP violations into `problems`.
 * `init` runs before the page's scripts (a fake acquireVsCodeApi, say).
 */
export async function openPage(browser, url, { colorScheme = 'light', viewport = { width: 1100, height: 900 }, init } = {}) {
  const context = await browser.newContext({ colorScheme, viewport, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url().slice(0, 100)}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  if (init) await page.addInitScript(init);
  await page.goto(url);
  await page.waitForSelector('.ll-plot .ll-series-loss');
  await page.evaluate(() => document.fonts.ready);
  const violations = async () => page.evaluate(() => window.__violations);
  return { page, context, problems, violations };
}

export function nonNullCount(values) {
  return values.filter((v) => v !== null).length;
}
