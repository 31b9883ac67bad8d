"""The roles of the desk, as Django groups carrying model permissions.

Views, the API and querysets ask for permissions (``user.has_perm``), never for
group names, so an admin can adjust what a role may do without code changes.
The groups and their permissions are created by a data migration.
"""

from __future__ import annotations

from claimdesk.types import AnyUser

ANNOTATOR = "annotator"
EDITOR = "editor"

# Permissions granted to each group (app_label.codename).
ROLE_PERMISSIONS: dict[str, list[str]] = {
    ANNOTATOR: [
        "claims.view_article",
        "claims.add_article",
        "claims.view_sentence",
        "claims.view_claim",
        "claims.add_claim",
    ],
    EDITOR: [
        "claims.view_article",
        "claims.add_article",
        "claims.change_article",
        "claims.view_sentence",
        "claims.view_claim",
        "claims.add_claim",
        "claims.change_claim",
    ],
}


def can_view_articles(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.has_perm("claims.view_article"))


def can_add_articles(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.has_perm("claims.add_article"))


def can_manage_articles(user: AnyUser) -> bool:
    """Editors and staff: retry failed articles and re-run detection."""
    return bool(user.is_authenticated and user.has_perm("claims.change_article"))


def role_names(user: AnyUser) -> list[str]:
    if not user.is_authenticated:
        return []
    names = sorted(user.groups.values_list("name", flat=True))
    if user.is_staff:
        names.append("staff")
    return names
