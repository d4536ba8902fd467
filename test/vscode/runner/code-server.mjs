// Helpers to run code-server 4.100.3 (VS Code 1.100.3 server + web workbench) installed by
// scripts/code-server/install.sh. No downloads, no network beyond 127.0.0.1.
//
//   import { startCodeServer, installVsix, workbenchUrl, testPayload } from './code-server.mjs';
//   const cs = await startCodeServer({ userDataDir, extensionsDir, workspace });
//   ... open workbenchUrl({ port: cs.port, folder: workspace }) in Chromium ...
//   await cs.stop();
import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';

export const CODE_SERVER_VERSION = '4.100.3';

/** Directory holding the unpacked code-server `package/` (the one with out/node/entry.js). */
export function codeServerDir() {
  if (process.env.LOSS_LENS_CODE_SERVER_DIR) return process.env.LOSS_LENS_CODE_SERVER_DIR;
  const cache = process.env.LOSS_LENS_CACHE || path.join(os.homedir(), '.cache', 'loss-lens');
  return path.join(cache, `code-server-${CODE_SERVER_VERSION}`, 'package');
}

/** Absolute path of code-server's entry.js; throws a helpful error if it is not installed. */
export function codeServerEntry() {
  const dir = codeServerDir();
  const entry = path.join(dir, 'out', 'node', 'entry.js');
  if (!fs.existsSync(entry) || !fs.existsSync(path.join(dir, '..', '.installed'))) {
    throw new Error(
      `code-server ${CODE_SERVER_VERSION} is not installed at ${dir}.\n` +
        `Run: bash scripts/code-server/install.sh`,
    );
  }
  return entry;
}

/**
 * Environment that keeps code-server's own files out of $HOME (it otherwise creates
 * ~/.config/code-server/config.yaml with a random password and ~/.local/share/code-server/ with
 * heartbeat and coder-logs; CLI flags still override the config file), and that turns off the
 * extension gallery so nothing tries to reach the internet.
 */
export function isolationEnv(stateDir) {
  fs.mkdirSync(stateDir, { recursive: true });
  const config = path.join(stateDir, 'code-server-config.yaml');
  if (!fs.existsSync(config)) fs.writeFileSync(config, 'auth: none\ncert: false\n');
  return {
    CODE_SERVER_CONFIG: config,
    XDG_DATA_HOME: path.join(stateDir, 'xdg-data'),
    // VS Code's @vscode/deviceid writes $XDG_CACHE_HOME/Microsoft/DeveloperTools/deviceid.
    XDG_CACHE_HOME: path.join(stateDir, 'xdg-cache'),
    // No extension gallery (default open-vsx.org, unreachable here): '{}' disables it.
    EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY ?? '{}',
  };
}

/**
 * User settings written to <userDataDir>/User/settings.json (merged with `settings` passed to
 * startCodeServer). Without these the Welcome walkthrough opens a few seconds after start-up and
 * steals focus (e.g. closes a Quick Open you just opened), and the workbench tries to reach the
 * extension gallery (open-vsx.org), which fails here.
 */
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

/** Write (merge into) <userDataDir>/User/settings.json. */
export function writeUserSettings(userDataDir, settings = {}) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let current = {};
  try {
    current = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    /* absent or JSONC: overwrite */
  }
  fs.writeFileSync(file, JSON.stringify({ ...current, ...settings }, null, 2));
  return file;
}

/** Ask the OS for a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** Poll `fn` (sync or async) until it returns a truthy value; resolves with that value. */
export async function waitFor(fn, { timeout = 30000, interval = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${message}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Kill a process we started (spawned with detached: true, so it leads its own process group) and
 * the processes it started (extension host, pty host, file watcher). SIGTERM, then SIGKILL.
 */
export async function killTree(pid, { graceMs = 5000 } = {}) {
  if (!pid) return;
  const signalGroup = (sig) => {
    try {
      process.kill(-pid, sig); // the group whose id is our child's pid
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        /* already gone */
      }
    }
  };
  const groupAlive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return isAlive(pid);
    }
  };
  if (!groupAlive()) return;
  signalGroup('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive()) signalGroup('SIGKILL');
}

/**
 * Start code-server. Resolves once it answers HTTP.
 * @param {object} o
 * @param {number} [o.port]            free port picked if omitted
 * @param {string} o.userDataDir
 * @param {string} o.extensionsDir
 * @param {string} [o.workspace]       folder opened by default
 * @param {Record<string,string>} [o.env]  extra environment (inherited by the extension host)
 * @param {string} [o.logPath]         defaults to <userDataDir>/../code-server-<port>.log
 * @param {string[]} [o.extraArgs]
 * @param {Record<string,unknown>} [o.settings] user settings, merged over DEFAULT_SETTINGS
 * @param {number} [o.startTimeout]    ms, default 60000
 */
export async function startCodeServer(o) {
  const { userDataDir, extensionsDir, workspace, env = {}, extraArgs = [], startTimeout = 60000 } = o;
  if (!userDataDir || !extensionsDir) throw new Error('startCodeServer: userDataDir and extensionsDir are required');
  const entry = codeServerEntry();
  const port = o.port ?? (await freePort());
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir, { ...DEFAULT_SETTINGS, ...(o.settings ?? {}) });
  const logPath = o.logPath ?? path.join(path.dirname(path.resolve(userDataDir)), `code-server-${port}.log`);
  fs.mkdirSync(path.dirname(logPath), { recursive: true });
  const logFd = fs.openSync(logPath, 'w');

  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...extraArgs,
  ];
  if (workspace) args.push(workspace);

  const childEnv = { ...process.env, ...isolationEnv(path.dirname(path.resolve(userDataDir))) };
  // Keep code-server from picking up settings of an enclosing VS Code / code-server session.
  for (const k of Object.keys(childEnv)) {
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete childEnv[k];
  }
  delete childEnv.PASSWORD;
  delete childEnv.HASHED_PASSWORD;
  Object.assign(childEnv, env);

  const proc = spawn(process.execPath, args, {
    env: childEnv,
    stdio: ['ignore', logFd, logFd],
    detached: true, // own process group -> stop() can end it and its children by id
  });
  fs.closeSync(logFd);
  let exited = null;
  proc.on('exit', (code, signal) => (exited = { code, signal }));

  const url = `http://127.0.0.1:${port}/`;
  const stop = async () => {
    await killTree(proc.pid);
  };
  try {
    await waitFor(
      async () => {
        if (exited) {
          throw new Error(
            `code-server exited early (code ${exited.code}, signal ${exited.signal}); log:\n` +
              fs.readFileSync(logPath, 'utf8').slice(-4000),
          );
        }
        const s = await httpStatus(`${url}healthz`);
        return s >= 200 && s < 500;
      },
      { timeout: startTimeout, interval: 200, message: `code-server on port ${port} (log: ${logPath})` },
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    port,
    url,
    proc,
    pid: proc.pid,
    logPath,
    log: () => fs.readFileSync(logPath, 'utf8'),
    stop,
  };
}

/**
 * Install a .vsix with code-server's CLI. Resolves with the CLI output; rejects on failure.
 * @param {string} vsixPath
 * @param {{userDataDir:string, extensionsDir:string}} dirs
 */
export function installVsix(vsixPath, { userDataDir, extensionsDir }) {
  const entry = codeServerEntry();
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--force',
        '--install-extension', path.resolve(vsixPath)],
      {
        timeout: 120000,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, ...isolationEnv(path.dirname(path.resolve(userDataDir))) },
      },
      (err, stdout, stderr) => {
        const out = `${stdout}${stderr}`;
        if (err || !/successfully installed/i.test(out)) {
          reject(new Error(`--install-extension ${vsixPath} failed:\n${out}${err ? `\n${err.message}` : ''}`));
        } else resolve(out);
      },
    );
  });
}

/**
 * The workbench URL.
 * @param {{port:number, folder?:string, payload?:Array<[string,string]>, host?:string}} o
 */
export function workbenchUrl({ port, folder, payload, host = '127.0.0.1' }) {
  const params = [];
  if (folder) params.push(`folder=${encodeURIComponent(path.resolve(folder))}`);
  if (payload) params.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `http://${host}:${port}/${params.length ? `?${params.join('&')}` : ''}`;
}

/** vscode-remote URI of an absolute server-side path, as the workbench at 127.0.0.1:port sees it. */
export function remoteUri(port, absPath, host = '127.0.0.1') {
  const p = path.resolve(absPath).split(path.sep).map(encodeURIComponent).join('/');
  return `vscode-remote://${host}:${port}${p.startsWith('/') ? '' : '/'}${p}`;
}

/** The `payload` that makes the workbench load a development extension and run its tests. */
export function testPayload({ port, extensionDevelopmentPath, extensionTestsPath, host }) {
  const payload = [['extensionDevelopmentPath', remoteUri(port, extensionDevelopmentPath, host)]];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(port, extensionTestsPath, host)]);
  return payload;
}

/**
 * Chromium launch options for playwright-core (Debian's /usr/bin/chromium; never downloads).
 * Pass stateDir to keep Chromium's ~/.config/chromium (crash reports) out of $HOME.
 */
export function chromiumLaunchOptions({ stateDir, ...extra } = {}) {
  const env = stateDir
    ? {
        ...process.env,
        HOME: path.join(stateDir, 'chromium-home'),
        XDG_CONFIG_HOME: path.join(stateDir, 'chromium-home', '.config'),
        XDG_CACHE_HOME: path.join(stateDir, 'chromium-home', '.cache'),
      }
    : undefined;
  return {
    executablePath: process.env.LOSS_LENS_CHROMIUM || '/usr/bin/chromium',
    ...(env ? { env } : {}),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    ...extra,
  };
}
