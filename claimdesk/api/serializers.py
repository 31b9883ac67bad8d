"""Strict input fields every API shares: a JSON string is a string, an integer an integer,
and a field the serializer does not know is named, not ignored."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


class StrictCharField(serializers.CharField):
    """A JSON string and nothing else: DRF's CharField would turn 12345 into "12345"."""

    def to_internal_value(self, data: object) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return str(super().to_internal_value(data))


# The largest id or offset a database column holds (a signed 64-bit integer): a
# larger one would overflow in the query (SQLite raised OverflowError, a 500).
DB_INT_MAX = 2**63 - 1


class StrictIntegerField(serializers.IntegerField):
    """A JSON integer and nothing else (DRF would accept "12" and true), at most DB_INT_MAX."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_value", DB_INT_MAX)
        super().__init__(**kwargs)

    def to_internal_value(self, data: object) -> int:
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return int(super().to_internal_value(data))


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know, naming them, instead of ignoring them."""

    refuses_unknown_fields = True  # the schema says so: additionalProperties false

    def to_internal_value(self, data: Any) -> Any:
        # Unknown fields are named beside the other problems, not only once those are fixed.
        unknown = sorted(set(data) - set(self.fields)) if isinstance(data, dict) else []
        problems = {name: ["Unknown field."] for name in unknown}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if isinstance(exc.detail, dict):
                exc.detail.update(problems)
            raise
        if problems:
            raise serializers.ValidationError(problems)
        return value
