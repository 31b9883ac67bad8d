"""The admin cannot bypass the workflow: even a superuser changes claims through the services.

Every test signs in as a superuser (``staff``) and talks to the real admin through the
test client, so what is checked is what a POST from a browser would do.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.forms.models import model_to_dict
from django.test import Client

from annotate.models import Assignment, Decision, Review, Verdict
from claims.models import Article, Claim, ClaimStatus
from publishing.models import PriorFactCheck, WebhookDelivery, WebhookEndpoint
from publishing.services import webhooks
from tests.factories import fresh

pytestmark = pytest.mark.django_db

OUR_APPS = {"accounts", "annotate", "claims", "dashboard", "publishing"}


@pytest.fixture
def boss(client: Client, staff: Any) -> Client:
    assert staff.is_superuser
    client.force_login(staff)
    return client


def change_url(obj: Any) -> str:
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def snapshot(obj: Any) -> dict[str, Any]:
    fresh(obj)
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


@pytest.fixture
def endpoint(settings: Any, editor: Any) -> WebhookEndpoint:
    settings.CLAIMDESK_WEBHOOK_ALLOW_LOOPBACK = True
    return webhooks.webhook_register(url="http://127.0.0.1:9/hook", events=[], by=editor)


def test_posting_a_changed_status_assignee_or_dismissal_leaves_the_claim_as_it_was(
    boss, published, staff
):
    before, history = snapshot(published), published.history.count()
    assert boss.get(change_url(published)).status_code == 200
    response = boss.post(
        change_url(published),
        {
            "status": ClaimStatus.DISMISSED,
            "dismiss_reason": "Not check-worthy.",
            "assignee": staff.pk,
            "claimant": "Someone else",
            "version": 99,
        },
    )
    assert response.status_code == 403
    assert snapshot(published) == before
    assert published.history.count() == history


def test_posting_a_changed_verdict_leaves_the_decision_and_the_review_as_they_were(
    boss, published, verdict_true, staff
):
    decision = Decision.objects.get(claim=published, is_current=True)
    review = Review.objects.get(claim=published)
    for obj, data in (
        (decision, {"verdict": verdict_true.pk, "is_current": "on", "note": "Changed."}),
        (review, {"verdict": verdict_true.pk, "status": "draft", "reviewer": staff.pk}),
    ):
        before = snapshot(obj)
        assert boss.get(change_url(obj)).status_code == 200
        assert boss.post(change_url(obj), data).status_code == 403
        assert snapshot(obj) == before


def test_assignments_are_neither_changed_added_nor_deleted_there(boss, published, staff):
    assignment = Assignment.objects.get(claim=published)
    before = snapshot(assignment)
    assert boss.post(change_url(assignment), {"reviewer": staff.pk}).status_code == 403
    base = "/admin/annotate/assignment/"
    added = boss.post(base + "add/", {"claim": published.pk, "reviewer": staff.pk})
    deleted = boss.post(f"{base}{assignment.pk}/delete/", {"post": "yes"})
    assert added.status_code == deleted.status_code == 403
    assert snapshot(assignment) == before and Assignment.objects.count() == 1


def test_a_published_claim_cannot_be_deleted_there(boss, published):
    response = boss.post(f"/admin/claims/claim/{published.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert fresh(published).status == ClaimStatus.PUBLISHED
    action = boss.post(
        "/admin/claims/claim/", {"action": "delete_selected", "_selected_action": [published.pk]}
    )
    assert Claim.objects.filter(pk=published.pk).exists(), action.status_code


def form_data(obj: Any) -> dict[str, Any]:
    """What the admin form of ``obj`` posts (a browser submitting it unchanged)."""
    values = model_to_dict(obj)
    return {
        k: "on" if v is True else "" if v is None else v
        for k, v in values.items()
        if v is not False
    }


def test_an_old_version_is_shown_but_not_restored_past_the_services(
    boss, published, verdict_true, endpoint
):
    # django-simple-history's page for an old version saves that version on a POST, even
    # for an admin without change permission: the "read-only" decision had its
    # publication date and verdict written back this way.
    decision = Decision.objects.get(claim=published)
    unpublished = decision.history.get(published_at__isnull=True)
    reviewed = published.history.filter(status=ClaimStatus.REVIEWED).order_by("-history_id")[0]
    for obj, record in ((decision, unpublished), (published, reviewed)):
        url = f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/history/"
        url += f"{record.history_id}/"
        before = snapshot(obj)
        assert boss.get(url).status_code == 200
        data = form_data(record.instance) | {"verdict": verdict_true.pk}
        assert boss.post(url, data).status_code == 403
        assert snapshot(obj) == before
    assert fresh(published).status == ClaimStatus.PUBLISHED
    assert not WebhookDelivery.objects.exists()


def test_an_article_keeps_its_processing_fields_while_its_description_is_edited(boss, article):
    before = snapshot(article)
    response = boss.post(
        change_url(article),
        {
            "title": "A better title",
            "url": "",
            "publisher": "",
            "author": "",
            "language": "en",
            "status": "failed",
            "error": "edited by hand",
            "claim_count": 99,
            "dispatch_pending_since": "2020-01-01 00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    after = snapshot(article)
    assert after["title"] == "A better title"
    for field in ("status", "error", "claim_count", "sentence_count", "dispatch_pending_since"):
        assert after[field] == before[field]
    deleted = boss.post(f"/admin/claims/article/{article.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()
    assert boss.get("/admin/claims/article/add/").status_code == 403


def test_deliveries_are_shown_and_endpoints_keep_their_address(boss, published, endpoint, editor):
    from annotate import services as desk

    desk.claim_unpublish(claim=published, by=editor, version=fresh(published).version)
    delivery = WebhookDelivery.objects.get()
    before = snapshot(delivery)
    assert boss.get(change_url(delivery)).status_code == 200
    assert boss.post(change_url(delivery), {"status": "delivered"}).status_code == 403
    assert snapshot(delivery) == before

    response = boss.post(
        change_url(endpoint),
        {"url": "https://elsewhere.example/", "events": '["claim.published"]', "description": "x"},
    )
    assert response.status_code == 302
    endpoint = fresh(endpoint)
    assert endpoint.url == "http://127.0.0.1:9/hook" and endpoint.events == []
    assert endpoint.description == "x" and not endpoint.is_active
    assert boss.get("/admin/publishing/webhookendpoint/add/").status_code == 403


def verdict_form(verdict: Verdict, **changes: Any) -> dict[str, Any]:
    data = {
        "name": verdict.name,
        "rating_value": verdict.rating_value or "",
        "colour": verdict.colour,
        "description": verdict.description,
        "is_active": "on" if verdict.is_active else "",
    }
    return {**data, **changes}


def test_the_scale_is_edited_through_its_services(boss, verdict_false):
    url = change_url(verdict_false)
    # The model's unique name is case-sensitive; the service's check is not.
    refused = boss.post(url, verdict_form(verdict_false, name="TRUE"))
    assert refused.status_code == 200
    assert "There is already a verdict called “TRUE”" in refused.content.decode()
    assert fresh(verdict_false).name == "False"

    assert boss.post(url, verdict_form(verdict_false, colour="#AA0000")).status_code == 302
    latest = verdict_false.history.order_by("-history_id")[0]
    assert fresh(verdict_false).colour == "#aa0000"  # as the service writes it
    assert latest.history_change_reason == "scale edited"

    last = max(Verdict.objects.values_list("position", flat=True))
    add = boss.post(
        "/admin/annotate/verdict/add/",
        {"name": "Satire", "rating_value": "", "colour": "#123456", "is_active": "on"},
    )
    assert add.status_code == 302
    satire = Verdict.objects.get(name="Satire")
    assert satire.position == last + 1
    assert satire.history.get().history_change_reason == "added to the scale"
    deleted = boss.post(f"/admin/annotate/verdict/{satire.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 403
    assert Verdict.objects.filter(pk=satire.pk).exists()


def test_the_scale_list_saves_through_the_service_and_refuses_a_bad_colour(boss, verdict_false):
    def post(colour: str) -> Any:
        verdicts = list(Verdict.objects.order_by("position"))
        data: dict[str, Any] = {
            "form-TOTAL_FORMS": len(verdicts),
            "form-INITIAL_FORMS": len(verdicts),
            "_save": "Save",
        }
        for i, v in enumerate(verdicts):
            data |= {
                f"form-{i}-id": v.pk,
                f"form-{i}-rating_value": v.rating_value or "",
                f"form-{i}-colour": colour if v.pk == verdict_false.pk else v.colour,
                f"form-{i}-is_active": "on",
            }
        return boss.post("/admin/annotate/verdict/", data)

    assert post("nonsense").status_code == 200
    assert fresh(verdict_false).colour != "nonsense"
    assert post("#ABCDEF").status_code == 302
    assert fresh(verdict_false).colour == "#abcdef"
    latest = verdict_false.history.order_by("-history_id")[0]
    assert latest.history_change_reason == "scale edited"


def test_every_admin_page_of_ours_renders_for_a_superuser(boss, published, endpoint, editor):
    from annotate import services as desk

    desk.claim_unpublish(claim=published, by=editor, version=fresh(published).version)
    models = [m for m in admin.site._registry if m._meta.app_label in OUR_APPS]
    assert {m._meta.label for m in models} >= {"claims.Claim", "annotate.Decision"}
    for model in models:
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        assert boss.get(base).status_code == 200, base
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            assert boss.get(change_url(obj)).status_code == 200, change_url(obj)
            assert boss.get(f"{base}{obj.pk}/history/").status_code == 200, base


def test_prior_fact_checks_are_neither_added_nor_edited_there(boss, editor):
    """They come in through the import, which checks each ClaimReview document."""
    prior = PriorFactCheck.objects.create(
        url="https://checks.example/1",
        claim_reviewed="More than 13,000 people have been killed since 2014.",
        document={"@type": "ClaimReview"},
        imported_by=editor,
    )
    before = snapshot(prior)
    changed = boss.post(change_url(prior), {"url": "javascript:alert(1)", "claim_reviewed": "x"})
    added = boss.post(
        "/admin/publishing/priorfactcheck/add/", {"url": "https://x.example/", "document": "{}"}
    )
    assert changed.status_code == added.status_code == 403
    assert snapshot(prior) == before and PriorFactCheck.objects.count() == 1
    assert boss.get(change_url(prior)).status_code == 200  # shown
