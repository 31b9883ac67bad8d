"""The rule under test and the shape of a case: roles, phases, hidden data, statuses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ANON, OUT, ANN, ANN2, ED, STAFF = ROLES = ("anonymous", "no role", "ann", "ann2", "editor", "staff")
PHASES = ("blind", "submitted")
EDITORS = (ED, STAFF)


# --- what may be read ----------------------------------------------------------------------


@dataclass(frozen=True)
class Marker:
    """A piece of hidden data, as text that appears nowhere else in the world."""

    claim: str  # "X" (decided) or "Y" (decided and published)
    part: str  # "final" (verdict name), "note" (editor's), "ann" or "ann2" (rationales)
    text: str

    @property
    def name(self) -> str:
        return f"{self.claim}-{self.part}"


MARKERS = [
    Marker("X", "final", "Misleading"),
    Marker("X", "note", "NOTE-OF-THE-EDITOR-ON-X"),
    Marker("X", "ann", "RATIONALE-OF-ANN-ON-X"),
    Marker("X", "ann2", "RATIONALE-OF-ANN2-ON-X"),
    Marker("Y", "final", "Unverifiable"),
    Marker("Y", "note", "NOTE-OF-THE-EDITOR-ON-Y"),
    Marker("Y", "ann", "RATIONALE-OF-ANN-ON-Y"),
    Marker("Y", "ann2", "RATIONALE-OF-ANN2-ON-Y"),
]
MARK = {m.name: m for m in MARKERS}


def may_read(marker: Marker, role: str, phase: str, channel: str) -> bool:
    """The rule under test: who may learn what, on the desk and API, the public pages and
    the admin."""
    if channel == "admin":
        return role == STAFF
    public = marker.claim == "Y" and marker.part in ("final", "note")
    if channel == "public" or role in (ANON, OUT):
        return public
    draft = marker.part == "ann2" and phase == "blind"  # ann2's review is a draft then
    if role in (*EDITORS, ANN):
        return not draft  # editors read all submitted reviews; ann submitted hers
    # ann2: blind until they submit (their own draft they read, of course).
    return phase == "submitted" or marker.part == "ann2"


# --- the cases -----------------------------------------------------------------------------

Expect = dict[str, int]


def expect(default: int, **by_role: int) -> Expect:
    names = {"anonymous": ANON, "out": OUT, "ann": ANN, "ann2": ANN2, "ed": ED, "staff": STAFF}
    return {role: by_role.get(key, default) for key, role in names.items()}


@dataclass(frozen=True)
class Case:
    """One request and the status each role must get (``blind`` overrides in that phase)."""

    method: str
    url: str  # formatted with the world's ids
    status: Expect
    endpoint: str  # the resolver's name (or route) of the URL, or "METHOD /api/path"
    body: Any = None
    htmx: bool = False
    api: bool = False
    if_match: str | None = None  # where to read the ETag the change needs
    shows: tuple[str, ...] = ()  # markers shown to whoever may read them
    below_editors: tuple[str, ...] | None = None  # shows, for roles below editor
    channel: str = "desk"
    blind: Expect = field(default_factory=dict)
    scale: bool = False  # the page lists the whole rating scale: verdict names are no secret
    drafts: bool = True  # shows drafts to their author (exports carry submitted reviews only)
    finds: str = ""  # a filter on this marker: its claim is listed only to who may read it

    def expected(self, role: str, phase: str) -> int:
        return self.blind.get(role, self.status[role]) if phase == "blind" else self.status[role]


DESK_READ = expect(200, anonymous=302, out=403)  # login_required, then the desk's role
DESK_POST_ONLY = expect(405, anonymous=302, out=403)
EDITOR_PAGE = expect(403, anonymous=302, ed=200, staff=200)
API_READ = expect(200, anonymous=401, out=403)
API_EDITORS = expect(403, anonymous=401, ed=200, staff=200)
EVERYONE = expect(200)
X_ALL = ("X-final", "X-note", "X-ann", "X-ann2")
Y_ALL = ("Y-final", "Y-note", "Y-ann", "Y-ann2")
