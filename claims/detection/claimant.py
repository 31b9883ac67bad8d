"""Who made the claim a sentence reports: the claimant's name alone (pure Python).

``find_claimant(text)`` gives the offsets of the claimant's name in the
sentence ("Joe Biden" in "US President Joe Biden warned ..."), or ``None``
when the sentence names nobody: no attribution, an anonymous source
("officials said", "a study found"), or a pronoun or a reference back ("he
said", "the ministry said") that only the article can resolve.
``claimant_name(text, context)`` resolves those from the previous sentences
of the article: "he"/"she" and "the prime minister" to the person, "the
ministry" to the organisation, that the nearest sentence naming one names.

The rules follow docs/labelling.md ("Claimants"): a name, never its verb or a
title; "according to X" and "announced by X" give X; a possessive gives its
owner ("Russia's document ... stated" -> Russia); a news outlet that only
relays someone else's words is passed over for that someone; of two speakers
the first, unless one rejects the other's claim.  Every pattern runs over a
list of tokens once, so the cost stays linear in the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["claimant_name", "find_claimant", "needs_context", "with_claimant"]

_MAX_CHARS = 2_000  # an attribution sits in a sentence's first lines; junk is cut here
_TOKEN_RE = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*|\S")
_QUOTE_RE = re.compile(
    r"\"[^\"\n]{1,800}\"|\u201c[^\u201d\n]{1,800}\u201d|(?<!\w)'[^'\n]{1,300}'(?!\w)"
)

# Reporting verbs: the claimant is their subject ("X said") or, after a quote,
# what follows them ("..., said X").
_VERBS = frozenset(
    """said says say stated told tells claimed claims claim denied denies announced announces
    reported reports argued argues warned warns warn insisted insists insist accused accuses
    admitted admits confirmed confirms estimated estimates noted notes added adds wrote writes
    tweeted alleged alleges acknowledged revealed reveals asserted asserts found finds showed
    shows show testified disclosed declared declares predicted predicts conceded concedes vowed
    vows explained ruled concluded stressed maintained countered suggested""".split()
)
# Verbs that may come before their subject after a quote or a comma ("..., said X").
_INVERTED_VERBS = frozenset(
    """said says added adds claimed claims warned warns insisted insists stated wrote argued
    admitted declared explained noted notes asked""".split()
)
# Participles of a passive attribution ("announced by X").
_PASSIVE = frozenset(
    """announced confirmed published released made stated revealed recorded highlighted
    presented given compiled disclosed commissioned reported claimed issued produced
    conducted provided estimated prepared written raised""".split()
)
_REBUT = frozenset("denied rejected dismissed disputed refuted contradicted".split())
_CLAIM_NOUNS = frozenset("claim claims allegation allegations assertion assertions".split())
_DOC_NOUNS = frozenset(
    "study report figures data survey analysis research statement statistics poll".split()
)
# Words that join the capitalised words of one name.
_JOINERS = frozenset("of for and".split())
_PARTICLES = frozenset("de van von der den da del di du dos das al bin ben le la y".split())
_ABBREVIATIONS = frozenset("Dr Mr Mrs Ms St Prof Gen Sen Rep Gov Jr Sr Lt Col Capt".split())
# Titles and roles written before a person's name, dropped from it.
_ROLES = frozenset(
    """president vice prime minister secretary senator governor mayor coach dr doctor professor
    prof judge chief commissioner councillor councilor mp inspector prosecutor chancellor premier
    executive officer director chair chairman chairwoman spokesman spokeswoman spokesperson
    ombudsman economist activist striker farmer candidate envoy leader captain sir mr mrs ms
    dame lord general colonel sheriff king queen pope ambassador auditor manager founder
    deputy gp constable superintendent sergeant detective official adviser advisor aide
    analyst researcher campaigner organiser organizer paramedic nurse engineer lawyer teacher
    scientist historian biologist pilot author writer player midfielder goalkeeper defender
    carmaker brewer retailer airline insurer chipmaker broadcaster miner lender
    supermarket""".split()
)
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december""".split()
)
# Capitalised words that open a sentence without being a name.
_NOT_NAMES = frozenset(
    """the a an it its this that these those some many several one two three most all any each
    he she they we i you his her their our my your there here in on at after but and so when if
    while as since meanwhile however yesterday earlier later also then now before although
    though because still what who which why how officials critics residents experts witnesses
    people analysts sources scientists researchers doctors campaigners economists observers
    diplomats officers workers teachers parents voters locals authorities lawyers investors
    protesters organisers organizers activists supporters opponents insiders aides allies
    rescuers medics nurses police read live additional breaking watch""".split()
)
# "Police said" names the local force; "officials said" names nobody.
_INSTITUTION_AT_START = frozenset({"police"})
_PRONOUNS = frozenset("he she him her".split())
_LOWER_INSTITUTIONS = frozenset(
    "ministry police council government department agency army military".split()
)
_ORG_REFS = frozenset(
    """ministry agency company bank brewer service force airline regulator group department
    government council firm carmaker union court commission organisation organization
    institute office board party charity insurer retailer operator utility""".split()
)
_PERSON_REFS = frozenset(
    """minister president governor mayor senator chancellor premier secretary coach
    prosecutor judge commissioner""".split()
)
_ORG_WORDS = frozenset(
    """ministry department agency bank council commission parliament congress senate court party
    university institute organisation organization association union committee office police
    service corporation company group fund authority board assembly alliance federation
    foundation army navy force forces administration bureau reserve kremlin pentagon""".split()
)
# News outlets: passed over when they only relay someone else's words.
_MEDIA = frozenset(
    """reuters bloomberg ap afp bbc cnn xinhua kompas guardian times spiegel monde jazeera tass
    nhk yonhap ansa efe dpa post journal telegraph independent economist press
    newspaper agence presse france-presse""".split()
)
_AUX = frozenset(
    """has have had also repeatedly previously later would will has been once again then
    separately""".split()
)
_CLAUSE_WORDS = frozenset("that while whereas which who".split())
_COORDINATORS = frozenset("and but".split())


class _Tok:
    """One word or punctuation mark, with its offsets."""

    __slots__ = ("end", "low", "start", "text", "word")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.low = text.lower()
        self.word = text[:1].isalnum()


@dataclass(frozen=True, slots=True)
class _Found:
    """What an attribution points at: a name, or something to resolve from the context."""

    kind: str  # "name", "pronoun", "person_ref", "org_ref"
    start: int = 0
    end: int = 0


# A sentence without any of these words has no attribution: most are skipped here.
_CUE_WORDS = _VERBS | _REBUT | {"according", "quoted", "citing"}
_LETTERS_RE = re.compile(r"[a-z]+")


def _has_cue(text: str) -> bool:
    if ":" in text:
        return True
    words = set(_LETTERS_RE.findall(text.lower()))
    return not words.isdisjoint(_CUE_WORDS) or ("by" in words and not words.isdisjoint(_PASSIVE))


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _TOKEN_RE.finditer(text):
        s, e, t = m.start(), m.end(), m.group(0)
        if len(t) > 2 and t[-2] in "'\u2019" and t[-1] in "sS":
            out.append(_Tok(s, e - 2, t[:-2]))
            out.append(_Tok(e - 2, e, "'s"))
        else:
            out.append(_Tok(s, e, t))
    return out


def _is_name_word(tokens: list[_Tok], i: int) -> bool:
    tok = tokens[i]
    if not tok.word or not tok.text[:1].isupper():
        return False
    if len(tok.text) > 1 and tok.text.isupper():
        return True  # an acronym: "WHO", "ONS"
    if i == 0 or tokens[i - 1].text in ('"', "\u201c", "'", ":", "(", "\u2018"):
        return tok.low not in _NOT_NAMES
    return tok.low not in {"i"}


def _name_runs(tokens: list[_Tok], lo: int, hi: int) -> list[tuple[int, int]]:
    """Runs of capitalised words (token index ranges, end exclusive) within [lo, hi)."""
    runs: list[tuple[int, int]] = []
    i = lo
    while i < hi:
        if not _is_name_word(tokens, i):
            i += 1
            continue
        j = i + 1
        while j < hi:
            tok = tokens[j]
            if _is_name_word(tokens, j) or (tok.word and tok.text[:1].isupper()):
                j += 1
            elif tok.text == "." and tokens[j - 1].text in _ABBREVIATIONS:
                j += 1
            elif (
                tok.low in _JOINERS | _PARTICLES
                and j + 1 < hi
                and (
                    tokens[j + 1].text[:1].isupper()
                    or (
                        tokens[j + 1].low == "the"
                        and j + 2 < hi
                        and tokens[j + 2].text[:1].isupper()
                    )
                )
            ):
                j += 2 if tokens[j + 1].low != "the" else 3
            elif (
                tok.text == ","
                and any(tokens[k].low in ("for", "of") for k in range(i, j))
                and tokens[j - 1].text[:1].isupper()
                and _comma_list_ahead(tokens, j, hi)
            ):
                j += 2  # "Department for Environment, Food and Rural Affairs"
            else:
                break
        if not all(t.low in _TIME_WORDS for t in tokens[i:j]):
            runs.append((i, j))
        i = j
    return runs


def _comma_list_ahead(tokens: list[_Tok], j: int, hi: int) -> bool:
    """After a comma: "Food and Rural Affairs", capitalised words joined by "and"."""
    k = j + 1
    while k < hi and tokens[k].text[:1].isupper():
        k += 1
    return k > j + 1 and k < hi and tokens[k].low == "and"


def _strip_roles(tokens: list[_Tok], i: int, j: int) -> tuple[int, int]:
    """Drop a title or role before a person's name: "US President Joe Biden" -> "Joe Biden"."""
    last_role = -1
    for k in range(i, j):
        low = tokens[k].low
        if low in _JOINERS:
            return i, j  # "Office of the High Commissioner for Refugees" is an organisation
        if low in _ROLES:
            last_role = k
    if last_role < 0 or last_role + 1 >= j:
        return i, j
    k = last_role + 1
    while k < j and tokens[k].text == ".":
        k += 1
    return (k, j) if k < j else (i, j)


def _name(tokens: list[_Tok], run: tuple[int, int]) -> _Found:
    i, j = _strip_roles(tokens, *run)
    while j > i and tokens[j - 1].text in (".", ","):
        j -= 1
    return _Found("name", tokens[i].start, tokens[j - 1].end)


def _lower_institution(tokens: list[_Tok], lo: int, hi: int) -> _Found | None:
    """ "the police", "the agriculture ministry": an institution written in lower case."""
    for k in range(lo, hi):
        if tokens[k].low in _LOWER_INSTITUTIONS and tokens[k].text.islower():
            start = k
            if k - 1 >= lo and tokens[k - 1].word and tokens[k - 1].text.islower():
                if tokens[k - 1].low not in ("the", "a", "an", "its", "their", "local"):
                    start = k - 1
            return _Found("name", tokens[start].start, tokens[k].end)
    return None


def _noun_phrase(tokens: list[_Tok], lo: int, hi: int, skip_lower: int = 4) -> _Found | None:
    """The name that opens tokens[lo:hi], after a few lower-case descriptors.

    "the regional governor, Anatoly Zuev" -> Anatoly Zuev; "a study by the University
    of Melbourne" -> University of Melbourne; "Nkechi Obi, the hospital's chief nurse"
    -> Nkechi Obi; "the police" -> police.
    """
    k = lo
    lowers = 0
    while k < hi and lowers <= skip_lower:
        tok = tokens[k]
        if tok.word and tok.text[:1].isupper():
            break
        if tok.low in _PRONOUNS:
            return _Found("pronoun", tok.start, tok.end)
        if tok.low in ("by", "from") and k > lo and tokens[k - 1].low in _DOC_NOUNS:
            return _noun_phrase(tokens, k + 1, hi, skip_lower)
        if (
            tok.low in _LOWER_INSTITUTIONS
            and tok.text.islower()
            and not (k + 1 < hi and tokens[k + 1].low in _ROLES)
        ):
            return _lower_institution(tokens, lo, k + 1)
        if tok.text == ",":
            # "its headteacher, Simon Webb"
            if k + 1 < hi and tokens[k + 1].text[:1].isupper():
                k += 1
                break
            return _lower_institution(tokens, lo, k)
        if tok.text in (".", ";", ":", '"', "\u201c", "\u201d"):
            return _lower_institution(tokens, lo, k)
        lowers += 1
        k += 1
    if k >= hi or not tokens[k].text[:1].isupper():
        return _lower_institution(tokens, lo, min(k, hi))
    runs = _name_runs(tokens, k, hi)
    if not runs or runs[0][0] != k:
        return _lower_institution(tokens, lo, hi)
    i, j = runs[0]
    # "Football Supporters' Trust chair Kevin Doyle": a role, then the person.
    for m in range(j, min(hi, j + 6)):
        if tokens[m].text in (",", ".", ";", ":") or tokens[m].low in _CLAUSE_WORDS:
            break
        if tokens[m].text.islower() and tokens[m].low in _ROLES:
            more = _name_runs(tokens, m + 1, hi)
            if more and more[0][0] == m + 1:
                return _name(tokens, more[0])
            break
    return _name(tokens, (i, j))


def _subject(tokens: list[_Tok], lo: int, verb: int, masked: list[bool]) -> _Found | None:
    """The subject of the reporting verb at ``verb``: the name just before it."""
    # Back to the clause boundary: the sentence start, a quotation, ";", ":", "that", ...
    end = verb
    while end > lo and (tokens[end - 1].low in _AUX):
        end -= 1
    start = end
    while start > lo:
        prev = tokens[start - 1]
        if masked[start - 1] or prev.text in (";", ":", "(", ")"):
            break
        after_comma = start > 1 and tokens[start - 2].text == ","
        if prev.text.islower() and (
            (prev.low in _CLAUSE_WORDS and not (after_comma and prev.low in ("who", "which")))
            or (prev.low in _COORDINATORS and after_comma)
        ):
            break
        start -= 1
    parts: list[tuple[int, int]] = []
    k = start
    for m in range(start, end + 1):
        if m == end or tokens[m].text == ",":
            parts.append((k, m))
            k = m + 1
    if not parts:
        return None
    a, b = parts[-1]
    if a >= b:
        # "Tomasz Wrona, the mayor of Lublin, said" or "the senator, Glenn Harper, insisted";
        # otherwise nothing stands between the comma and the verb: an inversion.
        return _apposition(tokens, parts[:-1])
    # An apposition: "Tomasz Wrona, the mayor of Lublin, said" -> Tomasz Wrona.
    if (
        tokens[a].low in ("the", "a", "an", "who", "which", "its", "his", "her", "their", "whose")
        and len(parts) >= 2
    ):
        pa, pb = parts[-2]
        runs = _name_runs(tokens, pa, pb)
        if pb > pa and runs and runs[0] == (pa, pb):
            return _name(tokens, runs[0])
    return _part_name(tokens, a, b)


def _name_only(tokens: list[_Tok], a: int, b: int) -> tuple[int, int] | None:
    runs = _name_runs(tokens, a, b)
    return runs[0] if b > a and runs and runs[0] == (a, b) else None


def _apposition(tokens: list[_Tok], parts: list[tuple[int, int]]) -> _Found | None:
    """The name among the comma-separated parts that end just before the verb."""
    if not parts:
        return None
    a, b = parts[-1]
    run = _name_only(tokens, a, b)
    if run is not None and len(parts) >= 2:
        return _name(tokens, run)
    if len(parts) >= 2 and b > a:
        # "Astrid Holm, Sweden's migration minister, told": the part before is the name.
        pa, pb = parts[-2]
        run = _name_only(tokens, pa, pb)
        if run is not None:
            return _name(tokens, run)
    return None


def _part_name(tokens: list[_Tok], a: int, b: int) -> _Found | None:
    """The claimant named by the words tokens[a:b] that stand before a reporting verb."""
    # A possessive: "Russia's document submitted to NATO stated" -> Russia.
    first = a + 1 if tokens[a].low in ("the", "a", "an") else a
    for k in range(first, min(b, first + 7)):
        if tokens[k].text == "'s":
            if k > first:
                runs = _name_runs(tokens, first, k)
                if runs and runs[-1][1] == k:
                    return _name(tokens, runs[-1])
                if all(t.text.islower() or t.low in _JOINERS for t in tokens[first:k]):
                    return _Found("name", tokens[first].start, tokens[k - 1].end)
            break
        if not tokens[k].word:
            break
    last = tokens[b - 1]
    if last.low in _PRONOUNS:
        return _Found("pronoun", last.start, last.end)
    runs = _name_runs(tokens, a, b)
    if runs:
        return _name(tokens, runs[-1])
    if tokens[a].low in _INSTITUTION_AT_START and b == a + 1:
        return _Found("name", tokens[a].start, tokens[a].end)
    if tokens[a].low == "the" and b - a <= 3:
        head = tokens[b - 1].low
        if head in _PERSON_REFS:
            return _Found("person_ref", tokens[a].start, tokens[b - 1].end)
        if head in _ORG_REFS:
            return _Found("org_ref", tokens[a].start, tokens[b - 1].end)
    found = _lower_institution(tokens, a, b)
    if found is not None and tokens[a].low not in _NOT_NAMES - {"the", "police"}:
        return found
    return None


def _is_media(text: str, found: _Found | None) -> bool:
    if found is None or found.kind != "name":
        return False
    return any(w.lower() in _MEDIA for w in text[found.start : found.end].split())


def _attributions(text: str) -> list[_Found]:
    """Every attribution the sentence holds, in reading order."""
    tokens = _tokens(text)
    if not tokens:
        return []
    masked = [False] * len(tokens)
    quotes = [m.span() for m in _QUOTE_RE.finditer(text)]
    if quotes:
        q = 0
        for k, tok in enumerate(tokens):
            while q < len(quotes) and quotes[q][1] <= tok.start:
                q += 1
            if q < len(quotes) and quotes[q][0] <= tok.start:
                masked[k] = True
    n = len(tokens)
    found: list[_Found] = []
    # A headline "Biden: inflation will fall".
    colon = next((k for k in range(min(n, 6)) if tokens[k].text == ":"), -1)
    if colon > 0:
        runs = _name_runs(tokens, 0, colon)
        if runs and runs[0] == (0, colon):
            found.append(_name(tokens, runs[0]))
        elif colon == 1 and tokens[0].low in _INSTITUTION_AT_START:
            found.append(_Found("name", tokens[0].start, tokens[0].end))
    k = 0
    while k < n:
        tok = tokens[k]
        if masked[k] or not tok.word:
            k += 1
            continue
        low = tok.low
        hit: _Found | None = None
        if low == "according" and k + 1 < n and tokens[k + 1].low == "to":
            hit = _noun_phrase(tokens, k + 2, n)
        elif low in ("quoted", "citing") and not tok.text[:1].isupper():
            hit = _noun_phrase(tokens, k + 1, n)
        elif low in _PASSIVE and k + 1 < n and tokens[k + 1].low == "by":
            hit = _noun_phrase(tokens, k + 2, n)
        elif low in _REBUT and tok.text.islower():
            hit = _rebuttal(tokens, k + 1, n)
            if hit is None:
                hit = _subject(tokens, 0, k, masked)
        elif low in _VERBS and tok.text.islower():
            hit = _subject(tokens, 0, k, masked)
            before = k > 0 and (tokens[k - 1].text == "," or masked[k - 1])
            if hit is None and low in _INVERTED_VERBS and before:
                hit = _noun_phrase(tokens, k + 1, n)
        if hit is not None:
            found.append(hit)
        k += 1
    return found


def _rebuttal(tokens: list[_Tok], lo: int, hi: int) -> _Found | None:
    """ "denied X's claim that ..." and "rejected the claim by X" give X, the claim's owner."""
    k = lo + 1 if lo < hi and tokens[lo].low == "the" else lo
    if k < hi and tokens[k].low in _CLAIM_NOUNS:
        if k + 1 < hi and tokens[k + 1].low in ("by", "from", "of"):
            return _noun_phrase(tokens, k + 2, hi)
        return None
    for m in range(k, min(hi, k + 7)):
        if tokens[m].text == "'s":
            if m + 1 < hi and tokens[m + 1].low in _CLAIM_NOUNS:
                runs = _name_runs(tokens, k, m)
                if runs:
                    return _name(tokens, runs[-1])
            return None
    return None


def _choose(text: str) -> _Found | None:
    text = text[:_MAX_CHARS]
    if not _has_cue(text):
        return None
    found = _attributions(text)
    for index, hit in enumerate(found):
        if _is_media(text, hit) and index + 1 < len(found):
            continue  # "Reuters reported that the minister said ...": the minister
        return hit
    return None


def _claimant_of(text: str) -> _Found | None:
    """What the sentence names as its claimant; None for no text, or nobody named."""
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        return _choose(text)
    except (IndexError, ValueError):  # pragma: no cover - defensive: never fail a sentence
        return None


def find_claimant(text: str) -> tuple[int, int] | None:
    """Offsets of the claimant's name in the sentence, or None if it names nobody."""
    hit = _claimant_of(text)
    if hit is None or hit.kind != "name" or hit.end <= hit.start:
        return None
    return hit.start, hit.end


def _context_name(context: str, want: str) -> str:
    """The person (``want="person"``) or organisation the nearest context sentence names."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", context[-_MAX_CHARS:]) if s.strip()]
    for sentence in reversed(sentences):
        tokens = _tokens(sentence)
        for run in _name_runs(tokens, 0, len(tokens)):
            words = [t.low for t in tokens[run[0] : run[1]]]
            is_org = any(w in _ORG_WORDS for w in words)
            i, j = _strip_roles(tokens, *run)
            if want == "person":
                if not is_org and j - i >= 2:
                    return sentence[tokens[i].start : tokens[j - 1].end]
            elif is_org or j - i >= 1:
                return sentence[tokens[i].start : tokens[j - 1].end]
    return ""


def claimant_name(text: str, context: str = "") -> str:
    """The claimant's name; pronouns and references back resolved from ``context``."""
    hit = _claimant_of(text)
    if hit is None:
        return ""
    if hit.kind == "name":
        return text[hit.start : hit.end]
    if not isinstance(context, str) or not context.strip():
        return ""
    return _context_name(context, "org" if hit.kind == "org_ref" else "person")


def needs_context(text: str) -> bool:
    """True if the claimant is a pronoun or a reference back that the article resolves."""
    hit = _claimant_of(text)
    return hit is not None and hit.kind != "name"


def with_claimant(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``spans`` and, when the sentence names its claimant, a ``claimant`` span over the name."""
    found = find_claimant(text)
    if found is None:
        return spans
    return sorted([*spans, (found[0], found[1], "claimant")])
