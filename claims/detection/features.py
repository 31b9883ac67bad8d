"""Transparent check-worthiness features (pure Python, no Django).

``analyse(text)`` finds the checkable parts of one sentence (numbers with what
they count, money, percentages, dates, time spans, comparisons, attributed
statements, named organisations) and the cues that make a sentence hard to
check (questions, predictions, opinions, greetings).  ``FeatureDetector``
turns them into a score with hand-set weights; the trained model in
``model.py`` reuses the same analysis as part of its input and for its
explanations, so both detectors speak the same language to a reviewer.

Every pattern is a compiled regular expression without nested unbounded
repetition, so the cost stays linear in the length of the sentence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .base import Detection
from .claimant import with_claimant
from .config import threshold_from_env
from .cues import CUE_NAMES, find_cues
from .stopwords import is_stop_word
from .types import claim_type, typed_reasons

__all__ = [
    "CUE_REASONS",
    "FEATURE_NAMES",
    "MAX_CHARS",
    "Analysis",
    "FeatureDetector",
    "analyse",
    "checkable_spans",
    "explain",
    "feature_vector",
    "quotable",
]

# Sentences longer than this are analysed on their first MAX_CHARS characters:
# a real sentence is far shorter, and the cap bounds the work on pasted junk.
MAX_CHARS = 10_000

_NUMWORD = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|"
    r"dozens|hundreds|thousands|millions|billions|tens"
)
_SCALE = r"thousand|million|billion|trillion|bn|mn|m|k"
_DIGITS = r"(?<![\w.,])[0-9]+(?:[,.][0-9]+)*"
_WORDS_NUM = rf"\b(?:{_NUMWORD})(?:(?:-|\s+|\s+and\s+|\s+of\s+)(?:{_NUMWORD})){{0,4}}\b"
_NUMBER = rf"(?:{_DIGITS}(?:\s?(?:{_SCALE})\b|(?![\w]))|{_WORDS_NUM})"

_MONEY_SYMBOL_RE = re.compile(
    rf"(?:US\s?\$|A\$|C\$|\$|€|£|¥|₹|₽)\s?[0-9]+(?:[,.][0-9]+)*(?:\s?(?:{_SCALE})\b)?",
    re.IGNORECASE,
)
_CURRENCY_WORDS = frozenset("dollars euros pounds yuan yen rubles roubles rupees cents".split())
_MONEY_WORD_RE = re.compile(
    rf"{_NUMBER}\s+(?:{'|'.join(sorted(_CURRENCY_WORDS))})\b", re.IGNORECASE
)
_PERCENT_WORDS = frozenset(("percent", "cent", "percentage"))
_PERCENT_RE = re.compile(
    rf"{_NUMBER}\s?(?:%|percent\b|per\s+cent\b|percentage\s+points?\b)", re.IGNORECASE
)
_DIGITS_RE = re.compile(rf"{_DIGITS}(?:\s?(?:{_SCALE})\b|(?![\w]))", re.IGNORECASE)
_NUMBER_RE = re.compile(_NUMBER, re.IGNORECASE)
_YEAR_RE = re.compile(r"^(?:1[6-9][0-9]{2}|20[0-9]{2})$")
_COUNTED_WORD_RE = re.compile(r"\s+(?:of\s+)?([^\W\d_][\w'\u2019-]*)")
_QUALIFIER_RE = re.compile(
    r"(?:(?:more|less|fewer|greater|higher|lower)\s+than|at\s+least|at\s+most|up\s+to|"
    r"nearly|almost|about|around|roughly|approximately|over|under|some|close\s+to|"
    r"as\s+(?:many|much|few|little)\s+as|just\s+(?:over|under))\s+$",
    re.IGNORECASE,
)

_MONTH = (
    r"January|February|April|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
)
_DAY = r"[0-3]?[0-9](?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9][0-9]{2}|20[0-9]{2})"
_DATE = (
    rf"\b(?:(?:{_MONTH})(?:\s+{_DAY})?(?:,?\s+{_YEAR})?"
    rf"|(?:May|March)\s+(?:{_DAY},?\s+{_YEAR}|{_DAY}|{_YEAR})"
    rf"|{_DAY}\s+(?:of\s+)?(?:{_MONTH}|May|March)(?:,?\s+{_YEAR})?"
    rf"|(?:in\s+|the\s+)?{_YEAR}s?"
    rf"|(?:early|late|mid)-?(?:{_YEAR}s?)"
    r"|(?i:last|this|next)\s+(?:year|month|week|weekend|spring|summer|autumn|fall|winter|"
    r"decade|century|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?i:yesterday|today)|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|the\s+[0-9]{1,2}(?:st|nd|rd|th)\s+century)\b"
)
_DATE_RE = re.compile(_DATE)
_DURATION = (
    rf"(?:{_NUMBER}|a|an|one|several|few|many|the)\s+"
    r"(?:years?|months?|weeks?|days?|decades?|centur(?:y|ies)|hours?|quarters?|terms?)"
)
_TIMESPAN_RE = re.compile(
    rf"\b(?:(?:since|until|till|through|throughout)\s+(?:the\s+)?(?:{_DATE[2:-2]})"
    rf"|(?:from|between)\s+{_YEAR}\s+(?:to|and|until)\s+{_YEAR}"
    rf"|(?:for|over|in|within|during|after)\s+(?:the\s+|my\s+|his\s+|her\s+|its\s+)?"
    rf"(?:(?:past|last|previous|first|next)\s+)?{_DURATION}"
    r"|(?:over|in|during)\s+the\s+(?:past|last)\s+(?:year|decade|century|month)"
    r"|[a-z]+-year-long)\b",
    re.IGNORECASE,
)

_COMPARISON_RE = re.compile(
    r"\b(?:(?:more|less|fewer|greater|higher|lower|larger|smaller|bigger|better|worse|"
    r"faster|slower|cheaper|richer|poorer|older|younger|stronger|weaker|longer|shorter|"
    r"deadlier)\s+than"
    r"|(?:twice|three\s+times|four\s+times|ten\s+times|half)\s+as\s+[a-z]+\s+as"
    r"|doubled|tripled|quadrupled|halved"
    r"|record[-\s](?:highs?|lows?|levels?|numbers?)|all-time\s+(?:high|low)"
    r"|(?:the|its|their|his|her|our|my|world's|country's|nation's)\s+"
    r"(?:(?:most|least)\s+[a-z]+|largest|biggest|highest|lowest|smallest|greatest|worst|"
    r"fastest|slowest|deadliest|longest|shortest|oldest|youngest|richest|poorest|"
    r"strongest|weakest|only|first|[0-9]+(?:st|nd|rd|th)\s+largest))\b",
    re.IGNORECASE,
)

_SAY = (
    r"said|says|say|stated|states|told|tells|claimed|claims|denied|denies|announced|"
    r"announces|reported|reports|argued|argues|warned|warns|insisted|insists|accused|"
    r"accuses|admitted|admits|confirmed|confirms|estimated|estimates|noted|notes|"
    r"added|wrote|writes|tweeted|alleged|alleges|acknowledged|revealed|asserted|"
    r"asserts|blamed|blames|found|finds|showed|shows|testified|disclosed|pointed\s+out"
)
_CLAIMANT_NOUN = (
    r"officials?|police|ministry|spokes(?:man|woman|person)|government|report|study|"
    r"survey|researchers|scientists|experts|analysts|prosecutors|authorities|agency|"
    r"department|court|company|statement|data|figures|statistics|president|minister|"
    r"governor|mayor|senator|lawmakers|critics|witnesses|residents|doctors|he|she|they"
)
_CAPS = r"[A-Z][\w\u2019'.-]*(?:\s+(?:of\s+(?:the\s+)?|for\s+|and\s+)?[A-Z][\w\u2019'-]*){0,5}"
_ATTRIBUTION_RE = re.compile(
    rf"\b(?:according\s+to\s+(?:the\s+|a\s+)?(?:{_CAPS}|(?:[a-z][\w-]*\s+){{0,2}}"
    rf"(?:{_CLAIMANT_NOUN}))"
    rf"|(?:{_CAPS}|(?:[Tt]he\s+|[Aa]\s+)?(?:[A-Z][\w-]*\s+)?(?:{_CLAIMANT_NOUN}))"
    rf"\s+(?:has\s+|have\s+|had\s+)?(?:also\s+|repeatedly\s+|previously\s+)?(?:{_SAY})"
    rf"|(?:said|says|added|told\s+[a-z]+)\s+{_CAPS})\b"
)
_LEADING_CONNECTIVE_RE = re.compile(
    r"^(?:After|But|And|So|When|If|While|As|Since|Meanwhile|However|Yesterday|Earlier|"
    r"Later|Also|Then|Now|In|On|At|Before|Although|Though|Because|Still)\s+"
)
_ORG_WORD = (
    r"Ministry|Department|Agency|Bank|Council|Commission|Parliament|Congress|Senate|"
    r"Court|Party|University|Institute|Organi[sz]ation|Association|Union|Committee|"
    r"Office|Police|Service|Corporation|Corp\.?|Inc\.?|Ltd\.?|Company|Group|Fund|"
    r"Authority|Board|Assembly|Alliance|Federation|Foundation|Army|Navy|Forces?|"
    r"Administration|Bureau|Reserve|Kremlin|Pentagon|House|Times|Post|Network"
)
_ENTITY_RE = re.compile(
    rf"\b(?:(?:{_ORG_WORD})\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w'-]*\s+){{0,3}}[A-Z][\w'-]*"
    rf"|(?:[A-Z][\w&'.-]*\s+){{0,4}}(?:{_ORG_WORD})"
    r"|(?!(?:US|USA|UK|GDP|CEO|TV|OK|AM|PM|II|III|IV|DC|MP|MPs|ID|AI|DNA|COVID)\b)"
    r"[A-Z]{2,6}s?)\b"
)
_NOT_ORG_START_RE = re.compile(r"^(?:The|A|An|This|That|Our|Their|His|Her|Its)\s+")

_COUNT_STOP = frozenset(
    """a an the and or but of in on at to for from by with since until as than that this
    these those is are was were be been being has have had do does did will would could
    should may might can must not no it its he she they we you i his her their our my your
    who which what when where why how per each every all some more most less fewer over
    under about after before during into out up down off again then there here also only
    just very so such yet said says ago old percent cent years year months month weeks week
    days day along across around through against among including near like via between
    while because if whom whose now today yesterday""".split()
)
_WORD_RE = re.compile(r"\w+(?:['\u2019]\w+)?")
# Cheap tests that decide whether the costlier patterns need to run at all.
_NUMBER_HINT_RE = re.compile(r"[0-9$\u20ac\u00a3\u00a5\u20b9\u20bd]")
_NUMBER_WORDS = frozenset(_NUMWORD.split("|"))
_DATE_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday "
    "sunday yesterday today last this next century".split()
)
_DURATION_WORDS = frozenset(
    "year years month months week weeks day days decade decades century centuries hour "
    "hours quarter quarters term terms".split()
)
_COMPARISON_WORDS = frozenset(
    "than doubled tripled quadrupled halved record all most least largest biggest highest "
    "lowest smallest greatest worst fastest slowest deadliest longest shortest oldest "
    "youngest richest poorest strongest weakest only first".split()
)
_SAY_WORDS = frozenset(_SAY.replace("pointed\\s+out", "pointed").split("|")) | {"according"}
_ORG_WORDS = frozenset(
    _ORG_WORD.replace("Organi[sz]ation", "Organisation|Organization")
    .replace("Forces?", "Force|Forces")
    .replace("\\.?", "")
    .split("|")
)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

SPAN_PRIORITY = {
    "money": 0,
    "percent": 0,
    "timespan": 1,
    "quantity": 2,
    "date": 3,
    "attribution": 4,
    "comparison": 5,
    "entity": 6,
}

_POSITIVE_KINDS = (
    "quantity",
    "money",
    "percent",
    "date",
    "timespan",
    "comparison",
    "attribution",
    "entity",
)
_CUE_NAMES = CUE_NAMES
# Names of the numbers that feature_vector() returns, in order.
FEATURE_NAMES: tuple[str, ...] = (
    *(f"span:{kind}" for kind in _POSITIVE_KINDS),
    "span:counted_quantity",
    *(f"cue:{name}" for name in _CUE_NAMES),
    "len:short",
    "len:long",
    "no_verb_headline",
)


@dataclass(slots=True)
class Analysis:
    """What ``analyse`` found in one sentence."""

    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    counted: set[int] = field(default_factory=set)  # starts of quantities with a noun
    qualifiers: dict[int, str] = field(default_factory=dict)  # span start -> "more than"
    qualifier_starts: set[int] = field(default_factory=set)
    cues: dict[str, str] = field(default_factory=dict)  # cue name -> first matched text
    n_words: int = 0
    words: list[str] = field(default_factory=list)
    lower: list[str] = field(default_factory=list)


def _add(spans: list[tuple[int, int, str]], start: int, end: int, kind: str) -> None:
    if 0 <= start < end:
        spans.append((start, end, kind))


def _counted_end(text: str, end: int) -> int:
    """End of the words that a number counts ("13,000 people"), or ``end`` if none."""
    taken = 0
    pos = end
    while taken < 2:
        m = _COUNTED_WORD_RE.match(text, pos)
        if m is None or m.group(1).lower() in _COUNT_STOP:
            break
        pos = m.end()
        taken += 1
        if m.group(1).endswith("s"):
            break  # a plural noun ends the phrase: "500 soldiers", not "500 soldiers along"
    return pos


def _qualifier(text: str, start: int, a: Analysis) -> None:
    m = _QUALIFIER_RE.search(text, max(0, start - 30), start)
    if m is not None:
        qual = m.group(0).rstrip()
        _add(a.spans, m.start(), m.start() + len(qual), "comparison")
        a.qualifiers[start] = qual
        a.qualifier_starts.add(m.start())


def _numbers(text: str, a: Analysis, vocab: set[str]) -> list[tuple[int, int]]:
    # The word-based patterns are costly; run each only when its words occur.
    money = [_MONEY_SYMBOL_RE] + ([_MONEY_WORD_RE] if vocab & _CURRENCY_WORDS else [])
    percent = [_PERCENT_RE] if "%" in text or vocab & _PERCENT_WORDS else []
    number = _NUMBER_RE if vocab & _NUMBER_WORDS else _DIGITS_RE
    taken: list[tuple[int, int]] = []
    for kind, regexes in (("money", money), ("percent", percent)):
        for regex in regexes:
            for m in regex.finditer(text):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue  # "$199 billion dollars": one amount, not two
                _add(a.spans, s, e, kind)
                taken.append((s, e))
                _qualifier(text, s, a)
    taken.extend((s, e) for s, e, kind in a.spans if kind in ("date", "timespan"))
    for m in number.finditer(text):
        s, e = m.span()
        if any(ts <= s < te for ts, te in taken):
            continue
        if _YEAR_RE.match(m.group(0)):
            continue  # a year: left to the date patterns
        end = _counted_end(text, e)
        _add(a.spans, s, end, "quantity")
        if end > e:
            a.counted.add(s)
        _qualifier(text, s, a)
    return taken


def _attributions(text: str, spans: list[tuple[int, int, str]]) -> None:
    for m in _ATTRIBUTION_RE.finditer(text):
        s, e = m.span()
        lead = _LEADING_CONNECTIVE_RE.match(m.group(0))
        if lead is not None and lead.end() < e - s:
            s += lead.end()
        _add(spans, s, e, "attribution")


def _entities(text: str, spans: list[tuple[int, int, str]]) -> None:
    for m in _ENTITY_RE.finditer(text):
        s, e = m.span()
        lead = _NOT_ORG_START_RE.match(m.group(0))
        if lead is not None and lead.end() < e - s:
            s += lead.end()
        _add(spans, s, e, "entity")


def _resolve(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop duplicates and spans inside a span of a more specific kind."""
    ordered = sorted(set(spans), key=lambda sp: (SPAN_PRIORITY[sp[2]], sp[0] - sp[1]))
    kept: list[tuple[int, int, str]] = []
    for s, e, kind in ordered:
        inside = any(
            ks <= s
            and e <= ke
            and (kk != kind or (ks, ke) != (s, e))
            and kk != "attribution"
            and kind != "comparison"
            for ks, ke, kk in kept
        )
        if not inside:
            kept.append((s, e, kind))
    return sorted(kept)


def analyse(text: object) -> Analysis:
    """Find the checkable parts and the cues of one sentence; never raises on a str."""
    if not isinstance(text, str):
        text = ""
    clean = _CONTROL_RE.sub(" ", text[:MAX_CHARS])  # same length: offsets stay valid
    a = Analysis(text=text)
    a.words = _WORD_RE.findall(clean)
    a.lower = [word.lower() for word in a.words]
    vocab = set(a.lower)
    digits = _NUMBER_HINT_RE.search(clean) is not None
    for regex, kind, wanted in (
        (_TIMESPAN_RE, "timespan", digits or not vocab.isdisjoint(_DURATION_WORDS)),
        (_DATE_RE, "date", digits or not vocab.isdisjoint(_DATE_WORDS)),
        (_COMPARISON_RE, "comparison", not vocab.isdisjoint(_COMPARISON_WORDS)),
    ):
        if wanted:
            for m in regex.finditer(clean):
                _add(a.spans, m.start(), m.end(), kind)
    if digits or not vocab.isdisjoint(_NUMBER_WORDS):
        _numbers(clean, a, vocab)
    if not vocab.isdisjoint(_SAY_WORDS):
        _attributions(clean, a.spans)
    if any(w in _ORG_WORDS or (w.isupper() and 1 < len(w) < 8) for w in a.words):
        _entities(clean, a.spans)
    a.spans = _resolve(a.spans)
    a.cues = find_cues(clean.strip(), a.words, a.lower)
    a.n_words = len(a.words)
    return a


def checkable_spans(a: Analysis) -> list[tuple[int, int, str]]:
    """The analysis' spans and the claimant's name, if the sentence names one.

    A text longer than ``MAX_CHARS`` is pasted junk, not a sentence (only its
    start is analysed): it gets no claimant, for nobody can be said to claim it.
    """
    if len(a.text) > MAX_CHARS:
        return list(a.spans)
    return with_claimant(a.text, list(a.spans))


def feature_vector(a: Analysis) -> list[float]:
    """Numbers in the order of FEATURE_NAMES, each in [0, 1]."""
    counts = dict.fromkeys(_POSITIVE_KINDS, 0)
    for _, _, kind in a.spans:
        counts[kind] += 1
    values = [min(counts[kind], 2) / 2 for kind in _POSITIVE_KINDS]
    values.append(1.0 if a.counted else 0.0)
    values.extend(1.0 if name in a.cues else 0.0 for name in _CUE_NAMES)
    values.append(1.0 if a.n_words < 6 else 0.0)
    values.append(1.0 if a.n_words > 30 else 0.0)
    headline = a.n_words >= 2 and not a.text.rstrip().endswith((".", "!", "?", '"', "\u201d"))
    values.append(1.0 if headline and "event" not in a.cues else 0.0)
    return values


def _quote(text: str, start: int, end: int, limit: int = 60) -> str:
    snippet = " ".join(text[start:end].split())
    if len(snippet) > limit:
        snippet = snippet[: limit - 1] + "…"
    return f"'{snippet}'"


def quotable(text: str) -> bool:
    """Whether a quote would show more than stop words and number words."""
    return any(not is_stop_word(word) for word in _WORD_RE.findall(text))


_SPAN_REASON = {
    "money": "an amount of money",
    "percent": "a percentage",
    "date": "a date",
    "timespan": "a time span",
    "attribution": "an attributed statement",
    "entity": "a named organisation",
}
# What counts against a claim, in a fact-checker's words.  A cue's own words are
# quoted only when they hold more than stop words ("forecast", not "will").
CUE_REASONS = {
    "question": "a question, not a statement",
    "prediction": "a prediction, not checkable yet",
    "hedge": "hedged: it says what could be, not what is",
    "opinion": "an opinion or a call to act, not a fact",
    "greeting": "a greeting or courtesy, nothing to check",
    "exhortation": "an appeal to the listener, nothing to check",
    "vague": "vague wording, nothing precise to check",
}
_TOO_SHORT = "too short to hold a checkable claim"
_EMPTY = "empty: nothing to check"
_NOTHING_FOR = "it reads like a checkable claim as a whole, though no one part stands out"
_NOTHING_AGAINST = "no number, date, comparison or named source to check"
_FEATURE_INDEX = {name: i for i, name in enumerate(FEATURE_NAMES)}
_COUNTED = _FEATURE_INDEX["span:counted_quantity"]
_SHORT = _FEATURE_INDEX["len:short"]


def _span_reason(a: Analysis, start: int, end: int, kind: str) -> str:
    qual = a.qualifiers.get(start, "")
    shown = _quote(a.text, start, end)
    if qual:
        shown = f"'{qual} {shown[1:]}"
    if kind == "quantity":
        label = "a number with what it counts" if start in a.counted else "a number"
        return f"{label}: {shown}"
    if kind == "comparison":
        return f"a comparison: {shown}"
    return f"{_SPAN_REASON[kind]}: {shown}"


def _candidates(a: Analysis, contributions: Sequence[float]) -> list[tuple[float, str]]:
    """Each reason the analysis offers, with what its feature added to the decision."""
    found: list[tuple[float, str]] = []
    kinds: set[str] = set()
    spans = sorted(a.spans, key=lambda sp: sp[0] not in a.counted)  # counted numbers first
    for start, end, kind in spans:
        if kind in kinds or (kind == "comparison" and start in a.qualifier_starts):
            continue  # one reason per kind; a qualifier is shown with its number
        if not quotable(a.text[start:end]):
            continue  # "two", "the first": nothing a fact-checker could check in it
        kinds.add(kind)
        strength = contributions[_FEATURE_INDEX[f"span:{kind}"]]
        if kind == "quantity" and start in a.counted:
            strength += contributions[_COUNTED]
        found.append((strength, _span_reason(a, start, end, kind)))
    for name, label in CUE_REASONS.items():
        if name not in a.cues or (name == "prediction" and "question" in a.cues):
            continue
        cue = a.cues[name]
        shown = f"{label}: '{cue[:40]}'" if name != "question" and quotable(cue) else label
        found.append((contributions[_FEATURE_INDEX[f"cue:{name}"]], shown))
    if a.n_words < 4:
        found.append((min(contributions[_SHORT], -1e-9), _TOO_SHORT))
    return found


def explain(
    a: Analysis,
    contributions: Sequence[float],
    checkworthy: bool,
    extra: Iterable[tuple[float, str]] = (),
    whole: str = "",
    limit: int = 2,
) -> list[str]:
    """The strongest one or two reasons for the decision, in a fact-checker's words.

    ``contributions`` holds what each of ``FEATURE_NAMES`` added to the decision
    value; ``extra`` are the detector's own reasons with theirs (the model's
    wording).  A check-worthy sentence shows what counted most for it, another
    what counted most against it.  ``whole`` (the model's reading of the whole
    sentence) is shown only when no part of the sentence gives a reason.  No
    reason quotes only stop words or number words (``stopwords``).
    """
    if not a.text.strip():
        return [_EMPTY]
    sign = 1.0 if checkworthy else -1.0
    parts = _candidates(a, contributions)
    candidates = [*parts, *extra]
    ranked = sorted(
        (
            (strength * sign, order, reason)
            for order, (strength, reason) in enumerate(candidates)
            if strength * sign > 0
        ),
        key=lambda item: (-item[0], item[1]),
    )
    reasons = [reason for _, _, reason in ranked[:limit]]
    if reasons:
        return reasons
    if whole:
        return [whole]
    if checkworthy:
        return [_NOTHING_FOR]
    # Nothing counts against it: it falls short.  Name its best checkable part, if any.
    best = max(parts, default=None)
    if best is not None and best[0] > 0:
        return [f"{best[1]}, not enough on its own"]
    return [_NOTHING_AGAINST]


# Hand-set weights on FEATURE_NAMES: positive for what a fact-checker can check,
# negative for what cannot be checked.  Chosen by reading, not fitted.
_WEIGHTS: dict[str, float] = {
    "span:quantity": 1.6,
    "span:counted_quantity": 0.6,
    "span:money": 2.4,
    "span:percent": 2.4,
    "span:date": 0.8,
    "span:timespan": 1.2,
    "span:comparison": 1.0,
    "span:attribution": 1.2,
    "span:entity": 0.6,
    "cue:event": 0.8,
    "cue:topic": 0.6,
    "cue:question": -3.0,
    "cue:prediction": -1.4,
    "cue:hedge": -0.6,
    "cue:opinion": -1.4,
    "cue:greeting": -3.0,
    "cue:first_person": -0.4,
    "cue:second_person": -0.6,
    "cue:vague": -0.6,
    "cue:exhortation": -1.5,
    "cue:conditional": -0.4,
    "len:short": -1.5,
    "no_verb_headline": -0.5,
}
_BIAS = -1.7


class FeatureDetector:
    """Scores sentences with hand-set weights on transparent features."""

    version = "features-1"

    def __init__(self, threshold: float | None = None) -> None:
        self.threshold = threshold if threshold is not None else threshold_from_env(0.5)
        self._weights = [_WEIGHTS.get(name, 0.0) for name in FEATURE_NAMES]

    def contributions(self, a: Analysis) -> list[float]:
        """What each of ``FEATURE_NAMES`` adds to the sentence's decision value."""
        return [w * v for w, v in zip(self._weights, feature_vector(a), strict=True)]

    def score(self, a: Analysis) -> float:
        z = _BIAS + sum(self.contributions(a))
        return 1.0 / (1.0 + math.exp(-z))

    def detect(self, texts: list[str]) -> list[Detection]:
        out: list[Detection] = []
        for text in texts:
            a = analyse(text)
            parts = self.contributions(a)
            score = 1.0 / (1.0 + math.exp(-(_BIAS + sum(parts)))) if a.text.strip() else 0.0
            worthy = score >= self.threshold
            spans = checkable_spans(a)
            kind = claim_type(a, worthy)
            reasons = typed_reasons(kind, explain(a, parts, worthy))
            out.append(Detection(score, worthy, reasons, spans, kind))
        return out
