// Re-takes the README screenshots in a real VS Code (code-server 1.100.3, see scripts/code-server/install.sh)
// with the packaged extension installed:
//   npm run package && node media/screenshots/capture.mjs loss-lens-0.1.0.vsix
// The window is 1280×800 and nothing is resized: the hover and the preview look as they do for a person with
// that window (VS Code shows about 250 px of a hover before it scrolls).
// The examples are copied to a temporary workspace (with the repository's node_modules linked, so that
// TypeScript resolves @tensorflow/tfjs); nothing in examples/ is changed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findWebviewFrame, hoverToken, openFile, runCommand, startSession, waitForProblems } from '../../test/e2e/harness/workbench.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const vsix = path.resolve(process.argv[2] ?? 'loss-lens-0.1.0.vsix');
const out = path.join(root, 'media/screenshots');
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'loss-lens-screens-'));
fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true, filter: (src) => !src.includes(`${path.sep}.vscode`) });
fs.symlinkSync(path.join(root, 'node_modules'), path.join(workspace, 'node_modules'));

const settings = {
  'files.autoSave': 'off',
  'workbench.colorTheme': 'Default Dark Modern',
  'editor.minimap.enabled': false,
  'breadcrumbs.enabled': false,
  'workbench.activityBar.location': 'hidden',
  'editor.fontSize': 14,
};
const VIEWPORT = { width: 1280, height: 800 };
const s = await startSession({ workspace, vsix: [vsix], viewport: VIEWPORT, settings });
try {
  const { page } = s;
  await openFile(page, 'bce-on-sigmoid-unclipped.ts');
  await waitForProblems(page, (c) => c.errors === 2, { timeout: 90000 });
  await page.locator('.codelens-decoration').first().waitFor({ timeout: 60000 });
  await page.keyboard.press('Control+B');

  await hoverToken(page, 'binaryCrossEntropy', { waitForText: /Open Loss Preview/, timeout: 60000 });
  const hover = page.locator('.monaco-hover').filter({ hasText: 'Open Loss Preview' }).first();
  await page.waitForFunction(() => [...document.querySelectorAll('.monaco-hover img')].every((i) => i.complete && i.naturalWidth > 0));
  const box = await hover.boundingBox();
  const left = Math.max(0, box.x - 200);
  const top = Math.max(0, box.y - 50);
  await page.screenshot({
    path: path.join(out, 'hover.png'),
    clip: { x: left, y: top, width: Math.min(VIEWPORT.width - left, box.width + 230), height: Math.min(VIEWPORT.height - top, box.y + box.height + 20 - top) },
  });
  await page.keyboard.press('Escape');

  for (const f of ['unknown-loss-mse.ts', 'mse-on-sigmoid-classifier.ts', 'poisson-exp-overflow.ts', 'rmse-sqrt-at-zero.ts']) await openFile(page, f);
  await waitForProblems(page, (c) => c.errors >= 3 && c.warnings >= 3, { timeout: 120000 });
  await openFile(page, 'bce-on-sigmoid-unclipped.ts');
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel .monaco-list-row').nth(8).waitFor({ timeout: 30000 });
  const rows = await page.locator('.markers-panel .monaco-list-row').count();
  const panel = await page.locator('.part.panel').first().boundingBox();
  await page.screenshot({ path: path.join(out, 'problems.png'), clip: { x: panel.x, y: panel.y, width: panel.width, height: 44 + rows * 22 + 10 } });
  await page.keyboard.press('Control+J');

  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget .quick-input-box input').waitFor();
  await page.keyboard.type('9:20');
  await page.keyboard.press('Enter');
  await runCommand(page, 'Loss: Preview');
  const frame = await findWebviewFrame(page, async (f) => (await f.locator('.ll-page .ll-card').count()) > 0, { timeout: 60000 });
  await frame.locator('svg').first().waitFor();
  await page.screenshot({ path: path.join(out, 'preview.png') });
  console.log(`saved hover.png, problems.png and preview.png in ${out}`);
} finally {
  await s.close();
  fs.rmSync(workspace, { recursive: true, force: true });
}
