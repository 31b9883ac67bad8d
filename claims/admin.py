"""Articles, sentences and claims in the admin: shown, and changed only through the services.

An article is created by ``article_create`` (normalised, hashed, enqueued) and processed by
the pipeline, so the admin neither adds one nor touches its processing fields, and does not
delete one (its claims, published ones included, would go without an unpublished event or a
history entry).  Sentences are cut from the immutable body.  A claim changes through the
desk's services, with their role and version checks, history and webhooks: shown here only.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from claimdesk.admin import ProjectAdmin, ViewOnlyAdmin, ViewOnlyModelAdmin
from claims.models import Article, Claim, Sentence


@admin.register(Article)
class ArticleAdmin(ProjectAdmin):
    list_display = [
        "id",
        "title",
        "publisher",
        "status",
        "sentence_count",
        "claim_count",
        "created_at",
    ]
    list_filter = ["status", "language"]
    search_fields = ["title", "url", "publisher"]
    # Only the description (title, address, publisher, author, date, language) is editable.
    readonly_fields = [
        "body",
        "content_sha256",
        "status",
        "error",
        "sentence_count",
        "claim_count",
        "detector_version",
        "attempts",
        "dispatch_pending_since",
        "created_by",
        "created_at",
        "updated_at",
        "started_at",
        "finished_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Sentence)
class SentenceAdmin(ViewOnlyModelAdmin):
    list_display = ["article", "index", "score", "checkworthy", "text"]
    list_filter = ["checkworthy"]
    list_select_related = ["article"]


@admin.register(Claim)
class ClaimAdmin(ViewOnlyAdmin):
    list_display = ["id", "article", "origin", "status", "score", "claimant", "assignee"]
    list_filter = ["origin", "status"]
    list_select_related = ["article", "assignee"]
    search_fields = ["quote", "claimant"]
