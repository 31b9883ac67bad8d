"""API responses checked against the OpenAPI schema the running site serves.

The ``schema`` fixture (tests/conftest.py) reads that schema once per module;
``assert_conforms`` validates a response body against the operation's documented
response and refuses fields the schema does not document.
"""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator, FormatChecker


def nullable_to_json_schema(node: Any) -> Any:
    """OpenAPI 3.0 ``nullable: true`` is not JSON Schema; spell it as ``null`` allowed."""
    if isinstance(node, list):
        return [nullable_to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: nullable_to_json_schema(value) for key, value in node.items()}
    if node.pop("nullable", False):
        return {"anyOf": [node, {"type": "null"}]}
    return node


def assert_conforms(schema: dict[str, Any], path: str, method: str, status: int, data: Any) -> None:
    """Validate ``data`` against the documented response, and refuse undocumented fields."""
    response = schema["paths"][path][method]["responses"][str(status)]
    body_schema = response["content"]["application/json"]["schema"]
    document = {**body_schema, "components": nullable_to_json_schema(schema["components"])}
    Draft202012Validator(document, format_checker=FormatChecker()).validate(data)
    _assert_no_undocumented_fields(schema, body_schema, data)


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _assert_no_undocumented_fields(schema: dict[str, Any], node: dict[str, Any], data: Any) -> None:
    node = _resolve(schema, node)
    if isinstance(data, dict) and "properties" in node:
        assert set(data) <= set(node["properties"]), set(data) - set(node["properties"])
        for key, value in data.items():
            _assert_no_undocumented_fields(schema, node["properties"][key], value)
    elif isinstance(data, list) and "items" in node:
        for item in data:
            _assert_no_undocumented_fields(schema, node["items"], item)
