#!/usr/bin/env bash
# Runs the InvenTree Python-client compatibility suite against a fresh `stockroom serve`:
# once on SQLite and, when STOCKROOM_TEST_POSTGRES_URL names a server, once on PostgreSQL.
#
#   tests/python/run.sh            (builds the debug binary first)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if ! command -v python3 >/dev/null; then
    echo "skipped: python3 is not installed; the Python-client compatibility suite needs it"
    exit 0
fi
venv="${STOCKROOM_PY_VENV:-${HOME:-/tmp}/.cache/stockroom-py-venv}"
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$here/requirements.txt" "$stamp"; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
    cp "$here/requirements.txt" "$stamp"
fi
(cd "$root" && cargo build --quiet -p stockroom)
target="${CARGO_TARGET_DIR:-$root/target}"
export STOCKROOM_BIN="$target/debug/stockroom"

run_suite() {
    local label="$1"
    echo "-- Python client suite on $label"
    set +e
    (cd "$here" && "$venv/bin/python" -m pytest -q -p no:cacheprovider)
    local status=$?
    set -e
    # Exit code 5 means nothing was collected: the suite is missing, which is a failure too.
    if [ "$status" -ne 0 ]; then
        echo "Python client suite failed on $label (pytest exit code $status)"
        exit "$status"
    fi
}

unset STOCKROOM_PY_DATABASE
run_suite SQLite

if [ -n "${STOCKROOM_TEST_POSTGRES_URL:-}" ]; then
    name="stockroom_py_$$"
    server="${STOCKROOM_TEST_POSTGRES_URL%/}"
    psql "$server/postgres" -qc "DROP DATABASE IF EXISTS $name" >/dev/null 2>&1
    psql "$server/postgres" -qc "CREATE DATABASE $name" >/dev/null
    trap 'psql "$server/postgres" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null' EXIT
    export STOCKROOM_PY_DATABASE="$server/$name"
    run_suite PostgreSQL
else
    echo "skipped: set STOCKROOM_TEST_POSTGRES_URL to run the Python suite on PostgreSQL"
fi
