"""Input and output shapes of the desk's resources; explicit fields, strict input types."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from annotate.models import Confidence, Review, Source, Stance, Verdict
from claimdesk.api.serializers import StrictCharField, StrictIntegerField, StrictSerializer
from claims.models import Claim, ClaimStatus

# --- strict input ---------------------------------------------------------------------------


class EmptyRequestSerializer(StrictSerializer):
    """No body, or an empty JSON object."""


class ClaimMarkRequestSerializer(StrictSerializer):
    article = StrictIntegerField(min_value=1)
    start = StrictIntegerField(min_value=0, help_text="Code-point offset into the article body.")
    end = StrictIntegerField(min_value=1, help_text="Code-point offset, exclusive.")
    claimant = StrictCharField(max_length=300, required=False, allow_blank=True, default="")


class ClaimUpdateRequestSerializer(StrictSerializer):
    claimant = StrictCharField(max_length=300, allow_blank=True)


class AssignRequestSerializer(StrictSerializer):
    reviewers = serializers.ListField(
        child=StrictIntegerField(min_value=1), min_length=1, max_length=50, help_text="User ids."
    )


class UnassignRequestSerializer(StrictSerializer):
    reviewer = StrictIntegerField(min_value=1, help_text="User id.")


class DismissRequestSerializer(StrictSerializer):
    reason = StrictCharField(max_length=1000)


class UnpublishRequestSerializer(StrictSerializer):
    reason = StrictCharField(max_length=1000, required=False, allow_blank=True, default="")


class AdjudicateRequestSerializer(StrictSerializer):
    verdict = StrictIntegerField(min_value=1, help_text="Id of a verdict on the rating scale.")
    note = StrictCharField(
        max_length=5000, required=False, allow_blank=True, default="", trim_whitespace=False
    )
    correction_note = StrictCharField(
        max_length=5000,
        required=False,
        allow_blank=True,
        default="",
        trim_whitespace=False,
        help_text="Required when the current verdict has been published.",
    )


class ReviewWriteRequestSerializer(StrictSerializer):
    verdict = StrictIntegerField(min_value=1, required=False, allow_null=True)
    rationale = StrictCharField(
        max_length=10_000, required=False, allow_blank=True, trim_whitespace=False
    )
    confidence = serializers.ChoiceField(choices=[*Confidence.values, ""], required=False)


class SourceWriteRequestSerializer(StrictSerializer):
    url = StrictCharField(max_length=2000, help_text="An http or https address.")
    title = StrictCharField(max_length=300, required=False, allow_blank=True, default="")
    publisher = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    excerpt = StrictCharField(max_length=5000, required=False, allow_blank=True, default="")
    stance = serializers.ChoiceField(choices=Stance.choices, required=False, default=Stance.CONTEXT)
    accessed_at = serializers.DateField(required=False, allow_null=True, default=None)


class SourceCreateRequestSerializer(SourceWriteRequestSerializer):
    claim = StrictIntegerField(min_value=1, help_text="The claim whose review (yours) it joins.")


# --- output ---------------------------------------------------------------------------------


class VerdictSerializer(serializers.ModelSerializer):
    class Meta:
        model = Verdict
        fields = ["id", "name", "position", "rating_value", "colour", "description", "is_active"]
        read_only_fields = fields


class VerdictBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Verdict
        fields = ["id", "name", "rating_value"]
        read_only_fields = fields


class ClaimSerializer(serializers.ModelSerializer):
    api_url = serializers.SerializerMethodField()
    public_url = serializers.SerializerMethodField()
    reviewers = serializers.SerializerMethodField()
    final_verdict = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = [
            "id",
            "api_url",
            "public_url",
            "article",
            "sentence",
            "start",
            "end",
            "quote",
            "origin",
            "claimant",
            "status",
            "score",
            "reasons",
            "spans",
            "detector_version",
            "assignee",
            "reviewers",
            "final_verdict",
            "dismiss_reason",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_api_url(self, obj: Claim) -> str:
        return self._absolute(reverse("annotate-api:claim-detail", args=[obj.pk]))

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_public_url(self, obj: Claim) -> str | None:
        if obj.status != ClaimStatus.PUBLISHED:
            return None
        return self._absolute(reverse("publishing:fact-check", args=[obj.pk]))

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_reviewers(self, obj: Claim) -> list[int]:
        return [a.reviewer_id for a in obj.assignments.all()]

    @extend_schema_field(VerdictBriefSerializer(allow_null=True))
    def get_final_verdict(self, obj: Claim) -> dict[str, Any] | None:
        """Hidden from a reviewer still writing their review (blind review)."""
        # Annotations of annotate.selectors.api_claims, which the model does not declare.
        verdict_id = getattr(obj, "final_verdict_id", None)
        if verdict_id is None or getattr(obj, "blind", False):
            return None
        return {
            "id": verdict_id,
            "name": getattr(obj, "final_verdict_name", None),
            "rating_value": getattr(obj, "final_verdict_rating", None),
        }


class SourceSerializer(serializers.ModelSerializer):
    claim = serializers.IntegerField(source="review.claim_id", read_only=True)

    class Meta:
        model = Source
        fields = [
            "id",
            "review",
            "claim",
            "url",
            "title",
            "publisher",
            "excerpt",
            "stance",
            "accessed_at",
            "created_at",
        ]
        read_only_fields = fields


class ReviewSerializer(serializers.ModelSerializer):
    reviewer_name = serializers.CharField(source="reviewer.get_username", read_only=True)
    verdict_name = serializers.CharField(
        source="verdict.name", read_only=True, default=None, allow_null=True
    )
    sources = SourceSerializer(many=True, read_only=True)
    confidence = serializers.CharField(
        read_only=True, help_text="low, medium or high; empty when not given."
    )

    class Meta:
        model = Review
        fields = [
            "id",
            "claim",
            "reviewer",
            "reviewer_name",
            "verdict",
            "verdict_name",
            "rationale",
            "confidence",
            "status",
            "version",
            "sources",
            "created_at",
            "updated_at",
            "submitted_at",
        ]
        read_only_fields = fields


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    is_staff = serializers.BooleanField()
    roles = serializers.ListField(child=serializers.CharField())
    can = serializers.DictField(
        child=serializers.BooleanField(), help_text="What the desk lets this user do, by action."
    )
