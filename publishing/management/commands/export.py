"""manage.py export --format F [filters] --output PATH: the API's exports, to a file."""

from __future__ import annotations

import sys
from typing import Any, TextIO
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_filters import FilterSet
from rest_framework.exceptions import ValidationError
from tqdm import tqdm

from annotate.api.filters import ClaimFilter
from claims.models import Claim
from publishing import selectors
from publishing.api.exports import SentenceExportFilter
from publishing.exports import FORMATS, site_uri, stream

FILTERS = [
    "article",
    "status",
    "origin",
    "assignee",
    "reviewer",
    "verdict",
    "min_score",
    "max_score",
    "created_after",
    "created_before",
    "published_after",
    "published_before",
    "q",
]


class Command(BaseCommand):
    help = (
        "Export claims (or, for training, sentences) in a field format, streamed in "
        "constant memory. Published claims only unless --include-unpublished."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", required=True, choices=sorted(FORMATS))
        parser.add_argument("--output", required=True, help="A file path, or - for stdout.")
        parser.add_argument(
            "--include-unpublished",
            action="store_true",
            help="Every claim, as staff see them (not for claimreview).",
        )
        parser.add_argument(
            "--site",
            default=settings.CLAIMDESK_SITE_URL,
            help="Base URL of the public site, for links in the export.",
        )
        parser.add_argument("--no-progress", action="store_true")
        for name in FILTERS:
            parser.add_argument(f"--{name.replace('_', '-')}", dest=name)

    def handle(self, *args: Any, **options: Any) -> None:
        fmt = options["format"]
        _check_site(options["site"])
        queryset, filters = self._queryset(fmt, options)
        total = queryset.count()
        out = _open_output(options["output"])
        bar = tqdm(total=total, unit="row", disable=options["no_progress"], file=sys.stderr)
        try:
            chunks = stream(
                fmt, queryset, site=options["site"], progress=bar.update, filters=filters
            )
            for chunk in chunks:
                out.write(chunk)
        finally:
            bar.close()
            if out is not sys.stdout:
                out.close()
        if options["output"] != "-":
            self.stderr.write(f"Exported {bar.n} {FORMATS[fmt].rows} to {options['output']}.")

    def _queryset(self, fmt: str, options: dict[str, Any]) -> tuple[Any, dict[str, str]]:
        data = {name: options[name] for name in FILTERS if options.get(name) is not None}
        filter_class: type[FilterSet]
        if FORMATS[fmt].rows == "sentences":
            filter_class, base = SentenceExportFilter, selectors.exportable_sentences(user=None)
            data = {k: v for k, v in data.items() if k in filter_class.base_filters}
        else:
            everything = options["include_unpublished"] and fmt != "claimreview"
            filter_class = ClaimFilter
            base = Claim.objects.all() if everything else Claim.objects.published()
        filterset = filter_class(data=data, queryset=base)
        if not filterset.is_valid():
            problems = "; ".join(
                f"--{k.replace('_', '-')}: {' '.join(v)}" for k, v in filterset.errors.items()
            )
            raise CommandError(f"Invalid filter: {problems}")
        try:
            return filterset.qs, data
        except ValidationError as error:
            # A date-time the form accepted but that has no UTC equivalent.
            # utc() raises it with a dict keyed by the filter's name.
            details = error.detail if isinstance(error.detail, dict) else {"filter": error.detail}
            problems = "; ".join(
                f"--{k.replace('_', '-')}: {' '.join(map(str, v))}" for k, v in details.items()
            )
            raise CommandError(f"Invalid filter: {problems}") from None


def _check_site(site: str) -> None:
    """Refuse a --site that cannot start the export's links: http(s), a host, a URI."""
    problem = f"--site {site[:200]!r} is not an http(s) address; links in the export start with it."
    try:
        parts = urlsplit(site)
        site_uri(site)
    except ValueError:  # "https://[::1" and other addresses that cannot be split
        raise CommandError(problem) from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CommandError(problem)


def _open_output(path: str) -> TextIO:
    if path == "-":
        return sys.stdout
    try:
        return open(path, "w", encoding="utf-8", newline="")  # closed by handle()
    except OSError as error:
        raise CommandError(f"--output {path}: cannot write there ({error.strerror}).") from None
