#!/usr/bin/env bash
# Order operations in one request, timed end to end with curl on 127.0.0.1.
#
#   bench/order-load.sh [RUNS]
#
# Release build, fresh SQLite database. Receives a purchase order of 100 lines in one
# `receive/` request, and ships a sales-order shipment holding 1,000 allocations, RUNS times
# each (default 3), printing each time.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet
bin="$target/release/stockroom"
work=$(mktemp -d)
db="$work/stockroom.db"
export STOCKROOM_ADMIN_PASSWORD=bench STOCKROOM_LOG=warn
"$bin" --database "$db" migrate >/dev/null
port=18736
"$bin" --database "$db" serve --bind "127.0.0.1:$port" >/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
until curl -sf "$base/api/" >/dev/null; do sleep 0.05; done
token=$(curl -sf -u admin:bench "$base/api/user/me/token/?name=bench" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
export BASE="$base" TOKEN="$token" RUNS="$runs"
python3 - <<'EOF'
import json, os, time, urllib.error, urllib.request

base, token, runs = os.environ["BASE"], os.environ["TOKEN"], int(os.environ["RUNS"])

def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method, headers={
        "Authorization": "Token " + token, "Content-Type": "application/json"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req) as reply:
            payload = reply.read()
    except urllib.error.HTTPError as error:
        raise SystemExit(f"{method} {path}: {error.code} {error.read()[:500]!r}")
    return json.loads(payload or b"null"), time.perf_counter() - started

supplier, _ = call("POST", "/api/company/", {"name": "Supplier", "is_supplier": True})
customer, _ = call("POST", "/api/company/", {"name": "Customer", "is_customer": True})
location, _ = call("POST", "/api/stock/location/", {"name": "Dock"})
parts = []
for n in range(100):
    part, _ = call("POST", "/api/part/", {"name": f"Part {n}", "description": "bench",
                                          "purchaseable": True, "salable": True})
    sp, _ = call("POST", "/api/company/part/", {"part": part["pk"], "supplier": supplier["pk"],
                                                 "SKU": f"SKU-{n}"})
    parts.append((part["pk"], sp["pk"]))

print("machine: %d cores; SQLite; release build" % os.cpu_count())
print("== receive a 100-line purchase order in one request")
for run in range(runs):
    order, _ = call("POST", "/api/order/po/", {"reference": f"PO-{run + 1:04d}",
                                     "supplier": supplier["pk"], "destination": location["pk"]})
    lines = []
    for _, sp in parts:
        line, _ = call("POST", "/api/order/po-line/", {"order": order["pk"], "part": sp, "quantity": 10})
        lines.append(line["pk"])
    call("POST", f"/api/order/po/{order['pk']}/issue/", {})
    body = {"location": location["pk"],
            "items": [{"line_item": pk, "quantity": 10} for pk in lines]}
    _, seconds = call("POST", f"/api/order/po/{order['pk']}/receive/", body)
    print(f"  run {run + 1}: {seconds * 1000:.1f} ms")

print("== ship a shipment with 1000 allocations")
part, _ = call("POST", "/api/part/", {"name": "Shipped", "description": "bench", "salable": True})
for run in range(runs):
    items, _ = call("POST", "/api/stock/", {"part": part["pk"], "quantity": 1, "location": location["pk"]})
    stock = []
    for _ in range(1000):
        created, _ = call("POST", "/api/stock/", {"part": part["pk"], "quantity": 2, "location": location["pk"]})
        stock.append(created[0]["pk"])
    order, _ = call("POST", "/api/order/so/", {"reference": f"SO-{run + 1:04d}",
                                     "customer": customer["pk"]})
    line, _ = call("POST", "/api/order/so-line/", {"order": order["pk"], "part": part["pk"], "quantity": 1000})
    shipment, _ = call("POST", "/api/order/so/shipment/", {"order": order["pk"], "reference": "1"})
    call("POST", f"/api/order/so/{order['pk']}/issue/", {})
    call("POST", f"/api/order/so/{order['pk']}/allocate/", {
        "shipment": shipment["pk"],
        "items": [{"line_item": line["pk"], "stock_item": pk, "quantity": 1} for pk in stock]})
    _, seconds = call("POST", f"/api/order/so/shipment/{shipment['pk']}/ship/", {})
    print(f"  run {run + 1}: {seconds * 1000:.1f} ms")
EOF
