from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from claimdesk.api.ids import PathIdsMixin, id_or_404
from claimdesk.api.pagination import IndexCursorPagination
from claimdesk.api.parsers import ArticleJSONParser
from claimdesk.api.permissions import ModelPermissions
from claimdesk.types import signed_in
from claims import selectors, services
from claims.api.filters import ArticleFilter, SentenceFilter
from claims.api.serializers import (
    ArticleCreateSerializer,
    ArticleDetailSerializer,
    ArticleSerializer,
    DuplicateSerializer,
    SentenceSerializer,
)
from claims.models import Article, Sentence
from claims.outbox import dispatch_deferred
from claims.roles import can_view_articles


class ArticleViewSet(
    PathIdsMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Articles: POST creates one and queues it for processing; GET lists them with status."""

    permission_classes = [ModelPermissions]
    parser_classes = [ArticleJSONParser, FormParser, MultiPartParser]
    filterset_class = ArticleFilter
    lookup_value_regex = "[^/]+"  # any segment: a bad id gets PathIdsMixin's JSON 404

    def get_queryset(self) -> QuerySet[Article]:
        return selectors.article_list(user=self.request.user)

    def get_serializer_class(self) -> type:
        if self.action == "create":
            return ArticleCreateSerializer
        if self.action == "retrieve":
            return ArticleDetailSerializer
        return ArticleSerializer

    @extend_schema(
        request=ArticleCreateSerializer,
        responses={
            201: ArticleSerializer,
            202: OpenApiResponse(
                ArticleSerializer,
                description="Saved, but the task queue is unreachable: processing starts "
                "when it is back, without another request.",
            ),
            400: OpenApiResponse(description="Invalid input; `detail` says what and where."),
            409: OpenApiResponse(DuplicateSerializer, description="The same text exists already."),
            413: OpenApiResponse(description="The body is over the size limit."),
        },
    )
    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        incoming = ArticleCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        article = services.article_create_from_source(
            text=data.pop("body"),
            kind=data.pop("format"),
            created_by=signed_in(request.user),
            **data,
        )
        article = selectors.article_list(user=request.user).get(pk=article.pk)
        body = ArticleSerializer(article, context=self.get_serializer_context()).data
        # Saved either way; 202 says that the queueing is deferred (claims.outbox), so a
        # client knows not to post again (it would get 409) and to poll the article instead.
        code = (
            status.HTTP_202_ACCEPTED
            if dispatch_deferred(article_id=article.pk)
            else status.HTTP_201_CREATED
        )
        return Response(body, status=code, headers={"Location": str(body["api_url"])})


class ArticleSentenceViewSet(PathIdsMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """An article's sentences in reading order, with scores, reasons and spans."""

    permission_classes = [ModelPermissions]
    serializer_class = SentenceSerializer
    pagination_class = IndexCursorPagination
    filterset_class = SentenceFilter

    def get_queryset(self) -> QuerySet[Sentence]:
        # The permission check calls this first: a user who may not see articles
        # gets an empty queryset there (and so a 403), not the 404 of the lookup.
        if getattr(self, "swagger_fake_view", False) or not can_view_articles(self.request.user):
            return Sentence.objects.none()
        article = get_object_or_404(
            selectors.article_list(user=self.request.user),
            pk=id_or_404(self.kwargs["article_pk"], "article"),
        )
        return Sentence.objects.filter(article=article)
