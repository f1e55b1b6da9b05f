#!/usr/bin/env bash
# Installs what the editor tests need (test/e2e): code-server (VS Code's server + web workbench) into
# a cache folder, and Debian's chromium + ripgrep + a C++ toolchain. Idempotent: every step is skipped
# when already done, so CI can call it on every run.
#
# code-server comes from the npm registry (never a package.json dependency: it is ~600 MB). Its own
# postinstall downloads ripgrep from the internet, which this machine cannot reach, so it is installed
# with --ignore-scripts and its postinstall.sh steps are done here by hand, with Debian's `rg`.
#
# Env: CODE_SERVER_VERSION (default 4.100.3), TOOLS_DIR (default <repo>/.tools).
# Prints the code-server folder (…/node_modules/code-server) on its last line.
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${TOOLS_DIR:-$ROOT/.tools}"
PREFIX="$TOOLS/code-server-$VERSION"
CS="$PREFIX/node_modules/code-server"
MARKER="$PREFIX/.installed"
NPM_FLAGS=(--no-audit --no-fund --loglevel=error)

log() { echo "[install-code-server] $*" >&2; }

# --- Debian packages -------------------------------------------------------------------------------
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
# argon2 (a code-server dependency) has no prebuilt binary reachable from here: it builds from source.
command -v make >/dev/null 2>&1 || need+=(make)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if ((${#need[@]})); then
  log "apt-get install ${need[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=(); else SUDO=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq >&2
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

# --- code-server -----------------------------------------------------------------------------------
if [ -f "$MARKER" ] && [ -f "$CS/out/node/entry.js" ]; then
  log "code-server $VERSION already installed in $PREFIX"
  echo "$CS"
  exit 0
fi

major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" != 20 ]; then
  log "warning: code-server $VERSION wants Node 20, this is Node $major"
fi

log "installing code-server $VERSION into $PREFIX"
rm -rf "$PREFIX"
mkdir -p "$PREFIX"
# Its own package.json so npm never walks up into the repository's.
printf '{ "name": "code-server-cache", "private": true }\n' > "$PREFIX/package.json"
(cd "$PREFIX" && npm install --ignore-scripts "${NPM_FLAGS[@]}" "code-server@$VERSION" >&2)
# argon2 is hoisted next to code-server; its install script builds the native addon.
(cd "$PREFIX" && npm rebuild argon2 "${NPM_FLAGS[@]}" >&2)

# postinstall.sh, by hand.
(cd "$CS/lib/vscode" && npm install --ignore-scripts --omit=dev "${NPM_FLAGS[@]}" >&2)
(cd "$CS/lib/vscode" && rm -rf node_modules.asar && ln -s node_modules node_modules.asar)
(cd "$CS/lib/vscode/bin/remote-cli" && rm -rf code-server && ln -s code-linux.sh code-server)
(cd "$CS/lib/vscode/bin/helpers" && rm -rf browser.sh && ln -s browser-linux.sh browser.sh)
(cd "$CS/lib/vscode/extensions" && npm install --ignore-scripts --omit=dev "${NPM_FLAGS[@]}" >&2 && node postinstall.mjs >/dev/null)
# The ripgrep binary that @vscode/ripgrep's postinstall would have downloaded: Debian's.
mkdir -p "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"

node "$CS/out/node/entry.js" --version >&2
touch "$MARKER"
log "done"
echo "$CS"
