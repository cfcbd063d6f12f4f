"""Locations, stock items and the stock actions."""

from inventree.part import Part
from inventree.stock import StockItem, StockLocation


def _part(api, name):
    return Part.create(api, {"name": name, "description": "stock test part"})


def test_locations_form_a_tree(api):
    store = StockLocation.create(api, {"name": "Compat Store"})
    shelf = StockLocation.create(api, {"name": "Compat Shelf", "parent": store.pk})
    assert shelf.getParentLocation().pk == store.pk
    assert [c.pk for c in store.getChildLocations()] == [shelf.pk]
    shelf.save({"description": "top shelf"})
    shelf.reload()
    assert shelf.description == "top shelf"


def test_stock_is_created_listed_and_filtered(api):
    part = _part(api, "Compat Stock Part")
    store = StockLocation.create(api, {"name": "Compat Stock Room"})
    shelf = StockLocation.create(api, {"name": "Compat Stock Shelf", "parent": store.pk})
    created = StockItem.create(api, {"part": part.pk, "quantity": 10, "location": shelf.pk, "batch": "B-1"})
    item = created[0]
    assert float(item.quantity) == 10
    assert [i.pk for i in StockItem.list(api, location=store.pk, cascade=True)] == [item.pk]
    assert StockItem.list(api, location=store.pk, cascade=False) == []
    assert [i.pk for i in StockItem.list(api, part=part.pk, batch="b-1")] == [item.pk]
    assert [i.pk for i in shelf.getStockItems()] == [item.pk]


def test_stock_actions_adjust_quantities_and_locations(api):
    part = _part(api, "Compat Action Part")
    here = StockLocation.create(api, {"name": "Compat Here"})
    there = StockLocation.create(api, {"name": "Compat There"})
    item = StockItem.create(api, {"part": part.pk, "quantity": 10, "location": here.pk})[0]
    item.addStock(5)
    item.reload()
    assert float(item.quantity) == 15
    item.removeStock(3)
    item.reload()
    assert float(item.quantity) == 12
    item.countStock(20)
    item.reload()
    assert float(item.quantity) == 20
    item.transferStock(there.pk)
    item.reload()
    assert item.location == there.pk
    history = api.get("stock/track/", params={"item": item.pk})
    codes = [entry["tracking_type"] for entry in history]
    for code in (1, 11, 12, 10, 20):
        assert code in codes
