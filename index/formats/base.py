"""The shapes every format module shares: what it reads (`Document`), what its cover states
(`Cover`), and the `Format` base class with the defaults of a report it does not recognise.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Document:
    """What a format reads: the cleaned lines and the title page."""
    lines: tuple[str, ...]
    title: str  # the title page's words up to the inspection dates, joined by spaces
    start: date | None  # first and last day of the inspection
    end: date | None
    dates: str = ""  # the inspection dates as printed

    def head(self, limit: int = 60) -> tuple[list[str], list[int]]:
        """The first `limit` non-blank lines, and each one's index in `lines`."""
        idx = [i for i, line in enumerate(self.lines) if line][:limit]
        return [self.lines[i] for i in idx], idx


@dataclass(frozen=True)
class Cover:
    """Judgements a cover states, (area key, report's words, grade words), and where the cover ends:
    lines before `end` are cited together as the report's first unnumbered paragraph, S1."""
    grades: list[tuple[str, str, str]] = field(default_factory=list)
    end: int = 0


class Format:
    """One kind of report. `name` is the family; `inspection_type` may refine it."""
    name = "unknown"
    description = "a report in none of the known layouts: numbered paragraphs only"

    def matches(self, doc: Document) -> bool:
        return True

    def inspection_type(self, doc: Document) -> str:
        return self.name

    def cover(self, doc: Document) -> Cover:
        """By default no cover: the judgements are the graded headings of the body."""
        return Cover()

    def stated_in_body(self, paragraphs) -> list[tuple[str, str, str, str]]:
        """Judgements the body states in a sentence rather than a heading: (key, words, grade, ref)."""
        return []
