"""``next`` values a page must refuse (off the site) or follow (on it), shared by the
tests of the helper, the login and logout, and the desk's form posts."""

from __future__ import annotations

OFF_SITE = [
    "//evil.example",
    "///evil.example",
    "https://evil.example",
    "http://evil.example/desk/",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "  //evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(document.domain)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://testserver/",
    "https://testserver.evil.example/",
    "https://evil.example@testserver/",
]
ON_SITE = ["/desk/claims/?status=new&page=2", "/articles/3/?claim=7", "http://testserver/desk/"]
