"""The API's interactive docs (Swagger UI, Redoc) with no inline code, under the site's CSP."""

from __future__ import annotations

from typing import Any

from csp.constants import NONCE, SELF
from csp.decorators import csp_update
from django.http import HttpRequest, HttpResponseBase
from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView


class SwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI whose start-up script is a second same-origin response (``?script``)
    instead of an inline ``<script>``."""

    @extend_schema(exclude=True)
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response: HttpResponseBase = super().get(request, *args, **kwargs)
        # The start-up script carries the visitor's CSRF token: no other site may load it.
        response["Cross-Origin-Resource-Policy"] = "same-origin"
        return response


# The perfect-scrollbar stylesheet that Redoc's bundle (2.5.4, drf-spectacular-sidecar
# 2026.10.1) writes into a <style> element as it loads, before any nonce can be handed to it:
# allowed by its hash (and that of the empty element it starts as). tests/e2e/test_csp.py
# fails if an upgrade changes it.
REDOC_STYLE_HASHES = [
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
    "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",
]
REDOC_POLICY = {
    "style-src": [NONCE, *REDOC_STYLE_HASHES],
    # Redoc's search index runs in a worker that it builds from its own code as a blob.
    "worker-src": [SELF, "blob:"],
}


@method_decorator(csp_update(REDOC_POLICY), name="get")
class RedocView(SpectacularRedocView):
    """Redoc draws with styled-components, which writes ``<style>`` elements: on this page
    alone they may carry the request's nonce (Redoc's ``nonce`` option, read by
    ``static/js/redoc-init.js`` from its own ``<script nonce>``); nothing else inline."""
