"""Report formats: how to recognise each kind of Ofsted report and read what its title
page and cover say (type, cover judgements). The body is read the same way for all of
them (`index.formats.body`).

    fmt = detect(doc)              # the first format whose title page this is
    fmt.inspection_type(doc)       -> "ilacs-short"
    fmt.cover(doc)                 -> Cover(grades=[("overall", "Overall effectiveness", "Good"), ...], end=17)

Adding a format means adding one module with a `Format` subclass and listing it in
`formats()`, most specific first.
"""
from __future__ import annotations

from index.formats.base import Cover, Document, Format

__all__ = ["Cover", "Document", "Format", "detect", "formats"]


def formats() -> list[Format]:
    from index.formats.ilacs import Ilacs
    from index.formats.lac import LookedAfter2013
    from index.formats.lscb import LscbReview
    from index.formats.sif import SingleInspection
    from index.formats.slac import Safeguarding2012

    return [Ilacs(), SingleInspection(), LscbReview(), Safeguarding2012(), LookedAfter2013(), Format()]


def detect(doc: Document) -> Format:
    return next(f for f in formats() if f.matches(doc))
