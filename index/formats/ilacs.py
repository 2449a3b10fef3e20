"""Inspections of local authority children's services (ILACS), 2018 on.

The cover is a table, "Judgement | Grade", of three or four areas and overall
effectiveness; until 2023 children in care and care leavers were one judgement, then
two. Each body section's heading repeats its grade ("...help and protection: good").
A short inspection spends one week on site, a standard one two, which is how the
type is told: the report does not print it.
"""
from __future__ import annotations

import re

from index.vocabulary import area_key
from index.formats.base import Cover, Document, Format
from index.formats.cover import cover_grades
from index.formats.identity import on_site_days

# "Inspection of children's social care services" (2018-20), "Inspection of Dorset local authority
# children's services" (2021 on), "Inspection of Kent County Council children's services"
TITLE = re.compile(r"inspection of [^.]{0,100}?children.s\s+(?:social\s+care\s+)?services", re.I)
TABLE_START = re.compile(r"^judgements?\b.{0,12}\bgrade\b|^judgements?$", re.I)


class Ilacs(Format):
    name = "ilacs"
    description = "inspection of local authority children's services (ILACS), 2018 on"

    def matches(self, doc: Document) -> bool:
        return bool(TITLE.search(doc.title))

    def inspection_type(self, doc: Document) -> str:
        days = on_site_days(doc.dates)
        if days is None:
            return "ilacs"
        return "ilacs-short" if days <= 8 else "ilacs-standard"  # one week on site, or two

    def cover(self, doc: Document) -> Cover:
        head, idx = doc.head()
        start = next((i for i, line in enumerate(head) if TABLE_START.match(line)), None)
        if start is None:
            return Cover()
        grades, end = cover_grades(head, start + 1)
        if not grades:
            return Cover()
        return Cover([(area_key(a), a, w) for a, w in grades], idx[end - 1] + 1)
