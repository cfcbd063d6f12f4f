#!/usr/bin/env bash
# HTTP load on the REST API with wrk, on 127.0.0.1 only, bounded in time.
#
#   bench/api-load.sh [STOCK_ITEMS] [SECONDS]
#
# Builds the release binary, loads the demo data scaled to STOCK_ITEMS (default 100000) into
# a fresh SQLite database, starts the server, fetches a token and measures, at concurrency 8
# for SECONDS (default 10) each:
#   - GET /api/stock/<pk>/                                  (token auth)
#   - GET /api/stock/?limit=50&location=<pk>&cascade=true   (token auth)
# Prints requests per second and latency percentiles from wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
items="${1:-100000}"
seconds="${2:-10}"
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)"; exit 1; }
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet
bin="$target/release/stockroom"
work=$(mktemp -d)
db="$work/stockroom.db"
export STOCKROOM_ADMIN_PASSWORD=bench STOCKROOM_LOG=warn
"$bin" --database "$db" migrate >/dev/null
"$bin" --database "$db" demo --stock-items "$items" >/dev/null
port=18732
"$bin" --database "$db" serve --bind "127.0.0.1:$port" >/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
until curl -sf "http://127.0.0.1:$port/api/" >/dev/null; do sleep 0.05; done
base="http://127.0.0.1:$port"
json() { python3 -c "import json,sys; print($1)"; }
token=$(curl -sf -u admin:bench "$base/api/user/me/token/?name=bench" | json 'json.load(sys.stdin)["token"]')
auth="Authorization: Token $token"
# A stock item in the middle of the table; the location holding the most stock (with
# everything below it), and a single bin.
item=$(( items / 2 ))
top=$(curl -sf -H "$auth" "$base/api/stock/location/?limit=1&ordering=-items" | json 'json.load(sys.stdin)["results"][0]["pk"]')
bin=$(curl -sf -H "$auth" "$base/api/stock/location/?search=Bin&limit=1" | json 'json.load(sys.stdin)["results"][0]["pk"]')
echo "machine: $(nproc) cores; database: SQLite; stock items: $items; concurrency 8; ${seconds}s each"
for path in "/api/stock/$item/" "/api/stock/?limit=50&location=$bin&cascade=true" "/api/stock/?limit=50&location=$top&cascade=true"; do
    echo
    echo "== GET $path"
    wrk -t 2 -c 8 -d "${seconds}s" --latency -H "$auth" "$base$path" | grep -E "Requests/sec|50%|90%|99%|Non-2xx|Socket errors"
done
