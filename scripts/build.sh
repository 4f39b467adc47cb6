#!/usr/bin/env bash
# Builds the release server and the site assets (target/site/pkg/{app.js,app_bg.wasm,app.css}).
# After it, `target/release/server serve` run from the repository root serves everything.
set -euo pipefail
cd "$(dirname "$0")/.."

site=target/site/pkg
mkdir -p "$site"

echo "==> browser bundle (wasm32, profile wasm-release)" >&2
cargo build -p app --lib --target wasm32-unknown-unknown --features hydrate --profile wasm-release
wasm-bindgen --target web --no-typescript --out-dir "$site" --out-name app \
    target/wasm32-unknown-unknown/wasm-release/app.wasm
# Size pass: binaryen 132 from npm (installed by setup.sh). Debian's binaryen 108 produces
# a module that loads but silently fails to hydrate, so it is never used.
wasm_opt=scripts/wasm-opt/node_modules/.bin/wasm-opt
if [ -x "$wasm_opt" ]; then
    "$wasm_opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
        --enable-mutable-globals "$site/app_bg.wasm" -o "$site/app_bg.wasm.opt"
    mv "$site/app_bg.wasm.opt" "$site/app_bg.wasm"
else
    echo "note: $wasm_opt missing (run scripts/setup.sh); the wasm is not size-optimised" >&2
fi
cp style/app.css style/favicon.svg "$site/"

# Precompressed copies: the server sends them as-is instead of compressing per request.
for f in "$site/app.js" "$site/app_bg.wasm" "$site/app.css"; do
    gzip -9 -k -f "$f"
    if command -v brotli >/dev/null; then brotli -q 11 -f -k "$f"; fi
done

echo "==> server (release)" >&2
cargo build -p server --release

printf 'built: target/release/server and %s (wasm %s bytes, %s gzip)\n' "$site" \
    "$(stat -c %s "$site/app_bg.wasm")" "$(stat -c %s "$site/app_bg.wasm.gz")"
