"""Where a page may send the browser back to: only somewhere on this site."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def next_url(request: HttpRequest, *, fallback: str) -> str:
    """The ``next`` that the request carries (form field, else query), or ``fallback``
    when it is missing or leads off the site: ``//evil.example``, ``/\\evil.example``,
    ``javascript:``, another scheme, or plain HTTP from an HTTPS page (an open redirect
    would lend the site's name to a phishing link)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
