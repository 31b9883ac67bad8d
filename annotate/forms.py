"""Parsing of the desk's form posts.  Rules live in the services; these only read input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from annotate.models import Confidence, Stance
from claimdesk.types import User as Account
from claims.models import Claim

User = get_user_model()


class ChoiceIdsField(forms.ModelMultipleChoiceField):
    """Ids to pick from a queryset; one too long for any database integer is refused first.

    Django's own check ends in a ``pk__in`` query, which overflows on such a value
    (SQLite raised OverflowError, a 500) instead of reporting an invalid choice.
    """

    def clean(self, value: Any) -> Any:
        for pk in value if isinstance(value, list | tuple) else []:
            digits = str(pk).strip().removeprefix("-")
            if digits.isdigit() and (len(digits) > 19 or int(digits) >= 2**63):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(pk)[:40]},
                )
        return super().clean(value)


class VersionedForm(forms.Form):
    version = forms.IntegerField(required=False, min_value=0)


class MarkForm(forms.Form):
    """Offsets from a selection, or the exact words (the keyboard-only way)."""

    start = forms.IntegerField(required=False)
    end = forms.IntegerField(required=False)
    quote = forms.CharField(required=False, strip=False, max_length=4000)
    claimant = forms.CharField(required=False, strip=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("quote") and (data.get("start") is None or data.get("end") is None):
            raise forms.ValidationError("Select the words of the claim first.")
        return data


class ReviewForm(VersionedForm):
    verdict = forms.CharField(required=False)
    rationale = forms.CharField(required=False, strip=False, widget=forms.Textarea)
    confidence = forms.ChoiceField(required=False, choices=[("", "—"), *Confidence.choices])


class SourceForm(forms.Form):
    url = forms.CharField(label="URL", max_length=4000)
    title = forms.CharField(required=False)
    publisher = forms.CharField(required=False)
    excerpt = forms.CharField(required=False, widget=forms.Textarea)
    stance = forms.ChoiceField(choices=Stance.choices, initial=Stance.CONTEXT)
    accessed_at = forms.DateField(required=False, label="Accessed on")


class ReasonForm(VersionedForm):
    reason = forms.CharField(required=False)


class ClaimantForm(VersionedForm):
    claimant = forms.CharField(required=False)


class AssignForm(VersionedForm):
    reviewers = ChoiceIdsField(queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, reviewers: QuerySet[Account], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "reviewers", reviewers)


class UnassignForm(VersionedForm):
    reviewer = forms.IntegerField()


class DecisionForm(VersionedForm):
    verdict = forms.CharField(required=False)
    note = forms.CharField(required=False, widget=forms.Textarea)
    correction_note = forms.CharField(required=False, widget=forms.Textarea)


def first_error(form: forms.Form) -> str:
    """One readable sentence for a form that did not parse."""
    for field, errors in form.errors.items():
        label = form.fields[field].label or field.replace("_", " ") if field in form.fields else ""
        # Only the first letter: capitalize() would turn "URL" into "Url".
        return f"{label[:1].upper()}{label[1:]}: {errors[0]}" if label else str(errors[0])
    return "The form could not be read."


class VerdictForm(forms.Form):
    verdict = forms.IntegerField(required=False)
    name = forms.CharField(max_length=200)
    rating_value = forms.IntegerField(required=False)
    colour = forms.CharField(max_length=20)
    description = forms.CharField(required=False, max_length=1000)
    is_active = forms.BooleanField(required=False)


class BulkForm(forms.Form):
    action = forms.ChoiceField(choices=[("assign", "Assign"), ("dismiss", "Dismiss")])
    claims = ChoiceIdsField(queryset=Claim.objects.none(), required=False)
    reviewers = ChoiceIdsField(queryset=User.objects.none(), required=False)
    reason = forms.CharField(required=False)

    def __init__(
        self, *args: Any, claims: QuerySet[Claim], reviewers: QuerySet[Account], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "claims", claims)
        _choices(self, "reviewers", reviewers)


def _choices(form: forms.Form, name: str, queryset: QuerySet[Any]) -> None:
    """Scope a choice field to what the user may pick (querysets come from selectors)."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelMultipleChoiceField)
    field.queryset = queryset
