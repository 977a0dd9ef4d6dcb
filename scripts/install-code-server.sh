#!/usr/bin/env bash
# Installs code-server (a real VS Code, browser UI + Node extension host) and Debian's chromium so
# that the editor tests can run on a machine that cannot download desktop VS Code. Idempotent:
# a second run only checks. Works as root on a clean machine with no stdin (CI).
#
#   bash scripts/install-code-server.sh          # installs into .vscode-test/code-server
#   CODE_SERVER_PREFIX=/some/dir bash scripts/install-code-server.sh
#
# Prints the path of the code-server executable as its last line.
set -euo pipefail

# 4.100.3 = VS Code 1.100.3, the newest code-server that runs on Node 20 (later ones want 22/24).
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PREFIX="${CODE_SERVER_PREFIX:-$ROOT/.vscode-test/code-server}"
BIN="$PREFIX/node_modules/.bin/code-server"
MARKER="$PREFIX/.installed-$CODE_SERVER_VERSION"

log() { echo "[install-code-server] $*" >&2; }

# ---- Debian packages: chromium (the browser the workbench runs in), a CJK font (screenshots),
# libkrb5-dev + pkg-config (code-server's kerberos addon builds from source), ripgrep (stands in
# for @vscode/ripgrep's GitHub download), and a C++ toolchain for node-gyp.
need=()
for p in chromium fonts-wqy-microhei libkrb5-dev pkg-config ripgrep g++ make; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then need+=("$p"); fi
done
if [ ${#need[@]} -gt 0 ]; then
  log "apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "${need[@]}" >&2
fi

if [ -f "$MARKER" ] && [ -x "$BIN" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in $PREFIX"
  echo "$BIN"
  exit 0
fi

mkdir -p "$(dirname "$PREFIX")"
# Serialise concurrent installs (two test runs started at once).
exec 9>"$PREFIX.lock"
flock 9
if [ -f "$MARKER" ] && [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi

WORK="$(mktemp -d)"
STAGE="$PREFIX.staging"
trap 'rm -rf "$WORK" "$STAGE"' EXIT
rm -rf "$STAGE"
start=$(date +%s)

# ---- @vscode/ripgrep's postinstall downloads rg from GitHub unless
# $TMPDIR/vscode-ripgrep-cache-<pkg version>/ripgrep-<rg version>-<target>.tar.gz exists.
# Read both versions from the very package files npm is about to install, and put a tarball of
# Debian's rg there. TMPDIR is private to this install so nothing leaks into /tmp.
log "reading the @vscode/ripgrep version that code-server $CODE_SERVER_VERSION uses"
(cd "$WORK" && npm pack --silent "code-server@$CODE_SERVER_VERSION" >/dev/null)
tar -xzf "$WORK/code-server-$CODE_SERVER_VERSION.tgz" -C "$WORK" package/lib/vscode/npm-shrinkwrap.json
RG_PKG_VERSION="$(node -e '
  const s = require(process.argv[1]);
  process.stdout.write(s.packages["node_modules/@vscode/ripgrep"].version);
' "$WORK/package/lib/vscode/npm-shrinkwrap.json")"
(cd "$WORK" && npm pack --silent "@vscode/ripgrep@$RG_PKG_VERSION" >/dev/null)
tar -xzf "$WORK/vscode-ripgrep-$RG_PKG_VERSION.tgz" -C "$WORK" package/lib/postinstall.js
RG_VERSION="$(sed -n "s/^const VERSION = '\(.*\)';.*/\1/p" "$WORK/package/lib/postinstall.js")"
case "$(node -p process.arch)" in
  x64) RG_TARGET=x86_64-unknown-linux-musl ;;
  arm64) RG_TARGET=aarch64-unknown-linux-musl ;;
  *) log "unsupported architecture $(node -p process.arch)"; exit 1 ;;
esac
[ -n "$RG_PKG_VERSION" ] && [ -n "$RG_VERSION" ] || { log "could not read the ripgrep versions"; exit 1; }
export TMPDIR="$WORK/tmp"
RG_CACHE="$TMPDIR/vscode-ripgrep-cache-$RG_PKG_VERSION"
mkdir -p "$RG_CACHE"
tar -czf "$RG_CACHE/ripgrep-$RG_VERSION-$RG_TARGET.tar.gz" -C /usr/bin rg
log "@vscode/ripgrep $RG_PKG_VERSION (rg $RG_VERSION) will use Debian's $(/usr/bin/rg --version | sed -n 1p)"

# ---- The install itself, in a folder of its own outside the project's dependencies.
# A plain local install run from that folder: npm exports its CLI settings (--global, --prefix)
# to lifecycle scripts, and code-server's postinstall runs a nested `npm install` in lib/vscode
# that would then install into the wrong place and ignore VS Code's shrinkwrap.
# As root, that postinstall refuses to run without unsafe-perm (npm 11 warns it doesn't know the
# setting; the script reads it from the environment all the same). node-pty's postinstall runs
# `npx node-gyp`, which a user config of yes=false (as on these machines) cancels.
log "npm install code-server@$CODE_SERVER_VERSION (about a minute)"
mkdir -p "$STAGE"
# allowScripts: npm 11 only warns today about dependencies' unreviewed install scripts; these two must run.
echo '{ "private": true, "allowScripts": { "code-server": true, "argon2": true } }' > "$STAGE/package.json"
(cd "$STAGE" && npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >&2)
[ -x "$STAGE/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] \
  || { log "install finished without ripgrep's binary"; exit 1; }

rm -rf "$PREFIX"
mv "$STAGE" "$PREFIX"
touch "$MARKER"
log "installed in $(( $(date +%s) - start )) s: code-server $(node -p 'require(process.argv[1]).version' "$PREFIX/node_modules/code-server/package.json")"
echo "$BIN"
