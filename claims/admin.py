from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from claims.models import Article, Claim, Sentence


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
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
    readonly_fields = [
        "body",
        "content_sha256",
        "status",
        "error",
        "sentence_count",
        "claim_count",
        "detector_version",
        "attempts",
        "created_by",
        "created_at",
        "updated_at",
        "started_at",
        "finished_at",
    ]


@admin.register(Sentence)
class SentenceAdmin(admin.ModelAdmin):
    list_display = ["article", "index", "score", "checkworthy", "text"]
    list_filter = ["checkworthy"]
    list_select_related = ["article"]
    raw_id_fields = ["article"]
    # Sentences are cut from the immutable body: never edited by hand.
    readonly_fields = [
        "article",
        "index",
        "start",
        "end",
        "text",
        "paragraph",
        "score",
        "checkworthy",
        "reasons",
        "spans",
        "detector_version",
    ]


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ["id", "article", "origin", "status", "score", "claimant", "assignee"]
    list_filter = ["origin", "status"]
    list_select_related = ["article", "assignee"]
    search_fields = ["quote", "claimant"]
    raw_id_fields = ["article", "sentence", "assignee", "created_by"]
    readonly_fields = ["article", "sentence", "start", "end", "quote", "origin", "version"]
