"""Purchase orders through the Python client: create, add a line, issue, receive.

The orders need a supplier and its supplier parts, so this module runs its own server
loaded with the demo data set (`serve --demo`) on a fresh SQLite file.
"""

import os
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import requests
from inventree.api import InvenTreeAPI
from inventree.purchase_order import PurchaseOrder, PurchaseOrderLineItem
from inventree.stock import StockItem, StockLocation

from conftest import ADMIN_PASSWORD, _binary, _free_port


@pytest.fixture(scope="module")
def demo_api():
    workdir = tempfile.mkdtemp(prefix="stockroom-py-po-")
    database = os.path.join(workdir, "stockroom.db")
    port = _free_port()
    env = dict(os.environ, STOCKROOM_ADMIN_PASSWORD=ADMIN_PASSWORD, STOCKROOM_LOG="warn")
    log = open(os.path.join(workdir, "server.log"), "w")
    process = subprocess.Popen(
        [_binary(), "--database", database, "serve", "--demo", "--bind", f"127.0.0.1:{port}"],
        cwd=workdir,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while True:
        try:
            if requests.get(f"{url}/api/", timeout=1).status_code == 200:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.time() > deadline:
            log.flush()
            raise RuntimeError("stockroom did not start: " + Path(log.name).read_text())
        time.sleep(0.1)
    yield InvenTreeAPI(url, username="admin", password=ADMIN_PASSWORD, timeout=30)
    process.terminate()
    process.wait(timeout=10)
    log.close()


def _supplier_part(api):
    """A supplier and one of its supplier parts, taken from a demo order's line."""
    existing = PurchaseOrder.list(api, reference="PO-0002")[0]
    line = existing.getLineItems()[0]
    return existing.supplier, line.part


def test_an_order_is_created_issued_and_received(demo_api):
    supplier, supplier_part = _supplier_part(demo_api)
    fields = PurchaseOrder.options(demo_api)["actions"]["POST"]
    reference = fields["reference"]["default"]
    order = PurchaseOrder.create(
        demo_api, {"reference": reference, "supplier": supplier, "description": "Compat order"}
    )
    assert order.status == 10
    line = order.addLineItem(part=supplier_part, quantity=4)
    assert line.order == order.pk
    assert [li.pk for li in order.getLineItems()] == [line.pk]

    order.issue()
    order.reload()
    assert order.status == 20
    assert order.issue_date is not None

    location = StockLocation.create(demo_api, {"name": "Compat Goods In"})
    line.receive(quantity=1, location=location.pk, batch_code="PO-BATCH")
    line.reload()
    assert float(line.received) == 1
    items = StockItem.list(demo_api, location=location.pk)
    assert len(items) == 1
    assert items[0].batch == "PO-BATCH"
    assert items[0].purchase_order == order.pk
    assert items[0].supplier_part == supplier_part

    order.receiveAll(location.pk)
    line.reload()
    assert float(line.received) == 4
    order.reload()
    # Receiving every line completes the order.
    assert order.status == 30
    items = StockItem.list(demo_api, location=location.pk)
    assert len(items) == 2
    assert sum(float(i.quantity) for i in items) > 0


def test_receiving_against_a_pending_order_is_refused(demo_api):
    supplier, supplier_part = _supplier_part(demo_api)
    reference = PurchaseOrder.options(demo_api)["actions"]["POST"]["reference"]["default"]
    order = PurchaseOrder.create(demo_api, {"reference": reference, "supplier": supplier})
    line = order.addLineItem(part=supplier_part, quantity=2)
    location = StockLocation.create(demo_api, {"name": "Compat Refused"})
    with pytest.raises(requests.exceptions.HTTPError):
        line.receive(quantity=1, location=location.pk)
    line.reload()
    assert float(line.received) == 0
    assert StockItem.list(demo_api, location=location.pk) == []
    assert isinstance(PurchaseOrderLineItem(demo_api, line.pk).order, int)
