"""Cutting the body into runs: exact text, tints, overlapping and cross-sentence claims."""

from __future__ import annotations

from types import SimpleNamespace

from annotate.presentation import body_runs, tint


def _sentence(index, start, end, score):
    return SimpleNamespace(index=index, start=start, end=end, score=score)


def _view(pk, start, end, *, suggestion=False, status="in_review", verdict=None):
    claim = SimpleNamespace(pk=pk, start=start, end=end, status=status)
    return SimpleNamespace(claim=claim, is_suggestion=suggestion, verdict=verdict)


BODY = "One two three. Four five six.\n\nSeven 😀 eight."
SENTENCES = [_sentence(0, 0, 14, 0.9), _sentence(1, 15, 29, 0.1), _sentence(2, 31, 45, None)]


def test_runs_concatenate_to_the_body_and_carry_the_tint():
    runs = body_runs(BODY, SENTENCES, [])
    assert "".join(r.text for r in runs) == BODY
    assert [r.tint for r in runs if r.sentence_index is not None] == [4, 0, -1]
    assert [r.text for r in runs if r.sentence is None] == [" ", "\n\n"]
    assert [(r.opens, r.closes) for r in runs if r.sentence] == [(True, True)] * 3


def test_overlapping_claims_across_sentences_draw_the_shortest_on_top():
    wide = _view(1, 4, 20)  # "two three. Four"
    narrow = _view(2, 8, 13)  # "three"
    suggestion = _view(3, 15, 29, suggestion=True)
    runs = body_runs(BODY, SENTENCES, [wide, narrow, suggestion])
    assert "".join(r.text for r in runs) == BODY
    by_text = {r.text: r for r in runs}
    assert by_text["three"].claim_ids == (1, 2) and by_text["three"].top is narrow
    assert by_text[" "].top is wide and by_text[" "].sentence_index is None
    assert by_text["Four "].suggested and by_text["Four "].top is wide


def test_dismissed_claims_are_not_drawn_and_non_bmp_text_is_kept_whole():
    runs = body_runs(BODY, SENTENCES, [_view(1, 31, 38, status="dismissed"), _view(2, 37, 44)])
    assert "".join(r.text for r in runs) == BODY
    assert any(r.text.startswith("😀") or "😀" in r.text for r in runs)
    assert all(1 not in r.claim_ids for r in runs)


def test_tint_buckets():
    assert [tint(s) for s in (None, 0.0, 0.19, 0.2, 0.99, 1.0)] == [-1, 0, 0, 1, 4, 4]


def test_the_rendered_body_escapes_text_and_keeps_it_exact():
    import re
    from html import unescape

    from annotate.presentation import render_body

    body = 'A <script>alert("x")</script> & <img src=x onerror=alert(1)> said "13,000".'
    sentences = [_sentence(0, 0, len(body), 0.7)]
    html = render_body(body_runs(body, sentences, [_view(5, 2, 10)]))
    assert "<script>" not in html and "<img" not in html
    assert '<span class="s t3" id="s0" data-start="0"' in html
    assert 'data-c="5" data-top="5">&lt;script' in html
    assert unescape(re.sub(r"<[^>]+>", "", html)) == body
