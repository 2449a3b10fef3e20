"""A decision -> the `Answer` users see: text with [citations], and the citations themselves.

    render(decision, snap) -> ("Partnership working was judged Good (Grade 2) [51].", (Citation(paragraph="51"...),))

Citations are labelled by paragraph alone when one report is indexed, and by report and
paragraph ("[Medway 2013, 14]") when several are. Every quote is the reports' own words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from assistant.compose import Candidate
from assistant.retrieve import Hit
from index.snapshot import Snapshot

REFUSAL = "I can't find this in the indexed reports."
NEARBY = "Not an answer, but the nearest the reports come:"


@dataclass(frozen=True)
class Citation:
    report_id: str
    authority: str
    title: str
    paragraph: str
    section: tuple[str, ...]
    quote: str
    label: str = ""  # how the answer text cites it: "20", or "Medway 2013, 14"

    def to_json(self) -> dict:
        return {"report_id": self.report_id, "authority": self.authority, "title": self.title,
                "paragraph": self.paragraph, "section": list(self.section), "quote": self.quote}


@dataclass(frozen=True)
class Answer:
    text: str
    citations: tuple[Citation, ...]
    refused: bool
    mode: str
    timings: dict[str, float] = field(default_factory=dict)
    retrieved: tuple[Hit, ...] = ()
    question: str = ""  # the standalone question after follow-up rewriting
    notes: tuple[str, ...] = ()
    form: str = ""  # which answer form was given: "judgement", "figure", ... ("" for a refusal)

    def to_json(self) -> dict:
        return {"answer": self.text, "citations": [c.to_json() for c in self.citations], "refused": self.refused,
                "mode": self.mode, "timings_ms": {k: round(v, 1) for k, v in self.timings.items()}}

    def plain_text(self) -> str:
        """The answer with its references written out, for copying into a document."""
        if not self.citations:
            return self.text
        refs = "\n".join(f"[{c.label or c.paragraph}] {c.authority}, {c.title}, paragraph {c.paragraph}"
                         f"{' (' + ' > '.join(c.section) + ')' if c.section else ''}" for c in self.citations)
        return f"{self.text}\n\nReferences:\n{refs}"


def labels(snap: Snapshot) -> dict[str, str]:
    """How citations name each report: "Medway 2013"; with the month where one council has two
    reports in a year, so a label never points at two reports."""
    return snap.view("labels", _labels)


def _labels(snap: Snapshot) -> dict[str, str]:
    names: dict[str, list[str]] = {}
    for rid, entry in snap.catalog.items():
        names.setdefault(entry.report.short_name(), []).append(rid)
    out = {}
    for name, rids in names.items():
        for rid in rids:
            report = snap.catalog[rid].report
            out[rid] = name if len(rids) == 1 else f"{report.authority} {report.published or report.inspection_end}"
    return out


def render(candidate: Candidate, snap: Snapshot) -> tuple[str, tuple[Citation, ...]]:
    many = len({d.record.report_id for d in candidate.drafts}) > 1 or len(snap.catalog) > 1
    names = labels(snap) if many else {}
    citations: dict[tuple[str, str], Citation] = {}
    lines: list[str] = []
    group = None
    grouped = any(d.group for d in candidate.drafts)
    listed = grouped or bool(candidate.lead)  # a lead sentence introduces a list
    for d in candidate.drafts:
        report = snap.catalog[d.record.report_id].report
        label = f"{names[report.id]}, {d.record.ref}" if many else d.record.ref
        key = (d.record.report_id, d.record.ref)
        if key in citations:
            old = citations[key]
            if d.quote not in old.quote:
                # separate excerpts of one paragraph, joined the way quotations mark a gap
                citations[key] = replace(old, quote=f"{old.quote} … {d.quote}".strip())
        else:
            citations[key] = Citation(report_id=report.id, authority=report.authority, title=report.title,
                                      paragraph=d.record.ref, section=d.record.section, quote=d.quote, label=label)
        if grouped and d.group:
            # an answer across reports names its reports in every line; others head each report's list
            heading = f"{names[report.id]} — {d.group}" if many and candidate.form != "across" else d.group
            if heading != group:
                lines.append(("\n" if lines else "") + heading + ":")
                group = heading
        lines.append(f"- {cite(d.text, label)}" if listed else cite(d.text, label))
    text = "\n".join(lines) if listed else " ".join(lines)
    if candidate.lead:
        text = f"{candidate.lead}\n{text}" if text else candidate.lead
    if candidate.tail:
        text = f"{text}\n{candidate.tail}"
    if candidate.note == "combined":
        text += " (This report graded children in care and care leavers together.)"
    return text.strip(), tuple(citations.values())


def refusal_text(snap: Snapshot, detail: str = "", nearby: Candidate | None = None
                 ) -> tuple[str, tuple[Citation, ...]]:
    reports = list(snap.catalog.values())
    if not reports:
        indexed = "No reports are indexed yet; add some with `report-assistant ingest PATH`."
    elif len(reports) <= 6:
        names = "; ".join(f"{r.report.authority}, {r.report.title} (published {r.report.published})"
                          for r in reports)
        indexed = f"The indexed reports are: {names}."
    else:
        names = ", ".join(sorted({r.report.short_name() for r in reports})[:8])
        indexed = f"{len(reports)} reports are indexed, including {names}."
    text = " ".join(part for part in (REFUSAL, detail, indexed) if part)
    if nearby is None:
        return text, ()
    shown, citations = render(replace(nearby, drafts=nearby.drafts[:2], note=""), snap)
    return f"{text}\n\n{NEARBY} {shown}", citations


def cite(text: str, label: str) -> str:
    """ "... judged Good (Grade 2)." -> "... judged Good (Grade 2) [51]." """
    text = text.rstrip()
    end = text[-1] if text[-1:] in ".!?" else ""
    return f"{text[:-1] if end else text} [{label}]{end or '.'}"


def cited_refs(text: str) -> list[str]:
    """The paragraph labels an answer's text cites: "[20]", "[Medway 2013, 14]" -> ["20", "14"]."""
    return [m.group(1) for m in re.finditer(r"\[(?:[^\[\],]+,\s*)?(S?\d+)\]", text)]
