"""The article pages: list, new (paste or upload), detail, progress, retry; roles and escaping."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from claims import services
from claims.models import Article, ArticleStatus
from tests.factories import ArticleFactory, article_text, count_queries

pytestmark = pytest.mark.django_db

LIST = "/articles/"
NEW = "/articles/new/"
ROLES = ["annotator", "editor", "staff"]


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page_urls(article: Article) -> list[str]:
    return [LIST, NEW, f"/articles/{article.pk}/", f"/articles/{article.pk}/progress/"]


class BrokenDetector:
    version = "broken-1"

    def detect(self, texts):
        raise ValueError("the model file is corrupt")


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


# --- access levels ----------------------------------------------------------------------------


def test_anonymous_is_sent_to_the_login_page_from_every_page():
    article = ArticleFactory(process=False)
    client = Client()
    for url in page_urls(article):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    response = client.post(f"/articles/{article.pk}/retry/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(NEW, {"body": "Anonymous text."})
    assert response.status_code == 302
    assert Article.objects.count() == 1


def test_an_outsider_in_no_group_gets_403_on_every_page(outsider):
    article = ArticleFactory(process=False)
    client = logged_in(outsider)
    for url in page_urls(article):
        assert client.get(url).status_code == 403
    assert client.post(NEW, {"body": "Outsider text."}).status_code == 403
    assert client.post(f"/articles/{article.pk}/retry/").status_code == 403
    assert Article.objects.count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_the_list_and_the_article(role, request):
    article = ArticleFactory(title="Floods in the valley")
    client = logged_in(request.getfixturevalue(role))
    listing = client.get(LIST)
    assert listing.status_code == 200
    assert "Floods in the valley" in listing.content.decode()
    assert 'href="/articles/new/"' in listing.content.decode()
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert "Floods in the valley" in page.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_every_role_can_paste_an_article(role, request, django_capture_on_commit_callbacks):
    user = request.getfixturevalue(role)
    client = logged_in(user)
    assert client.get(NEW).status_code == 200
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(NEW, {"body": article_text(9, sentences=3), "title": "Pasted"})
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    assert len(callbacks) == 1
    assert article.created_by == user
    assert article.title == "Pasted"
    assert article.status == ArticleStatus.READY


def test_an_unknown_article_is_404(annotator):
    assert logged_in(annotator).get("/articles/999999/").status_code == 404
    assert logged_in(annotator).get("/articles/999999/progress/").status_code == 404


# --- the form: paste and upload ----------------------------------------------------------------


def test_it_accepts_a_txt_upload(annotator):
    response = logged_in(annotator).post(
        NEW, {"file": upload("report.txt", b"Prices rose by 7% in 2023.\r\n")}
    )
    assert response.status_code == 302
    assert Article.objects.get().body == "Prices rose by 7% in 2023."


def test_it_accepts_a_markdown_upload_and_takes_its_heading_as_title(annotator):
    md = b"# Budget report\n\nThe deficit reached **3.2%** of GDP.\n"
    response = logged_in(annotator).post(NEW, {"file": upload("budget.md", md)})
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.title == "Budget report"
    assert "The deficit reached 3.2% of GDP." in article.body
    assert "**" not in article.body


def test_an_html_upload_keeps_the_article_text_and_drops_scripts_tags_and_navigation(annotator):
    html = """<!DOCTYPE html><html><head><title>Floods hit the valley</title>
    <script>var secret = "SCRIPT_TEXT";</script></head><body>
    <nav><a href="/">Home</a> <a href="/news">NAV_LINK_NEWS</a> <a href="/sport">NAV_SPORT</a></nav>
    <article><h1>Floods hit the valley</h1>
    <p>More than 13,000 people were evacuated from the valley on Tuesday, the regional
    government said in a statement released in the morning.</p>
    <p>The river rose by <b>four metres</b> in a single night, the highest level since 1998,
    according to the national weather service.</p><script>alert("INLINE")</script></article>
    <footer>FOOTER_TEXT Copyright 2024 Example News.</footer></body></html>"""
    response = logged_in(annotator).post(NEW, {"file": upload("floods.html", html.encode())})
    assert response.status_code == 302
    article = Article.objects.get()
    assert "More than 13,000 people were evacuated" in article.body
    assert "four metres" in article.body
    for unwanted in ("SCRIPT_TEXT", "INLINE", "alert", "NAV_LINK_NEWS", "NAV_SPORT", "FOOTER_TEXT"):
        assert unwanted not in article.body
    assert not re.search(r"<\s*/?\s*[a-zA-Z]", article.body)
    assert article.title == "Floods hit the valley"


def test_form_metadata_wins_over_what_the_file_says(annotator):
    md = b"# Heading title\n\nBody text here.\n"
    logged_in(annotator).post(
        NEW,
        {
            "file": upload("a.md", md),
            "title": "Form title",
            "url": "https://example.org/a",
            "publisher": "Desk",
        },
    )
    article = Article.objects.get()
    assert (article.title, article.url, article.publisher) == (
        "Form title",
        "https://example.org/a",
        "Desk",
    )


def test_it_refuses_an_exact_duplicate_and_links_to_the_existing_article(annotator):
    first = services.article_create(body="Line one.\nLine two.", title="The original")
    response = logged_in(annotator).post(NEW, {"body": "Line one.\r\nLine two.\r\n"})
    assert response.status_code == 409
    html = response.content.decode()
    assert f"article {first.pk}" in html
    assert "The original" in html
    assert f'href="{first.get_absolute_url()}"' in html
    assert Article.objects.count() == 1


def test_it_refuses_a_duplicate_upload_of_pasted_text(annotator):
    services.article_create(body="Same words.")
    response = logged_in(annotator).post(NEW, {"file": upload("same.txt", b"Same words.\n")})
    assert response.status_code == 409
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Paste the article text or choose a file"),
        ({"body": "   \n\t"}, "Paste the article text or choose a file"),
        ({"body": "\x01\x02 \x03"}, "The article body is empty."),
        ({"body": "Text with a \x00 NUL."}, "Null characters are not allowed."),
        ({"body": "Some text.", "url": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"body": "Some text.", "published_at": "not a date"}, "Enter a valid date/time."),
        ({"body": "Some text.", "title": "t" * 301}, "at most 300 characters"),
    ],
)
def test_the_form_refuses_bad_input_with_a_message_and_saves_nothing(annotator, data, message):
    response = logged_in(annotator).post(NEW, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Article.objects.count() == 0


def test_the_form_refuses_both_text_and_a_file(annotator):
    response = logged_in(annotator).post(
        NEW, {"body": "Pasted.", "file": upload("a.txt", b"Uploaded.")}
    )
    assert response.status_code == 400
    assert "not both" in response.content.decode()
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.pdf", b"%PDF-1.4 binary", "unsupported file type &#x27;.pdf&#x27;"),
        ("prices.txt", "Café prices rose.".encode("latin-1"), "not valid UTF-8"),
        ("empty.txt", b"", "empty"),
        ("blank.html", b"<html><body><script>x()</script></body></html>", "empty"),
    ],
)
def test_the_form_refuses_a_bad_upload_with_a_message_and_saves_nothing(
    annotator, name, data, message
):
    response = logged_in(annotator).post(NEW, {"file": upload(name, data)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Article.objects.count() == 0


def test_the_form_refuses_text_over_the_limit_and_saves_nothing(annotator, settings):
    settings.CLAIMDESK_MAX_ARTICLE_BYTES = 30
    client = logged_in(annotator)
    response = client.post(NEW, {"body": "x" * 31})
    assert response.status_code == 400
    assert "31 bytes; the limit is 30 bytes" in response.content.decode()
    response = client.post(NEW, {"file": upload("big.txt", b"y" * 500)})
    assert response.status_code == 400
    assert "over the limit" in response.content.decode()
    assert Article.objects.count() == 0


# --- failure and retry ------------------------------------------------------------------------


def failed_article(monkeypatch) -> Article:
    monkeypatch.setattr("claims.services.pipeline.get_detector", lambda: BrokenDetector())
    article = ArticleFactory()
    monkeypatch.undo()
    assert article.status == ArticleStatus.FAILED
    return article


@pytest.mark.parametrize("role", ROLES)
def test_a_failed_article_shows_its_reason_on_the_page_and_in_the_list(role, request, monkeypatch):
    article = failed_article(monkeypatch)
    client = logged_in(request.getfixturevalue(role))
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Processing failed" in page
    assert "the model file is corrupt" in page
    assert "the model file is corrupt" in client.get(LIST).content.decode()


def test_an_annotator_sees_no_retry_button_and_cannot_retry(annotator, monkeypatch):
    article = failed_article(monkeypatch)
    client = logged_in(annotator)
    assert "/retry/" not in client.get(article.get_absolute_url()).content.decode()
    assert client.post(f"/articles/{article.pk}/retry/").status_code == 403
    article.refresh_from_db()
    assert article.status == ArticleStatus.FAILED


@pytest.mark.parametrize("role", ["editor", "staff"])
def test_an_editor_or_staff_can_retry_a_failed_article(
    role, request, monkeypatch, django_capture_on_commit_callbacks
):
    article = failed_article(monkeypatch)
    client = logged_in(request.getfixturevalue(role))
    page = client.get(article.get_absolute_url()).content.decode()
    assert f"/articles/{article.pk}/retry/" in page
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(f"/articles/{article.pk}/retry/")
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    assert len(callbacks) == 1
    article.refresh_from_db()
    assert article.status == ArticleStatus.READY
    assert article.error == ""


def test_retrying_an_article_that_did_not_fail_changes_nothing(editor):
    article = ArticleFactory()
    response = logged_in(editor).post(f"/articles/{article.pk}/retry/", follow=True)
    assert "Only a failed article can be retried." in response.content.decode()
    article.refresh_from_db()
    assert article.status == ArticleStatus.READY


def test_retry_only_answers_post(editor, monkeypatch):
    article = failed_article(monkeypatch)
    assert logged_in(editor).get(f"/articles/{article.pk}/retry/").status_code == 405


# --- the page ----------------------------------------------------------------------------------


def test_the_article_page_escapes_markup_in_the_article_text(annotator):
    body = (
        "Officials said <script>alert(1)</script> on Monday.\n\n"
        "A picture <img src=x onerror=alert(1)> was shown to 13,000 people in 2014."
    )
    article = ArticleFactory(body=body, title="<b>Bold</b> title")
    html = logged_in(annotator).get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x onerror=alert(1)>" not in html
    assert "onerror=alert(1)>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt;" in html


def test_the_list_escapes_titles_and_errors(annotator):
    ArticleFactory(title="<script>alert('t')</script>")
    html = logged_in(annotator).get(LIST).content.decode()
    assert "<script>alert('t')</script>" not in html
    assert "&lt;script&gt;" in html


def test_the_page_shows_the_body_exactly_with_sentences_marked(annotator):
    article = ArticleFactory(body=article_text(4, sentences=4))
    html = logged_in(annotator).get(article.get_absolute_url()).content.decode()
    for s in article.sentences.all():
        assert f'id="s{s.index}" data-start="{s.start}" data-end="{s.end}"' in html
    shown = html.split('aria-label="Article text">', 1)[1].split("</article>")[0]
    text = re.sub(r"<[^>]+>", "", shown)
    assert text.strip() == article.body


def test_the_list_filters_by_status(annotator, monkeypatch):
    ArticleFactory(title="Ready one")
    ArticleFactory(title="Queued one", process=False)
    html = logged_in(annotator).get(LIST, {"status": "queued"}).content.decode()
    assert "Queued one" in html and "Ready one" not in html


def test_the_progress_fragment_asks_for_a_reload_once_the_article_is_done(annotator):
    article = ArticleFactory()
    client = logged_in(annotator)
    response = client.get(f"/articles/{article.pk}/progress/", {"reload": "1"})
    assert response.status_code == 200
    assert response["HX-Refresh"] == "true"
    pending = ArticleFactory(process=False)
    response = client.get(f"/articles/{pending.pk}/progress/", {"reload": "1"})
    assert "HX-Refresh" not in response
    assert "hx-get" in response.content.decode()


# --- query counts -----------------------------------------------------------------------------


def test_the_list_page_costs_the_same_queries_for_2_and_20_articles(
    annotator, django_assert_max_num_queries
):
    client = logged_in(annotator)
    for _ in range(2):
        ArticleFactory()
    with django_assert_max_num_queries(8):
        client.get(LIST)
    few = count_queries(client, LIST)
    for _ in range(18):
        ArticleFactory()
    assert count_queries(client, LIST) == few


def test_the_article_page_costs_the_same_queries_for_10_and_200_sentences(
    annotator, django_assert_max_num_queries
):
    small = ArticleFactory(body=article_text(1, sentences=10))
    large = ArticleFactory(body=article_text(2, sentences=200))
    assert large.claim_count > 10
    client = logged_in(annotator)
    with django_assert_max_num_queries(8):
        client.get(small.get_absolute_url())
    assert count_queries(client, small.get_absolute_url()) == count_queries(
        client, large.get_absolute_url()
    )
