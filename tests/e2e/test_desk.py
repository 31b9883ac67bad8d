"""The desk in a real browser: mark, review, adjudicate, publish; markup stays text; offsets."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from annotate.models import Decision, Review, Source
from claims.models import Article, Claim, ClaimStatus
from tests.browser import demo_password, login, select_text

pytestmark = pytest.mark.browser

PHRASE = "more than 13,000 people since 2014"


def open_article(page, article: Article, claim: Claim | None = None) -> None:
    page.goto(f"/articles/{article.pk}/" + (f"?claim={claim.pk}" if claim else ""))
    page.wait_for_function("() => window.claimdesk !== undefined")


def test_an_annotator_marks_and_reviews_then_the_editor_adjudicates_and_publishes(page, demo):
    login(page, "annotator", demo_password("annotator"))
    open_article(page, demo)
    select_text(page, PHRASE)
    expect(page.locator("#mark-bar")).to_be_visible()
    page.keyboard.press("m")
    page.wait_for_url(re.compile(r"\?claim=\d+"))
    pane = page.locator("#claim-pane")
    expect(pane.locator("blockquote.quote")).to_have_text(PHRASE)
    claim = Claim.objects.get(quote=PHRASE)
    assert demo.body[claim.start : claim.end] == PHRASE

    page.keyboard.press("5")  # False
    expect(page.locator("#autosave")).to_contain_text("Draft saved at")
    page.fill("#rationale", "The UN monitoring mission counts about 14,000 dead by 2021.")
    page.locator("summary", has_text="Add a source").click()
    page.fill("#source-url", "https://www.ohchr.org/en/documents/reports/ukraine-casualties")
    page.fill("#source-title", "Conflict-related civilian casualties in Ukraine")
    page.fill("#source-publisher", "OHCHR")
    page.fill("#source-excerpt", "14,200-14,400 conflict-related deaths")
    page.select_option("#source-stance", "refutes")
    page.click("#add-source")
    expect(page.locator("#sources .source")).to_contain_text("Conflict-related civilian")
    page.keyboard.press("Escape")
    page.locator("#desk-body").click(position={"x": 2, "y": 2})
    page.keyboard.press("s")
    expect(pane.locator(".flash")).to_have_text("Review submitted.")
    review = Review.objects.get(claim=claim)
    assert review.status == "submitted" and review.verdict.name == "False"
    assert "14,000" in review.rationale
    assert Source.objects.get(review=review).stance == "refutes"

    login(page, "editor", demo_password("editor"))
    open_article(page, demo, claim)
    expect(page.locator("#claim-pane")).to_contain_text("The UN monitoring mission")
    page.get_by_role("link", name="Adjudicate").click()
    expect(page.locator(".side-by-side .review-card")).to_contain_text("annotator")
    page.wait_for_function("() => window.claimdesk !== undefined")
    page.keyboard.press("5")
    expect(page.locator('input[name="verdict"][data-key="5"]')).to_be_checked()
    page.fill("#note", "Outdated figure: the UN count was about 14,000 by 2021.")
    page.click("#record-verdict")
    expect(page.locator(".messages")).to_contain_text("Final verdict recorded.")
    page.click("#publish-button")
    expect(page.locator("#claim-pane .pane-head .badge")).to_have_text("Published")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PUBLISHED
    assert Decision.objects.get(claim=claim).published_at is not None
    expect(page.locator("#history")).to_contain_text("published")
    assert page.dialogs == [] and page.errors == []


def test_markup_in_an_imported_article_is_shown_as_text_and_never_runs(page, demo):
    body = (
        "Officials said <script>alert(1)</script> was found in 2019.\n\n"
        "A photo <img src=x onerror=alert(1)> reached 13,000 people in 2014, "
        "the ministry said."
    )
    login(page, "editor", demo_password("editor"))
    page.goto("/articles/new/")
    page.fill("#id_title", "Markup <b>test</b>")
    page.fill("#id_body", body)
    page.get_by_role("button", name="Import and process").click()
    page.wait_for_url(re.compile(r"/articles/\d+/"))
    page.wait_for_function("() => window.claimdesk !== undefined")
    text = page.inner_text("#desk-body")
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert page.locator("#desk-body img, #desk-body script").count() == 0
    expect(page.locator("h1")).to_have_text("Markup <b>test</b>")
    select_text(page, "<img src=x onerror=alert(1)>")
    page.keyboard.press("m")
    page.wait_for_url(re.compile(r"\?claim=\d+"))
    quote = page.locator("#claim-pane blockquote.quote")
    expect(quote).to_have_text("<img src=x onerror=alert(1)>")
    # An injected <img> would fire onerror before the load event; wait for it.
    page.reload(wait_until="load")
    assert page.dialogs == []
    assert page.locator("img[src=x]").count() == 0


def test_offsets_round_trip_through_emoji_and_other_non_bmp_characters(page, demo):
    from claims import services

    body = (
        "Fans 🎉🇺🇦 cheered. The minister 👩🏽‍⚕️ said 𝟏𝟐 percent of 😀 voters agreed "  # noqa: RUF001
        "in 2023.\n\nAnother line with 𝄞 music and more than 2,000 people in 2021."
    )
    article = services.article_create(body=body, title="Emoji")
    article.refresh_from_db()
    login(page, "annotator", demo_password("annotator"))
    open_article(page, article)
    mismatches = page.evaluate(
        """(expected) => {
      const root = document.getElementById('desk-body'), cd = window.claimdesk;
      const chars = Array.from(root.textContent);
      const bad = [];
      if (chars.length !== expected) bad.push(['length', chars.length, expected]);
      for (let cp = 0; cp <= chars.length; cp++) {
        const p = cd.toDomPoint(root, cp);
        const back = cd.toOffset(root, p.node, p.offset);
        if (back !== cp) bad.push([cp, back]);
      }
      const r = cd.rangeFor(root, 14, 30);
      if (r.toString() !== chars.slice(14, 30).join('')) bad.push(['range', r.toString()]);
      return bad;
    }""",
        len(body),
    )
    assert mismatches == []
    phrase = "𝟏𝟐 percent of 😀 voters"  # noqa: RUF001
    select_text(page, phrase)
    page.keyboard.press("m")
    page.wait_for_url(re.compile(r"\?claim=\d+"))
    claim = Claim.objects.get(article=article, quote=phrase)
    assert body[claim.start : claim.end] == phrase and claim.start == body.index(phrase)
    across = "voters agreed in 2023.\n\nAnother line with 𝄞 music"
    select_text(page, across)
    page.keyboard.press("m")
    expect(page.locator("#claim-pane blockquote.quote")).to_have_text(across)
    claim = Claim.objects.get(article=article, quote=across)
    assert claim.start == body.index(across)


def test_everything_by_keyboard(page, demo):
    login(page, "annotator", demo_password("annotator"))
    open_article(page, demo)
    page.keyboard.press("?")
    expect(page.locator("#keys")).to_be_visible()
    expect(page.locator("#keys-close")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#keys")).to_be_hidden()
    items = page.locator("#claim-list > li.ci")
    page.keyboard.press("j")
    expect(items.nth(0)).to_have_class(re.compile(r"\bcurrent\b"))
    page.keyboard.press("j")
    expect(items.nth(1)).to_have_class(re.compile(r"\bcurrent\b"))
    page.keyboard.press("k")
    expect(items.nth(0)).to_have_class(re.compile(r"\bcurrent\b"))
    expect(items.nth(0).locator(".ci-link")).to_be_focused()
    expect(page.locator("#claim-pane")).to_be_visible()
    first = Claim.objects.filter(article=demo).order_by("start", "id").first()
    expect(page.locator("#claim-pane")).to_have_attribute("data-claim", str(first.pk))
    page.keyboard.press("a")
    expect(page.locator("#claim-pane .flash")).to_have_text("Accepted as a claim to check.")
    first.refresh_from_db()
    assert first.status == ClaimStatus.IN_REVIEW and first.assignee.username == "annotator"
    page.keyboard.press("3")
    expect(page.locator('#claim-pane input[name="verdict"][data-key="3"]')).to_be_checked()
    expect(page.locator("#autosave")).to_contain_text("Draft saved at")
    page.keyboard.press("r")
    expect(page.locator("#rationale")).to_be_focused()
    page.keyboard.type("Partly right: the talks were offered, not scheduled.")
    page.keyboard.press("Escape")
    page.keyboard.press("s")
    expect(page.locator("#claim-pane .flash")).to_have_text("Review submitted.")
    page.keyboard.press("d")  # an annotator cannot dismiss: told so, nothing changes
    expect(page.locator("#desk-status")).to_contain_text("Only editors can dismiss")
    first.refresh_from_db()
    assert first.status == ClaimStatus.REVIEWED
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_an_editor_dismisses_a_suggestion_with_one_key(page, demo):
    login(page, "editor", demo_password("editor"))
    open_article(page, demo)
    page.keyboard.press("j")
    expect(page.locator("#claim-pane #dismiss-button")).to_be_visible()
    page.keyboard.press("d")
    expect(page.locator("#claim-pane .pane-head .badge")).to_have_text("Dismissed")
    first = Claim.objects.filter(article=demo).order_by("start", "id").first()
    assert first.status == ClaimStatus.DISMISSED and first.dismiss_reason == "Not check-worthy"


@pytest.mark.parametrize("viewport", [{"width": 1400, "height": 900}])
def test_the_article_page_screenshot(page, demo, viewport, tmp_path):
    """Renders the page with claims in several states; saves docs/screenshots/article-page.png
    when CLAIMDESK_UPDATE_SCREENSHOTS=1."""
    import os
    from pathlib import Path

    from tests.e2e.screens import populate_demo_desk

    claim = populate_demo_desk(demo)
    login(page, "editor", demo_password("editor"))
    page.set_viewport_size(viewport)
    open_article(page, demo, claim)
    page.evaluate("() => window.scrollTo(0, 0)")
    expect(page.locator("#claim-pane")).to_be_visible()
    target = tmp_path / "article-page.png"
    page.screenshot(path=str(target))
    assert target.stat().st_size > 10_000
    if os.environ.get("CLAIMDESK_UPDATE_SCREENSHOTS") == "1":
        docs = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "article-page.png"
        docs.parent.mkdir(parents=True, exist_ok=True)
        docs.write_bytes(target.read_bytes())


UNLABELLED = """() => Array.from(document.querySelectorAll('input, select, textarea, button'))
  .filter(el => el.type !== 'hidden' && el.offsetParent !== null)
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !(el.tagName === 'BUTTON' && el.textContent.trim()))
  .map(el => el.outerHTML.slice(0, 120))"""


def test_every_visible_control_has_a_label(page, demo):
    from tests.e2e.screens import populate_demo_desk

    claim = populate_demo_desk(demo)
    login(page, "editor", demo_password("editor"))
    for url in [
        f"/articles/{demo.pk}/?claim={claim.pk}",
        f"/desk/claims/{claim.pk}/",
        f"/desk/claims/{claim.pk}/adjudicate/",
        "/desk/claims/",
        "/desk/verdicts/",
    ]:
        page.goto(url)
        page.locator("details").evaluate_all("els => els.forEach(d => d.open = true)")
        assert page.evaluate(UNLABELLED) == [], url
    login(page, "annotator", demo_password("annotator"))
    page.goto(f"/articles/{demo.pk}/?claim={claim.pk}")
    page.locator("details").evaluate_all("els => els.forEach(d => d.open = true)")
    assert page.evaluate(UNLABELLED) == []


def test_a_500_sentence_article_works_end_to_end(page, demo):
    from tests.factories import ArticleFactory, article_text

    article = ArticleFactory(body=article_text(77, sentences=500), title="Long")
    assert article.sentences.count() == 500
    login(page, "annotator", demo_password("annotator"))
    open_article(page, article)
    assert page.locator("#desk-body .s").count() == 500
    for _ in range(3):
        page.keyboard.press("j")
    third = Claim.objects.filter(article=article).order_by("start", "id")[2]
    expect(page.locator("#claim-pane")).to_have_attribute("data-claim", str(third.pk))
    last = article.sentences.order_by("-index").first()
    select_text(page, last.text[:20])
    page.keyboard.press("m")
    expect(page.locator("#claim-pane blockquote.quote")).to_have_text(last.text[:20].strip())


def test_a_draft_typed_just_before_moving_on_is_saved(page, demo):
    first = Claim.objects.filter(article=demo).order_by("start", "id").first()
    login(page, "annotator", demo_password("annotator"))
    open_article(page, demo)
    page.keyboard.press("j")
    expect(page.locator("#claim-pane")).to_have_attribute("data-claim", str(first.pk))
    page.keyboard.press("a")
    expect(page.locator("#claim-pane .flash")).to_have_text("Accepted as a claim to check.")
    page.keyboard.press("r")
    page.keyboard.type("Typed and left at once.")
    page.keyboard.press("Escape")
    page.keyboard.press("j")  # well within the 800 ms autosave delay
    expect(page.locator("#claim-pane")).not_to_have_attribute("data-claim", str(first.pk))
    page.keyboard.press("k")
    expect(page.locator("#claim-pane")).to_have_attribute("data-claim", str(first.pk))
    saved = ""
    for _ in range(150):  # the save is in flight or done; poll the database (a liveness bound)
        saved = Review.objects.filter(claim=first).values_list("rationale", flat=True).first()
        if saved:
            break
        page.wait_for_timeout(100)
    assert saved == "Typed and left at once."
