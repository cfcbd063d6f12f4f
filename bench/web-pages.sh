#!/usr/bin/env bash
# Server time to render web pages, with wrk, on 127.0.0.1 only, bounded in time.
#
#   bench/web-pages.sh [SECONDS]
#
# Builds the release binary, loads the demo data into a fresh SQLite database, starts the
# server, signs in through the web form and measures, for SECONDS (default 10) each, the
# server time per page (one connection, so no request waits for another) and then the
# throughput at concurrency 4:
#   - GET /web/stock/        (the stock list, 50 rows a page)
#   - GET /web/part/<pk>     (a part's detail page)
# Prints requests per second and latency percentiles from wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)"; exit 1; }
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet
bin="$target/release/stockroom"
work=$(mktemp -d)
db="$work/stockroom.db"
export STOCKROOM_ADMIN_PASSWORD=bench STOCKROOM_LOG=warn
"$bin" --database "$db" migrate >/dev/null
"$bin" --database "$db" demo >/dev/null
port=18733
"$bin" --database "$db" serve --bind "127.0.0.1:$port" >/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
until curl -sf "$base/api/" >/dev/null; do sleep 0.05; done
jar="$work/cookies"
token=$(curl -sf -c "$jar" "$base/web/login" | grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -sf -b "$jar" -c "$jar" -o /dev/null --data "csrfmiddlewaretoken=$token&username=admin&password=bench&next=/web/" "$base/web/login"
session=$(awk '$6 == "sessionid" {print $7}' "$jar")
[ -n "$session" ] || { echo "sign-in failed"; exit 1; }
rows=$(curl -sf -H "Cookie: sessionid=$session" "$base/web/stock/" | grep -c '<td class="num"><a href="/web/stock/item/' || true)
echo "machine: $(nproc) cores; database: SQLite (demo data); stock list rows: $rows; ${seconds}s each"
for path in "/web/stock/" "/web/part/1"; do
    echo
    echo "== GET $path, one connection"
    wrk -t 1 -c 1 -d "${seconds}s" --latency -H "Cookie: sessionid=$session" "$base$path" | grep -E "Requests/sec|50%|90%|99%|Non-2xx|Socket errors"
    echo "== GET $path, concurrency 4"
    wrk -t 2 -c 4 -d "${seconds}s" --latency -H "Cookie: sessionid=$session" "$base$path" | grep -E "Requests/sec|50%|90%|99%|Non-2xx|Socket errors"
done
