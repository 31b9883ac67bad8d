"""Exports in the field's formats, streamed in constant memory from ``values_list`` rows.

``stream(fmt, queryset, site=..., filters=...)`` yields text chunks; the API wraps them in a
``StreamingHttpResponse`` and ``manage.py export`` writes them to a file.
"""

from publishing.exports.formats import FORMATS, ExportFormat, site_uri, stream

__all__ = ["FORMATS", "ExportFormat", "site_uri", "stream"]
