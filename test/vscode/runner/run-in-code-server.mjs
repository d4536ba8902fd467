#!/usr/bin/env node
// Run an extension-host test suite inside code-server 4.100.3 (VS Code 1.100.3), offline.
//
//   node test/vscode/runner/run-in-code-server.mjs \
//     --extension /abs/extension/root --tests /abs/path/to/tests/index.js \
//     --workspace /abs/workspace [--results /abs/results.json] [--timeout 300] [--keep]
//
// How: start code-server (no extra flags), open the workbench in Debian's Chromium (playwright-core)
// with `?payload=[["extensionDevelopmentPath",…],["extensionTestsPath",…]]`; the server's extension
// host loads the extension and calls the tests module's run(), exactly like @vscode/test-electron.
// run() (see suite.cjs) writes JSON results to $LOSS_LENS_TEST_RESULTS, which we pass to code-server
// and the extension host inherits. We wait for the results file / "Extension Host Process exited
// with code: N" in the server log, print a summary and a last line `N passed, N failed`.
// Exit code: 0 all passed; 1 failures / no tests / ext host crashed; 2 usage or setup error; 124 timeout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  startCodeServer,
  workbenchUrl,
  testPayload,
  chromiumLaunchOptions,
  killTree,
  waitFor,
} from './code-server.mjs';

const require = createRequire(import.meta.url);

function usage(msg) {
  if (msg) console.error(`error: ${msg}`);
  console.error(
    'usage: node test/vscode/runner/run-in-code-server.mjs --extension <absDir> --tests <abs/tests/index.js>\n' +
      '         --workspace <dir> [--results <file>] [--timeout <seconds, default 300>] [--keep]\n' +
      '         [--grep <substring or /regex/>] [--screenshot <file.png>]',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const o = { timeout: 300, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--extension': o.extension = path.resolve(val()); break;
      case '--tests': o.tests = path.resolve(val()); break;
      case '--workspace': o.workspace = path.resolve(val()); break;
      case '--results': o.results = path.resolve(val()); break;
      case '--timeout': o.timeout = Number(val()); break;
      case '--grep': o.grep = val(); break;
      case '--screenshot': o.screenshot = path.resolve(val()); break;
      case '--keep': o.keep = true; break;
      case '-h': case '--help': usage(); break;
      default: usage(`unknown argument ${a}`);
    }
  }
  if (!o.extension || !o.tests || !o.workspace) usage('--extension, --tests and --workspace are required');
  if (!fs.existsSync(path.join(o.extension, 'package.json'))) usage(`no package.json in ${o.extension}`);
  if (!fs.existsSync(o.tests)) usage(`tests module not found: ${o.tests}`);
  if (!fs.existsSync(o.workspace)) usage(`workspace not found: ${o.workspace}`);
  if (!(o.timeout > 0)) usage('--timeout must be a positive number of seconds');
  return o;
}

function loadPlaywright() {
  // playwright-core from the repo's node_modules (never `playwright install`: no downloads).
  try {
    return require('playwright-core');
  } catch {
    return createRequire(path.join(process.cwd(), 'package.json'))('playwright-core');
  }
}

const EXIT_RE = /Extension Host Process exited with code: (-?\d+|null)/;

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loss-lens-cs-'));
  const results = o.results ?? path.join(tmp, 'results.json');
  fs.rmSync(results, { force: true });
  const pageLog = path.join(tmp, 'browser-console.log');

  let cs = null;
  let browserServer = null;
  let browser = null;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    if (browser) await browser.close().catch(() => {});
    if (browserServer) {
      const pid = browserServer.process()?.pid;
      await browserServer.close().catch(() => {});
      if (pid) await killTree(pid, { graceMs: 2000 });
    }
    if (cs) await cs.stop();
    if (!o.keep) fs.rmSync(tmp, { recursive: true, force: true });
    else console.log(`kept: ${tmp}`);
  };
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => {
      cleanup().finally(() => process.exit(130));
    });
  }

  let exitCode = 0;
  try {
    const env = { LOSS_LENS_TEST_RESULTS: results };
    if (o.grep) env.LOSS_LENS_TEST_GREP = o.grep;
    cs = await startCodeServer({
      userDataDir: path.join(tmp, 'user-data'),
      extensionsDir: path.join(tmp, 'extensions'),
      workspace: o.workspace,
      logPath: path.join(tmp, 'code-server.log'),
      env,
    });
    console.log(`code-server on ${cs.url} (pid ${cs.pid})`);

    const { chromium } = loadPlaywright();
    browserServer = await chromium.launchServer(chromiumLaunchOptions({ stateDir: tmp }));
    browser = await chromium.connect(browserServer.wsEndpoint());
    const page = await browser.newPage();
    const consoleLines = [];
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));

    const url = workbenchUrl({
      port: cs.port,
      folder: o.workspace,
      payload: testPayload({ port: cs.port, extensionDevelopmentPath: o.extension, extensionTestsPath: o.tests }),
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });

    // Wait for the outcome: results file written, or the test extension host exiting.
    const deadline = started + o.timeout * 1000;
    let hostExit = null;
    let timedOut = false;
    try {
      await waitFor(
        () => {
          const m = EXIT_RE.exec(cs.log());
          if (m) hostExit = m[1];
          return hostExit !== null || fs.existsSync(results);
        },
        { timeout: Math.max(1000, deadline - Date.now()), interval: 250, message: 'the test run' },
      );
      // run() writes results just before returning; give the host a moment to report its exit.
      if (hostExit === null) {
        await waitFor(
          () => {
            const m = EXIT_RE.exec(cs.log());
            if (m) hostExit = m[1];
            return hostExit !== null;
          },
          { timeout: 15000, interval: 200, message: 'extension host exit' },
        ).catch(() => {});
      }
    } catch {
      timedOut = true;
    }
    if (o.screenshot) await page.screenshot({ path: o.screenshot }).catch(() => {});
    fs.writeFileSync(pageLog, consoleLines.join('\n'));

    let res = null;
    if (fs.existsSync(results)) {
      try {
        res = JSON.parse(fs.readFileSync(results, 'utf8'));
      } catch (e) {
        console.error(`could not parse ${results}: ${e.message}`);
      }
    }

    if (res) {
      console.log(`\nVS Code ${res.vscode ?? '?'} extension host (code-server): ${res.tests.length} test(s)`);
      for (const t of res.tests) {
        console.log(`  ${t.ok ? 'PASS' : 'FAIL'}  ${t.name} (${t.ms} ms)`);
        if (!t.ok && t.error) console.log(`        ${String(t.error).split('\n').slice(0, 12).join('\n        ')}`);
      }
    }
    const diag = () => {
      console.error(`\n--- code-server log (tail) ---\n${cs.log().split('\n').slice(-40).join('\n')}`);
      console.error(`--- browser console (tail) ---\n${consoleLines.slice(-20).join('\n')}`);
      if (!o.keep) console.error('(rerun with --keep to keep the logs)');
    };
    if (timedOut) {
      console.error(`\nTIMEOUT after ${o.timeout} s: no results and no extension host exit`);
      diag();
      exitCode = 124;
    } else if (!res) {
      console.error(`\nno results file (${results}); extension host exit code: ${hostExit}`);
      diag();
      exitCode = 1;
    } else {
      if (hostExit !== null && hostExit !== '0' && res.failed === 0) {
        console.error(`extension host exited with code ${hostExit} although no test failed`);
        exitCode = 1;
      }
      if (res.failed > 0) exitCode = 1;
      if (res.passed + res.failed === 0) {
        console.error('no tests ran');
        exitCode = 1;
      }
      if (exitCode !== 0 && res.failed === 0) diag();
    }
    console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s; extension host exit code ${hostExit ?? 'not seen'})`);
    console.log(`${res?.passed ?? 0} passed, ${res?.failed ?? 0} failed`);
  } catch (e) {
    console.error(`error: ${e?.stack ?? e}`);
    if (cs) console.error(`--- code-server log (tail) ---\n${cs.log().split('\n').slice(-30).join('\n')}`);
    console.log('0 passed, 0 failed');
    exitCode = 2;
  } finally {
    await cleanup();
  }
  process.exit(exitCode);
}

main();
