"""The JSON-LD exports as the standards define them: a Web Annotation export that passes
the W3C test suite's MUSTs, and URIs (RFC 3986) wherever an IRI goes, in the Web
Annotation and the ClaimReview exports alike, however hostile the stored addresses."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st
from rfc3986_validator import validate_rfc3986

from annotate import services
from annotate.models import Source
from claims.models import Article, Claim
from publishing.exports import jsonld
from publishing.exports.rows import claim_batches
from publishing.exports.uris import iri_to_uri
from tests.factories import ArticleFactory, client_for, publish_reviewed, span_of
from tests.publishing import w3c
from tests.publishing.support import BODY, OA, expand, export

pytestmark = pytest.mark.django_db

# Accepted by the desk's URL validator as they are: non-ASCII host and path, <, >, quotes,
# a backslash, braces, a stray %.
HOSTILE_ARTICLE_URL = 'https://bücher.example/straße/<x>"q"\\back?q=ä&r=<y>#frag"'
HOSTILE_ARTICLE_URI = (
    "https://xn--bcher-kva.example/stra%C3%9Fe/%3Cx%3E%22q%22%5Cback?q=%C3%A4&r=%3Cy%3E#frag%22"
)
HOSTILE_SOURCE_URL = "https://news.example/%zz{}|^`[a]\\b"
# Spaces are refused by the validator today; rows written before it (or by hand in the
# admin's database) still hold them, and an export must not pass them on.
SPACED_SOURCE_URL = "https://ex ample.example/a b?c d"
IRI_KEYS = {"id", "source", "partOf", "first", "last", "next", "prev", "target", "url"}


def uri_problems(value: str) -> str | None:
    return None if validate_rfc3986(value, rule="URI") else value


@pytest.fixture
def hostile_claim(annotator, editor, verdict_false) -> Claim:
    article = ArticleFactory(
        body="Elsewhere: " + BODY, title="Ünïcode <title>", url=HOSTILE_ARTICLE_URL
    )
    start, end = span_of(article)
    claim = services.claim_mark(article=article, start=start, end=end, by=annotator)
    for url in (HOSTILE_SOURCE_URL, "https://un.example/report"):
        services.source_add(claim=claim, by=annotator, url=url, stance="refutes")
    Source.objects.filter(url="https://un.example/report").update(url=SPACED_SOURCE_URL)
    return publish_reviewed(
        claim, annotator, editor, verdict_false, 'He said "<b>no</b>" \\ twice.'
    )


def _compact_iris(node: Any, path: str = "$") -> list[tuple[str, str]]:
    """(where, value) of every string under a key that holds an IRI, in a compact document."""
    found: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in IRI_KEYS and isinstance(value, str):
                found.append((f"{path}.{key}", value))
            else:
                found += _compact_iris(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _compact_iris(value, f"{path}[{index}]")
    return found


def _expanded_iris(node: Any) -> list[str]:
    """Every IRI of an expanded JSON-LD document: node ids, types, and the properties."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("@id", "@type"):
                found += value if isinstance(value, list) else [value]
            elif not key.startswith("@"):
                found.append(key)
            found += _expanded_iris(value) if key != "@type" else []
    elif isinstance(node, list):
        for value in node:
            found += _expanded_iris(value)
    return found


def _every_iri_is_a_uri(document: Any) -> None:
    compact = _compact_iris(document)
    assert compact
    assert [(where, v) for where, v in compact if uri_problems(v)] == []
    expanded = _expanded_iris(expand(document))
    assert [iri for iri in expanded if uri_problems(iri)] == []


# --- Web Annotation: the W3C test suite -----------------------------------------------------


def test_the_w3c_check_refuses_a_bare_graph_and_a_non_uri():
    """The oracle can fail: the former export's shape, and an IRI left as it was."""
    assert w3c.uri_format_is_checked(), "install rfc3986-validator: format uri is not checked"
    graph = {"@context": jsonld.ANNO_CONTEXT, "@graph": [{"type": "AnnotationCollection"}]}
    assert any("collectionIdValidated" in f for f in w3c.must_failures(graph))
    collection = {
        "@context": jsonld.ANNO_CONTEXT,
        "id": "https://desk.example/c",
        "type": "AnnotationCollection",
        "total": 1,
        "first": {
            "id": "https://desk.example/c#page-1",
            "type": "AnnotationPage",
            "items": [{"id": "https://desk.example/a/1", "type": "Annotation", "target": "x y"}],
        },
    }
    assert w3c.must_failures(collection) != []
    collection["first"]["items"][0]["target"] = "https://desk.example/x%20y"
    assert w3c.must_failures(collection) == []


def test_the_web_annotation_export_passes_the_w3c_musts(hostile_claim, emoji_claim, staff):
    _, text = export(client_for(staff), "webannotation")
    document = json.loads(text)
    assert document["type"] == "AnnotationCollection"
    assert document["first"]["type"] == "AnnotationPage"
    assert len(document["first"]["items"]) == document["total"] == Claim.objects.count() > 2
    assert w3c.must_failures(document) == []


def test_an_empty_web_annotation_export_is_a_conforming_collection_with_no_page(staff):
    _, text = export(client_for(staff), "webannotation")
    document = json.loads(text)
    assert document["total"] == 0 and "first" not in document
    assert w3c.must_failures(document) == []
    assert expand(document)


def test_the_collection_counts_its_page_and_names_its_filters(emoji_claim, article, staff):
    client = client_for(staff)
    query = {"status": "published", "article": emoji_claim.article_id}
    _, text = export(client, "webannotation", **query)
    document = json.loads(text)
    page = document["first"]
    assert document["id"] == (
        "http://testserver/api/export/webannotation/"
        f"?article={emoji_claim.article_id}&status=published"
    )
    assert page["partOf"] == document["id"] and page["startIndex"] == 0
    assert document["last"] == page["id"] == document["id"] + "#page-1"
    assert document["total"] == len(page["items"]) == 1
    _, everything = export(client, "webannotation", article=article.pk)
    whole = json.loads(everything)
    assert whole["total"] == len(whole["first"]["items"]) == article.claim_count > 1
    assert whole["id"] == f"http://testserver/api/export/webannotation/?article={article.pk}"
    assert [n["id"] for n in whole["first"]["items"]] == sorted(
        (n["id"] for n in whole["first"]["items"]), key=lambda i: int(i.rstrip("/").rsplit("/")[-1])
    )


def test_the_collection_is_written_a_batch_at_a_time(emoji_claim):
    """Bounded memory: the writer reads one batch ahead of what it has written, no more."""
    [rows] = list(claim_batches(Claim.objects.filter(pk=emoji_claim.pk)))
    pulled: list[int] = []

    def batches() -> Any:
        for number in range(3):
            pulled.append(number)
            yield rows

    chunks = jsonld.annotation_collection(batches(), "https://desk.example")
    written = [next(chunks)]
    assert pulled == [0]  # the head needs to know whether there is a first annotation
    written.append(next(chunks))
    assert pulled == [0]
    written.append(next(chunks))
    assert pulled == [0, 1]
    document = json.loads("".join(written) + "".join(chunks))
    assert document["total"] == len(document["first"]["items"]) == 3


# --- IRIs as URIs ------------------------------------------------------------------------------


def test_every_iri_of_the_web_annotation_export_is_a_uri(hostile_claim, staff):
    _, text = export(client_for(staff), "webannotation", article=hostile_claim.article_id)
    document = json.loads(text)
    _every_iri_is_a_uri(document)
    mine = next(a for a in document["first"]["items"] if a["id"].endswith(f"/{hostile_claim.pk}/"))
    assert mine["target"]["source"] == HOSTILE_ARTICLE_URI
    sources = {b["source"] for b in mine["body"] if b["type"] == "SpecificResource"}
    assert sources == {
        "https://news.example/%25zz%7B%7D%7C%5E%60%5Ba%5D%5Cb",
        "https://ex%20ample.example/a%20b?c%20d",
    }


def test_the_encoded_addresses_read_back_through_json_ld(hostile_claim, staff):
    _, text = export(client_for(staff), "webannotation", article=hostile_claim.article_id)
    [collection] = expand(json.loads(text))
    notes = collection["http://www.w3.org/ns/activitystreams#first"][0][
        "http://www.w3.org/ns/activitystreams#items"
    ][0]["@list"]
    mine = next(n for n in notes if n["@id"].endswith(f"/{hostile_claim.pk}/"))
    assert mine[OA + "hasTarget"][0][OA + "hasSource"][0]["@id"] == HOSTILE_ARTICLE_URI


def test_every_url_of_the_claimreview_export_is_a_uri(hostile_claim, editor):
    _, text = export(client_for(editor), "claimreview")
    [review] = json.loads(text)
    assert review["itemReviewed"]["appearance"]["url"] == HOSTILE_ARTICLE_URI
    _every_iri_is_a_uri(review)


def test_the_command_encodes_an_international_site(hostile_claim, tmp_path):
    for fmt in ("webannotation", "claimreview"):
        path = tmp_path / f"out.{fmt}"
        call_command(
            "export",
            *("--format", fmt, "--output", str(path), "--no-progress"),
            *("--site", "https://bücher.example/désk/"),
        )
        document = json.loads(path.read_text(encoding="utf-8"))
        _every_iri_is_a_uri(document)
        assert "https://xn--bcher-kva.example/d%C3%A9sk/" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("site", ["desk.example", "ftp://desk.example", "https://[::1/"])
def test_the_command_refuses_a_site_that_is_not_a_web_address(site, tmp_path):
    path = tmp_path / "out.jsonld"
    with pytest.raises(CommandError, match="--site"):
        call_command("export", "--format", "webannotation", "--output", str(path), "--site", site)
    assert not path.exists()


@pytest.mark.parametrize(
    ("iri", "uri"),
    [
        ("https://bücher.example/ä", "https://xn--bcher-kva.example/%C3%A4"),
        ('http://h.example/<a> "b"\\c', "http://h.example/%3Ca%3E%20%22b%22%5Cc"),
        ("http://h.example/100%?q=50%25#x#y", "http://h.example/100%25?q=50%25#x%23y"),
        ("HTTP://User:secret@H.example:8080/p", "http://User@h.example:8080/p"),
        ("http://[::1]/x", "http://[::1]/x"),
        ("https://😀.example/", "https://%F0%9F%98%80.example/"),
        ("urn:isbn:978 0", "urn:isbn:978%200"),
    ],
)
def test_an_iri_becomes_a_uri(iri, uri):
    assert iri_to_uri(iri) == uri
    assert validate_rfc3986(uri, rule="URI")


@given(st.text(max_size=40), st.sampled_from(["https://", "http://h.example", "urn:", ""]))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_whatever_is_stored_leaves_as_a_uri_or_not_at_all(text, prefix):
    uri = iri_to_uri(prefix + text)
    assert uri is None or validate_rfc3986(uri, rule="URI"), (prefix + text, uri)


def test_an_address_that_is_a_uri_already_is_kept_as_it_is():
    plain = "https://News.example:8443/a/b%20c;x=1?q=a+b&r=%2F#top"
    assert iri_to_uri(plain) == plain


@pytest.mark.parametrize(
    "iri", ["", "no scheme here", "http://[::1/", "http://h:port/", "https://"]
)
def test_what_cannot_be_made_a_uri_is_refused(iri):
    assert iri_to_uri(iri) is None


def test_an_article_address_that_is_no_uri_falls_back_to_its_page_here(hostile_claim, staff):
    Article.objects.filter(pk=hostile_claim.article_id).update(url="http://[broken/")
    _, text = export(client_for(staff), "webannotation", article=hostile_claim.article_id)
    [note, *_] = json.loads(text)["first"]["items"]
    assert note["target"]["source"] == (f"http://testserver/articles/{hostile_claim.article_id}/")


# --- the command and the API give one document --------------------------------------------


@pytest.mark.parametrize("fmt", ["webannotation", "claimreview"])
def test_the_command_writes_the_document_the_api_serves(
    fmt, hostile_claim, emoji_claim, editor, tmp_path
):
    query = {"status": "published", "origin": "manual"}
    _, served = export(client_for(editor), fmt, **query)
    path = tmp_path / "out.jsonld"
    call_command(
        "export",
        *("--format", fmt, "--output", str(path), "--no-progress"),
        *("--site", "http://testserver", "--origin", "manual", "--status", "published"),
    )
    assert path.read_text(encoding="utf-8") == served
    document = json.loads(served)
    assert len(document["first"]["items"] if fmt == "webannotation" else document) == 2
