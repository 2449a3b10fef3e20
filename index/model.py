"""The dataclasses that leave the parser: a `Report` and its ordered `Paragraph`s.

Every other stage (store, retrieval, answers, evals) speaks these types, never
PDF library objects or Chroma records.

A paragraph's `ref` is what a citation prints. Numbered paragraphs are cited by
their number ("20"); a recommendation bullet is cited by the numbered paragraph
it belongs to (a bullet under 20 -> "20"); text outside the report's numbering
(an ILACS summary, a cover-page judgement list) gets a stable "S<n>" ref so a
citation still points at exactly one piece of text.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

GRADE_WORDS = {1: "Outstanding", 2: "Good", 3: "Adequate", 4: "Inadequate"}

KINDS = ("paragraph", "recommendation", "table", "cover")
TIMESCALES = ("Immediately", "Within three months", "Within six months")


@dataclass(frozen=True)
class Judgement:
    area: str  # the judged area's key in index.vocabulary: "overall", "help_and_protection", ...
    area_text: str  # the report's own words for it: "The experiences and progress of children in care"
    section: str  # top-level section the grade belongs to where a report grades twice, e.g. "Safeguarding services"
    grade: int | None  # 1 (best) .. 4
    word: str  # the report's own grade words: "Adequate", "Requires improvement to be good", ...
    ref: str = ""  # where the report states it: a cover list or table ("S1"), else the paragraph under its heading
    section_ref: str = ""  # the first paragraph of the section the judgement heads, if the report has one

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
            "judgement": {"area": self.judgement.area, "grade": self.judgement.grade, "word": self.judgement.word}
            if self.judgement
            else None,
            "kind": self.kind,
            "timescale": self.timescale,
            "parent": self.parent,
        }


@dataclass(frozen=True)
class Report:
    id: str  # authority and last inspection day: "south-gloucestershire-2012-07-06"
    authority: str  # canonical name from index/authorities.txt
    title: str
    inspection_dates: str  # as printed: "25 June 2012 to 6 July 2012"
    published: str  # ISO date, or "" when neither the text nor the file name says
    source: str
    sha256: str
    judgements: tuple[Judgement, ...] = ()
    type: str = ""  # see index.formats: "slac-2012", "lac-2013", "sif", "ilacs-standard", ...
    inspection_start: str = ""  # ISO dates read from inspection_dates
    inspection_end: str = ""

    @property
    def year(self) -> int | None:
        """The year people name a report by: its publication, else its last inspection day."""
        for date in (self.published, self.inspection_end):
            if date[:4].isdigit():
                return int(date[:4])
        return None

    def short_name(self) -> str:
        """How a citation names the report when several are indexed: "Medway 2013"."""
        return f"{self.authority} {self.year}" if self.year else self.authority

    def to_json(self) -> dict:
        data = asdict(self)
        data["judgements"] = [asdict(j) for j in self.judgements]
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Report":
        data = dict(data)
        data["judgements"] = tuple(Judgement(**j) for j in data.get("judgements", ()))
        return cls(**data)


@dataclass(frozen=True)
class ParsedReport:
    report: Report
    paragraphs: tuple[Paragraph, ...] = field(default_factory=tuple)
    problems: tuple[str, ...] = ()  # what looks wrong but still parsed, for `report-assistant audit`

    def numbered(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.number is not None and p.kind == "paragraph"]

    def text_of(self, ref: str) -> str:
        """The paragraph with its bullets and tables: everything a citation of `ref` covers."""
        return "\n".join(p.text for p in self.paragraphs if p.ref == str(ref))

    def to_json(self) -> dict:
        return {"report": self.report.to_json(), "paragraphs": [p.to_json() for p in self.paragraphs],
                "problems": list(self.problems)}


class ParseError(ValueError):
    """A file that cannot become a report. str() is the one line a user sees."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self):  # crosses process boundaries in parallel parsing
        return (ParseError, (self.path, self.reason))
