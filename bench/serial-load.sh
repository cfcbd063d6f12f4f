#!/usr/bin/env bash
# Serialized stock at scale, on 127.0.0.1, bounded in count and time.
#
#   bench/serial-load.sh [postgres://server-url] [BATCHES] [SECONDS]
#
# Creates BATCHES (default 10) requests of `POST /api/stock/` with `serial_numbers` of
# 100000 serials each on one trackable part (1,000,000 serialized items with the default),
# timing each end to end with curl, then measures `GET /api/stock/?part=<pk>&serial=<s>` for
# random serials with wrk at concurrency 8 for SECONDS (default 10). SQLite by default; with
# a PostgreSQL server URL it creates and drops a database `stockroom_bench_serials` there.
set -euo pipefail
cd "$(dirname "$0")/.."
server="${1:-}"
batches="${2:-10}"
seconds="${3:-10}"
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)"; exit 1; }
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet
bin="$target/release/stockroom"
work=$(mktemp -d)
if [ -n "$server" ]; then
    psql "$server/postgres" -qc "DROP DATABASE IF EXISTS stockroom_bench_serials" >/dev/null
    psql "$server/postgres" -qc "CREATE DATABASE stockroom_bench_serials" >/dev/null
    db="$server/stockroom_bench_serials"
    backend=PostgreSQL
else
    db="$work/stockroom.db"
    backend=SQLite
fi
export STOCKROOM_ADMIN_PASSWORD=bench STOCKROOM_LOG=warn
"$bin" --database "$db" migrate >/dev/null
port=18735
"$bin" --database "$db" serve --bind "127.0.0.1:$port" >/dev/null &
pid=$!
cleanup() {
    kill $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
    if [ -n "$server" ]; then
        psql "$server/postgres" -qc "DROP DATABASE IF EXISTS stockroom_bench_serials" >/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
base="http://127.0.0.1:$port"
until curl -sf "$base/api/" >/dev/null; do sleep 0.05; done
token=$(curl -sf -u admin:bench "$base/api/user/me/token/?name=bench" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
auth=(-H "Authorization: Token $token" -H "Content-Type: application/json")
curl -sf "${auth[@]}" -X PATCH -d '{"value": "100000"}' "$base/api/settings/global/SERIAL_NUMBER_MAX_QUANTITY/" >/dev/null
part=$(curl -sf "${auth[@]}" -d '{"name": "Serialized widget", "description": "bench", "trackable": true, "component": true}' "$base/api/part/" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pk"])')
echo "machine: $(nproc) cores; $backend; release build"
echo "== POST /api/stock/ with 100000 serials (end to end, response included)"
for n in $(seq 1 "$batches"); do
    lo=$(( (n - 1) * 100000 + 1 ))
    hi=$(( n * 100000 ))
    body="{\"part\": $part, \"quantity\": 100000, \"serial_numbers\": \"$lo-$hi\"}"
    out=$(curl -s -o "$work/reply.json" -w '%{http_code} %{time_total} %{size_download}' "${auth[@]}" -d "$body" "$base/api/stock/")
    read -r code secs size <<<"$out"
    [ "$code" = 201 ] || { echo "batch $n failed with $code: $(head -c 300 "$work/reply.json")"; exit 1; }
    printf '  serials %7d-%7d: %6.2f s (%d MB of JSON)\n' "$lo" "$hi" "$secs" $(( size / 1000000 ))
done
total=$(( batches * 100000 ))
echo "== GET /api/stock/?part=$part&serial=<random of $total>, concurrency 8, ${seconds}s"
cat > "$work/get.lua" <<EOF
wrk.headers["Authorization"] = "Token $token"
math.randomseed(42)
request = function()
    return wrk.format("GET", "/api/stock/?part=$part&serial=" .. math.random(1, $total))
end
EOF
wrk -t 2 -c 8 -d "${seconds}s" --latency -s "$work/get.lua" "$base" | grep -E "Requests/sec|50%|90%|99%|Non-2xx"
