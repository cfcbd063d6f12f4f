#!/usr/bin/env bash
# Scan throughput with wrk on 127.0.0.1, bounded in time, against a minimal axum + SQLite
# primary-key lookup measured in the same run.
#
#   bench/scan-load.sh [STOCK_ITEMS] [LINKED_BARCODES] [SECONDS]
#
# Loads the demo data scaled to STOCK_ITEMS (default 1000000) with LINKED_BARCODES external
# EAN-13 codes linked to stock items (default 100000), then measures at concurrency 8 for
# SECONDS (default 10) each: a short code, a JSON code, a linked barcode and an unknown
# barcode, with scan history off and then on; and the baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
items="${1:-1000000}"
links="${2:-100000}"
seconds="${3:-10}"
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)"; exit 1; }
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet
(cd bench/pk-baseline && CARGO_TARGET_DIR="$target/pk-baseline" cargo build --release --quiet)
bin="$target/release/stockroom"
baseline="$target/pk-baseline/release/pk-baseline"
work=$(mktemp -d)
db="$work/stockroom.db"
export STOCKROOM_ADMIN_PASSWORD=bench STOCKROOM_LOG=warn
"$bin" --database "$db" migrate >/dev/null
"$bin" --database "$db" demo --stock-items "$items" --linked-barcodes "$links" >/dev/null
port=18733
"$bin" --database "$db" serve --bind "127.0.0.1:$port" >/dev/null &
pid=$!
"$baseline" "$db" 18734 &
bpid=$!
trap 'kill $pid $bpid 2>/dev/null; wait $pid $bpid 2>/dev/null; rm -rf "$work"' EXIT
until curl -sf "http://127.0.0.1:$port/api/" >/dev/null; do sleep 0.05; done
base="http://127.0.0.1:$port"
token=$(curl -sf -u admin:bench "$base/api/user/me/token/?name=bench" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
item=$(( items / 2 ))
# The demo links EAN number n to a generated stock item; n = links / 2 is one of those.
ean=$(python3 -c 'import sys; n=int(sys.argv[1]); b="200%09d" % n; s=sum(int(c)*(1 if i%2==0 else 3) for i,c in enumerate(b)); print(b+str((10-s%10)%10))' $(( links / 2 )))
lua="$work/post.lua"
run() { # label barcode
    printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.headers["Authorization"] = "Token %s"\nwrk.body = %s\n' \
        "$token" "$(python3 -c 'import json,sys; print(json.dumps(json.dumps({"barcode": sys.argv[1]})))' "$2")" > "$lua"
    echo "== $1"
    wrk -t 2 -c 8 -d "${seconds}s" --latency -s "$lua" "$base/api/barcode/" | grep -E "Requests/sec|50%|99%|Non-2xx"
}
echo "machine: $(nproc) cores; SQLite; $items stock items; $links linked barcodes; concurrency 8; ${seconds}s each"
for history in False True; do
    curl -sf -X PATCH -H "Authorization: Token $token" -H "Content-Type: application/json" \
        -d "{\"value\": \"$history\"}" "$base/api/settings/global/BARCODE_STORE_RESULTS/" >/dev/null
    echo
    echo "#### scan history stored: $history"
    run "short code INV-SI$item" "INV-SI$item"
    run "JSON code {\"stockitem\": $item}" "{\"stockitem\": $item}"
    run "linked EAN-13 $ean" "$ean"
    run "unknown barcode (400)" "no-such-barcode-0000"
done
echo
echo "#### baseline: axum + SQLite primary-key lookup, same JSON size"
printf 'wrk.method = "POST"\n' > "$lua"
wrk -t 2 -c 8 -d "${seconds}s" --latency -s "$lua" "http://127.0.0.1:18734/lookup/$item" | grep -E "Requests/sec|50%|99%"
