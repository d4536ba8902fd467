// The Loss Lens journey through the UI, as a person does it: the packaged .vsix installed into code-server
// 4.100.3 (VS Code 1.100.3's web workbench), driven with playwright-core in Debian's Chromium. Offline: the
// only installer is scripts/code-server/install.sh (cached); nothing else is downloaded.
//
//   node --test --test-reporter=spec test/e2e/journey.test.mjs
//
// Screenshots of every step go to test/e2e/screenshots/ (git-ignored), with cropped ones for the README
// (hover.png, preview.png, problems.png, quick-fix.png). LOSS_LENS_UPDATE_MEDIA=1 also writes those to
// media/screenshots/e2e-<name>.png (prefixed: media/screenshots/capture.mjs owns the unprefixed names).
// Steps run in order in one session; when one fails, the later ones are skipped (they build on it).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  startSession,
  openFile,
  hoverToken,
  problemsCounts,
  waitForProblems,
  findWebviewFrame,
  runCommand,
} from './harness/workbench.mjs';
import { goToLine, waitForCodeLens, problemsRows, editorLineText, paddedClip, shoot, focusQuickFix, openWrittenFile } from './ui.mjs';

const require = createRequire(import.meta.url);
const { FAULTY, CORRECT, PREFERRED_FIX, FIRST_SITE, NOTEBOOKS } = require('../vscode/suite/expected.cjs');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHOTS = path.join(root, 'test', 'e2e', 'screenshots');
const MEDIA = path.join(root, 'media', 'screenshots');
const UPDATE_MEDIA = process.env.LOSS_LENS_UPDATE_MEDIA === '1';
/** The window the README's screenshots show: what a 1280×800 window shows. */
const VIEWPORT = { width: 1280, height: 800 };
/** VS Code shows this much of a hover before it scrolls. */
const HOVER_FIRST_SCREEN_PX = 250;
const STEP_TIMEOUT = 120000;

/**
 * User settings of the session. TypeScript's own checks are off: the workspace is a temp copy of examples/
 * without node_modules, so TypeScript would report "Cannot find module '@tensorflow/tfjs'" in every file and
 * mix its errors into the Problems counts this journey reads. Editors open pinned (a preview tab would be
 * replaced, closing its document and its problems, when the next file opens).
 */
const SETTINGS = {
  'typescript.validate.enable': false,
  'javascript.validate.enable': false,
  'workbench.editor.enablePreview': false,
  'workbench.editor.enablePreviewFromQuickOpen': false,
  'editor.minimap.enabled': false,
  'problems.autoReveal': false,
  'workbench.colorTheme': 'Default Dark Modern',
};

let tmp;
let session;
let page;
let vsix;
let broken = null;
const timings = [];

function run(what, cmd, args) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${what} failed: ${r.error?.message ?? `exit code ${r.status}`}`);
  timings.push(`${what} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** A journey step: skipped once an earlier one failed, since each builds on the state the last one left. */
function step(name, fn) {
  test(name, { timeout: STEP_TIMEOUT }, async (t) => {
    if (broken) {
      t.skip(`an earlier step failed: ${broken}`);
      return;
    }
    const t0 = Date.now();
    try {
      await fn(t);
    } catch (e) {
      broken = name;
      await shoot(page, [SHOTS], `FAILED-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`).catch(() => {});
      throw e;
    } finally {
      timings.push(`${name} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  });
}

/** A cropped screenshot for the README: test/e2e/screenshots/<name>.png (+ media/screenshots/e2e-<name>.png). */
async function readmeShot(name, clip) {
  const file = await shoot(page, [SHOTS], name, clip);
  if (UPDATE_MEDIA) {
    fs.mkdirSync(MEDIA, { recursive: true });
    fs.copyFileSync(file, path.join(MEDIA, `e2e-${name}.png`));
  }
}

const total = (c) => c.errors + c.warnings + c.infos;
const base = (file) => path.basename(file);

before(async () => {
  fs.rmSync(SHOTS, { recursive: true, force: true });
  run('code-server install', 'bash', [path.join(root, 'scripts/code-server/install.sh')]);
  run('production build', process.execPath, ['build.mjs', '--production']);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loss-lens-journey-'));
  vsix = path.join(tmp, 'loss-lens.vsix');
  // vsce runs the vscode:prepublish script (the same production build) before packaging.
  run('vsce package', process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', vsix]);
  const workspace = path.join(tmp, 'examples');
  fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });
  const t0 = Date.now();
  session = await startSession({
    workspace,
    vsix: [vsix],
    settings: SETTINGS,
    viewport: VIEWPORT,
    tmpDir: path.join(tmp, 'session'),
    keep: true, // removed with tmp below
  });
  page = session.page;
  timings.push(`install .vsix + start code-server and Chromium ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}, { timeout: 600000 });

after(async () => {
  if (session) await session.close();
  if (tmp && process.env.LOSS_LENS_E2E_KEEP !== '1') fs.rmSync(tmp, { recursive: true, force: true });
  else if (tmp) console.log(`kept ${tmp}`);
  console.log(`timings: ${timings.join('; ')}`);
});

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    Promise.resolve(session?.close())
      .catch(() => {})
      .finally(() => process.exit(130));
  });
}

step('the packaged extension is installed with --install-extension into a fresh extensions dir', async () => {
  const extensionsDir = path.join(tmp, 'session', 'extensions');
  const installed = fs.readdirSync(extensionsDir).filter((d) => d.startsWith('loss-lens.loss-lens-'));
  assert.deepEqual(installed, [`loss-lens.loss-lens-${JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version}`]);
  const dir = path.join(extensionsDir, installed[0]);
  for (const f of ['package.json', 'dist/extension.js', 'dist/lint.cjs', 'dist/render.cjs', 'dist/webview/preview.js']) {
    assert.ok(fs.existsSync(path.join(dir, f)), `${f} is in the installed extension`);
  }
  assert.ok(!fs.existsSync(path.join(dir, 'src')), 'sources are not packaged');
  assert.doesNotMatch(session.cs.log(), /Loading development extension/, 'no development extension: the .vsix is what runs');
  const counts = await problemsCounts(page);
  assert.equal(total(counts), 0, `no problems before any file is open (${counts.label})`);
  await shoot(page, [SHOTS], '00-workbench');
});

step('correct files: the CodeLens shows each loss was analysed, and no problems appear', async () => {
  for (const file of CORRECT) {
    await openFile(page, base(file));
    // Activation, the lint worker and TypeScript load on the first file: allow for that.
    await waitForCodeLens(page, FIRST_SITE[file], { timeout: 60000 });
    const counts = await problemsCounts(page);
    assert.equal(total(counts), 0, `no problems after opening ${file} (status bar: ${counts.label})`);
    await shoot(page, [SHOTS], `01-correct-${base(file).replace(/\.ts$/, '')}`);
  }
});

step('faulty files: each adds its problems to the status bar counts', async () => {
  for (const file of Object.keys(FAULTY)) {
    const before = await problemsCounts(page);
    await openFile(page, base(file));
    await waitForCodeLens(page, FIRST_SITE[file]);
    const after = await waitForProblems(page, (c) => total(c) > total(before), { timeout: 30000 });
    assert.ok(total(after) > total(before), `${file}: ${before.label} -> ${after.label}`);
    assert.equal(after.infos, before.infos, `${file} adds errors/warnings, not infos`);
    await shoot(page, [SHOTS], `02-faulty-${base(file).replace(/\.ts$/, '')}`);
  }
});

step('the Problems panel lists the expected Loss Lens problems per file, and none for correct files', async () => {
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel .monaco-list-row').first().waitFor({ state: 'visible' });
  const counts = await problemsCounts(page);
  const expectedRows = Object.keys(FAULTY).length + total(counts);
  // A screenshot of the normal layout (editor, squiggles, CodeLens, Problems, status bar) for the README.
  await openFile(page, 'bce-on-sigmoid-unclipped.ts');
  await goToLine(page, 11, 38); // on a problem: its light bulb shows
  await page.locator('.lightBulbWidget').first().waitFor({ state: 'visible' });
  await page.locator('.markers-panel .monaco-list-row').first().waitFor({ state: 'visible' });
  const titlebar = await page.locator('.part.titlebar').first().boundingBox();
  const below = Math.ceil(titlebar ? titlebar.y + titlebar.height : 0);
  await readmeShot('problems', { x: 0, y: below, width: VIEWPORT.width, height: VIEWPORT.height - below });
  // All rows rendered (the list is virtual): maximise the panel.
  await runCommand(page, 'View: Toggle Maximized Panel');
  await page.waitForFunction(
    (n) => document.querySelectorAll('.markers-panel .monaco-list-row').length >= n,
    expectedRows,
    { timeout: 10000 },
  );
  const rows = await problemsRows(page);
  await shoot(page, [SHOTS], '03-problems-panel');
  assert.equal(rows.length, total(counts), `one row per problem counted in the status bar (${counts.label})`);
  for (const r of rows) assert.equal(r.source, 'loss-lens', `every problem is from Loss Lens: ${JSON.stringify(r)}`);
  const byFile = {};
  for (const r of rows) (byFile[r.file] ??= []).push(r);
  const relative = (abs) => path.relative(path.join(tmp, 'examples'), abs).split(path.sep).join('/');
  const shown = Object.fromEntries(Object.entries(byFile).map(([f, list]) => [relative(f), [...new Set(list.map((r) => r.code))].sort()]));
  const expected = Object.fromEntries(Object.entries(FAULTY).map(([f, codes]) => [f, [...codes].sort()]));
  assert.deepEqual(shown, expected, 'codes per file in the Problems panel');
  for (const r of rows) assert.ok(['error', 'warning'].includes(r.severity), `${r.code} is an error or a warning`);
  await runCommand(page, 'View: Toggle Maximized Panel');
  await runCommand(page, 'View: Toggle Panel Visibility');
  await page.locator('.part.panel').waitFor({ state: 'hidden' });
});

step('the first 250 px of the hover hold the typeset formula and the most severe finding, written in TF.js', async () => {
  await openFile(page, 'bce-on-sigmoid-unclipped.ts');
  try {
    const hover = await hoverToken(page, 'binaryCrossEntropy', { waitForText: 'Open Loss Preview', timeout: 30000 });
    const widget = page.locator('.monaco-editor .monaco-hover:not(.hidden)').first();
    const box = await widget.boundingBox();
    const formula = await widget.locator('img[alt="loss"]').first().boundingBox();
    const finding = await widget.locator('a', { hasText: 'log-of-zero' }).first().boundingBox();
    const link = await widget.locator('a', { hasText: 'Open Loss Preview' }).first().boundingBox();
    const fold = box.y + HOVER_FIRST_SCREEN_PX;
    assert.ok(formula && formula.y + formula.height <= fold, `the formula ends ${Math.round(formula.y + formula.height - box.y)} px into the hover`);
    assert.ok(finding && finding.y + finding.height <= fold, `the top finding ends ${Math.round(finding.y + finding.height - box.y)} px into the hover`);
    assert.ok(link && link.y + link.height <= fold, `the preview link ends ${Math.round(link.y + link.height - box.y)} px into the hover`);
    assert.match(hover.text, /tf\.clipByValue\(yPred, 1e-7, 1 - 1e-7\)/, 'the fix is written in the file\'s language, as in the Problems panel');
    const line = await page.locator('.editor-instance .view-line', { hasText: 'export function binaryCrossEntropy' }).first().boundingBox();
    const editor = await page.locator('.editor-instance').first().boundingBox();
    await readmeShot('hover', paddedClip([{ x: editor.x, y: line.y - 40, width: box.x + box.width - editor.x, height: box.y + box.height - line.y + 40 }], VIEWPORT, 6));
  } finally {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  }
});

step('hovering inside a loss shows the piece under the pointer with the range it takes', async () => {
  await openFile(page, 'bce-on-sigmoid-unclipped.ts');
  try {
    const hover = await hoverToken(page, 'tf.log(yPred)', { waitForText: 'part of', timeout: 30000 });
    assert.match(hover.text, /tf\.log\(yPred\)/);
    assert.match(hover.text, /this piece ranges over \[−∞, 0\]/);
    assert.match(hover.html, /<img\b[^>]*alt="the piece of the loss and its range"/);
    const widget = page.locator('.monaco-editor .monaco-hover:not(.hidden)').first();
    const box = await widget.boundingBox();
    const line = await page.locator('.editor-instance .view-line', { hasText: 'tf.log(yPred)' }).first().boundingBox();
    const editor = await page.locator('.editor-instance').first().boundingBox();
    const top = Math.min(line.y, box.y) - 10;
    await readmeShot('hover-piece', paddedClip([{ x: editor.x, y: top, width: box.x + box.width - editor.x, height: Math.max(box.y + box.height, line.y + line.height) - top + 10 }], VIEWPORT, 6));
  } finally {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  }
});

step('hovering a loss shows its typeset formula, gradient and plot as rendered images', async () => {
  await openFile(page, 'bce-on-sigmoid-unclipped.ts');
  // VS Code caps a hover at a quarter of the editor's height: a tall window shows this one whole.
  await page.setViewportSize({ width: VIEWPORT.width, height: 2000 });
  try {
    const hover = await hoverToken(page, 'binaryCrossEntropy', { waitForText: 'Open Loss Preview', timeout: 30000 });
    const alts = [...hover.html.matchAll(/<img\b[^>]*>/g)].map((m) => ({
      alt: /alt="([^"]*)"/.exec(m[0])?.[1],
      src: /src="([^"]*)"/.exec(m[0])?.[1] ?? '',
    }));
    const image = (alt) => {
      const i = alts.findIndex((a) => a.alt === alt);
      assert.ok(i >= 0, `the hover has the "${alt}" image (has: ${alts.map((a) => a.alt).join(', ')})`);
      const rendered = hover.images.find((img) => img.src === alts[i].src || img.src.startsWith(alts[i].src.slice(0, 200)));
      assert.ok(rendered, `"${alt}" image element found`);
      return rendered;
    };
    for (const alt of ['loss', 'gradient', 'loss and gradient plot']) {
      const img = image(alt);
      assert.match(img.src, /^data:image\/svg\+xml;base64,/, `${alt} is an SVG data URL`);
      assert.ok(img.complete && img.naturalWidth > 0 && img.naturalHeight > 0, `${alt} rendered (${img.naturalWidth}×${img.naturalHeight})`);
    }
    assert.ok(image('loss and gradient plot').naturalWidth >= 200, 'the plot has its size');
    assert.match(hover.text, /binaryCrossEntropy/);
    assert.match(hover.text, /log-of-zero/);
    await shoot(page, [SHOTS], '04-hover');
  } finally {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.setViewportSize(VIEWPORT);
  }
});

let frame;

step('"Loss: Preview" from the command palette opens a webview with KaTeX and a plot', async () => {
  await openFile(page, 'bce-on-sigmoid-unclipped.ts');
  await goToLine(page, 9, 20); // in the name of the loss function
  await runCommand(page, 'Loss: Preview');
  await page.locator('.tabs-container .tab', { hasText: 'Loss: binaryCrossEntropy' }).first().waitFor({ state: 'visible' });
  frame = await findWebviewFrame(page, '.ll-series-loss', { timeout: 30000 });
  await frame.waitForFunction(() => {
    const loss = document.querySelector('.ll-series-loss');
    return document.querySelectorAll('.katex').length > 0 && loss && (loss.getAttribute('d') ?? '').length > 20 && Number(loss.getAttribute('data-points')) > 10;
  }, null, { timeout: 15000 });
  const state = await frame.evaluate(() => ({
    title: document.querySelector('h1')?.textContent,
    katex: document.querySelectorAll('.katex').length,
    points: Number(document.querySelector('.ll-series-loss').getAttribute('data-points')),
    fonts: document.fonts.status,
  }));
  assert.equal(state.title, 'binaryCrossEntropy');
  assert.ok(state.katex >= 2, `loss and gradient typeset with KaTeX (${state.katex} .katex elements)`);
  assert.ok(state.points > 100, `the loss curve has its samples (${state.points})`);
  await shoot(page, [SHOTS], '05-preview');
  await readmeShot('preview', paddedClip([await page.locator('.part.editor').boundingBox()], VIEWPORT, 0));
});

step('moving a slider with the keyboard redraws the plot', async () => {
  // A value's slider (data-symbol): the descent panel's learning-rate slider comes first on the page.
  const slider = frame.locator('input[type="range"][data-symbol]').first();
  const before = await frame.evaluate(() => {
    const r = document.querySelector('input[type="range"][data-symbol]');
    return { d: document.querySelector('.ll-series-loss').getAttribute('d'), value: Number(r.value), max: Number(r.max), id: r.id };
  });
  await slider.focus();
  // At its maximum (y = 1 for binary cross-entropy), ArrowRight cannot move it: go the other way then.
  const key = before.value < before.max ? 'ArrowRight' : 'ArrowLeft';
  await page.keyboard.press(key);
  await frame.waitForFunction((d) => document.querySelector('.ll-series-loss').getAttribute('d') !== d, before.d, { timeout: 10000 });
  const after = await frame.evaluate(() => ({ value: Number(document.querySelector('input[type="range"][data-symbol]').value) }));
  assert.notEqual(after.value, before.value, `${key} moved ${before.id} from ${before.value}`);
  await shoot(page, [SHOTS], '06-preview-slider-moved');
});

step('the logit view shows the gradient the weights receive, and the descent panel walks a path', async () => {
  await frame.locator('.ll-view-option[data-view="logit"]').click();
  await frame.waitForFunction(() => /\\partial z/.test(document.querySelector('.ll-formula-gradient annotation')?.textContent ?? ''), null, { timeout: 15000 });
  const gradient = await frame.locator('.ll-formula-gradient annotation').textContent();
  assert.match(gradient, /\\sigma\(z\)/, `∂L/∂z in terms of σ(z): ${gradient}`);
  assert.ok((await frame.locator('.ll-descent-loss .ll-descent-dot').count()) > 1, 'the descent path is drawn on the loss');
  await frame.locator('.ll-descent-reset').click();
  await frame.locator('.ll-descent-step').click();
  await frame.waitForFunction(() => document.querySelector('.ll-descent-loss')?.getAttribute('data-steps') === '1', null, { timeout: 10000 });
  assert.match(await frame.locator('.ll-descent-outcome').textContent(), /^Step 1 of \d+\.$/);
  await shoot(page, [SHOTS], '06b-preview-logit-descent');
  await frame.locator('.ll-view-option[data-view="prediction"]').click();
  await frame.waitForFunction(() => /\\hat\{y\}/.test(document.querySelector('.ll-formula-gradient annotation')?.textContent ?? ''), null, { timeout: 15000 });
});

step('the light bulb quick fix (Ctrl+. then Enter on the preferred fix) clears its problem', async () => {
  const file = 'faulty/bce-on-sigmoid-unclipped.ts';
  // Back to the editor (the focus is in the webview), on the first log(yPred) (problem at 11:36).
  await page.locator('.editor-group-container .editor-instance .view-lines').first().click({ position: { x: 2, y: 2 } });
  const before = await problemsCounts(page);
  const diagnosticsInPreview = await frame.locator('.ll-diagnostic').count();
  assert.ok(diagnosticsInPreview > 0, 'the preview lists the problems of the loss');
  // The whole width for the editor while the menu is open (the preview comes back afterwards). Before moving
  // the cursor: the relayout hides a light bulb already shown, until the cursor moves again.
  await runCommand(page, 'View: Toggle Maximize Editor Group');
  await goToLine(page, 11, 38);
  // A person presses Ctrl+. once the light bulb shows that a fix is there, and moves to the fix they want.
  const { menu, titles, focused } = await focusQuickFix(page, PREFERRED_FIX[file]);
  assert.ok(titles.some((t) => t?.startsWith(PREFERRED_FIX[file])), `the preferred fix "${PREFERRED_FIX[file]}…" is offered (offered: ${titles.join(' | ')})`);
  assert.ok(focused);
  await shoot(page, [SHOTS], '07-quick-fix-menu');
  const widget = await menu.first().boundingBox();
  const line = await page.locator('.editor-instance .view-line', { hasText: 'export function binaryCrossEntropy' }).first().boundingBox();
  const editorBox = await page.locator('.editor-instance').first().boundingBox();
  await readmeShot(
    'quick-fix',
    paddedClip([{ x: editorBox.x, y: line.y - 30, width: Math.max(widget.x + widget.width + 40, editorBox.x + 960) - editorBox.x, height: widget.y + widget.height - line.y + 30 }], VIEWPORT, 8),
  );
  await page.keyboard.press('Enter');
  await menu.first().waitFor({ state: 'hidden' });
  // The preferred fix clips the prediction in both logs of the loss (one fix for every hazard of its kind).
  const after = await waitForProblems(page, (c) => c.errors === before.errors - 2, { timeout: 15000 });
  assert.equal(after.warnings, before.warnings);
  await page.waitForFunction(
    () => [...document.querySelectorAll('.editor-instance .view-line')].some((l) => l.textContent.replace(/\u00a0/g, ' ').includes('tf.log(tf.clipByValue(yPred, 1e-7, 1 - 1e-7))')),
    null,
    { timeout: 10000 },
  );
  assert.match(await editorLineText(page, 11), /tf\.mul\(yTrue, tf\.log\(tf\.clipByValue\(yPred, 1e-7, 1 - 1e-7\)\)\)/);
  assert.match(await editorLineText(page, 12), /tf\.log\(tf\.sub\(1, tf\.clipByValue\(yPred, 1e-7, 1 - 1e-7\)\)\)/);
  // The CodeLens above the loss counts no problem any more.
  await page.locator('.editor-instance .codelens-decoration', { hasText: /Preview loss: binaryCrossEntropy\s*$/ }).first().waitFor({ state: 'visible', timeout: 10000 });
  await shoot(page, [SHOTS], '08-quick-fix-applied');
  // The preview follows the file: back beside the editor, it lists the two problems fewer.
  await runCommand(page, 'View: Toggle Maximize Editor Group');
  frame = await findWebviewFrame(page, '.ll-series-loss', { timeout: 30000 });
  await frame.waitForFunction((n) => document.querySelectorAll('.ll-diagnostic').length === n - 2, diagnosticsInPreview, { timeout: 15000 });
  await shoot(page, [SHOTS], '09-preview-after-fix');
});

step('"Fix all Loss Lens problems" (Source Action…) clears every fixable finding of a file, and one undo restores it', async () => {
  const file = 'faulty/annotated-log-ratio.ts';
  await openFile(page, base(file));
  const lensBefore = await waitForCodeLens(page, `${FIRST_SITE[file]} · `);
  const lint = require(path.join(root, 'dist/lint.cjs'));
  const text = fs.readFileSync(path.join(tmp, 'examples', file), 'utf8');
  const fixable = lint.lintText(text, file).diagnostics.filter((d) => d.fixes.length > 0 && d.severity !== 'info');
  assert.ok(fixable.length >= 2, `${file} has several fixable problems (${fixable.map((d) => d.code).join(', ')})`);
  const before = await problemsCounts(page);
  const annotationLine = text.split('\n').findIndex((l) => l.includes('@loss')) + 1;
  const annotation = await editorLineText(page, annotationLine);
  await goToLine(page, annotationLine, 4);
  await runCommand(page, 'Source Action...');
  const menu = page.locator('.action-widget');
  const row = menu.locator('.monaco-list-row.action', { hasText: 'Fix all Loss Lens problems' }).first();
  await row.waitFor({ state: 'visible' });
  await shoot(page, [SHOTS], '10-fix-all-menu');
  const focusedLabel = () => menu.locator('.monaco-list-row.action.focused').first().getAttribute('aria-label').catch(() => null);
  for (let n = 0; n < 10 && (await focusedLabel()) !== 'Fix all Loss Lens problems'; n++) await page.keyboard.press('ArrowDown');
  assert.equal(await focusedLabel(), 'Fix all Loss Lens problems');
  await page.keyboard.press('Enter');
  await menu.first().waitFor({ state: 'hidden' });
  const fixed = await waitForProblems(page, (c) => total(c) === total(before) - fixable.length, { timeout: 30000 });
  assert.equal(total(fixed), total(before) - fixable.length, `every fixable problem of ${file} is gone (${before.label} -> ${fixed.label})`);
  assert.notEqual(await editorLineText(page, annotationLine), annotation, 'the annotation was rewritten');
  await shoot(page, [SHOTS], '11-fix-all-applied');
  await page.locator('.editor-group-container .editor-instance .view-lines').first().click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Control+Z');
  const restored = await waitForProblems(page, (c) => total(c) === total(before), { timeout: 30000 });
  assert.equal(restored.label, before.label, 'one undo brings every problem back');
  assert.equal(await editorLineText(page, annotationLine), annotation, 'one undo restores the text');
  assert.equal(await waitForCodeLens(page, lensBefore.replace(/^.*Preview loss: /, ''), { timeout: 10000 }), lensBefore, 'the CodeLens counts the problems again, as the Problems panel does');
});

step('previewing three losses leaves one preview tab, which shows the last', async () => {
  const previewTabs = () => page.locator('.tabs-container .tab .label-name').evaluateAll((labels) => labels.map((l) => l.textContent.trim()).filter((t) => /^Loss( \(locked\))?: /.test(t)));
  const losses = [
    { file: 'mse-on-sigmoid-classifier.ts', line: 18, column: 6, title: 'meanSquaredError in model.compile' },
    { file: 'rmse-sqrt-at-zero.ts', line: 7, column: 20, title: 'rootMeanSquaredError' },
    { file: 'poisson-exp-overflow.ts', line: 8, column: 20, title: 'poissonLogRateLoss' },
  ];
  for (const loss of losses) {
    await openFile(page, loss.file);
    await waitForCodeLens(page, loss.title);
    await goToLine(page, loss.line, loss.column);
    await runCommand(page, 'Loss: Preview');
    await page.locator('.tabs-container .tab', { hasText: `Loss: ${loss.title}` }).first().waitFor({ state: 'visible' });
  }
  assert.deepEqual(await previewTabs(), [`Loss: ${losses.at(-1).title}`], 'one preview tab');
  await shoot(page, [SHOTS], '12-one-preview-tab');
});

step('a Python file: the hover on its loss shows the rendered images, and Loss: Preview opens it', async () => {
  await openFile(page, 'numpy-bce-clip.py');
  await waitForCodeLens(page, FIRST_SITE['correct/numpy-bce-clip.py']);
  await page.setViewportSize({ width: VIEWPORT.width, height: 2000 });
  try {
    const hover = await hoverToken(page, 'binary_cross_entropy', { waitForText: 'Open Loss Preview', timeout: 30000 });
    const rendered = hover.images.filter((img) => img.src.startsWith('data:image/svg+xml;base64,') && img.complete && img.naturalWidth > 0);
    assert.ok(rendered.length >= 3, `formula, gradient and plot rendered in the Python hover (${rendered.length})`);
    assert.match(hover.text, /binary_cross_entropy/);
    await shoot(page, [SHOTS], '13-python-hover');
  } finally {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.setViewportSize(VIEWPORT);
  }
  await goToLine(page, 10, 8); // in the body of the loss function
  await runCommand(page, 'Loss: Preview');
  await page.locator('.tabs-container .tab', { hasText: 'Loss: binary_cross_entropy' }).first().waitFor({ state: 'visible' });
  const preview = await findWebviewFrame(page, '.ll-series-loss', { timeout: 30000 });
  await preview.waitForFunction(() => document.querySelector('h1')?.textContent === 'binary_cross_entropy' && document.querySelectorAll('.katex').length > 0, null, { timeout: 15000 });
  await shoot(page, [SHOTS], '14-python-preview');
});

step('a Python file: the light bulb fix removes the softmax before nn.CrossEntropyLoss', async () => {
  const file = 'faulty/double-softmax.py';
  await openFile(page, base(file));
  await waitForCodeLens(page, FIRST_SITE[file]);
  const before = await problemsCounts(page);
  // The whole width for the editor while the menu is open (the preview beside it comes back afterwards).
  await runCommand(page, 'View: Toggle Maximize Editor Group');
  await goToLine(page, 23, 15); // on nn.CrossEntropyLoss()
  // The line starts at column 1, so the light bulb sits in the gutter: press Ctrl+. until the fixes are listed
  // (they are offered once the problem has reached the editor's markers).
  const menu = page.locator('.action-widget');
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Control+.');
    const shown = await menu.locator('.monaco-list-row.action').first().waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false);
    if (shown) break;
    assert.ok(attempt < 5, 'Ctrl+. lists the quick fixes on nn.CrossEntropyLoss()');
    await page.keyboard.press('Escape');
  }
  const titles = await menu.locator('.monaco-list-row.action').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));
  assert.ok(titles.some((t) => t?.startsWith(PREFERRED_FIX[file])), `the fix is offered (offered: ${titles.join(' | ')})`);
  for (let n = 0; n < titles.length; n++) {
    const focused = await menu.locator('.monaco-list-row.action.focused').first().getAttribute('aria-label').catch(() => null);
    if (focused?.startsWith(PREFERRED_FIX[file])) break;
    await page.keyboard.press('ArrowDown');
  }
  await shoot(page, [SHOTS], '15-python-quick-fix-menu');
  await page.keyboard.press('Enter');
  await menu.first().waitFor({ state: 'hidden' });
  await waitForProblems(page, (c) => c.warnings === before.warnings - 1, { timeout: 15000 });
  assert.match(await editorLineText(page, 19), /return self\.out\(x\)/);
  await shoot(page, [SHOTS], '16-python-quick-fix-applied');
  await runCommand(page, 'View: Toggle Maximize Editor Group');
});

step('a notebook: the problems of its cells (read after the cells above) join the counts, with a CodeLens on the cell loss', async () => {
  // The hover, quick fix and preview inside notebook cells are checked in the extension-host suite (06-python).
  const before = await problemsCounts(page);
  await openFile(page, 'keras-mistakes.ipynb');
  const after = await waitForProblems(page, (c) => c.errors === before.errors + 1 && c.warnings === before.warnings + 1, { timeout: 60000 });
  assert.equal(after.infos, before.infos);
  // The CodeLens of the cell's loss (cells are editors of the notebook, not of an editor instance of their own).
  await page.locator('.codelens-decoration', { hasText: `Preview loss: ${NOTEBOOKS['faulty/keras-mistakes.ipynb'].firstSite[3]}` }).first().waitFor({ state: 'visible', timeout: 30000 });
  await page.locator('.codelens-decoration', { hasText: `Preview loss: ${NOTEBOOKS['faulty/keras-mistakes.ipynb'].firstSite[2]}` }).first().waitFor({ state: 'visible', timeout: 30000 });
  await shoot(page, [SHOTS], '17-notebook');
});

step("an HTML page: its inline script's problem joins the counts, and the quick fix edits the page where the loss is", async () => {
  // A tutorial page that loads TF.js from a CDN and trains an XOR classifier inline: sigmoid + MSE on 0/1 targets.
  const html = `<!DOCTYPE html>
<html>
<head><script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min.js"></script></head>
<body>
  <h1>XOR</h1>
  <script>
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 8, inputShape: [2], activation: 'tanh' }));
    model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
    model.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });
    model.fit(tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]), tf.tensor2d([[0], [1], [1], [0]]), { epochs: 500 });
  </script>
</body>
</html>
`;
  fs.writeFileSync(path.join(tmp, 'examples', 'xor-page.html'), html);
  const before = await problemsCounts(page);
  await openWrittenFile(page, 'xor-page.html');
  const found = await waitForProblems(page, (c) => c.warnings === before.warnings + 1, { timeout: 60000 });
  assert.equal(found.errors, before.errors);
  // The problem sits on the loss in the page (line 10); its fix replaces the loss name there.
  assert.match(await applyQuickFix(page, 10, 70, "Use the loss 'binaryCrossentropy'", before.warnings), /loss: 'binaryCrossentropy'/);
  await shoot(page, [SHOTS], '18-html-page-fixed');
});

step('a Vue component (no Vue extension installed): its problem joins the counts and the quick fix edits the component', async () => {
  // A component whose model data() holds and whose methods build and fit it on 0/1 labels: sigmoid + MSE.
  const vue = `<template><div class="game"></div></template>
<script>
import * as tf from '@tensorflow/tfjs';

export default {
  data() {
    return { model: tf.sequential() };
  },
  methods: {
    setupModel() {
      this.model.add(tf.layers.dense({ inputShape: [2], units: 8, activation: 'relu' }));
      this.model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
      this.model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    },
    async learn(xs) {
      await this.model.fit(tf.tensor2d(xs), tf.tensor2d([[0], [1], [1], [0]]));
    },
  },
};
</script>
`;
  fs.writeFileSync(path.join(tmp, 'examples', 'Game.vue'), vue);
  const before = await problemsCounts(page);
  await openWrittenFile(page, 'Game.vue');
  await waitForProblems(page, (c) => c.warnings === before.warnings + 1, { timeout: 60000 });
  assert.match(await applyQuickFix(page, 13, 58, "Use the loss 'binaryCrossentropy'", before.warnings), /loss: 'binaryCrossentropy'/);
  await shoot(page, [SHOTS], '19-vue-component-fixed');
});

/** Applies the quick fix `wanted` at line:column, waits for the warnings to come to `warningsAfter`, and returns the line. */
async function applyQuickFix(page, line, column, wanted, warningsAfter) {
  await goToLine(page, line, column);
  const { menu, titles, focused } = await focusQuickFix(page, wanted);
  assert.ok(focused, `offered: ${titles.join(' | ')}`);
  await page.keyboard.press('Enter');
  await menu.first().waitFor({ state: 'hidden' });
  await waitForProblems(page, (c) => c.warnings === warningsAfter, { timeout: 15000 });
  return editorLineText(page, line);
}
