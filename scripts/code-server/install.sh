#!/usr/bin/env bash
# Idempotent, cached installer of code-server 4.100.3 (VS Code 1.100.3 server + web workbench) from npm.
# Follows /work/shared/docs/REAL-VSCODE.md. Nothing is downloaded except npm packages (and Debian
# packages, only if missing).
#
#   scripts/code-server/install.sh            # install (or exit fast if already installed)
#   scripts/code-server/install.sh --print    # print the install dir (package/) and exit
#   scripts/code-server/install.sh --force    # reinstall from scratch
#
# Result: ${LOSS_LENS_CACHE:-$HOME/.cache/loss-lens}/code-server-4.100.3/package/out/node/entry.js
set -euo pipefail

CS_VERSION="4.100.3"
CACHE_ROOT="${LOSS_LENS_CACHE:-$HOME/.cache/loss-lens}"
DEST="$CACHE_ROOT/code-server-$CS_VERSION"
PKG="$DEST/package"
STAMP="$DEST/.installed"
LOG="$DEST/install.log"

log()  { printf '[code-server-install] %s\n' "$*" >&2; }
die()  { printf '[code-server-install] ERROR: %s\n' "$*" >&2; [ -f "$LOG" ] && printf '[code-server-install] see log: %s\n' "$LOG" >&2; exit 1; }

FORCE=0
for arg in "$@"; do
  case "$arg" in
    --print) echo "$PKG"; exit 0 ;;
    --force) FORCE=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) die "unknown argument: $arg" ;;
  esac
done

if [ "$FORCE" = 0 ] && [ -f "$STAMP" ] && [ -f "$PKG/out/node/entry.js" ]; then
  log "already installed: $PKG"
  exit 0
fi

# One installer at a time per cache (parallel CI jobs); re-check after getting the lock.
mkdir -p "$CACHE_ROOT"
if command -v flock >/dev/null; then
  exec 9>"$CACHE_ROOT/.code-server-$CS_VERSION.lock"
  flock 9
  if [ "$FORCE" = 0 ] && [ -f "$STAMP" ] && [ -f "$PKG/out/node/entry.js" ]; then
    log "already installed (by a concurrent run): $PKG"
    exit 0
  fi
fi

START=$(date +%s)
command -v node >/dev/null || die "node not found (Node 20 is required)"
command -v npm  >/dev/null || die "npm not found"
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
[ "$NODE_MAJOR" = 20 ] || log "warning: code-server $CS_VERSION expects Node 20, found $(node -v)"

# --- 1. Debian packages, only when missing -------------------------------------------------------
APT_PKGS=(libkrb5-dev libxkbfile-dev libsecret-1-dev ripgrep chromium make g++ python3)
missing=()
for p in "${APT_PKGS[@]}"; do
  case "$p" in
    # python3 may come from pyenv etc.; only require the Debian package if no python3 at all
    python3) command -v python3 >/dev/null && continue ;;
  esac
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
else
  log "Debian packages present"
fi
[ -x /usr/bin/rg ] || die "/usr/bin/rg missing (Debian package ripgrep)"

# --- 2. npm pack + untar ------------------------------------------------------------------------
rm -rf "$DEST"
mkdir -p "$DEST"
: > "$LOG"
run() { # run <description> <cmd...>  -- output goes to the log
  log "$1"; shift
  { echo "+ (cd $PWD && $*)"; } >>"$LOG"
  "$@" >>"$LOG" 2>&1 || die "failed: $*"
}
# npm 11: never prompt, never run lifecycle scripts unless asked, no audit/fund noise.
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export npm_config_loglevel=warn
# node-gyp: use the local Node headers, never download them (no internet here).
if [ -z "${npm_config_nodedir:-}" ]; then
  NODE_PREFIX=$(node -p 'require("path").resolve(process.execPath, "../..")')
  if [ -f "$NODE_PREFIX/include/node/node.h" ]; then
    export npm_config_nodedir="$NODE_PREFIX"
  elif [ -f /usr/include/node/node.h ]; then
    export npm_config_nodedir=/usr
  else
    die "Node's C headers (include/node/node.h) not found next to $(command -v node); node-gyp would try to download them from nodejs.org. Set npm_config_nodedir to a dir containing include/node/"
  fi
fi

cd "$DEST"
run "npm pack code-server@$CS_VERSION" npm pack "code-server@$CS_VERSION"
TGZ=$(ls code-server-"$CS_VERSION".tgz 2>/dev/null) || die "npm pack produced no tarball"
run "unpacking $TGZ" tar -xzf "$TGZ"
rm -f "$TGZ"
[ -f "$PKG/out/node/entry.js" ] || die "unexpected tarball layout (no package/out/node/entry.js)"

# --- 3. dependencies, without install scripts ---------------------------------------------------
cd "$PKG"
run "npm install (code-server)" npm install --ignore-scripts --omit=dev
cd "$PKG/lib/vscode"
run "npm install (lib/vscode)" npm install --ignore-scripts --unsafe-perm --omit=dev

# --- 4. ripgrep from Debian instead of a download -----------------------------------------------
mkdir -p "$PKG/lib/vscode/node_modules/@vscode/ripgrep/bin"
cp /usr/bin/rg "$PKG/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
log "ripgrep copied from /usr/bin/rg"

# --- 5. build native modules --------------------------------------------------------------------
cd "$PKG/lib/vscode"
run "npm rebuild (lib/vscode; native modules, takes a while)" npm rebuild --unsafe-perm --foreground-scripts
cd "$PKG"
run "npm rebuild (code-server)" npm rebuild --unsafe-perm --foreground-scripts
# @vscode/ripgrep's postinstall may have tried (and failed) to replace the binary: restore it.
cp /usr/bin/rg "$PKG/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"

# --- 6. symlinks + built-in extensions' deps ----------------------------------------------------
cd "$PKG/lib/vscode" && ln -sfn node_modules node_modules.asar
cd "$PKG/lib/vscode/bin/remote-cli" && ln -sfn code-linux.sh code-server
cd "$PKG/lib/vscode/bin/helpers" && ln -sfn browser-linux.sh browser.sh
cd "$PKG/lib/vscode/extensions"
run "npm install (lib/vscode/extensions)" npm install --ignore-scripts --omit=dev

# --- 7. verify the native modules really load ---------------------------------------------------
# npm 11 warns that these install scripts are "not yet covered by allowScripts" (npm 11.19 still
# runs them on `npm rebuild`; a future npm may skip them). If a module did not get built, build it
# directly with npm's bundled node-gyp.
NODE_GYP="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
try_load() { # try_load <dir-with-node_modules> <module>
  (cd "$1" && node -e '
    const m = process.argv[1];
    try { require(m); console.log("  ok  " + m); }
    catch (e) { console.error("  FAIL " + m + ": " + e.message.split("\n")[0]); process.exit(1); }' "$2") >&2
}
check_native() { # check_native <dir-with-node_modules> <module>
  local dir="$1" m="$2"
  [ -d "$dir/node_modules/$m" ] || { log "  (skip $m: not a dependency)"; return 0; }
  try_load "$dir" "$m" && return 0
  [ -f "$NODE_GYP" ] || die "native module $m did not build and npm's node-gyp was not found"
  log "  building $m with node-gyp"
  (cd "$dir/node_modules/$m" && node "$NODE_GYP" rebuild ${npm_config_nodedir:+--nodedir="$npm_config_nodedir"}) >>"$LOG" 2>&1 || die "node-gyp rebuild of $m failed"
  try_load "$dir" "$m" || die "native module $m does not load after rebuilding"
}
log "verifying native modules"
for m in node-pty @vscode/spdlog native-watchdog @parcel/watcher kerberos; do
  check_native "$PKG/lib/vscode" "$m"
done
check_native "$PKG" argon2
# node-pty loads lazily; check its .node binary exists
ls "$PKG/lib/vscode/node_modules/node-pty/build/Release/pty.node" >/dev/null 2>&1 \
  || die "node-pty was not built (node_modules/node-pty/build/Release/pty.node missing)"
"$PKG/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" --version >/dev/null || die "ripgrep binary broken"
# Any code-server run creates ~/.config/code-server/config.yaml and ~/.local/share/code-server
# unless pointed elsewhere; keep them in the cache dir.
printf 'auth: none\ncert: false\n' > "$DEST/config.yaml"
CS_VERSION_OUT=$(CODE_SERVER_CONFIG="$DEST/config.yaml" XDG_DATA_HOME="$DEST/xdg-data" \
  node "$PKG/out/node/entry.js" --version 2>>"$LOG") || die "code-server --version failed"
log "code-server ${CS_VERSION_OUT%%$'\n'*}"

date -u +%FT%TZ > "$STAMP"
log "done in $(( $(date +%s) - START ))s: $PKG"
