#!/usr/bin/env bash
# Installs what building (and, with `test`, testing) needs on a fresh Debian machine.
# Idempotent and quick when everything is already there. Usage: scripts/setup.sh [build|test]
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-build}"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock,
# or the generated JS does not match the wasm and hydration fails at run time.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
    say "installing wasm-bindgen-cli $bindgen_version (matches Cargo.lock)"
    cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi

if [ ! -x scripts/wasm-opt/node_modules/.bin/wasm-opt ]; then
    say "installing wasm-opt (npm binaryen, pinned in scripts/wasm-opt/package-lock.json)"
    (cd scripts/wasm-opt && npm ci --no-audit --no-fund --loglevel=error)
fi

apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        say "installing Debian packages: ${missing[*]}"
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
    fi
}

# The chart renderer needs a CJK font at run time, for both serving and testing.
apt_install fonts-noto-cjk

if [ "$what" = "test" ]; then
    apt_install chromium
    if ! rustup component list --installed | grep -q '^clippy'; then rustup component add clippy; fi
    if ! rustup component list --installed | grep -q '^rustfmt'; then rustup component add rustfmt; fi
    # Reinstall whenever the lockfile changed since the last install.
    if ! cmp -s tests/browser/package-lock.json tests/browser/node_modules/.package-lock.json 2>/dev/null \
        && ! [ tests/browser/node_modules/.installed -nt tests/browser/package-lock.json ]; then
        say "installing browser test dependencies (npm ci)"
        (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed)
    fi
fi
