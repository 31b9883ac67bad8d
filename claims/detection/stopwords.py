"""Words never quoted as evidence in a reason: stop words and number words (pure Python).

``STOP_WORDS`` is scikit-learn's English stop-word list (``ENGLISH_STOP_WORDS``
in ``sklearn/feature_extraction/_stop_words.py``, scikit-learn 1.9.1, BSD
3-Clause licence), copied word for word because the run-time detector must not
import scikit-learn (the optional ``train`` extra).  scikit-learn took it from
the Glasgow Information Retrieval Group's stop list
(http://ir.dcs.gla.ac.uk/resources/linguistic_utils/stop_words).  The tests
check that it still holds every word of the installed scikit-learn's list.
Beside it: the contracted forms that the detector's tokeniser keeps whole
("don't", "it's"), and the number words ("two", "dozen", "million"), which say
that a sentence holds a number, never what makes it checkable.

The list has known oddities (it holds "bill", "fire", "system" and "amount",
see Nothman, Qin and Yurchak, "Stop Word Lists in Free Open-source Software
Packages", NLP-OSS 2018): such a word is then never quoted as evidence, which
loses a quote, never misleads.
"""

from __future__ import annotations

__all__ = ["STOP_WORDS", "is_stop_word"]

_SCIKIT_LEARN = frozenset(
    """
    a about above across after afterwards again against all almost alone along already
    also although always am among amongst amoungst amount an and another any anyhow
    anyone anything anyway anywhere are around as at back be became because become
    becomes becoming been before beforehand behind being below beside besides between
    beyond bill both bottom but by call can cannot cant co con could couldnt cry de
    describe detail do done down due during each eg eight either eleven else elsewhere
    empty enough etc even ever every everyone everything everywhere except few fifteen
    fifty fill find fire first five for former formerly forty found four from front full
    further get give go had has hasnt have he hence her here hereafter hereby herein
    hereupon hers herself him himself his how however hundred i ie if in inc indeed
    interest into is it its itself keep last latter latterly least less ltd made many
    may me meanwhile might mill mine more moreover most mostly move much must my myself
    name namely neither never nevertheless next nine no nobody none noone nor not
    nothing now nowhere of off often on once one only onto or other others otherwise our
    ours ourselves out over own part per perhaps please put rather re same see seem
    seemed seeming seems serious several she should show side since sincere six sixty so
    some somehow someone something sometime sometimes somewhere still such system take
    ten than that the their them themselves then thence there thereafter thereby
    therefore therein thereupon these they thick thin third this those though three
    through throughout thru thus to together too top toward towards twelve twenty two un
    under until up upon us very via was we well were what whatever when whence whenever
    where whereafter whereas whereby wherein whereupon wherever whether which while
    whither who whoever whole whom whose why will with within without would yet you your
    yours yourself yourselves
    """.split()
)
_CONTRACTIONS = frozenset(
    """
    i'm i've i'd i'll you're you've you'll you'd he's he'd he'll she's she'd she'll it's
    it'd it'll we're we've we'd we'll they're they've they'd they'll that's there's
    here's what's who's where's when's why's how's let's don't doesn't didn't isn't
    aren't wasn't weren't haven't hasn't hadn't won't wouldn't can't couldn't shouldn't
    mustn't mightn't needn't shan't ain't y'all
    """.split()
)
_NUMBER_WORDS = frozenset(
    """
    zero one two three four five six seven eight nine ten eleven twelve thirteen
    fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
    seventy eighty ninety hundred hundreds thousand thousands million millions billion
    billions trillion trillions dozen dozens tens half once twice
    """.split()
)
STOP_WORDS = _SCIKIT_LEARN | _CONTRACTIONS | _NUMBER_WORDS


def is_stop_word(word: str) -> bool:
    """Whether a word (any case, straight or curly apostrophe) is in ``STOP_WORDS``."""
    return word.lower().replace("\u2019", "'") in STOP_WORDS
