"""The rating scale's colours as a stylesheet, so that no page needs an inline style.

Editors change a verdict's colour at any time, so the colours cannot live in a static
file; the Content-Security-Policy refuses ``style`` attributes and ``<style>`` elements,
so they cannot be written into the page either.  Pages link this stylesheet and mark
elements with ``vd-<verdict id>``; the rules set ``--vc`` (the colour) and ``--vt``
(black or white text on it), which the static stylesheets use.
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag
from django.views.decorators.http import require_GET

from annotate.models import Verdict, colour_validator


def verdict_stylesheet() -> str:
    """One rule per verdict; a colour that is not ``#rrggbb`` (written around the model's
    validator) is left out rather than copied into the stylesheet."""
    rules = []
    for verdict in Verdict.objects.only("pk", "colour").order_by("pk"):
        try:
            colour_validator(verdict.colour)
        except ValidationError:
            continue
        rules.append(
            f".vd-{verdict.pk} {{ --vc: {verdict.colour}; --vt: {verdict.text_colour}; }}\n"
        )
    return "".join(rules)


@require_GET
def verdict_colours(request: HttpRequest) -> HttpResponse:
    """Public (the published fact-checks show verdicts too); browsers revalidate it on
    every use through its ETag, so a new colour shows on the next page load."""
    css = verdict_stylesheet()
    etag = quote_etag(hashlib.sha256(css.encode()).hexdigest()[:32])
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        css, content_type="text/css; charset=utf-8"
    )
    response["ETag"] = etag
    patch_cache_control(response, public=True, no_cache=True)
    return response
