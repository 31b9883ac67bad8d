"""JSON bodies with a size limit (DRF reads the stream without Django's upload limit)."""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.parsers import JSONParser


class BodyTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"
    default_detail = "The request body is larger than this endpoint accepts."


def _read_limited(stream: Any, parser_context: dict[str, Any] | None, limit: int) -> bytes:
    request = (parser_context or {}).get("request")
    declared = request.META.get("CONTENT_LENGTH") if request is not None else None
    if declared and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(
            f"The body is {int(declared):,} bytes; this endpoint accepts at most {limit:,}."
        )
    data = stream.read(limit + 1) if stream is not None else b""
    if len(data) > limit:
        raise BodyTooLarge(f"The body is over {limit:,} bytes, the most this endpoint accepts.")
    return data


class LimitedJSONParser(JSONParser):
    """JSON, refused with 413 past ``CLAIMDESK_API_MAX_BODY_BYTES`` (256 KiB by default)."""

    def limit(self) -> int:
        return int(getattr(settings, "CLAIMDESK_API_MAX_BODY_BYTES", 256 * 1024))

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: dict[str, Any] | None = None,
    ) -> Any:
        data = _read_limited(stream, parser_context, self.limit())
        return super().parse(io.BytesIO(data), media_type, parser_context)
