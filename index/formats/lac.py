"""Inspections of looked after children services, 2012-2013.

One service, graded like SLAC reports: "Grade 3 (Adequate)" under each area's heading.
"""
from __future__ import annotations

import re

from index.formats.base import Document, Format

TITLE = re.compile(r"inspection of (?:services for )?looked after children", re.I)


class LookedAfter2013(Format):
    name = "lac-2013"
    description = "inspection of looked after children services, 2012-2013"

    def matches(self, doc: Document) -> bool:
        return bool(TITLE.search(doc.title))
