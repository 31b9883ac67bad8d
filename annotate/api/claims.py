"""/api/claims/: the claim resource and its workflow actions, through the desk's services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from annotate import selectors, services
from annotate.api import serializers as s
from annotate.api.base import CanViewClaims, DeskAPIMixin, validated
from annotate.api.filters import ClaimFilter
from annotate.api.preconditions import expected_version, not_modified, version_etag
from annotate.api.schema import IF_MATCH, IF_NONE_MATCH
from claimdesk.api.pagination import StartCursorPagination
from claimdesk.types import signed_in
from claims.models import Claim
from claims.selectors import article_list


def claim_etag(claim: Claim) -> str:
    return version_etag("claim", claim.pk, claim.version)


def _users(ids: list[int], field: str) -> list[Any]:
    found = {u.pk: u for u in get_user_model().objects.filter(pk__in=ids, is_active=True)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationError({field: [f"Unknown user {i}." for i in missing]})
    return [found[i] for i in ids]


_View = TypeVar("_View", bound=Callable[..., Any])


def _claim_action(request_serializer: type, summary: str, **extra: Any) -> Callable[[_View], _View]:
    return extend_schema(
        summary=summary,
        request=request_serializer,
        parameters=[IF_MATCH],
        responses={200: s.ClaimSerializer},
        **extra,
    )


class ClaimViewSet(
    DeskAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Claims detected by the pipeline or marked by reviewers, and their workflow.

    Every change is a call to the desk's service, under the same role checks as the
    desk's pages; changes to an existing claim need ``If-Match`` with its ETag.
    """

    etag_responses = True
    permission_classes = [CanViewClaims]
    serializer_class = s.ClaimSerializer
    lookup_value_regex = "[^/]+"  # any segment: a bad id gets the JSON 404
    pagination_class = StartCursorPagination
    filterset_class = ClaimFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Claim]:
        return selectors.api_claims(user=self.request.user)

    def _answer(self, pk: int, code: int = status.HTTP_200_OK) -> Response:
        claim = self.get_queryset().get(pk=pk)
        data = s.ClaimSerializer(claim, context=self.get_serializer_context()).data
        headers = {"ETag": claim_etag(claim)}
        if code == status.HTTP_201_CREATED:
            headers["Location"] = data["api_url"]
        return Response(data, status=code, headers=headers)

    @extend_schema(
        parameters=[IF_NONE_MATCH],
        responses={
            200: s.ClaimSerializer,
            304: OpenApiResponse(
                description="Not modified: If-None-Match names the current ETag (sent again)."
            ),
        },
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        if not_modified(request, claim_etag(claim)):
            return Response(
                status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": claim_etag(claim)}
            )
        return self._answer(claim.pk)

    @extend_schema(
        summary="Mark a span of an article as a claim",
        request=s.ClaimMarkRequestSerializer,
        responses={201: s.ClaimSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = validated(s.ClaimMarkRequestSerializer, request)
        article = article_list(user=request.user).filter(pk=data["article"]).first()
        if article is None:
            raise ValidationError({"article": [f"Unknown article {data['article']}."]})
        article = type(article).objects.get(pk=article.pk)  # with its body
        claim = services.claim_mark(
            article=article,
            start=data["start"],
            end=data["end"],
            by=signed_in(request.user),
            claimant=data["claimant"],
        )
        return self._answer(claim.pk, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change the claimant",
        request=s.ClaimUpdateRequestSerializer,
        parameters=[IF_MATCH],
        responses={200: s.ClaimSerializer},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        data = validated(s.ClaimUpdateRequestSerializer, request)
        services.claim_set_claimant(
            claim=claim,
            claimant=data["claimant"],
            by=signed_in(request.user),
            version=self._version(claim),
        )
        return self._answer(claim.pk)

    def _version(self, claim: Claim) -> int:
        return expected_version(self.request, kind="claim", pk=claim.pk)

    def _act(self, request_serializer: type, call: Any) -> Response:
        claim = self.get_object()
        data = validated(request_serializer, self.request)
        call(claim, self._version(claim), data)
        return self._answer(claim.pk)

    @_claim_action(s.EmptyRequestSerializer, "Accept a detected suggestion")
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str) -> Response:
        return self._act(
            s.EmptyRequestSerializer,
            lambda claim, version, data: services.claim_accept(
                claim=claim, by=signed_in(request.user), version=version
            ),
        )

    @_claim_action(s.AssignRequestSerializer, "Assign reviewers")
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str) -> Response:
        return self._act(
            s.AssignRequestSerializer,
            lambda claim, version, data: services.claim_assign(
                claim=claim,
                by=signed_in(request.user),
                version=version,
                reviewers=_users(data["reviewers"], "reviewers"),
            ),
        )

    @_claim_action(s.UnassignRequestSerializer, "Take a reviewer off the claim")
    @action(detail=True, methods=["post"])
    def unassign(self, request: Request, pk: str) -> Response:
        return self._act(
            s.UnassignRequestSerializer,
            lambda claim, version, data: services.claim_unassign(
                claim=claim,
                by=signed_in(request.user),
                version=version,
                reviewer=_users([data["reviewer"]], "reviewer")[0],
            ),
        )

    @_claim_action(s.DismissRequestSerializer, "Dismiss the claim with a reason")
    @action(detail=True, methods=["post"])
    def dismiss(self, request: Request, pk: str) -> Response:
        return self._act(
            s.DismissRequestSerializer,
            lambda claim, version, data: services.claim_dismiss(
                claim=claim, by=signed_in(request.user), version=version, reason=data["reason"]
            ),
        )

    @_claim_action(s.EmptyRequestSerializer, "Bring a dismissed claim back")
    @action(detail=True, methods=["post"])
    def restore(self, request: Request, pk: str) -> Response:
        return self._act(
            s.EmptyRequestSerializer,
            lambda claim, version, data: services.claim_restore(
                claim=claim, by=signed_in(request.user), version=version
            ),
        )

    @_claim_action(
        s.AdjudicateRequestSerializer, "Record the final verdict (a correction once published)"
    )
    @action(detail=True, methods=["post"])
    def adjudicate(self, request: Request, pk: str) -> Response:
        return self._act(
            s.AdjudicateRequestSerializer,
            lambda claim, version, data: services.claim_decide(
                claim=claim,
                by=signed_in(request.user),
                version=version,
                verdict=data["verdict"],
                note=data["note"],
                correction_note=data["correction_note"],
            ),
        )

    @_claim_action(s.EmptyRequestSerializer, "Publish the final verdict")
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str) -> Response:
        return self._act(
            s.EmptyRequestSerializer,
            lambda claim, version, data: services.claim_publish(
                claim=claim, by=signed_in(request.user), version=version
            ),
        )

    @_claim_action(s.UnpublishRequestSerializer, "Withdraw a published fact-check")
    @action(detail=True, methods=["post"])
    def unpublish(self, request: Request, pk: str) -> Response:
        return self._act(
            s.UnpublishRequestSerializer,
            lambda claim, version, data: services.claim_unpublish(
                claim=claim, by=signed_in(request.user), version=version, reason=data["reason"]
            ),
        )
