// Playwright helpers for driving the code-server (VS Code 1.100.3) web workbench in Debian's
// Chromium. Every helper waits for a condition (selector, text, count); none sleeps a fixed time.
//
//   import { startSession, openFile, runCommand, hoverToken, problemsCounts,
//            findWebviewFrame, screenshot } from '../harness/workbench.mjs';
//   const s = await startSession({ workspace, vsix: ['/abs/loss-lens.vsix'] });
//   try { await openFile(s.page, 'model.ts'); ... } finally { await s.close(); }
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  startCodeServer,
  installVsix,
  workbenchUrl,
  testPayload,
  chromiumLaunchOptions,
  killTree,
} from '../../vscode/runner/code-server.mjs';

const require = createRequire(import.meta.url);
const DEFAULT_TIMEOUT = Number(process.env.LOSS_LENS_E2E_TIMEOUT) || 30000;

function playwright() {
  try {
    return require('playwright-core');
  } catch {
    return createRequire(path.join(process.cwd(), 'package.json'))('playwright-core');
  }
}

/** Ctrl on Linux/Windows, Meta on macOS: the workbench binds Ctrl+P etc. per platform. */
const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

/**
 * Launch Debian's Chromium (never downloads). Returns { browser, page, pid, close() };
 * close() closes the browser and then ends its process group by pid.
 */
export async function launchBrowser({ stateDir, viewport = { width: 1400, height: 900 }, launch = {} } = {}) {
  const { chromium } = playwright();
  const server = await chromium.launchServer(chromiumLaunchOptions({ stateDir, ...launch }));
  const pid = server.process()?.pid;
  const browser = await chromium.connect(server.wsEndpoint());
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
    if (pid) await killTree(pid, { graceMs: 2000 });
  };
  return { browser, context, page, pid, close };
}

/**
 * Start code-server (optionally installing .vsix files first) and Chromium, open the workbench.
 * @param {object} o
 * @param {string} o.workspace                folder to open
 * @param {string[]} [o.vsix]                 .vsix files to install with --install-extension
 * @param {string} [o.extensionDevelopmentPath] load an unpackaged extension via the URL payload
 * @param {Record<string,string>} [o.env]     extra env for code-server (inherited by the extension host)
 * @param {Record<string,unknown>} [o.settings] user settings (merged over DEFAULT_SETTINGS)
 * @param {string} [o.tmpDir]                 state dir (default: a new dir under os.tmpdir())
 * @param {boolean} [o.keep]                  keep tmpDir on close()
 * @returns {Promise<{page, browser, cs, url, tmpDir, close: () => Promise<void>}>}
 */
export async function startSession(o) {
  const tmpDir = o.tmpDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'loss-lens-e2e-'));
  const dirs = { userDataDir: path.join(tmpDir, 'user-data'), extensionsDir: path.join(tmpDir, 'extensions') };
  for (const v of o.vsix ?? []) await installVsix(v, dirs);
  let cs = null;
  let b = null;
  const close = async () => {
    if (b) await b.close();
    if (cs) await cs.stop();
    if (!o.keep) fs.rmSync(tmpDir, { recursive: true, force: true });
  };
  try {
    cs = await startCodeServer({
      ...dirs,
      workspace: o.workspace,
      env: o.env,
      settings: o.settings,
      logPath: path.join(tmpDir, 'code-server.log'),
    });
    b = await launchBrowser({ stateDir: tmpDir, viewport: o.viewport });
    const payload = o.extensionDevelopmentPath
      ? testPayload({ port: cs.port, extensionDevelopmentPath: o.extensionDevelopmentPath })
      : undefined;
    const url = workbenchUrl({ port: cs.port, folder: o.workspace, payload });
    await openWorkbench(b.page, url);
    return { page: b.page, browser: b.browser, cs, url, tmpDir, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Navigate to the workbench URL and wait until the workbench and its explorer/editor area exist. */
export async function openWorkbench(page, url, { timeout = 60000 } = {}) {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout });
  await page.locator('.monaco-workbench').first().waitFor({ state: 'visible', timeout });
  // The status bar appears once the workbench layout is done.
  await page.locator('.monaco-workbench .part.statusbar').first().waitFor({ state: 'visible', timeout });
  // Remote connection established (the remote indicator / explorer); not fatal if absent.
  await page
    .locator('.monaco-workbench .part.sidebar, .monaco-workbench .part.editor')
    .first()
    .waitFor({ state: 'visible', timeout })
    .catch(() => {});
}

const quickInput = (page) => page.locator('.quick-input-widget');
const quickInputBox = (page) => page.locator('.quick-input-widget .quick-input-box input');

async function openQuickInput(page, keys, timeout) {
  // Make sure the workbench (not e.g. a webview iframe) has keyboard focus.
  const input = quickInputBox(page);
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.keyboard.press(keys);
    try {
      await input.waitFor({ state: 'visible', timeout: Math.min(timeout, 5000) });
      return input;
    } catch {
      await page.locator('.monaco-workbench').first().click({ position: { x: 5, y: 5 } }).catch(() => {});
    }
  }
  await input.waitFor({ state: 'visible', timeout });
  return input;
}

async function pickFromQuickInput(page, input, value, mustContain, timeout) {
  await input.fill(value);
  // Wait until the focused row is the one we want (the list filters asynchronously).
  const focused = page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused');
  await page.waitForFunction(
    (needle) => {
      const row = document.querySelector('.quick-input-widget .quick-input-list .monaco-list-row.focused');
      if (!row) return false;
      const t = `${row.getAttribute('aria-label') ?? ''} ${row.textContent ?? ''}`.toLowerCase();
      return t.includes(needle.toLowerCase());
    },
    mustContain,
    { timeout },
  );
  await focused.first().waitFor({ state: 'visible', timeout });
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden', timeout }).catch(() => {});
}

/**
 * Runs the command palette entry whose label is exactly `title` (Ctrl+Shift+P, type, select, Enter).
 * Exact, not the first row containing the text: "Loss: Preview" is also the start of "Loss: Preview Expression…".
 * @param {import('playwright-core').Page} page
 * @param {string} title e.g. 'Loss: Preview'
 */
export async function runCommand(page, title, { timeout = DEFAULT_TIMEOUT } = {}) {
  const input = await openQuickInput(page, `${MOD}+Shift+P`, timeout);
  await input.fill(`>${title}`);
  const rowLabel = (row) => row.querySelector('.label-name')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const index = await page
    .waitForFunction(
      ({ wanted }) => {
        const rows = [...document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row')];
        const label = (row) => row.querySelector('.label-name')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
        const i = rows.findIndex((r) => label(r) === wanted);
        return i >= 0 ? { i, focused: rows.findIndex((r) => r.classList.contains('focused')) } : null;
      },
      { wanted: title },
      { timeout },
    )
    .then((h) => h.jsonValue());
  const focused = () => page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused').first();
  for (let n = 0; n < 20; n++) {
    if ((await focused().evaluate(rowLabel).catch(() => '')) === title) break;
    await page.keyboard.press(index.i > index.focused ? 'ArrowDown' : 'ArrowUp');
  }
  const focusedLabel = await focused().evaluate(rowLabel);
  if (focusedLabel !== title) throw new Error(`command palette: could not select "${title}" (focused: "${focusedLabel}")`);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden', timeout });
}

/**
 * Open a workspace file by name via Quick Open (Ctrl+P); waits for its editor tab to be active
 * and its text to be rendered (for a notebook, the text of its cells' editors).
 */
export async function openFile(page, name, { timeout = DEFAULT_TIMEOUT } = {}) {
  const input = await openQuickInput(page, `${MOD}+P`, timeout);
  await pickFromQuickInput(page, input, name, path.basename(name), timeout);
  const base = path.basename(name);
  await page.waitForFunction(
    (b) => {
      const tab = document.querySelector('.tabs-container .tab.active');
      const label = tab && (tab.getAttribute('aria-label') || tab.textContent || '');
      return !!label && label.includes(b);
    },
    base,
    { timeout },
  );
  const lines = name.endsWith('.ipynb') ? '.monaco-editor .view-lines .view-line' : '.editor-instance .monaco-editor .view-lines .view-line';
  await page.locator(lines).first().waitFor({ state: 'visible', timeout });
}

/**
 * Hover the first occurrence of `text` in the visible editor lines and return the hover's content.
 * @returns {Promise<{text:string, html:string, images:{src:string, naturalWidth:number, naturalHeight:number, complete:boolean}[]}>}
 * @param {object} [opts]
 * @param {string|RegExp} [opts.waitForText] wait until the hover text matches this (e.g. content
 *   from your provider rather than another provider's hover)
 * @param {number} [opts.occurrence] 0-based occurrence of `text` among the visible lines
 */
export async function hoverToken(page, text, { timeout = DEFAULT_TIMEOUT, waitForText, occurrence = 0 } = {}) {
  const lines = page.locator('.editor-instance .monaco-editor .view-lines');
  await lines.first().waitFor({ state: 'visible', timeout });
  // Find the on-screen rectangle of the text (the token may be split across spans, or share one).
  const rect = await page
    .waitForFunction(
      ({ needle, occurrence }) => {
        // Every visible text editor of the editor area.
        const roots = [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines')].filter((r) => r.getBoundingClientRect().width > 0);
        if (roots.length === 0) return null;
        const lineEls = roots.flatMap((root) => [...root.querySelectorAll('.view-line')]).sort(
          (a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top,
        );
        let seen = 0;
        for (const line of lineEls) {
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          const nodes = [];
          let full = '';
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            nodes.push({ n, start: full.length });
            full += n.nodeValue;
          }
          // The editor renders spaces as U+00A0.
          const norm = full.replace(/\u00a0/g, ' ');
          let idx = norm.indexOf(needle);
          while (idx >= 0) {
            if (seen++ === occurrence) {
              const mid = idx + Math.floor(needle.length / 2);
              const hit = nodes.filter((x) => x.start <= mid).pop();
              const range = document.createRange();
              const off = mid - hit.start;
              range.setStart(hit.n, off);
              range.setEnd(hit.n, Math.min(off + 1, hit.n.nodeValue.length));
              const r = range.getBoundingClientRect();
              if (r.width === 0 && r.height === 0) return null;
              return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
            }
            idx = norm.indexOf(needle, idx + 1);
          }
        }
        return null;
      },
      { needle: text, occurrence },
      { timeout },
    )
    .then((h) => h.jsonValue());

  const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden)');
  const deadline = Date.now() + timeout;
  // Move onto the token (a tiny second move re-triggers the hover if the first was swallowed).
  let dx = 0;
  for (;;) {
    await page.mouse.move(rect.x + dx, rect.y);
    try {
      await page.waitForFunction(
        (wanted) => {
          const els = [...document.querySelectorAll('.monaco-editor .monaco-hover:not(.hidden)')];
          const el = els.find((e) => e.offsetParent !== null && (e.textContent || '').trim().length > 0);
          if (!el) return false;
          const t = el.textContent || '';
          if (/^\s*Loading\.\.\.\s*$/.test(t)) return false;
          if (wanted) {
            const re = wanted.re ? new RegExp(wanted.re, wanted.flags) : null;
            if (re ? !re.test(t) : !t.includes(wanted.s)) return false;
          }
          // All images finished loading (successfully or not).
          return [...el.querySelectorAll('img')].every((i) => i.complete);
        },
        waitForText instanceof RegExp
          ? { re: waitForText.source, flags: waitForText.flags }
          : waitForText
            ? { s: waitForText }
            : null,
        { timeout: Math.min(5000, Math.max(500, deadline - Date.now())) },
      );
      break;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`hoverToken("${text}"): no hover appeared within ${timeout} ms`);
      dx = dx === 0 ? 1 : 0;
      await page.mouse.move(rect.x, rect.y - 200); // leave, then come back
    }
  }
  return hover.evaluateAll((els) => {
    const el = els.find((e) => e.offsetParent !== null && (e.textContent || '').trim().length > 0);
    return {
      text: (el.innerText || el.textContent || '').trim(),
      html: el.innerHTML,
      images: [...el.querySelectorAll('img')].map((i) => ({
        src: i.currentSrc || i.src,
        naturalWidth: i.naturalWidth,
        naturalHeight: i.naturalHeight,
        complete: i.complete,
      })),
    };
  });
}

/**
 * Error / warning / info counts from the status bar's problems item.
 * @returns {Promise<{errors:number, warnings:number, infos:number, label:string}>}
 */
export async function problemsCounts(page, { timeout = DEFAULT_TIMEOUT } = {}) {
  const item = page.locator('[id="status.problems"]').first();
  await item.waitFor({ state: 'attached', timeout });
  return item.evaluate((el) => {
    const a = el.querySelector('a') || el;
    const label = a.getAttribute('aria-label') || el.getAttribute('aria-label') || a.textContent || '';
    const num = (re) => {
      const m = re.exec(label);
      return m ? Number(m[1]) : 0;
    };
    if (/no problems/i.test(label)) return { errors: 0, warnings: 0, infos: 0, label };
    return {
      errors: num(/(\d+)\s*errors?/i) || num(/errors?:?\s*(\d+)/i),
      warnings: num(/(\d+)\s*warnings?/i) || num(/warnings?:?\s*(\d+)/i),
      infos: num(/(\d+)\s*infos?/i) || num(/infos?:?\s*(\d+)/i),
      label,
    };
  });
}

/** Wait until problemsCounts(page) satisfies predicate(counts); returns the counts. */
export async function waitForProblems(page, predicate, { timeout = DEFAULT_TIMEOUT } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await problemsCounts(page, { timeout });
    if (predicate(last)) return last;
    if (Date.now() > deadline) throw new Error(`waitForProblems: timed out; last: ${JSON.stringify(last)}`);
    // Re-check on the next status bar change (or after 1 s at most).
    await page
      .waitForFunction(
        (prev) => {
          const el = document.querySelector('[id="status.problems"] a') || document.querySelector('[id="status.problems"]');
          return el && (el.getAttribute('aria-label') || el.textContent) !== prev;
        },
        last.label,
        { timeout: 1000 },
      )
      .catch(() => {});
  }
}

/**
 * Find a frame (e.g. a webview's inner `#active-frame`) by walking page.frames() until
 * predicate(frame) is truthy. predicate may be async, or a CSS selector string meaning
 * "the frame contains this element".
 */
export async function findWebviewFrame(page, predicate, { timeout = DEFAULT_TIMEOUT, interval = 200 } = {}) {
  const test =
    typeof predicate === 'string'
      ? async (f) => (await f.$(predicate)) !== null
      : predicate;
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const f of page.frames()) {
      if (f === page.mainFrame() || f.isDetached()) continue;
      try {
        if (await test(f)) return f;
      } catch {
        /* frame navigated/detached meanwhile */
      }
    }
    if (Date.now() > deadline) throw new Error(`findWebviewFrame: no matching frame within ${timeout} ms`);
    // Wait for a frame event or the interval, whichever comes first.
    await Promise.race([
      page.waitForEvent('framenavigated', { timeout: interval }).catch(() => {}),
      page.waitForEvent('frameattached', { timeout: interval }).catch(() => {}),
    ]);
  }
}

/** Wait for a notification toast whose text contains `text`; returns its text. */
export async function waitForNotification(page, text, { timeout = DEFAULT_TIMEOUT } = {}) {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout });
  return (await toast.innerText()).trim();
}

/** Save a full-page PNG to dir/name(.png); returns its path. */
export async function screenshot(page, dir, name) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name.endsWith('.png') ? name : `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
