"""The desk's workflow through the API: the same services, roles and version checks as the UI."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from annotate.models import Review
from claims.models import ClaimStatus
from tests.factories import api_token_for, client_for, fresh, span_of

pytestmark = pytest.mark.django_db


def etag(client: APIClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response["ETag"]


def post(client: APIClient, url: str, body: dict | None = None, tag: str | None = None):
    headers = {"HTTP_IF_MATCH": tag} if tag else {}
    return client.post(url, body or {}, format="json", **headers)


def test_a_claim_goes_from_marked_to_published_through_the_api(
    article, annotator, annotator2, editor, verdict_false, staff
):
    ann, ann2, ed = client_for(annotator), client_for(annotator2), client_for(editor)
    start, end = span_of(article)
    response = post(
        ann,
        "/api/claims/",
        {"article": article.pk, "start": start, "end": end, "claimant": "A minister"},
    )
    assert response.status_code == 201, response.json()
    claim = response.json()
    url = f"/api/claims/{claim['id']}/"
    assert response["Location"].endswith(url)
    assert claim["quote"] == article.body[start:end]
    assert claim["status"] == ClaimStatus.IN_REVIEW and claim["reviewers"] == [annotator.pk]

    response = post(ed, url + "assign/", {"reviewers": [annotator2.pk]}, etag(ed, url))
    assert response.status_code == 200, response.json()
    assert response.json()["reviewers"] == [annotator.pk, annotator2.pk]

    for client in (ann, ann2):
        created = post(
            client, url + "reviews/", {"verdict": verdict_false.pk, "rationale": "Wrong figure."}
        )
        assert created.status_code == 201, created.json()
        review_url = f"/api/reviews/{created.json()['id']}/"
        submitted = post(client, review_url + "submit/", {}, created["ETag"])
        assert submitted.status_code == 200, submitted.json()
        assert submitted.json()["status"] == "submitted"
    assert ed.get(url).json()["status"] == ClaimStatus.REVIEWED

    decided = post(
        ed, url + "adjudicate/", {"verdict": verdict_false.pk, "note": "Agreed."}, etag(ed, url)
    )
    assert decided.status_code == 200, decided.json()
    assert decided.json()["final_verdict"]["name"] == "False"
    published = post(ed, url + "publish/", {}, decided["ETag"])
    assert published.status_code == 200, published.json()
    assert published.json()["status"] == ClaimStatus.PUBLISHED
    assert published.json()["public_url"].endswith(f"/fact-checks/{claim['id']}/")
    assert client_for(None).get(f"/fact-checks/{claim['id']}/").status_code == 200


def test_token_auth_works_as_well_as_the_session(marked, annotator):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + api_token_for(annotator))
    assert client.get(f"/api/claims/{marked.pk}/").status_code == 200
    assert client.get("/api/me/").json()["username"] == annotator.username


def test_an_update_without_if_match_is_refused_with_428(marked, as_editor):
    response = post(as_editor, f"/api/claims/{marked.pk}/dismiss/", {"reason": "Opinion."})
    assert response.status_code == 428
    assert response.json()["code"] == "precondition_required"
    assert "If-Match" in response.json()["detail"]
    assert fresh(marked).status == ClaimStatus.IN_REVIEW
    star = post(as_editor, f"/api/claims/{marked.pk}/dismiss/", {"reason": "x"}, "*")
    assert star.status_code == 428


def test_a_stale_etag_is_refused_with_412_and_nothing_is_written(marked, editor, annotator2):
    first, second = client_for(editor), client_for(editor)
    url = f"/api/claims/{marked.pk}/"
    tag = etag(first, url)
    assert post(first, url + "assign/", {"reviewers": [annotator2.pk]}, tag).status_code == 200
    stale = post(second, url + "dismiss/", {"reason": "Duplicate."}, tag)
    assert stale.status_code == 412
    body = stale.json()
    assert body["code"] == "precondition_failed" and "If-Match" in body["errors"]
    assert "version" in body["detail"]
    assert fresh(marked).status != ClaimStatus.DISMISSED


def test_an_etag_of_another_object_is_412(marked, reviewed, as_editor, article):
    other = post(as_editor, f"/api/claims/{marked.pk}/dismiss/", {"reason": "x"}, '"review-1-v1"')
    assert other.status_code == 412
    weak = post(
        as_editor,
        f"/api/claims/{marked.pk}/dismiss/",
        {"reason": "x"},
        "W/" + etag(as_editor, f"/api/claims/{marked.pk}/"),
    )
    assert weak.status_code == 412


def test_a_matching_if_none_match_answers_304(marked, as_annotator):
    url = f"/api/claims/{marked.pk}/"
    response = as_annotator.get(url, HTTP_IF_NONE_MATCH=etag(as_annotator, url))
    assert response.status_code == 304


def test_an_annotator_cannot_publish_and_gets_the_services_message(decided, as_annotator):
    url = f"/api/claims/{decided.pk}/"
    response = post(as_annotator, url + "publish/", {}, etag(as_annotator, url))
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Only editors can publish fact-checks.",
        "code": "forbidden",
    }


def test_a_service_refusal_is_a_400_naming_the_field(marked, as_editor, verdict_false):
    url = f"/api/claims/{marked.pk}/"
    response = post(
        as_editor, url + "adjudicate/", {"verdict": verdict_false.pk}, etag(as_editor, url)
    )
    assert response.status_code == 400
    assert response.json()["code"] == "no_reviews"
    unknown = post(as_editor, url + "adjudicate/", {"verdict": 999}, etag(as_editor, url))
    assert unknown.status_code == 400
    assert unknown.json()["errors"] == {"verdict": [unknown.json()["detail"]]}


def test_the_claimant_is_changed_by_patch_with_if_match(marked, as_annotator):
    url = f"/api/claims/{marked.pk}/"
    response = as_annotator.patch(
        url, {"claimant": "The minister"}, format="json", HTTP_IF_MATCH=etag(as_annotator, url)
    )
    assert response.status_code == 200, response.json()
    assert response.json()["claimant"] == "The minister"
    assert response["ETag"] == f'"claim-{marked.pk}-v{fresh(marked).version}"'
    assert as_annotator.patch(url, {"claimant": "x"}, format="json").status_code == 428


def test_a_reviewer_sees_no_final_verdict_while_still_writing(
    decided, annotator2, editor, verdict_true
):
    from annotate.models import Assignment

    url = f"/api/claims/{decided.pk}/"
    assert client_for(editor).get(url).json()["final_verdict"]["name"] == "False"
    # The decision exists; a reviewer assigned now, who has submitted nothing, is blind.

    Assignment.objects.create(claim=decided, reviewer=annotator2)
    assert client_for(annotator2).get(url).json()["final_verdict"] is None


def test_blind_review_holds_for_the_review_endpoints(
    marked, annotator, annotator2, editor, verdict_false
):
    from annotate import services

    services.claim_assign(
        claim=marked, reviewers=[annotator2], by=editor, version=fresh(marked).version
    )
    ann, ann2 = client_for(annotator), client_for(annotator2)
    mine = post(ann, f"/api/claims/{marked.pk}/reviews/", {"rationale": "Draft"})
    assert mine.status_code == 201
    draft_url = f"/api/reviews/{mine.json()['id']}/"
    assert ann2.get(draft_url).status_code == 404
    assert ann2.get(f"/api/claims/{marked.pk}/reviews/").json() == []
    submitted = post(ann, draft_url + "submit/", {"verdict": verdict_false.pk}, mine["ETag"])
    assert submitted.status_code == 200, submitted.json()
    assert ann2.get(draft_url).status_code == 404
    assert client_for(editor).get(draft_url).status_code == 200
    theirs = post(
        ann2,
        f"/api/claims/{marked.pk}/reviews/",
        {"verdict": verdict_false.pk, "rationale": "Same."},
    )
    post(ann2, f"/api/reviews/{theirs.json()['id']}/submit/", {}, theirs["ETag"])
    assert ann2.get(draft_url).status_code == 200
    assert (
        ann2.patch(
            draft_url, {"rationale": "mine now"}, format="json", HTTP_IF_MATCH=etag(ann2, draft_url)
        ).status_code
        == 403
    )


def test_a_second_review_of_the_same_claim_is_a_409(marked, as_annotator):
    assert post(as_annotator, f"/api/claims/{marked.pk}/reviews/", {}).status_code == 201
    again = post(as_annotator, f"/api/claims/{marked.pk}/reviews/", {})
    assert again.status_code == 409
    assert Review.objects.filter(claim=marked).count() == 1


def test_sources_are_added_changed_and_removed_with_if_match(marked, as_annotator, as_annotator2):
    created = post(
        as_annotator,
        "/api/sources/",
        {
            "claim": marked.pk,
            "url": "https://example.org/un",
            "title": "UN report",
            "stance": "refutes",
        },
    )
    assert created.status_code == 201, created.json()
    url = f"/api/sources/{created.json()['id']}/"
    tag = created["ETag"]
    changed = as_annotator.patch(url, {"title": "OHCHR report"}, format="json", HTTP_IF_MATCH=tag)
    assert changed.status_code == 200, changed.json()
    assert changed.json()["title"] == "OHCHR report"
    assert changed.json()["url"] == "https://example.org/un"
    assert (
        as_annotator.patch(url, {"title": "x"}, format="json", HTTP_IF_MATCH=tag).status_code == 412
    )
    assert as_annotator2.delete(url, HTTP_IF_MATCH=changed["ETag"]).status_code == 404
    assert as_annotator.delete(url).status_code == 428
    assert as_annotator.delete(url, HTTP_IF_MATCH=changed["ETag"]).status_code == 204
    bad = post(as_annotator, "/api/sources/", {"claim": marked.pk, "url": "javascript:alert(1)"})
    assert bad.status_code == 400 and bad.json()["errors"]["url"]


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"article": "1", "start": 0, "end": 4}, "article"),
        ({"article": 1, "start": True, "end": 4}, "start"),
        ({"article": 1, "start": 0, "end": 4, "colour": "red"}, "colour"),
        ({"article": 1, "start": 0}, "end"),
        ({"article": 1, "start": 0, "end": 4, "claimant": 7}, "claimant"),
    ],
)
def test_bad_input_is_a_400_saying_where(article, as_annotator, body, where):
    response = as_annotator.post("/api/claims/", body, format="json")
    assert response.status_code == 400
    assert where in response.json()["errors"]
    assert where in response.json()["detail"]


def test_malformed_json_oversized_bodies_and_other_types_are_refused(
    article, as_annotator, settings
):
    broken = as_annotator.post("/api/claims/", '{"article": 1,', content_type="application/json")
    assert broken.status_code == 400 and "JSON parse error" in broken.json()["detail"]
    listed = as_annotator.post("/api/claims/", "[1, 2]", content_type="application/json")
    assert listed.status_code == 400
    settings.CLAIMDESK_API_MAX_BODY_BYTES = 100
    large = as_annotator.post(
        "/api/claims/",
        json.dumps({"claimant": "x" * 200, "article": 1}),
        content_type="application/json",
    )
    assert large.status_code == 413 and large.json()["code"] == "too_large"
    form = as_annotator.post("/api/claims/", {"article": 1})
    assert form.status_code == 415


@pytest.mark.parametrize(
    "query",
    [
        {"status": "bogus"},
        {"status": ""},
        {"min_score": ""},
        {"min_score": "high"},
        {"created_after": "yesterday"},
        {"cursor": "garbage"},
        {"page_size": "0"},
    ],
)
def test_invalid_filters_and_cursors_are_400(marked, as_annotator, query):
    response = as_annotator.get("/api/claims/", query)
    assert response.status_code == 400
    assert set(query) & set(response.json()["errors"])


def test_the_claim_list_filters(reviewed, published, as_editor, annotator, verdict_false):
    def ids(**query):
        return {c["id"] for c in as_editor.get("/api/claims/", query).json()["results"]}

    assert ids(status="published") == {published.pk}
    assert ids(verdict=verdict_false.pk) == {published.pk}
    assert ids(reviewer=annotator.pk) == {published.pk}
    assert ids(assignee=annotator.pk) == {published.pk}
    assert published.pk in ids(q="13,000")
    assert ids(q="13,000", origin="manual") == {published.pk}
    assert ids(min_score=2) == set()
    assert published.pk in ids(published_after="2000-01-01T00:00:00Z")


def test_the_claim_list_costs_a_fixed_number_of_queries(
    article, as_editor, django_assert_max_num_queries
):
    assert as_editor.get("/api/claims/").status_code == 200
    with django_assert_max_num_queries(6):
        response = as_editor.get("/api/claims/")
    assert len(response.json()["results"]) == article.claim_count


def test_date_times_are_compared_in_utc_whatever_their_offset(published, as_editor):
    # PostgreSQL refuses an offset of +16:00, which ISO 8601 allows.
    response = as_editor.get("/api/claims/", {"created_after": "2000-01-01T00:00:00+16:00"})
    assert response.status_code == 200 and response.json()["results"]
    overflow = as_editor.get("/api/claims/", {"created_before": "9999-12-31T23:59:59-10:00"})
    assert overflow.status_code == 400
    assert overflow.json()["errors"] == {"created_before": ["Out of range once converted to UTC."]}
