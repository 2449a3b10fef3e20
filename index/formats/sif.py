"""The single inspection framework (SIF), 2013-2018, and its re-inspections.

The cover states the overall judgement in a sentence ("The overall judgement is that
children's services are good") and lists the others, numbered apart from the body:
"1. Children who need help and protection Good", "2.1 Adoption performance Good", ...
Most reports add the review of the Local Safeguarding Children Board, judged in a
sentence of its own, on the cover or just after it.
"""
from __future__ import annotations

import re

from index.vocabulary import GRADE_WORD, area_key
from index.formats.base import Cover, Document, Format

TITLE = re.compile(r"inspection of services for children in need of help\s+and\s+protection", re.I)
# "The overall judgement is good", "...is that children's services require improvement",
# "Children's services in Darlington require improvement to be good"
OVERALL = re.compile(r"(?:the overall judgement is(?: that)?(?: children.s services(?: in [\w ,.'’&-]{1,60}?)?)?|"
                     r"children.s services in [\w ,.'’&-]{1,60}?)\s+(?:are\s+|is\s+)?" + GRADE_WORD, re.I)
LSCB = re.compile(r"(?:judgement (?:for|on|about) the effectiveness of the (?:local safeguarding children board|lscb)"
                  r"(?: \(lscb\))? is(?: that it)?|the local safeguarding children board(?: \(lscb\))?(?: is)?)\s+"
                  + GRADE_WORD, re.I)
BODY_LSCB = re.compile(r"^the local safeguarding children(?: board)?(?: \(lscb\))? (?:is |are )?" + GRADE_WORD + r"\b",
                       re.I)
LIST_START = re.compile(r"^1\.?\s+children who need help", re.I)


def sentence_grade(pattern: re.Pattern, head: list[str], idx: list[int], within: int = 40) -> tuple[str, int] | None:
    """The grade a one-sentence judgement states in the first lines, and the line after it."""
    for i in range(min(within, len(head))):
        window = " ".join(head[i:i + 3])
        m = pattern.search(window)
        if m and m.start() < len(head[i]):
            consumed, length = i, len(head[i])
            while length < m.end() and consumed + 1 < len(head):
                consumed += 1
                length += 1 + len(head[consumed])
            return " ".join(m.group(1).split()), idx[consumed] + 1
    return None


ITEM = re.compile(r"^(\d(?:\.\d)?)\.?\s+(\S.*)$")
_ENDS_WITH_GRADE = re.compile(r"^(.*?)\s+" + GRADE_WORD + r"\s*\.?$", re.I)


def listed_items(head: list[str], start: int, within: int = 45) -> list[tuple[str, str, int]]:
    """The numbered cover list, item by item: (area words, grade words, index after its last line).

    Item by item rather than as one run, because a footnote or a page break can sit in the
    middle of the list ("2.1 Adoption performance Good", footnote, page 2, "2.2 ...")."""
    out = []
    i = start
    while i < min(len(head), start + within):
        m = ITEM.match(head[i])
        if not m:
            i += 1
            continue
        text, j = m.group(2), i + 1
        while not _ENDS_WITH_GRADE.match(text) and j < len(head) and j < i + 6 and not ITEM.match(head[j]):
            text, j = f"{text} {head[j]}", j + 1
        found = _ENDS_WITH_GRADE.match(text)
        if found and area_key(found.group(1)) and area_key(found.group(1)) != "lscb":
            out.append((found.group(1).strip(), " ".join(found.group(2).split()), j))
            i = j
        else:
            i += 1
    return out


class SingleInspection(Format):
    name = "sif"
    description = "single inspection framework (SIF), 2013-2018, with its LSCB review"

    def matches(self, doc: Document) -> bool:
        return bool(TITLE.search(doc.title))

    def inspection_type(self, doc: Document) -> str:
        return "sif-reinspection" if re.search(r"\bre-inspection of\b", doc.title, re.I) else "sif"

    def cover(self, doc: Document) -> Cover:
        head, idx = doc.head()
        grades, end = [], 0
        overall = sentence_grade(OVERALL, head, idx)
        if overall:
            grades.append(("overall", "Overall effectiveness", overall[0]))
            end = overall[1]
        start = next((i for i, line in enumerate(head) if LIST_START.match(line)), None)
        if start is not None:
            for area, word, stop in listed_items(head, start):
                grades.append((area_key(area), area, word))
                end = max(end, idx[stop - 1] + 1)
        lscb = sentence_grade(LSCB, head, idx, within=45)
        if lscb and (not end or lscb[1] <= end + 12):  # on the cover, not in the body's LSCB section
            grades.append(("lscb", "The effectiveness of the Local Safeguarding Children Board", lscb[0]))
            end = max(end, lscb[1])
        return Cover(grades, end)

    def stated_in_body(self, paragraphs) -> list[tuple[str, str, str, str]]:
        """The LSCB review's judgement when it opens that section rather than sitting on the cover:
        "The Local Safeguarding Children Board (LSCB) is inadequate." """
        for p in paragraphs:
            m = BODY_LSCB.match(p.text)
            if m:
                return [("lscb", "The effectiveness of the Local Safeguarding Children Board",
                         " ".join(m.group(1).split()), p.ref)]
        return []
