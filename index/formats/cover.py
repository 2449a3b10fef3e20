"""Judgement lists on a report's cover: "Area ... Grade" runs, however the lines wrap.

    cover_grades(["The impact of leaders on social work", "practice with children and families",
                  "Outstanding", "Overall effectiveness Good", "Services for children in Dorset are good ..."])
    -> [("The impact of leaders on social work practice with children and families", "Outstanding"),
        ("Overall effectiveness", "Good")]

Used by the formats whose cover lists grades (ILACS's table, SIF's numbered list). The
lines are read as one run of words, so a grade split over three lines ("Requires /
improvement to be / good") is still one grade; the list ends at the first run of words
before a grade that does not name a judged area.
"""
from __future__ import annotations

import re

from index.vocabulary import GRADE_WORD, area_key

_GRADE = re.compile(r"\b" + GRADE_WORD + r"\b", re.I)


def cover_grades(lines: list[str], start: int = 0, limit: int = 30) -> tuple[list[tuple[str, str]], int]:
    """(area text, grade words) pairs from a cover list starting at lines[start], and the index
    of the line after the last grade read (start if none)."""
    text, ends = "", []  # ends[i]: offset in text where line start+i ends
    for line in lines[start:start + limit]:
        if line.strip():
            text += (" " if text else "") + line.strip()
        ends.append(len(text))
    out: list[tuple[str, str]] = []
    begin, last = 0, -1
    for m in _GRADE.finditer(text):
        area = text[begin:m.start()].strip(" .:")
        begin = m.end()
        if area_key(area):
            out.append((area, " ".join(m.group(1).split())))
            last = m.end()
        elif out:
            break  # words before a grade that name no area: the list is over
    if not out:
        return [], start
    return out, start + next(i for i, end in enumerate(ends) if end >= last) + 1


def _flat(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def locate(paragraphs, area_text: str, word: str = "") -> str:
    """The citation label of the first paragraph holding a cover line's words ("" if none does)."""
    area, grade = _flat(area_text), _flat(word)
    for p in paragraphs:
        flat = _flat(p.text)
        if area in flat and grade in flat:
            return p.ref
    return ""
