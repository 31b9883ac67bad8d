"""Word cues for and against check-worthiness (pure Python, no Django).

Looked up in sets over the sentence's words and word pairs, in one pass: a
set lookup per word costs far less than a case-insensitive regular expression
with a long alternation, and these cues run on every sentence.
"""

from __future__ import annotations

import re

__all__ = ["CUE_NAMES", "find_cues"]

# Order matters: it is the order of the model's input columns.
CUE_NAMES = (
    "question",
    "prediction",
    "hedge",
    "opinion",
    "greeting",
    "first_person",
    "second_person",
    "vague",
    "exhortation",
    "conditional",
    "event",
    "topic",
)

_WORDS: dict[str, str] = {
    "prediction": "will won't shall gonna forecast forecasts predict predicts tomorrow",
    "hedge": "would could might may perhaps maybe possibly",
    "opinion": "should must ought great wonderful terrible awful disgrace disgraceful "
    "shameful beautiful amazing fantastic horrible ridiculous outrageous brilliant "
    "pathetic unacceptable best worst",
    "greeting": "thanks hello welcome congratulations",
    "first_person": "i i'm i've i'd me my we we're we've our us",
    "second_person": "you your you're you've",
    "vague": "everybody everyone somebody something thing things stuff",
    "conditional": "if unless whether",
    "event": "voted passed signed vetoed increased decreased rose fell grew declined "
    "dropped cut raised created lost killed killing died spent cost won elected appointed "
    "approved rejected arrested charged convicted sentenced recorded launched invaded "
    "annexed deployed banned fined closed opened hired fired injured built sold bought "
    "paid owed imposed collapsed was were had",
    "topic": "tax taxes deficit debt budget unemployment jobs inflation economy gdp wage "
    "wages income spending rate rates crime murder murders death deaths cases population "
    "emissions medicare medicaid troops nuclear oil energy insurance immigration "
    "immigrant immigrants vote votes bill law legislation treaty sanctions price prices "
    "export exports import imports hospital hospitals vaccine vaccines vaccination "
    "patients students school schools million billion",
}
_PAIRS: dict[str, str] = {
    "prediction": "going to|expected to|likely to|plan to|plans to|intend to|intends to|"
    "next year|next week|next month|next season|next decade",
    "opinion": "i think|we think|i believe|we believe|i feel|we feel|i hope|we hope|i want|"
    "we want|i wish|i guess|i suppose|would like|my opinion|my view|need to|needs to|"
    "have to|has to|got to",
    "greeting": "thank you|good evening|good morning|good afternoon|good night|ladies and|nice to",
    "vague": "some people|many people|a lot|lots of",
    "event": "has been|have been",
    "topic": "social security|health care",
}
_INTERJECTIONS = frozenset("hi hey yes no okay ok well sure right oh".split())
_EXHORTATIONS = frozenset("let let's please look listen imagine".split())
_QUESTION_RE = re.compile(r"\?[\s\"\u201d\u2019')\]]*$")


def _index(table: dict[str, str], sep: str | None) -> dict[str, tuple[str, ...]]:
    index: dict[str, tuple[str, ...]] = {}
    for name in CUE_NAMES:
        for item in table.get(name, "").split(sep):
            if item:
                index[item] = (*index.get(item, ()), name)
    return index


_WORD_INDEX = _index(_WORDS, None)
_PAIR_INDEX = _index(_PAIRS, "|")


def _keep(name: str, original: str) -> bool:
    """Case matters for a few words: "May" the month, "US" the country."""
    if name == "hedge" and original == "May":
        return False
    return not (name == "first_person" and original in ("US", "i"))


def find_cues(text: str, words: list[str], lower: list[str]) -> dict[str, str]:
    """Cue name -> the first words that fired it, for one sentence."""
    cues: dict[str, str] = {}
    if _QUESTION_RE.search(text):
        cues["question"] = "?"
    for original, word in zip(words, lower, strict=True):
        for name in _WORD_INDEX.get(word, ()):
            if name not in cues and _keep(name, original):
                cues[name] = original
    for i in range(len(lower) - 1):
        pair = f"{lower[i]} {lower[i + 1]}"
        for name in _PAIR_INDEX.get(pair, ()):
            if name not in cues:
                cues[name] = f"{words[i]} {words[i + 1]}"
    if lower and lower[0] in _EXHORTATIONS:
        cues.setdefault("exhortation", words[0])
    if 0 < len(lower) <= 3 and all(word in _INTERJECTIONS for word in lower):
        cues.setdefault("greeting", words[0])
    return cues
