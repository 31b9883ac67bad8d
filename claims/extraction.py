"""Turning outside input into article text: decoding, HTML/Markdown reduction, normalisation.

No database here: these helpers take bytes or text and return text, or raise
:class:`ArticleRejected` with a message that says what is wrong.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from markdown_it.token import Token
    from trafilatura.settings import Document

from claimdesk.errors import DomainError

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES

# C0/C1 control characters other than tab and newline carry no meaning in an
# article and PostgreSQL refuses NUL in text columns.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


class ArticleRejected(DomainError, ValueError):
    """Input that cannot become an article (HTTP 400; through the API, 413 for a body over
    the size limit); ``code`` is a stable machine-readable reason."""

    def __init__(self, message: str, *, code: str, field: str = "body") -> None:
        super().__init__(message, code=code, field=field)
        if code == "too_large":
            self.api_status = 413


@dataclass(frozen=True)
class ExtractedText:
    body: str
    title: str = ""
    author: str = ""
    published: str = ""
    publisher: str = ""
    url: str = ""


def normalise_body(text: str) -> str:
    """Unicode NFC, ``\\n`` newlines, no control characters, no trailing blank space."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACE.sub("\n", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()


def content_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def default_title(body: str, limit: int = 120) -> str:
    first_line = body.strip().split("\n", 1)[0].strip()
    if len(first_line) <= limit:
        return first_line
    return first_line[: limit - 1].rstrip() + "…"


def decode_bytes(data: bytes, *, name: str) -> str:
    """Strict UTF-8 (with or without BOM); anything else is refused, never guessed."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleRejected(
            f"{name}: the bytes are not valid UTF-8 (byte {exc.start}: "
            f"{data[exc.start : exc.start + 1]!r}); save the file as UTF-8 and try again",
            code="undecodable",
        ) from None


def file_kind(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    raise ArticleRejected(
        f"{name}: unsupported file type {suffix or '(none)'!r}; "
        f"use one of {', '.join(sorted(SUPPORTED_SUFFIXES))}",
        code="unsupported_type",
        field="file",
    )


def extract_html(html: str) -> ExtractedText:
    """Reduce an HTML page to its article text with trafilatura; nothing is rendered."""
    import trafilatura

    if "html" not in html[:50].lower():
        # trafilatura refuses input without "html" in its first 50 characters as
        # "not valid HTML" when it parses to a single block: wrap bare fragments.
        html = f"<html><body>{html}</body></html>"
    # A dict comes back only with as_dict=True; its signature does not say so.
    doc = cast(
        "Document | None",
        trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_recall=True,
        ),
    )
    text = doc.text if doc is not None and doc.text else ""
    if not text.strip():
        # Short pages (a fragment, a single paragraph) fall below trafilatura's
        # article heuristics; its plain converter still reduces them to text.
        text = trafilatura.html2txt(html) or ""
    if doc is None:
        return ExtractedText(body=text)
    return ExtractedText(
        body=text,
        title=doc.title or "",
        author=doc.author or "",
        published=doc.date or "",
        publisher=doc.sitename or "",
        url=doc.url or "",
    )


def extract_markdown(markdown: str) -> ExtractedText:
    """Markdown to plain text, one block a line, with the first heading as the title."""
    from markdown_it import MarkdownIt

    # CommonMark turns NUL into U+FFFD, which would survive as "text": drop control
    # characters first, as normalise_body does for every other kind of input.
    tokens = MarkdownIt("commonmark").parse(_CONTROL.sub("", markdown))
    lines: list[str] = []
    title = ""
    in_heading = False
    for token in tokens:
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type in ("fence", "code_block"):
            lines.append(token.content.strip())
        elif token.type == "inline":
            text = _inline_text(token.children or [])
            if in_heading and not title:
                title = text
            lines.append(text)
    body = "\n".join(line for line in lines if line.strip())
    return ExtractedText(body=body, title=title)


def _inline_text(children: list[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts).strip()


def extract_file(name: str, data: bytes) -> ExtractedText:
    """Bytes of an uploaded or imported file to text, by the file's suffix."""
    kind = file_kind(name)
    text = decode_bytes(data, name=name)
    if kind == "html":
        return extract_html(text)
    if kind == "markdown":
        return extract_markdown(text)
    return ExtractedText(body=text)
