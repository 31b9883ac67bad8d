"""IRIs made into URIs (RFC 3987 section 3.1) for the JSON-LD exports.

The W3C Web Annotation model and schema.org want URIs, but what the desk stores
(an article's address, a source's, the site given to ``manage.py export``) may hold
non-ASCII text, spaces, ``<``, quotes or a lone ``%``.  Each component is
percent-encoded against RFC 3986's grammar for it, and a non-ASCII host becomes its
IDNA (punycode) form, the one a resolver understands.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import SplitResult, quote, urlsplit, urlunsplit

import idna

# RFC 3986 section 2.2 and 3.3: quote() leaves the unreserved characters alone itself.
_SUB_DELIMS = "!$&'()*+,;="
_PATH_SAFE = _SUB_DELIMS + ":@/"
_QUERY_SAFE = _PATH_SAFE + "?"  # also the fragment's
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
# A "%" that does not start an escape is a literal percent sign: it becomes "%25".
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_ASCII_REG_NAME = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=-]+")
# Most stored addresses are URIs already (a scheme, a plain host, characters a URI may
# hold): they are taken as they are, at a tenth of the cost of taking them apart.
_PLAIN_URI = re.compile(
    r"[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9.-]+(?::[0-9]+)?"
    r"(?:/[A-Za-z0-9._~!$&'()*+,;=:@/%-]*)?"
    r"(?:\?[A-Za-z0-9._~!$&'()*+,;=:@/?%-]*)?"
    r"(?:#[A-Za-z0-9._~!$&'()*+,;=:@/?%-]*)?"
)


def _encode(text: str, safe: str) -> str:
    return quote(_STRAY_PERCENT.sub("%25", text), safe=safe + "%")


def _host(host: str) -> str:
    """A registered name in IDNA form, an IP literal as it is, else percent-encoded."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return f"[{address.compressed}]" if address.version == 6 else address.compressed
    if _ASCII_REG_NAME.fullmatch(host):
        return host
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError:
        # Not a DNS name (an underscore, a "<"): RFC 3986 reg-name allows percent-encoding.
        return _encode(host, _SUB_DELIMS)


def _authority(parts: SplitResult) -> str:
    host = _host(parts.hostname or "")
    port = parts.port  # ValueError for a port that is not a number
    # A password in a URL is deprecated (RFC 3986 section 3.2.1) and would be published
    # by an export: only the user name is kept.
    user = f"{_encode(parts.username, _SUB_DELIMS)}@" if parts.username else ""
    return f"{user}{host}{f':{port}' if port is not None else ''}"


@lru_cache(maxsize=4096)  # an article's address repeats for each of its claims
def iri_to_uri(iri: str) -> str | None:
    """``iri`` as an absolute URI (RFC 3986), or None when it has no scheme or no parse."""
    if _PLAIN_URI.fullmatch(iri) and not _STRAY_PERCENT.search(iri):
        return iri
    try:
        parts = urlsplit(iri.strip())
        authority = _authority(parts) if parts.netloc else ""
    except ValueError:  # a broken "[...]" host or a port that is not a number
        return None
    if not _SCHEME.fullmatch(parts.scheme) or not (authority or parts.path):
        return None
    return urlunsplit(
        (
            parts.scheme.lower(),
            authority,
            _encode(parts.path, _PATH_SAFE),
            _encode(parts.query, _QUERY_SAFE),
            _encode(parts.fragment, _QUERY_SAFE),
        )
    )
