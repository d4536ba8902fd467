// Re-takes the README screenshots of the preview's logit view and descent panel from the standalone page
// (`loss-lens preview --out`, the page the VS Code panel shows) in headless Chromium:
//   npm run build && node media/screenshots/capture-preview.mjs
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, openPage, writePreview } from '../../test/browser/support.mjs';

const out = path.dirname(fileURLToPath(import.meta.url));
const browser = await launch();
try {
  const mse = writePreview('shot-logit', ['--activation', 'sigmoid', '--set', 'y=1', '--view', 'logit', '--title', 'MSE on a sigmoid output', '--', '(p - y)^2']);
  const s = await openPage(browser, pathToFileURL(mse).href, { colorScheme: 'dark', viewport: { width: 1180, height: 1200 } });
  await s.page.fill('.ll-descent-start', '-7');
  await s.page.dispatchEvent('.ll-descent-start', 'change');
  await s.page.selectOption('#ll-overlay', 'binaryCrossentropy');
  await s.page.screenshot({ path: path.join(out, 'preview-logit-descent.png'), fullPage: true });
  await s.context.close();
  const focal = writePreview('shot-steps', ['--activation', 'sigmoid', '--title', 'Focal loss written with p_t', '--', 'pt = y·p + (1 − y)·(1 − p)\nFL = −α·(1 − pt)^γ·log(pt)']);
  const f = await openPage(browser, pathToFileURL(focal).href, { colorScheme: 'dark', viewport: { width: 1180, height: 900 } });
  await f.page.locator('.ll-formulas').screenshot({ path: path.join(out, 'preview-steps.png') });
  await f.context.close();
  console.log(`saved preview-logit-descent.png and preview-steps.png in ${out}`);
} finally {
  await browser.close();
}
