from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from claimdesk.pages import page_error
from claimdesk.types import signed_in
from claims import selectors, services
from claims.extraction import ArticleRejected, decode_bytes, file_kind
from claims.forms import ArticleForm
from claims.models import Article
from claims.outbox import dispatch_deferred
from claims.roles import can_add_articles, can_manage_articles, can_view_articles


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("Your role does not allow this.")


@login_required
def article_list(request: HttpRequest) -> HttpResponse:
    _require(can_view_articles(request.user))
    queryset = selectors.article_list(user=request.user).order_by("-created_at", "-id")
    status = request.GET.get("status", "")
    if status:
        queryset = queryset.filter(status=status)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    template = (
        "claims/_article_rows.html"
        if request.headers.get("HX-Request")
        else ("claims/article_list.html")
    )
    return render(
        request,
        template,
        {
            "page": page,
            "status": status,
            "can_add": can_add_articles(request.user),
            "any_pending": any(a.is_pending for a in page),
        },
    )


@login_required
def article_progress(request: HttpRequest, article_id: int) -> HttpResponse:
    """The status badge and progress bar, polled by htmx while the article is pending."""
    _require(can_view_articles(request.user))
    article = selectors.article_list(user=request.user).filter(pk=article_id).first()
    if article is None:
        raise Http404("No such article.")
    response = render(request, "claims/_progress.html", {"article": article, "poll": True})
    if not article.is_pending and request.GET.get("reload"):
        # The page was drawn while pending: reload it once so scores and claims appear.
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def article_new(request: HttpRequest) -> HttpResponse:
    _require(can_add_articles(request.user))
    # Bound on every POST: an empty POST is falsy and would leave the form unbound,
    # answering 400 with no message at all.
    form = ArticleForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            article = _create_from_form(request, form)
        except ArticleRejected as exc:
            # Shown beside the field it is about; the body's problems above the form,
            # since the body may have come from the uploaded file.
            status = page_error(request, exc, form=form, beside=form.fields.keys() - {"body"})
            existing = exc.existing if isinstance(exc, services.DuplicateArticle) else None
            return render(
                request,
                "claims/article_new.html",
                {"form": form, "existing": existing},
                status=status,
            )
        else:
            if dispatch_deferred(article_id=article.pk):
                messages.warning(
                    request,
                    f"“{article.title}” was saved. The task queue is unreachable just now; "
                    "processing starts as soon as it is back.",
                )
            else:
                messages.success(request, f"“{article.title}” was queued for processing.")
            return redirect(article)
    status = 400 if request.method == "POST" else 200
    return render(request, "claims/article_new.html", {"form": form}, status=status)


def _create_from_form(request: HttpRequest, form: ArticleForm) -> Article:
    """The pasted text, or the uploaded file read by its suffix; the form's metadata first."""
    data = form.cleaned_data
    text, kind = data["body"], "text"
    if upload := data.get("file"):
        text, kind = decode_bytes(upload.read(), name=upload.name), file_kind(upload.name)
    return services.article_create_from_source(
        text=text,
        kind=kind,
        **{key: data[key] or "" for key in ("title", "url", "publisher", "author")},
        published_at=data["published_at"],
        created_by=signed_in(request.user),
    )


@login_required
@require_POST
def article_retry(request: HttpRequest, article_id: int) -> HttpResponse:
    _require(can_manage_articles(request.user))
    if services.article_retry(article_id=article_id):
        messages.success(request, "The article was queued again.")
    else:
        messages.error(request, "Only a failed article can be retried.")
    return redirect("annotate:article", article_id=article_id)
