"""What each role may do on the desk, asked as permissions (never group names).

The groups get these permissions from ``annotate/migrations/0003_roles.py`` (and
``claims/migrations/0002_roles.py``); an admin can change them without code.
"""

from __future__ import annotations

from claimdesk.types import AnyUser


def _has(user: AnyUser, perm: str) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(perm))


def can_mark(user: AnyUser) -> bool:
    return _has(user, "claims.add_claim")


def can_review(user: AnyUser) -> bool:
    return _has(user, "annotate.add_review")


def can_assign(user: AnyUser) -> bool:
    return _has(user, "annotate.add_assignment")


def can_dismiss(user: AnyUser) -> bool:
    return _has(user, "claims.change_claim")


def can_adjudicate(user: AnyUser) -> bool:
    return _has(user, "annotate.add_decision")


def can_publish(user: AnyUser) -> bool:
    return _has(user, "annotate.publish_decision")


def can_read_all_reviews(user: AnyUser) -> bool:
    """Editors: no blind review; they compare every submitted review."""
    return _has(user, "annotate.view_all_reviews")


def can_export_unpublished(user: AnyUser) -> bool:
    """Editors and staff: the exports carry every claim and every review."""
    return bool(user.is_staff) or can_read_all_reviews(user)


def can_edit_scale(user: AnyUser) -> bool:
    return _has(user, "annotate.change_verdict")


def can_view_claims(user: AnyUser) -> bool:
    return _has(user, "claims.view_claim")
