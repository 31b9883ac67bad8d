"""The claim type of a sentence, after Full Fact's schema (pure Python, rule-based).

``claim_type(analysis, checkworthy)`` gives one of ``CLAIM_TYPES`` from what
``features.analyse`` found (spans and cues) and a few word lists of its own,
looked up in sets in one pass over the sentence's words, like ``cues.py``.  The
schema (Konstantinovskiy et al., "Toward Automated Factchecking", 2021) has
seven types; the rules, in the order they are tried:

1. **not_claim** first, when the sentence has no word, or is not check-worthy
   and is a question, a greeting, an appeal to the listener ("Let's ...") or an
   opinion ("I think", "we should") without a number to check.
2. **prediction**: it speaks of the future ("will", "expected to", "next
   year", "forecast", "set to", "expects"), or of a change that could come
   ("the toll could rise").
3. **correlation_causation**: it links two things ("causes", "because of",
   "due to", "led to", "linked to", "associated with", "a higher risk of").
4. **laws_rules**: it states a law or rule ("law", "legislation", "bans",
   "illegal", "regulations", "constitutional", "allowed to", "an Act").
5. **quantity**: a number, an amount of money or a percentage, a comparison
   that says more than stop words ("the highest", "twice as many as"), or a
   change of a measured thing ("prices rose", "unemployment fell").
6. **personal_experience**: the speaker's own life in the first person
   singular ("I was born", "my father worked", "I could not afford"), neither
   an opinion nor a hedge, and without "we", "our" or "us": a politician's
   "we" is a government or a country, and what it did is checkable.
7. **other**: a check-worthy sentence, or one that holds a checkable part
   (a date, a time span, a comparison, an attributed statement, a named
   organisation that did something), none of the above.
8. **not_claim**: the rest: not check-worthy and nothing to check.

When several apply the first wins: "The bank expects inflation to fall to 2%
next year" is a prediction, not a quantity; "Smoking causes 8 million deaths"
a causation; "The law caps rents at 3%" a law.  The type does not change the
score: a prediction or a personal experience may be typed and still not
suggested.  The rules run in a few microseconds a sentence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .base import CLAIM_TYPE_LABELS, CLAIM_TYPES
from .stopwords import is_stop_word

if TYPE_CHECKING:  # features.py imports this module
    from .features import Analysis

__all__ = ["CLAIM_TYPES", "CLAIM_TYPE_LABELS", "claim_type", "type_reason", "typed_reasons"]

# Signals beyond the cues of cues.py, each word or word pair -> its signal.
_WORDS: dict[str, str] = {
    "future": "forecast forecasts forecasted predicted projected expects anticipates upcoming",
    "causal": "cause causes caused causing because therefore consequently hence "
    "triggered triggers linked correlated correlation correlates causal fuelled fueled "
    "kills boosted boosts",
    "legal": "law laws lawful unlawful unlawfully illegal illegally legal legally "
    "legislation legislative statute statutes regulation regulations regulated "
    "ban bans banned banning prohibit prohibits prohibited prohibition forbid forbids "
    "forbidden outlaw outlaws outlawed mandatory compulsory constitution constitutional "
    "unconstitutional licence license licensed treaty treaties decree ruled",
    "change": "rose risen rise rises rising fell fallen fall falls falling increased "
    "increase increases decreased decrease decreases grew grown growing declined decline "
    "declines dropped drop drops doubled tripled halved surged soared plunged plummeted "
    "climbed shrank shrunk",
    "measured": "unemployment inflation prices price wages wage income gdp economy "
    "deficit debt taxes tax spending rate rates crime murders deaths cases population "
    "emissions exports imports growth poverty output sales",
    "singular": "me my myself mine i'm i've i'd i'll",
    "plural": "we we're we've we'd our ours us",
    "lived": "born grew raised lived live living worked work working saw seen met "
    "remember visited served went came spent paid earn earned earns lost got struggled "
    "afford",
}
_PAIRS: dict[str, str] = {
    "future": "set to|on track|on course|in future",
    "causal": "due to|led to|lead to|leads to|leading to|link between|associated with|"
    "result in|results in|resulted in|result of|responsible for|contributed to|"
    "contributes to|contribute to|thanks to|driven by|caused by|blamed for|risk of|"
    "effect of|effects of|impact of|because of|so that",
    "legal": "allowed to|required to|entitled to|eligible for|right to|by law",
}


def _index(table: dict[str, str], sep: str | None) -> dict[str, str]:
    return {item: name for name, items in table.items() for item in items.split(sep) if item}


_WORD_SIGNALS = _index(_WORDS, None)
_PAIR_SIGNALS = _index(_PAIRS, "|")
_PAIR_FIRST = frozenset(pair.split()[0] for pair in _PAIR_SIGNALS)
_NUMERIC = frozenset(("quantity", "money", "percent"))
_CHECKABLE = frozenset(("quantity", "money", "percent", "date", "timespan", "comparison"))
_NOT_A_CLAIM_CUES = ("question", "greeting", "exhortation", "opinion")
_TYPE_REASON = "claim type: "
_WORD_RE = re.compile(r"\w+(?:['\u2019]\w+)?")


def _quotable(text: str) -> bool:
    """More than stop words: "the highest", not "the first" or "more than" (features.quotable)."""
    return any(not is_stop_word(word) for word in _WORD_RE.findall(text))


def _signals(a: Analysis) -> set[str]:
    """The signals of the word lists above that one sentence holds."""
    found: set[str] = set()
    words, lower = a.words, a.lower
    last = len(lower) - 1
    for i, word in enumerate(lower):
        signal = _WORD_SIGNALS.get(word)
        if signal is not None:
            found.add(signal)
        elif word == "i" and words[i] == "I":
            found.add("singular")
        elif word == "act" and words[i] == "Act":  # "the Clean Air Act"
            found.add("legal")
        if i < last and word in _PAIR_FIRST:
            pair = _PAIR_SIGNALS.get(f"{word} {lower[i + 1]}")
            if pair is not None:
                found.add(pair)
    return found


def claim_type(a: Analysis, checkworthy: bool) -> str:
    """One of ``CLAIM_TYPES`` for an analysed sentence (the rules of the module's docstring)."""
    if not a.words:
        return "not_claim"
    cues = a.cues
    kinds = {kind for _, _, kind in a.spans}
    numeric = not kinds.isdisjoint(_NUMERIC)
    if not checkworthy and any(cue in cues for cue in _NOT_A_CLAIM_CUES):
        if not (numeric and "opinion" in cues and "question" not in cues):
            return "not_claim"
    signals = _signals(a)
    if (
        "prediction" in cues
        or "future" in signals
        or ("hedge" in cues and "change" in signals)  # "the toll could rise"
    ):
        return "prediction"
    if "causal" in signals:
        return "correlation_causation"
    if "legal" in signals:
        return "laws_rules"
    if (
        numeric
        or any(kind == "comparison" and _quotable(a.text[s:e]) for s, e, kind in a.spans)
        or ("change" in signals and ("measured" in signals or "topic" in cues))
    ):
        return "quantity"
    if (
        "singular" in signals
        and "plural" not in signals
        and "opinion" not in cues
        and "hedge" not in cues
        and ("event" in cues or "lived" in signals or "timespan" in kinds)
    ):
        return "personal_experience"
    if checkworthy or not kinds.isdisjoint(_CHECKABLE) or "attribution" in kinds:
        return "other"
    if "entity" in kinds and "event" in cues:
        return "other"
    return "not_claim"


def type_reason(kind: str) -> str:
    """The reason that names a claim type: "claim type: quantity in the past or present"."""
    return _TYPE_REASON + CLAIM_TYPE_LABELS[kind]


def typed_reasons(kind: str, reasons: list[str]) -> list[str]:
    """The type first, then the strongest one or two reasons (three lines at most)."""
    return [type_reason(kind), *reasons[:2]]
