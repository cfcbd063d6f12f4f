#!/usr/bin/env bash
# Runs the browser tests of the web interface: a fresh `stockroom serve --demo` on a
# temporary SQLite file, driven by Playwright in headless Chromium.
#
#   tests/browser/run.sh            (builds the debug binary first)
#
# Without node or Chromium the tests are skipped with a notice; with CI=true they are
# installed instead (Chromium from the system packages, playwright-core with npm ci).
# Screenshots go to $CARGO_TARGET_DIR/browser-screenshots (target/ by default).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
chromium_bin="${CHROMIUM:-/usr/bin/chromium}"

missing=()
command -v node >/dev/null || missing+=(node)
command -v npm >/dev/null || missing+=(npm)
[ -x "$chromium_bin" ] || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "${CI:-}" != "true" ]; then
        echo "skipped: the browser tests need ${missing[*]} (set CI=true to install them)"
        exit 0
    fi
    echo "installing ${missing[*]} for the browser tests"
    apt-get update
    packages=()
    for name in "${missing[@]}"; do
        case "$name" in
            node) packages+=(nodejs) ;;
            npm) packages+=(npm) ;;
            chromium) packages+=(chromium) ;;
        esac
    done
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${packages[@]}"
    chromium_bin=/usr/bin/chromium
fi
if [ ! -d "$here/node_modules/playwright-core" ] || [ "$here/package-lock.json" -nt "$here/node_modules" ]; then
    (cd "$here" && npm ci --no-audit --no-fund)
fi

(cd "$root" && cargo build --quiet -p stockroom)
target="${CARGO_TARGET_DIR:-$root/target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac
binary="${STOCKROOM_BIN:-$target/debug/stockroom}"

workdir="$(mktemp -d "${TMPDIR:-/tmp}/stockroom-browser-XXXXXX")"
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
password="browser-suite-$$-$RANDOM"
STOCKROOM_ADMIN_PASSWORD="$password" STOCKROOM_LOG=warn \
    "$binary" --database "$workdir/stockroom.db" serve --demo --bind "127.0.0.1:$port" \
    >"$workdir/server.log" 2>&1 &
server=$!
cleanup() {
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    rm -rf "$workdir"
}
trap cleanup EXIT

url="http://127.0.0.1:$port"
for _ in $(seq 1 600); do
    if node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "$url/api/"; then
        break
    fi
    if ! kill -0 "$server" 2>/dev/null; then
        echo "stockroom did not start:"
        cat "$workdir/server.log"
        exit 1
    fi
    sleep 0.2
done

echo "-- browser tests against $url"
set +e
(cd "$here" && STOCKROOM_URL="$url" STOCKROOM_ADMIN_PASSWORD="$password" CHROMIUM="$chromium_bin" \
    CARGO_TARGET_DIR="$target" node --test --test-concurrency=1 ./*.test.mjs)
status=$?
set -e
if [ "$status" -ne 0 ]; then
    echo "browser tests failed (node exit code $status); server log:"
    tail -n 50 "$workdir/server.log"
    exit "$status"
fi
echo "screenshots in $target/browser-screenshots"
