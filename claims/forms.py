from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from claims.extraction import SUPPORTED_SUFFIXES


class ArticleForm(forms.Form):
    title = forms.CharField(
        max_length=300,
        required=False,
        help_text="Leave empty to use the first line (or the page title).",
    )
    url = forms.URLField(
        max_length=2000,
        required=False,
        label="URL",
        assume_scheme="https",
        help_text="Where the article was published.",
    )
    publisher = forms.CharField(max_length=200, required=False)
    author = forms.CharField(max_length=200, required=False)
    published_at = forms.DateTimeField(
        required=False,
        label="Published at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    body = forms.CharField(
        required=False,
        label="Text",
        widget=forms.Textarea(attrs={"rows": 14}),
        strip=False,
        help_text="Paste the article text, or upload a file below.",
    )
    file = forms.FileField(
        required=False,
        help_text="A .txt, .md or .html file (UTF-8). HTML is reduced to its article text.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(sorted(SUPPORTED_SUFFIXES))}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        body, upload = cleaned.get("body", ""), cleaned.get("file")
        if body.strip() and upload:
            raise forms.ValidationError("Paste text or upload a file, not both.")
        if not body.strip() and not upload:
            raise forms.ValidationError("Paste the article text or choose a file to upload.")
        if upload and upload.size > settings.CLAIMDESK_MAX_ARTICLE_BYTES * 4:
            self.add_error("file", f"The file is {upload.size:,} bytes, far over the limit.")
        return cleaned
