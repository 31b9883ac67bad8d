"""The dashboard's pages: the reviewer's queue and the editor's overview of the desk.

``/dashboard/`` is the page people land on after logging in: editors get the
overview of the desk, everyone else with a role their own queue.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from annotate import roles
from claimdesk.types import AnyUser
from dashboard import presentation, selectors
from dashboard.filters import FilterForm, Filters
from dashboard.selectors.desk import reviewers_with_reviews
from dashboard.selectors.sql import read_session


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _is_editor(user: AnyUser) -> bool:
    return roles.can_read_all_reviews(user)


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    _require(
        roles.can_view_claims(request.user),
        "Your account has no role on the desk yet; ask an editor.",
    )
    if _is_editor(request.user):
        return _desk(request)
    return _mine(request)


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    _require(
        roles.can_view_claims(request.user),
        "Your account has no role on the desk yet; ask an editor.",
    )
    return _mine(request)


@login_required
@require_GET
def desk(request: HttpRequest) -> HttpResponse:
    _require(_is_editor(request.user), "The overview of the desk is for editors.")
    return _desk(request)


def _mine(request: HttpRequest) -> HttpResponse:
    claims, total = selectors.my_queue(user=request.user)
    return render(
        request,
        "dashboard/mine.html",
        {
            "queue": claims,
            "queue_total": total,
            "next_claim": claims[0] if claims else None,
            "activity": selectors.my_activity(user=request.user),
            "can_review": roles.can_review(request.user),
            "can_adjudicate": roles.can_adjudicate(request.user),
            "is_editor": _is_editor(request.user),
            "bands": selectors.BANDS,
        },
    )


def _desk(request: HttpRequest) -> HttpResponse:
    form = FilterForm(
        request.GET or None, publishers=selectors.publishers(), reviewers=reviewers_with_reviews()
    )
    filters = form.filters()
    today = timezone.localdate()
    with read_session():
        context = _desk_figures(filters, today)
    queue, queue_total = selectors.my_queue(user=request.user, limit=5)
    return render(
        request,
        "dashboard/desk.html",
        {
            **context,
            "form": form,
            "filters": filters,
            "today": today,
            "queue": queue,
            "queue_total": queue_total,
        },
    )


def _desk_figures(filters: Filters, today: dt.date) -> dict[str, Any]:
    return presentation.desk_context(
        backlog=selectors.backlog(filters=filters),
        pending=selectors.pending_articles(filters=filters),
        throughput=selectors.throughput(filters=filters, today=today),
        turnaround=selectors.time_to_verdict(filters=filters),
        distribution=selectors.verdict_distribution(filters=filters),
        agreement=selectors.agreement(filters=filters),
        disagreements=selectors.disagreements(filters=filters),
        detector=selectors.detector_quality(filters=filters),
    )
