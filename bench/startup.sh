#!/usr/bin/env bash
# Start-up time and idle memory of `stockroom serve` on an existing SQLite database.
#
#   bench/startup.sh [RUNS]
#
# Builds the release binary, prepares a database with the demo data set, then starts the
# server RUNS times (default 10) and measures the time from exec to the first successful
# `GET /api/`, and the resident memory after one idle second. Binds 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet
bin="$target/release/stockroom"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/stockroom.db"
export STOCKROOM_ADMIN_PASSWORD=bench STOCKROOM_LOG=warn
"$bin" --database "$db" migrate >/dev/null
"$bin" --database "$db" demo >/dev/null
port=18731
times=()
rss=()
for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$bin" --database "$db" serve --bind "127.0.0.1:$port" >/dev/null &
    pid=$!
    until curl -sf "http://127.0.0.1:$port/api/" >/dev/null; do :; done
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
    sleep 1
    rss+=($(awk '/VmRSS/ {print $2}' "/proc/$pid/status"))
    kill -TERM "$pid"
    wait "$pid"
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
max=$(echo "$sorted" | tail -n1)
rss_median=$(printf '%s\n' "${rss[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "runs: $runs"
echo "start to first GET /api/: median $((median / 1000)).$(( (median % 1000) / 100 )) ms, max $((max / 1000)).$(( (max % 1000) / 100 )) ms"
echo "idle resident memory: median $((rss_median / 1024)).$(( (rss_median % 1024) * 10 / 1024 )) MiB"
