"""The API's one JSON parser: a size limit, a depth limit, and errors that say what and where.

DRF reads the request stream itself, past Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE``,
and its JSON parser has no depth limit (a body nested 950 deep was a
``RecursionError``, a 500).  Every API view parses JSON here; the limits:

* the body: ``CLAIMDESK_API_MAX_BODY_BYTES`` (256 KiB by default).  The largest
  desk payload (a 10,000-character rationale, every character escaped as
  ``\\uXXXX``) is about 60 KB, so that is room to spare and small enough that a
  flood of bodies cannot fill a worker's memory.  Articles carry their text, so
  their endpoint accepts ``DATA_UPLOAD_MAX_MEMORY_SIZE``, the figure the article
  form already has: four times the article limit (the JSON escaping of non-ASCII
  text more than doubles it) plus 1 MB for the HTML around an article.
* the nesting: :data:`claimdesk.safejson.MAX_DEPTH` (64) levels.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError, ValidationError
from rest_framework.parsers import JSONParser

from claimdesk import safejson


class BodyTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"
    default_detail = "The request body is larger than this endpoint accepts."


def read_limited(stream: Any, parser_context: Mapping[str, Any] | None, limit: int) -> bytes:
    """The body's bytes, or :class:`BodyTooLarge` as soon as it is known to pass ``limit``."""
    request = (parser_context or {}).get("request")
    declared = request.headers.get("content-length") if request is not None else None
    if declared and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(
            f"The body is {int(declared):,} bytes; this endpoint accepts at most {limit:,}."
        )
    data = stream.read(limit + 1) if stream is not None else b""
    if len(data) > limit:
        raise BodyTooLarge(f"The body is over {limit:,} bytes, the most this endpoint accepts.")
    return data


def decode_utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ParseError(
            f"The body is not UTF-8 (byte {error.start}: {data[error.start : error.start + 1]!r})."
        ) from None


class LimitedJSONParser(JSONParser):
    """Strict JSON within the size and depth limits; 413, or 400 naming the place."""

    def limit(self) -> int:
        return int(settings.CLAIMDESK_API_MAX_BODY_BYTES)

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        text = decode_utf8(read_limited(stream, parser_context, self.limit()))
        try:
            return safejson.loads(text)
        except safejson.JSONRejected as rejected:
            if rejected.where:
                raise ValidationError({rejected.where: [rejected.message]}) from None
            raise ParseError(f"JSON parse error: {rejected}.") from None


class ArticleJSONParser(LimitedJSONParser):
    """An article's JSON: as large as the article form accepts."""

    def limit(self) -> int:
        return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
