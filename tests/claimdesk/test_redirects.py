"""``next`` never sends the browser off the site: the helper, the login and the logout."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from claimdesk.redirects import next_url
from tests.claimdesk.redirect_targets import OFF_SITE, ON_SITE


@pytest.mark.parametrize("target", OFF_SITE)
def test_a_next_leading_off_the_site_gives_the_fallback(target):
    request = RequestFactory().post("/", {"next": target})
    assert next_url(request, fallback="/home/") == "/home/"
    assert next_url(RequestFactory().get("/", {"next": target}), fallback="/home/") == "/home/"


@pytest.mark.parametrize("target", ON_SITE)
def test_a_next_on_the_site_is_followed(target):
    assert next_url(RequestFactory().post("/", {"next": target}), fallback="/home/") == target


def test_an_https_page_does_not_send_back_to_plain_http():
    request = RequestFactory().post("/", {"next": "http://testserver/desk/"}, secure=True)
    assert next_url(request, fallback="/home/") == "/home/"


def test_no_next_gives_the_fallback():
    assert next_url(RequestFactory().post("/"), fallback="/home/") == "/home/"


@pytest.mark.django_db
@pytest.mark.parametrize("target", OFF_SITE)
def test_logging_in_with_an_off_site_next_lands_on_the_dashboard(client, annotator, target):
    page = client.get("/accounts/login/", {"next": target}).content.decode()
    assert 'name="next" value=""' in page
    response = client.post(
        "/accounts/login/", {"username": "ann", "password": "pw-ann", "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"


@pytest.mark.django_db
def test_logging_in_with_an_on_site_next_goes_there(client, annotator):
    response = client.post(
        "/accounts/login/?next=/desk/claims/", {"username": "ann", "password": "pw-ann"}
    )
    assert response["Location"] == "/desk/claims/"


@pytest.mark.django_db
@pytest.mark.parametrize("target", OFF_SITE)
def test_logging_out_with_an_off_site_next_lands_on_the_login_page(client, annotator, target):
    client.force_login(annotator)
    response = client.post("/accounts/logout/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
