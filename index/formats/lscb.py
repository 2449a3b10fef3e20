"""A review of the effectiveness of a Local Safeguarding Children Board published on its
own (2015-2017): one judgement, stated on the title page.

    "Surrey Safeguarding Children Board ... The Local Safeguarding Children Board requires improvement"
"""
from __future__ import annotations

import re

from index.formats.base import Cover, Document, Format
from index.formats.sif import LSCB, sentence_grade

TITLE = re.compile(r"review of the effectiveness of the local safeguarding children", re.I)


class LscbReview(Format):
    name = "lscb-review"
    description = "review of a Local Safeguarding Children Board, published on its own"

    def matches(self, doc: Document) -> bool:
        return bool(TITLE.search(doc.title)) and not re.search(r"inspection of services", doc.title, re.I)

    def cover(self, doc: Document) -> Cover:
        head, idx = doc.head()
        found = sentence_grade(LSCB, head, idx)
        if not found:
            return Cover()
        return Cover([("lscb", "The effectiveness of the Local Safeguarding Children Board", found[0])], found[1])
