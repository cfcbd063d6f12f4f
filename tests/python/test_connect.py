"""Connecting, tokens and server information, as the Python client does them."""

import pytest
import requests
from inventree.api import InvenTreeAPI

from conftest import ADMIN_PASSWORD


def test_connecting_with_a_password_fetches_a_token(server):
    api = InvenTreeAPI(server, username="admin", password=ADMIN_PASSWORD)
    assert api.connected
    assert api.token and api.token.startswith("inv-")
    assert api.api_version >= InvenTreeAPI.getMinApiVersion()
    assert api.server_details["server"] == "InvenTree"


def test_a_token_alone_is_enough(server, api):
    again = InvenTreeAPI(server, token=api.token)
    assert again.get("user/me/")["username"] == "admin"


def test_wrong_passwords_are_refused(server):
    with pytest.raises(ConnectionError):
        InvenTreeAPI(server, username="admin", password="wrong")


def test_errors_surface_as_http_errors(api):
    with pytest.raises(requests.exceptions.HTTPError) as raised:
        api.post("part/category/", {})
    detail = raised.value.args[0]
    assert detail["status_code"] == 400
    assert "This field is required." in detail["body"]
