"""Plain helpers of the publishing tests: JSON-LD read back with a JSON-LD processor (the
contexts served locally, so no test reaches the network), an export fetched whole, the
JSON-LD embedded in a public page, and the text of the exports' sample article (with
characters outside the BMP; the ``emoji_article`` fixture in conftest.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pyld import jsonld

DATA = Path(__file__).parent / "data"
SCHEMA = "http://schema.org/"
OA, AS = "http://www.w3.org/ns/oa#", "http://www.w3.org/ns/activitystreams#"
RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"
# Contexts served locally: the tests reach no network.  anno.jsonld holds the term
# definitions of the W3C context that the export uses; schema.org's context maps every
# term into its vocabulary.
CONTEXTS = {
    "http://www.w3.org/ns/anno.jsonld": json.loads((DATA / "anno.jsonld").read_text()),
    "https://schema.org": {"@context": {"@vocab": SCHEMA}},
}


def load_document(url: str, options: Any = None) -> dict[str, Any]:
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXTS[url.rstrip("/")]}


def expand(document: Any) -> list[dict[str, Any]]:
    return jsonld.expand(document, {"documentLoader": load_document})


BODY = (
    "Officials 😀 said on \U0001d54f that 🇺🇦 fighting killed more than 13,000 people "
    "since 2014 in the east. Another 😀 sentence follows here."
)


def export(client: Any, fmt: str, **query: Any) -> Any:
    response = client.get(f"/api/export/{fmt}/", query)
    assert response.status_code == 200, response.content
    return response, b"".join(response.streaming_content).decode()


def embedded_jsonld(html: str) -> dict:
    [script] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(script)
