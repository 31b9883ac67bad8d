from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claimdesk.api.serializers import StrictCharField
from claims.models import Article, Sentence


class ArticleCreateSerializer(serializers.Serializer):
    body = StrictCharField(
        trim_whitespace=False,
        help_text="The article: plain text, or HTML/Markdown when `format` says so.",
    )
    format = serializers.ChoiceField(choices=["text", "html", "markdown"], default="text")
    title = StrictCharField(max_length=300, required=False, allow_blank=True, default="")
    url = serializers.URLField(max_length=2000, required=False, allow_blank=True, default="")
    publisher = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    author = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    published_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    language = StrictCharField(max_length=16, required=False, default="en")

    def validate_body(self, value: str) -> str:
        if len(value.encode("utf-8")) > settings.CLAIMDESK_MAX_ARTICLE_BYTES * 4:
            raise serializers.ValidationError("The body is far larger than the article limit.")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        unknown = set(self.initial_data) - set(self.fields)
        if unknown:
            raise serializers.ValidationError(
                {name: ["Unknown field."] for name in sorted(unknown)}
            )
        return attrs


class ArticleSerializer(serializers.ModelSerializer):
    scored_count = serializers.IntegerField(read_only=True, default=None)
    url = serializers.SerializerMethodField(help_text="Where it was published; null if unknown.")
    html_url = serializers.SerializerMethodField()
    api_url = serializers.HyperlinkedIdentityField(view_name="api:article-detail")

    class Meta:
        model = Article
        fields = [
            "id",
            "api_url",
            "html_url",
            "title",
            "url",
            "publisher",
            "author",
            "published_at",
            "language",
            "status",
            "error",
            "sentence_count",
            "scored_count",
            "claim_count",
            "detector_version",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "claim_count": {
                "help_text": "Claims on the article that are not dismissed; /api/claims/?article= "
                "lists them and the dismissed ones, each with its status."
            }
        }

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_url(self, obj: Article) -> str | None:
        return obj.url or None

    def get_html_url(self, obj: Article) -> str:
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "body", "content_sha256"]
        read_only_fields = fields


class DuplicateSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    id = serializers.IntegerField()
    api_url = serializers.CharField()


class SentenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sentence
        fields = [
            "id",
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
        read_only_fields = fields
