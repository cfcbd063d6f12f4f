"""Categories, parts with templates and variants, and field introspection."""

import pytest
import requests
from inventree.part import Part, PartCategory


def test_categories_are_created_updated_and_listed(api):
    top = PartCategory.create(api, {"name": "Compat Electronics", "description": "top"})
    child = PartCategory.create(api, {"name": "Compat Resistors", "parent": top.pk})
    assert child.parent == top.pk
    assert child.pathstring == "Compat Electronics/Compat Resistors"
    child.save({"description": "R"})
    child.reload()
    assert child.description == "R"
    children = PartCategory.list(api, parent=top.pk)
    assert [c.pk for c in children] == [child.pk]
    assert child.getParentCategory().pk == top.pk
    assert [c.pk for c in top.getChildCategories()] == [child.pk]


def test_templates_have_variants(api):
    category = PartCategory.create(api, {"name": "Compat Boards"})
    template = Part.create(api, {"name": "Compat Board", "description": "board", "category": category.pk,
                                 "is_template": True, "trackable": True})
    variants = [
        Part.create(api, {"name": f"Compat Board rev {rev}", "description": "board", "category": category.pk,
                          "variant_of": template.pk, "trackable": True})
        for rev in "AB"
    ]
    assert all(v.variant_of == template.pk for v in variants)
    listed = Part.list(api, variant_of=template.pk)
    assert sorted(p.pk for p in listed) == sorted(v.pk for v in variants)
    variants[0].save({"description": "first revision"})
    variants[0].reload()
    assert variants[0].description == "first revision"
    assert variants[0].getCategory().pk == category.pk


def test_lists_filter_and_paginate(api):
    category = PartCategory.create(api, {"name": "Compat Paging"})
    for n in range(5):
        Part.create(api, {"name": f"Compat Page Part {n}", "description": "p", "category": category.pk})
    assert Part.count(api, category=category.pk) == 5
    page = api.get("part/", params={"category": category.pk, "limit": 2, "offset": 2})
    assert page["count"] == 5
    assert len(page["results"]) == 2
    assert page["next"] and page["previous"]
    found = Part.list(api, search="Compat Page Part 3")
    assert [p.name for p in found] == ["Compat Page Part 3"]


def test_fields_describe_the_models(api):
    fields = PartCategory.fields(api)
    assert fields["name"]["required"] is True
    assert fields["parent"]["type"] == "related field"
    part_fields = Part.fields(api)
    assert "IPN" in part_fields and part_fields["category"]["model"] == "partcategory"
    assert "name" in Part.fieldNames(api)


def test_bad_input_is_a_field_error(api):
    with pytest.raises(requests.exceptions.HTTPError) as raised:
        Part.create(api, {"name": "Compat Bad", "description": "x", "category": 999999})
    assert 'Invalid pk \\"999999\\" - object does not exist.' in raised.value.args[0]["body"]
