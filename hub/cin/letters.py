"""Outcome and closure letters as PDFs (WeasyPrint), made from the record.

The sources give the wording (003: "Standard Outcome/closure Letter"); the page
template is hub/templates/cin/letters/. Nothing is fetched while rendering.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    import weasyprint
    from weasyprint.urls import URLFetcher

    html = render_to_string(template, context)
    # Self-contained: user text can never make the renderer read a file or call out.
    refuse_all = URLFetcher(allowed_protocols=frozenset(), fail_on_errors=False)
    pdf = weasyprint.HTML(string=html, url_fetcher=refuse_all).write_pdf(pdf_tags=True)
    assert pdf is not None
    return bytes(pdf)
