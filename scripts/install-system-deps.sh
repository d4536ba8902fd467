#!/usr/bin/env bash
# Installs the Debian packages the tests need, only those missing: SymPy (derivative oracle and benchmark),
# PyTorch and NumPy (the Python lint's oracle, test/oracle/python), Chromium (browser and end-to-end tests), Neovim
# (a real LSP client for the language server), and what code-server's native modules build against.
set -euo pipefail
packages=(python3-sympy python3-torch python3-numpy chromium neovim libkrb5-dev libxkbfile-dev libsecret-1-dev ripgrep)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "system packages present: ${packages[*]}"
  exit 0
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
