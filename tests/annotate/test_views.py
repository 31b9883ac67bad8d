"""The desk's pages and actions, for each role, including every refusal."""

from __future__ import annotations

import pytest
from django.urls import reverse

from annotate.models import Decision, Review, Source
from claims.models import Claim, ClaimStatus
from tests.factories import PHRASE, fresh, span_of, submit

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def desk_url(article, claim=None):
    url = reverse("annotate:article", args=[article.pk])
    return f"{url}?claim={claim.pk}" if claim else url


def test_anonymous_users_are_sent_to_log_in(client, article, marked):
    before = Claim.objects.count()
    for url in [
        desk_url(article),
        reverse("annotate:claim", args=[marked.pk]),
        reverse("annotate:pane", args=[marked.pk]),
        reverse("annotate:claim-list"),
        reverse("annotate:adjudicate", args=[marked.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(reverse("annotate:mark", args=[article.pk]), {"start": 0, "end": 5})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Claim.objects.count() == before == fresh(article).claim_count


def test_a_user_without_a_role_is_refused(client, article, marked, outsider):
    client.force_login(outsider)
    assert client.get(desk_url(article)).status_code == 403
    assert client.get(reverse("annotate:claim", args=[marked.pk])).status_code == 403
    assert (
        client.post(reverse("annotate:mark", args=[article.pk]), {"start": 0, "end": 5}).status_code
        == 403
    )


def test_the_article_url_serves_the_desk(client, article, annotator):
    client.force_login(annotator)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200 and 'id="desk-body"' in response.content.decode()
    assert client.get(reverse("annotate:article", args=[99999])).status_code == 404


def test_the_article_page_shows_text_claims_legend_and_the_chosen_claim(
    client, article, annotator, marked
):
    client.force_login(annotator)
    response = client.get(desk_url(article, marked))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="desk-body"' in html and "Legend" in html and "Mostly false" in html
    assert f'id="claim-item-{marked.pk}"' in html and 'id="claim-pane"' in html
    assert html.count('class="ci ') == Claim.objects.filter(article=article).count()
    assert 'id="review-form"' in html


def test_the_rendered_body_is_exactly_the_article_text(client, article, annotator, marked):
    import re
    from html import unescape

    client.force_login(annotator)
    html = client.get(desk_url(article)).content.decode()
    inner = html.split('id="desk-body"', 1)[1].split(">", 1)[1].split("</article>", 1)[0]
    assert unescape(re.sub(r"<[^>]+>", "", inner)) == article.body


def test_marking_through_the_form_and_through_htmx(client, article, annotator):
    client.force_login(annotator)
    start, end = span_of(article)
    url = reverse("annotate:mark", args=[article.pk])
    response = client.post(url, {"start": start, "end": end}, **HX)
    claim = Claim.objects.get(quote=PHRASE)
    assert response.status_code == 204
    assert response["HX-Redirect"] == desk_url(article, claim)
    response = client.post(url, {"quote": "EU leaders this week urged Moscow"})
    assert response.status_code == 302
    assert Claim.objects.filter(quote="EU leaders this week urged Moscow").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"start": 10, "end": 10}, "empty or reversed"),
        ({"start": 50, "end": 10}, "empty or reversed"),
        ({"start": 0, "end": 10**7}, "outside the article"),
        ({"start": "x", "end": 4}, "whole number"),
        ({}, "Select the words"),
        ({"quote": "words that are not there"}, "do not occur"),
        ({"quote": "the"}, "more than once"),
    ],
)
def test_bad_marks_get_a_clear_message_and_change_nothing(
    client, article, annotator, data, message
):
    client.force_login(annotator)
    before = Claim.objects.count()
    response = client.post(reverse("annotate:mark", args=[article.pk]), data, **HX)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Claim.objects.count() == before


def test_autosave_returns_the_new_version_and_submit_renders_the_pane(
    client, marked, annotator, verdict_false
):
    client.force_login(annotator)
    save = reverse("annotate:review-save", args=[marked.pk])
    response = client.post(save, {"version": 0, "rationale": "draft", "verdict": ""}, **HX)
    assert response.status_code == 200
    review = Review.objects.get(claim=marked, reviewer=annotator)
    assert f'value="{review.version}"' in response.content.decode()
    assert "Draft saved" in response.content.decode()
    response = client.post(
        reverse("annotate:review-submit", args=[marked.pk]),
        {
            "version": review.version,
            "verdict": verdict_false.pk,
            "rationale": "UN data",
            "confidence": "high",
        },
        **HX,
    )
    assert response.status_code == 200 and "Review submitted." in response.content.decode()
    assert fresh(review).status == "submitted" and fresh(marked).status == ClaimStatus.REVIEWED


def test_a_stale_autosave_is_refused_with_409_and_says_what_changed(
    client, marked, annotator, verdict_false
):
    client.force_login(annotator)
    save = reverse("annotate:review-save", args=[marked.pk])
    client.post(save, {"version": 0, "rationale": "first"}, **HX)
    client.post(save, {"version": 2, "rationale": "second", "verdict": verdict_false.pk}, **HX)
    response = client.post(save, {"version": 2, "rationale": "from the old tab"}, **HX)
    assert response.status_code == 409
    text = response.content.decode()
    assert "verdict (empty) → False" in text and "Nothing was saved" in text
    assert Review.objects.get().rationale == "second"


def test_submit_without_rationale_and_with_an_unknown_verdict(
    client, marked, annotator, verdict_false
):
    client.force_login(annotator)
    url = reverse("annotate:review-submit", args=[marked.pk])
    response = client.post(url, {"version": 0, "verdict": verdict_false.pk, "rationale": " "}, **HX)
    assert response.status_code == 400 and "Write a rationale" in response.content.decode()
    response = client.post(url, {"version": 0, "verdict": "777", "rationale": "x"}, **HX)
    assert response.status_code == 400 and "Unknown verdict" in response.content.decode()
    response = client.post(
        url, {"version": 0, "verdict": verdict_false.pk, "rationale": "x" * 10_001}, **HX
    )
    assert response.status_code == 400 and "limit is 10,000" in response.content.decode()
    assert not Review.objects.exists()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4="])
def test_dangerous_source_urls_are_refused(client, marked, annotator, url):
    client.force_login(annotator)
    response = client.post(
        reverse("annotate:source-add", args=[marked.pk]), {"url": url, "stance": "supports"}, **HX
    )
    assert response.status_code == 400
    assert "Only http and https" in response.content.decode()
    assert not Source.objects.exists()


def test_adding_and_removing_a_source(client, marked, annotator):
    client.force_login(annotator)
    response = client.post(
        reverse("annotate:source-add", args=[marked.pk]),
        {
            "url": "https://example.org/r",
            "title": "Report <b>x</b>",
            "stance": "refutes",
            "accessed_at": "2024-02-01",
        },
        **HX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Report &lt;b&gt;x&lt;/b&gt;" in html and 'id="review-version"' in html
    source = Source.objects.get()
    response = client.post(reverse("annotate:source-remove", args=[marked.pk, source.pk]), **HX)
    assert response.status_code == 200 and not Source.objects.exists()


def test_an_annotator_cannot_publish_dismiss_assign_or_adjudicate(
    client, decided, annotator, annotator2, verdict_true
):
    client.force_login(annotator)
    version = decided.version
    for name, data in [
        ("publish", {}),
        ("dismiss", {"reason": "x"}),
        ("assign", {"reviewers": [annotator2.pk]}),
    ]:
        response = client.post(
            reverse(f"annotate:{name}", args=[decided.pk]), {"version": version, **data}, **HX
        )
        assert response.status_code == 403, name
    assert client.get(reverse("annotate:adjudicate", args=[decided.pk])).status_code == 403
    response = client.post(
        reverse("annotate:adjudicate", args=[decided.pk]),
        {"version": version, "verdict": verdict_true.pk},
    )
    assert response.status_code == 403
    assert fresh(decided).status == ClaimStatus.REVIEWED and fresh(decided).version == version


def test_a_reviewer_cannot_read_another_reviewers_blind_review(
    client, marked, editor, annotator, annotator2, verdict_false
):
    from annotate import services

    services.claim_assign(
        claim=marked, reviewers=[annotator2], by=editor, version=fresh(marked).version
    )
    submit(marked, annotator, verdict_false, "SECRET-RATIONALE-ONE")
    client.force_login(annotator2)
    for url in [
        reverse("annotate:pane", args=[marked.pk]),
        reverse("annotate:claim", args=[marked.pk]),
        reverse("annotate:history", args=[marked.pk]),
        desk_url(marked.article, marked),
    ]:
        html = client.get(url).content.decode()
        assert "SECRET-RATIONALE-ONE" not in html, url
    assert (
        "1 other review stay hidden"
        in client.get(reverse("annotate:pane", args=[marked.pk])).content.decode()
    )
    submit(marked, annotator2, verdict_false, "mine")
    assert (
        "SECRET-RATIONALE-ONE"
        in client.get(reverse("annotate:pane", args=[marked.pk])).content.decode()
    )


def test_editor_assigns_adjudicates_and_publishes(
    client, reviewed, editor, annotator2, verdict_false
):
    client.force_login(editor)
    response = client.post(
        reverse("annotate:assign", args=[reviewed.pk]),
        {"version": reviewed.version, "reviewers": [annotator2.pk]},
        **HX,
    )
    assert response.status_code == 200 and "ann2" in response.content.decode()
    claim = fresh(reviewed)
    response = client.post(
        reverse("annotate:unassign", args=[claim.pk]),
        {"version": claim.version, "reviewer": annotator2.pk},
        **HX,
    )
    assert response.status_code == 200
    claim = fresh(claim)
    page = client.get(reverse("annotate:adjudicate", args=[claim.pk]))
    assert page.status_code == 200 and "The UN figure is 14,000" in page.content.decode()
    response = client.post(
        reverse("annotate:adjudicate", args=[claim.pk]),
        {"version": claim.version, "verdict": verdict_false.pk, "note": "Figures are outdated."},
    )
    assert response.status_code == 302
    claim = fresh(claim)
    response = client.post(
        reverse("annotate:publish", args=[claim.pk]), {"version": claim.version}, **HX
    )
    assert response.status_code == 200 and fresh(claim).status == ClaimStatus.PUBLISHED
    history = client.get(reverse("annotate:claim", args=[claim.pk])).content.decode()
    assert "published" in history and "Final verdict created" in history


def test_adjudicating_with_a_stale_version_says_so(client, reviewed, editor, verdict_false):
    client.force_login(editor)
    response = client.post(
        reverse("annotate:adjudicate", args=[reviewed.pk]),
        {"version": reviewed.version - 1, "verdict": verdict_false.pk},
    )
    assert response.status_code == 409
    assert "after you opened it" in response.content.decode()
    assert not Decision.objects.exists()


def test_dismiss_and_restore_from_the_pane(client, article, editor):
    claim = article.claims.order_by("start").first()
    client.force_login(editor)
    response = client.post(
        reverse("annotate:dismiss", args=[claim.pk]),
        {"version": claim.version, "reason": "Not check-worthy"},
        **HX,
    )
    assert response.status_code == 200 and fresh(claim).status == ClaimStatus.DISMISSED
    response = client.post(
        reverse("annotate:restore", args=[claim.pk]), {"version": fresh(claim).version}
    )
    assert response.status_code == 302 and fresh(claim).status == ClaimStatus.NEW


def test_accept_from_the_pane_without_javascript(client, article, annotator):
    claim = article.claims.order_by("start").first()
    client.force_login(annotator)
    response = client.post(reverse("annotate:accept", args=[claim.pk]), {"version": claim.version})
    assert response.status_code == 302
    assert fresh(claim).status == ClaimStatus.IN_REVIEW and fresh(claim).assignee == annotator


def test_the_claim_list_filters(client, article, marked, annotator):
    client.force_login(annotator)
    url = reverse("annotate:claim-list")
    mine = client.get(url, {"mine": "1"}).content.decode()
    assert PHRASE in mine and mine.count("<tr>") == 2
    suggestions = client.get(url, {"suggestions": "1"}).content.decode()
    assert PHRASE not in suggestions
    assert client.get(url, {"status": "bogus"}).status_code == 200
