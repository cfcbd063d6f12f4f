"""Label templates and printing through the client's label API."""

import io

from inventree.label import LabelTemplate
from inventree.part import Part
from inventree.stock import StockItem, StockLocation

SHELF_TEMPLATE = (
    '<svg xmlns="http://www.w3.org/2000/svg">'
    '{{ datamatrix(location.barcode, x=2, y=2, size=14) }}'
    '<text x="18" y="8" font-size="4">{{ location.name }}</text></svg>'
)


def test_built_in_templates_are_listed_per_model(api):
    item_templates = LabelTemplate.list(api, model_type="stockitem")
    assert [t.name for t in item_templates] == ["stock-item-qr"]
    assert all(t.enabled for t in LabelTemplate.list(api))


def test_an_uploaded_template_prints_a_pdf_for_a_location(api, tmp_path):
    template = LabelTemplate.create(
        api,
        {"name": "Compat shelf", "description": "shelves", "model_type": "stocklocation", "width": 40, "height": 18},
        io.StringIO(SHELF_TEMPLATE),
    )
    assert (template.model_type, template.width, template.height) == ("stocklocation", 40.0, 18.0)
    source = tmp_path / "source.svg"
    template.downloadTemplate(str(source))
    assert source.read_text() == SHELF_TEMPLATE

    shelf = StockLocation.create(api, {"name": "Compat Label Shelf"})
    target = tmp_path / "shelf.pdf"
    shelf.printLabel(template, destination=str(target))
    assert target.read_bytes().startswith(b"%PDF-")


def test_stock_items_print_with_the_built_in_template(api, tmp_path):
    part = Part.create(api, {"name": "Compat Label Part", "description": "labels"})
    item = StockItem.create(api, {"part": part.pk, "quantity": 3})[0]
    template = item.getLabelTemplates()[0]
    response = item.printLabel(template)
    assert response["complete"] is True and response["items"] == 1
    item.saveOutput(response["output"], str(tmp_path))
    assert (tmp_path / f"Label_stockitem_{item.pk}.pdf").read_bytes().startswith(b"%PDF-")
