"""ETags and If-Match: no lost updates over HTTP, built on the desk's ``version`` numbers.

A claim's or review's ETag names the resource and its version (``"claim-12-v4"``);
an update must send it back in ``If-Match``, quoted, as the GET gave it.  Without one
(or with ``*``) the answer is 428; with a header that is not a list of quoted ETags
(RFC 9110 section 8.8.3), 400; with ETags none of which is current, 412 (the desk's
service compares the version under a row lock, so two clients racing on the same
version cannot both win).  IF_MATCH_PATTERN says the same in the OpenAPI schema.
"""

from __future__ import annotations

import hashlib
import re

from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.request import Request

_TAG = re.compile(r'^"(?P<kind>[a-z]+)-(?P<pk>\d+)-(?P<state>v\d+|[0-9a-f]{16})"$')
# RFC 9110: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text.
_ENTITY_TAG = r'(?:W/)?"[\x21\x23-\x7e\x80-\xff]*"'
_ENTITY_TAGS = re.compile(rf"[ \t]*{_ENTITY_TAG}[ \t]*(?:,[ \t]*{_ENTITY_TAG}[ \t]*)*")
IF_MATCH_PATTERN = r'^ *(W/)?"[!#-~]*" *(, *(W/)?"[!#-~]*" *)*$'


class PreconditionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_code = "precondition_required"
    default_detail = "This change needs an If-Match header."


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"
    default_detail = "The If-Match header does not match the current ETag."


def version_etag(kind: str, pk: int, version: int) -> str:
    return f'"{kind}-{pk}-v{version}"'


def content_etag(kind: str, pk: int, *values: object) -> str:
    """An ETag for rows without a version number: a digest of what the client sees."""
    digest = hashlib.sha256("\x1f".join(map(str, values)).encode()).hexdigest()[:16]
    return f'"{kind}-{pk}-{digest}"'


def _if_match(request: Request, kind: str) -> list[str]:
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired(
            f"Send an If-Match header with the ETag of the {kind} you last read "
            f"(GET it first); without it a change could overwrite someone else's."
        )
    if header == "*":
        raise PreconditionRequired(
            f"If-Match: * cannot protect against lost updates; send the {kind}'s ETag."
        )
    if not _ENTITY_TAGS.fullmatch(header):
        raise ValidationError(
            {
                "If-Match": [
                    f"{header[:100]!r} is not an ETag: send the {kind}'s ETag exactly as its "
                    f'GET answered it, double quotes included (like "{kind}-12-v4").'
                ]
            }
        )
    return re.findall(_ENTITY_TAG, header)


def expected_version(request: Request, *, kind: str, pk: int) -> int:
    """The version the client last saw, read from If-Match (428 absent, 412 foreign)."""
    for tag in _if_match(request, kind):
        found = _TAG.match(tag)
        if (
            found
            and found["kind"] == kind
            and int(found["pk"]) == pk
            and found["state"].startswith("v")
        ):
            return int(found["state"][1:])
    raise PreconditionFailed(
        f"If-Match {request.headers['If-Match']!r} is not an ETag of "
        f"{kind} {pk}; GET it again and send the ETag it answers with."
    )


def require_current(request: Request, *, kind: str, current: str) -> None:
    """Refuse the change unless If-Match names exactly the current ETag."""
    if current not in _if_match(request, kind):
        raise PreconditionFailed(
            f"This {kind} was changed after you read it (its ETag is now "
            f"{current}); nothing was saved. GET it again and retry."
        )


def not_modified(request: Request, current: str) -> bool:
    """If-None-Match names the current ETag (weak comparison, RFC 9110 13.1.2) or is ``*``.

    A header that is no list of ETags is ignored: the full answer is always correct."""
    header = request.headers.get("If-None-Match", "").strip()
    if header == "*":
        return True
    if not _ENTITY_TAGS.fullmatch(header):
        return False
    return current.removeprefix("W/") in {
        t.removeprefix("W/") for t in re.findall(_ENTITY_TAG, header)
    }
