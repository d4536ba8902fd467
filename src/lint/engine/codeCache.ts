/**
 * Loading a large CommonJS file (TypeScript's 9 MB compiler) with V8's code cache: the bytecode V8 compiled in an
 * earlier process is kept in the user's cache folder and handed back to V8, which then skips most of the compiling.
 * It takes the first lint of a session from about 490 to about 280 ms of loading on this machine. V8 checks the
 * cache against the source and its own version and flags, and rejects a cache that does not match; the folder is
 * the user's own (mode 0700), never a shared temporary folder. Any failure falls back to a plain `require`.
 * Off with LOSS_LENS_CODE_CACHE=0; the folder is LOSS_LENS_CACHE_DIR, else $XDG_CACHE_HOME or ~/.cache, /loss-lens/v8.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.LOSS_LENS_CODE_CACHE === '0') return undefined;
  if (env.LOSS_LENS_CACHE_DIR) return path.join(env.LOSS_LENS_CACHE_DIR, 'v8');
  const base = env.XDG_CACHE_HOME || (os.homedir() ? path.join(os.homedir(), '.cache') : undefined);
  return base ? path.join(base, 'loss-lens', 'v8') : undefined;
}

/** The exports of the CommonJS file `file`, compiled with the cached bytecode when there is a usable one. */
export function requireWithCodeCache(file: string, cacheDir: string | undefined = codeCacheDir()): unknown {
  if (!cacheDir) return require(file);
  let source: string;
  let cacheFile: string;
  try {
    source = readFileSync(file, 'utf8');
    const stat = statSync(file);
    const key = createHash('sha256').update(`${file}\0${stat.size}\0${stat.mtimeMs}\0${process.version}\0${process.arch}`).digest('hex').slice(0, 32);
    cacheFile = path.join(cacheDir, `${path.basename(file)}-${key}.v8`);
  } catch {
    return require(file);
  }
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const cached = require.cache[file];
  if (cached?.loaded) return cached.exports;
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  // A module like any other: in require.cache, so a plain require of the same file gets this instance.
  const module = new Module(file);
  module.filename = file;
  require.cache[file] = module;
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  try {
    run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  } catch (err) {
    delete require.cache[file];
    throw err;
  }
  module.loaded = true;
  if (!cachedData || script.cachedDataRejected) {
    // After the code that called us has run once (the first parse), so that the functions it compiled lazily are in
    // the cache too: the event loop runs this before the process can exit.
    setImmediate(() => writeCache(script, cacheDir, cacheFile));
  }
  return module.exports;
}

function writeCache(script: vm.Script, dir: string, file: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
    renameSync(partial, file);
  } catch {
    // A cache that cannot be written only costs the next process its head start.
    if (process.env.DEBUG_CC) console.error("cc write failed", arguments);
  }
}
