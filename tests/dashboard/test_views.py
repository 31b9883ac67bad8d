"""The dashboard pages: who sees what, the figures on them, filters and empty states."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimStatus
from tests.dashboard.desks import Desk, build_desk, verdict
from tests.factories import ArticleFactory, article_text, assign, submit

pytestmark = pytest.mark.django_db

HOME, MINE, DESK = "/dashboard/", "/dashboard/mine/", "/dashboard/desk/"


def text(response: Any) -> str:
    """The page's visible text, whitespace collapsed (SVG left out)."""
    html = re.sub(r"<svg.*?</svg>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- Access --------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [HOME, MINE, DESK])
def test_anonymous_visitors_are_sent_to_the_login_page(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", [HOME, MINE, DESK])
def test_a_user_without_a_role_is_refused(client: Any, outsider: Any, url: str) -> None:
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_an_annotator_lands_on_their_queue_and_may_not_open_the_overview(
    client: Any, annotator: Any
) -> None:
    client.force_login(annotator)
    home = client.get(HOME)
    assert home.status_code == 200
    assert home.templates[0].name == "dashboard/mine.html"
    assert client.get(DESK).status_code == 403


@pytest.mark.parametrize("role", ["editor", "staff"])
def test_editors_land_on_the_overview_and_can_open_their_queue(
    client: Any, role: str, request: pytest.FixtureRequest
) -> None:
    client.force_login(request.getfixturevalue(role))
    home = client.get(HOME)
    assert home.templates[0].name == "dashboard/desk.html"
    assert client.get(MINE).status_code == 200


def test_logging_in_leads_to_the_dashboard(client: Any, annotator: Any) -> None:
    response = client.post(reverse("login"), {"username": "ann", "password": "pw-ann"})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:home")


def test_the_main_navigation_links_to_the_dashboard(client: Any, annotator: Any) -> None:
    client.force_login(annotator)
    page = client.get(reverse("claims:article-list")).content.decode()
    assert f'href="{reverse("dashboard:home")}"' in page


def test_the_pages_load_nothing_from_another_host(client: Any, desk: Desk, editor: Any) -> None:
    client.force_login(editor)
    for url in (DESK, MINE):
        html = client.get(url).content.decode()
        assert not re.search(r'(src|href)="(https?:)?//', html), url
        assert "/static/css/dashboard.css" in html


# --- Empty database, empty ranges, bad input -----------------------------------------------


def test_an_empty_desk_explains_itself_to_editors(client: Any, editor: Any) -> None:
    client.force_login(editor)
    response = client.get(DESK)
    assert response.status_code == 200
    page = text(response)
    assert "The desk is empty so far" in page
    assert "No final verdict has been recorded" in page
    assert "No claim has two submitted reviews" in page
    assert "No scored sentence has a human decision yet" in page


def test_an_empty_queue_explains_itself_to_reviewers(client: Any, annotator: Any) -> None:
    client.force_login(annotator)
    response = client.get(HOME)
    assert response.status_code == 200
    assert "Nothing is waiting for you" in text(response)
    assert 'id="next-claim"' not in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "date_from=1999-01-01&date_to=1999-01-31",
        "publisher=Nobody%20Publishes%20This",
        "article=999999",
    ],
)
def test_filters_that_match_nothing_show_an_explanatory_empty_state(
    client: Any, desk: Desk, editor: Any, query: str
) -> None:
    client.force_login(editor)
    response = client.get(f"{DESK}?{query}")
    assert response.status_code == 200
    page = text(response)
    if "publisher" in query:  # not a known publisher: refused by the form, said so
        assert "Select a valid choice" in page
    else:
        assert "Nothing matches these filters" in page
        assert "No final verdict has been recorded in this selection" in page


@pytest.mark.parametrize(
    "query",
    [
        "date_from=yesterday",
        "date_to=2026-02-30",
        "article=abc",
        "article=-4",
        "reviewer=x",
        "date_from=2026-03-10&date_to=2026-03-01",
        "date_from=" + "9" * 300,
    ],
)
def test_bad_filter_values_are_explained_not_an_error(
    client: Any, desk: Desk, editor: Any, query: str
) -> None:
    client.force_login(editor)
    response = client.get(f"{DESK}?{query}")
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()


def test_a_reversed_range_says_which_way_round_it_is(client: Any, desk: Desk, editor: Any) -> None:
    client.force_login(editor)
    page = text(client.get(f"{DESK}?date_from=2026-03-10&date_to=2026-03-01"))
    assert "The end date 2026-03-01 is before the start date 2026-03-10" in page


# --- Figures -------------------------------------------------------------------------------


def test_the_overview_shows_backlog_agreement_and_verdicts(
    client: Any, desk: Desk, editor: Any
) -> None:
    client.force_login(editor)
    page = text(client.get(DESK))
    # Two articles: on each one claim agreed (False/False), one disputed (Mostly false/True,
    # decided), one reviewed once, one dismissed.
    assert "4 reviewed, awaiting a final verdict" in page
    assert "2 claims with disagreeing reviews" in page
    # kappa: p_o = 2/4, p_e = (2*2)/16 -> (0.5 - 0.25) / 0.75
    assert re.search(r"ann & ann2 4 50% 0\.333", page.replace("&amp;", "&"))
    # alpha nominal: o_FF = 4, o_MF,T = o_T,MF = 2; 1 - 7 * 4 / (64 - 24) = 0.3
    assert "Krippendorff's alpha, nominal 0.300" in page


def test_each_disagreement_links_to_its_adjudication(client: Any, desk: Desk, editor: Any) -> None:
    client.force_login(editor)
    html = client.get(DESK).content.decode()
    disputed = [c for c in desk.claims if c.reviews.values("verdict").distinct().count() > 1]
    assert len(disputed) == 2
    for claim in disputed:
        assert f'href="{reverse("annotate:adjudicate", args=[claim.pk])}"' in html


def _chart_values(html: str, chart: str) -> list[float]:
    svg = re.search(rf'<svg[^>]*data-chart="{chart}".*?</svg>', html, flags=re.S)
    assert svg, chart
    return [
        float(v)
        for v in re.findall(r'class="(?:bar|segment)"[^>]*data-value="([^"]+)"', svg.group(0))
    ]


def _table_values(html: str, chart: str) -> list[float]:
    table = re.search(rf'<table[^>]*data-table="{chart}".*?</table>', html, flags=re.S)
    assert table, chart
    body = re.search(r"<tbody>.*?</tbody>", table.group(0), flags=re.S).group(0)
    return [float(v) for v in re.findall(r'<td[^>]*data-value="([^"]+)"', body)]


@pytest.mark.parametrize(
    "chart", ["chart-backlog", "chart-throughput", "chart-verdicts", "chart-detector"]
)
def test_every_chart_draws_the_numbers_of_its_table(
    client: Any, desk: Desk, editor: Any, chart: str
) -> None:
    client.force_login(editor)
    html = client.get(DESK).content.decode()
    drawn, tabled = _chart_values(html, chart), _table_values(html, chart)
    assert drawn == pytest.approx(tabled)
    assert sum(drawn) > 0


def test_bar_lengths_are_proportional_to_their_numbers(
    client: Any, desk: Desk, editor: Any
) -> None:
    client.force_login(editor)
    html = client.get(DESK).content.decode()
    svg = re.search(r'<svg[^>]*data-chart="chart-backlog".*?</svg>', html, flags=re.S).group(0)
    bars = re.findall(r'data-value="([^"]+)">.*?<rect [^>]*width="([^"]+)"', svg, flags=re.S)
    ratios = {round(float(w) / float(v), 3) for v, w in bars if float(v)}
    assert len(ratios) == 1


def test_the_publisher_chart_splits_each_publisher_as_its_table_does(
    client: Any, desk: Desk, editor: Any
) -> None:
    client.force_login(editor)
    html = client.get(DESK).content.decode()
    svg = re.search(r'<svg[^>]*data-chart="chart-publishers".*?</svg>', html, flags=re.S)
    rows = re.findall(r'data-label="([^"]+)" data-total="([^"]+)"', svg.group(0))
    assert [(label, float(total)) for label, total in rows] == [
        (label, value) for label, value in [("Daily Planet", 2.0)]
    ]
    assert _table_values(html, "chart-publishers") == [2.0]


def test_the_publisher_filter_narrows_the_figures(
    client: Any, desk: Desk, editor: Any, annotator: Any, annotator2: Any
) -> None:
    build_desk(1, editor, annotator, annotator2, publisher="Evening Star", offset=50)
    client.force_login(editor)
    everything = text(client.get(DESK))
    star = text(client.get(f"{DESK}?publisher=Evening%20Star"))
    assert "6 reviewed, awaiting a final verdict" in everything
    assert "2 reviewed, awaiting a final verdict" in star
    assert "1 claims with disagreeing reviews" in star


def test_the_reviewer_filter_keeps_that_reviewers_claims(
    client: Any, desk: Desk, editor: Any, annotator2: Any
) -> None:
    client.force_login(editor)
    page = text(client.get(f"{DESK}?reviewer={annotator2.pk}"))
    # ann2 reviewed the agreed and the disputed claim of each article, not the single one.
    assert "2 reviewed, awaiting a final verdict" in page


# --- The reviewer's queue ------------------------------------------------------------------


def test_the_queue_ranks_by_check_worthiness_then_age_and_offers_the_next_claim(
    client: Any, editor: Any, annotator: Any
) -> None:
    article = ArticleFactory(body=article_text(7, sentences=6))
    claims = list(article.claims.order_by("start"))
    for claim in claims[:3]:
        assign(claim, editor, annotator)
    # Scores are the detector's; rank them by hand to know the expected order.
    Claim.objects.filter(pk=claims[0].pk).update(score=0.55)
    Claim.objects.filter(pk=claims[1].pk).update(score=0.95)
    Claim.objects.filter(pk=claims[2].pk).update(score=0.60)
    client.force_login(annotator)
    response = client.get(HOME)
    shown = [c.pk for c in response.context["queue"]]
    assert shown == [claims[1].pk, claims[0].pk, claims[2].pk]  # high, then medium by age
    html = response.content.decode()
    assert f'id="next-claim" href="{reverse("annotate:claim", args=[claims[1].pk])}"' in html
    assert 'aria-keyshortcuts="n"' in html


def test_submitted_claims_leave_the_queue_and_count_as_todays_work(
    client: Any, editor: Any, annotator: Any
) -> None:
    article = ArticleFactory(body=article_text(8, sentences=3))
    first, second = list(article.claims.order_by("start"))[:2]
    assign(first, editor, annotator)
    assign(second, editor, annotator)
    submit(first, annotator, verdict("True"))
    client.force_login(annotator)
    response = client.get(HOME)
    assert [c.pk for c in response.context["queue"]] == [second.pk]
    assert response.context["activity"].submitted_today == 1
    assert response.context["activity"].submitted_week == 1
    assert "1 reviews submitted today" in text(response)


def test_drafts_are_marked_in_the_queue(client: Any, editor: Any, annotator: Any) -> None:
    from annotate import services

    article = ArticleFactory(body=article_text(9, sentences=3))
    claim = article.claims.order_by("start").first()
    assign(claim, editor, annotator)
    claim.refresh_from_db()
    services.review_save(claim=claim, by=annotator, version=None, rationale="Half done")
    client.force_login(annotator)
    response = client.get(HOME)
    assert response.context["queue"][0].draft is True
    assert "Draft" in text(response)


def test_closed_claims_are_not_in_anyones_queue(client: Any, desk: Desk, annotator: Any) -> None:
    client.force_login(annotator)
    queue = client.get(HOME).context["queue"]
    assert all(c.status not in (ClaimStatus.PUBLISHED, ClaimStatus.DISMISSED) for c in queue)
    assert queue == []  # the desk fixture's reviewer has submitted everything assigned


def test_articles_still_processing_show_live_progress(client: Any, editor: Any) -> None:
    waiting = ArticleFactory(
        body=article_text(950, sentences=3), title="Still queued", process=False
    )
    client.force_login(editor)
    html = client.get(DESK).content.decode()
    assert "Still queued" in html
    progress = reverse("claims:article-progress", args=[waiting.pk])
    assert f'hx-get="{progress}' in html and 'hx-trigger="every 2s"' in html
    assert "No article is waiting" not in html


def test_the_overview_is_still_shown_when_one_query_finds_nothing_to_pair(
    client: Any, editor: Any, annotator: Any
) -> None:
    """One review per claim: no pairs, alpha and kappa undefined, explained, not an error."""
    article = ArticleFactory(body=article_text(960, sentences=3))
    claim = article.claims.first()
    assign(claim, editor, annotator)
    submit(claim, annotator, verdict("True"))
    client.force_login(editor)
    response = client.get(DESK)
    assert response.status_code == 200
    assert "No claim has two submitted reviews" in text(response)
