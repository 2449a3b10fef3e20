"""Inspections of safeguarding and looked after children services (SLAC), 2009-2012.

Two top-level sections, "Safeguarding services" and "Services for looked after
children", each grading its areas with a "Grade 3 (Adequate)" line under the area's
heading; the "Record of main findings" table repeats them and adds a few. Judgements
are the body's own (index.formats.body), one per area and section.
"""
from __future__ import annotations

import re

from index.formats.base import Document, Format

TITLE = re.compile(r"inspection of safeguarding and looked after children", re.I)


class Safeguarding2012(Format):
    name = "slac-2012"
    description = "inspection of safeguarding and looked after children services, 2009-2012"

    def matches(self, doc: Document) -> bool:
        return bool(TITLE.search(doc.title))
