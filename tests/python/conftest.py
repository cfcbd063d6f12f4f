"""Starts a fresh `stockroom serve` for the compatibility suite.

The binary is taken from STOCKROOM_BIN, else from the cargo target directory. The database
is STOCKROOM_PY_DATABASE (a PostgreSQL URL prepared by the caller), else a temporary SQLite
file. The server listens on a free port on 127.0.0.1 and is stopped after the session.
"""

import os
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import requests
from inventree.api import InvenTreeAPI

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PASSWORD = "compat-suite-password"


def _binary():
    if os.environ.get("STOCKROOM_BIN"):
        return os.environ["STOCKROOM_BIN"]
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return str(target / "debug" / "stockroom")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server():
    workdir = tempfile.mkdtemp(prefix="stockroom-py-")
    database = os.environ.get("STOCKROOM_PY_DATABASE") or os.path.join(workdir, "stockroom.db")
    port = _free_port()
    env = dict(os.environ, STOCKROOM_ADMIN_PASSWORD=ADMIN_PASSWORD, STOCKROOM_LOG="warn")
    log = open(os.path.join(workdir, "server.log"), "w")
    process = subprocess.Popen(
        [_binary(), "--database", database, "serve", "--bind", f"127.0.0.1:{port}"],
        cwd=workdir,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            if requests.get(f"{url}/api/", timeout=1).status_code == 200:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.time() > deadline:
            log.flush()
            raise RuntimeError("stockroom did not start: " + Path(log.name).read_text())
        time.sleep(0.05)
    yield url
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def api(server):
    """A client signed in as the admin user, as a script would connect."""
    return InvenTreeAPI(server, username="admin", password=ADMIN_PASSWORD, timeout=30)
