"""Scanning, assigning and unassigning barcodes through the Python client."""

import pytest
import requests
from inventree.company import Company, SupplierPart
from inventree.part import Part
from inventree.stock import StockItem, StockLocation


def test_scanning_internal_barcodes(api):
    part = Part.create(api, {"name": "Compat Scan Part", "description": "scan"})
    by_dict = api.scanBarcode({"part": part.pk})
    assert by_dict["part"]["pk"] == part.pk
    assert by_dict["plugin"] == "InvenTreeBarcode"
    assert by_dict["success"] == "Match found for barcode data"
    short = api.scanBarcode(f"INV-PA{part.pk}")
    assert short["part"]["instance"]["name"] == "Compat Scan Part"
    generated = api.post("barcode/generate/", {"model": "part", "pk": part.pk})
    assert generated["barcode"] == f"INV-PA{part.pk}"


@pytest.mark.parametrize("kind", ["part", "stockitem", "stocklocation", "supplierpart"])
def test_assigning_and_unassigning_barcodes(api, kind):
    part = Part.create(
        api, {"name": f"Compat Assign {kind}", "description": "assign", "purchaseable": True}
    )
    if kind == "part":
        obj = part
    elif kind == "stocklocation":
        obj = StockLocation.create(api, {"name": f"Compat Assign Location"})
    elif kind == "supplierpart":
        supplier = Company.create(api, {"name": "Compat Barcode Supplier", "is_supplier": True})
        obj = SupplierPart.create(
            api, {"part": part.pk, "supplier": supplier.pk, "SKU": "COMPAT-SKU-1"}
        )
    else:
        obj = StockItem.create(api, {"part": part.pk, "quantity": 3})[0]
    data = f"COMPAT-EXTERNAL-{kind}"
    response = obj.assignBarcode(data)
    assert response["success"] == f"Assigned barcode to {kind} instance"
    assert obj.barcode_hash == response["barcode_hash"]
    assert api.scanBarcode(data)[kind]["pk"] == obj.pk

    # A second object cannot take the same barcode.
    other = Part.create(api, {"name": f"Compat Other {kind}", "description": "other"})
    with pytest.raises(requests.exceptions.HTTPError) as raised:
        other.assignBarcode(data)
    assert raised.value.args[0]["status_code"] == 400
    assert "Barcode matches existing item" in raised.value.args[0]["body"]

    response = obj.unassignBarcode()
    assert response["success"] == f"Barcode unassigned from {kind} instance"
    assert obj.barcode_hash == ""
    with pytest.raises(requests.exceptions.HTTPError) as raised:
        api.scanBarcode(data)
    assert "No match found for barcode data" in raised.value.args[0]["body"]
