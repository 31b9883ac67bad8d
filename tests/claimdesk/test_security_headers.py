"""Every page is sent under a Content-Security-Policy without 'unsafe-inline' and a
Permissions-Policy, and no template carries inline script or style that the policy
would block (the browser tests check the rendered pages: tests/e2e/test_csp.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(
    path
    for root in [REPO / "templates", *REPO.glob("*/templates")]
    for path in root.rglob("*.html")
)
PAGES = ["/accounts/login/", "/fact-checks/", "/api/docs/", "/api/redoc/", "/articles/"]


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_every_page_gets_a_strict_content_security_policy(url):
    response = Client().get(url)
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"][0] == "'self'"
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_only_the_redoc_page_lets_a_nonce_and_two_pinned_hashes_style_it():
    assert directives(Client().get("/fact-checks/"))["style-src"] == ["'self'"]
    style = directives(Client().get("/api/redoc/"))["style-src"]
    assert style[0] == "'self'" and style[1].startswith("'nonce-")
    assert all(source.startswith("'sha256-") for source in style[2:]) and len(style) == 4


@pytest.mark.django_db
def test_the_browser_features_the_site_does_not_use_are_refused():
    header = Client().get("/accounts/login/")["Permissions-Policy"]
    features = dict(item.split("=") for item in header.split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


def test_the_template_scan_covers_every_template():
    assert len(TEMPLATES) > 30
    assert REPO / "templates" / "drf_spectacular" / "redoc.html" in TEMPLATES


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(REPO)))
def test_no_template_carries_inline_script_style_or_handlers(path):
    html = path.read_text()
    assert not re.search(r"\sstyle\s*=", html), "style attribute"
    assert "<style" not in html, "<style> element"
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html, re.I), "event handler attribute"
    assert "javascript:" not in html.lower()
    for tag in re.findall(r"<script\b[^>]*>", html):
        # Data blocks (JSON-LD) are not run, so the CSP does not apply to them.
        assert "src=" in tag or 'type="application/ld+json"' in tag, tag


@pytest.mark.django_db
def test_a_browser_asking_the_api_gets_json_not_the_browsable_api_pages(client, annotator):
    # The browsable API's templates carry inline styles the CSP would refuse.
    client.force_login(annotator)
    response = client.get("/api/articles/", headers={"accept": "text/html,*/*;q=0.8"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert client.get("/api/articles/?format=api").status_code == 404
