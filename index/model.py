"""The dataclasses that leave the parser: a `Report` and its ordered `Paragraph`s.

Every other stage (store, retrieval, answers, evals) speaks these types, never
pypdf objects or Chroma records.

A paragraph's `ref` is what a citation prints. Numbered paragraphs are cited by
their number ("20"); a recommendation bullet is cited by the numbered paragraph
it belongs to (a bullet under 20 -> "20"); text outside the report's numbering
(an ILACS summary, a cover-page judgement list) gets a stable "S<n>" ref so a
citation still points at exactly one piece of text.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

GRADE_WORDS = {1: "Outstanding", 2: "Good", 3: "Adequate", 4: "Inadequate"}

KINDS = ("paragraph", "recommendation", "table")
TIMESCALES = ("Immediately", "Within three months", "Within six months")


@dataclass(frozen=True)
class Judgement:
    area: str
    section: str  # top-level section the grade belongs to, e.g. "Safeguarding services"
    grade: int | None  # 1 (best) .. 4; None where the framework's word has no number
    word: str  # "Adequate", "Good", "Requires improvement to be good", ...

    def label(self) -> str:
        return f"{self.word} (Grade {self.grade})" if self.grade else self.word


@dataclass(frozen=True)
class Paragraph:
    number: int | None  # printed number; the parent's number for a bullet; None outside the numbering
    text: str
    section: tuple[str, ...] = ()
    judgement: Judgement | None = None
    kind: str = "paragraph"
    timescale: str | None = None
    parent: int | None = None
    ref: str = ""  # citation label, see module docstring
    seq: int = 0  # position in the report, unique per report

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "ref": self.ref,
            "text": self.text,
            "section": list(self.section),
            "judgement": {"grade": self.judgement.grade, "word": self.judgement.word}
            if self.judgement
            else None,
            "kind": self.kind,
            "timescale": self.timescale,
            "parent": self.parent,
        }


@dataclass(frozen=True)
class Report:
    id: str  # e.g. "south-gloucestershire-2012-08-10"
    authority: str
    title: str
    inspection_dates: str
    published: str  # ISO date, or "" when neither the text nor the file name says
    source: str
    sha256: str
    judgements: tuple[Judgement, ...] = ()

    @property
    def year(self) -> int | None:
        return int(self.published[:4]) if self.published[:4].isdigit() else None

    def short_name(self) -> str:
        """How a citation names the report when several are indexed: "Medway 2013"."""
        return f"{self.authority} {self.year}" if self.year else self.authority

    def to_json(self) -> dict:
        data = asdict(self)
        data["judgements"] = [asdict(j) for j in self.judgements]
        return data


@dataclass(frozen=True)
class ParsedReport:
    report: Report
    paragraphs: tuple[Paragraph, ...] = field(default_factory=tuple)

    def numbered(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.number is not None and p.kind == "paragraph"]

    def text_of(self, ref: str) -> str:
        """The paragraph with its bullets and tables: everything a citation of `ref` covers."""
        return "\n".join(p.text for p in self.paragraphs if p.ref == str(ref))

    def to_json(self) -> dict:
        return {"report": self.report.to_json(), "paragraphs": [p.to_json() for p in self.paragraphs]}


class ParseError(ValueError):
    """A file that cannot become a report. str() is the one line a user sees."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
