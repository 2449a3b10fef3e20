"""Report file -> `ParsedReport`: identity, judgements and ordered paragraphs.

    parse_file("south-gloucestershire-2012-08-10.txt").report
    -> Report(id="south-gloucestershire-2012-07-06", authority="South Gloucestershire", type="slac-2012",
              inspection_start="2012-06-25", inspection_end="2012-07-06", published="2012-08-10", ...)

The steps: text lines from the file (index.extract), the body every format shares
(index.formats.body), the format the title page names (index.formats), and an
identity built from things every report prints: its council and its last inspection
day. That id survives renaming the file and re-ingesting it.

Whatever looks wrong but still parses (a council not on the list, no inspection dates,
a gap in the numbering, no judgements) is listed in `ParsedReport.problems` for
`report-assistant audit`; only text that cannot be a report raises `ParseError`.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

from index.vocabulary import grade_number, grade_word
from index.authorities import slug
from index.extract import extract_lines
from index.formats import detect
from index.formats.base import Document
from index.formats import identity
from index.formats.body import clean, parse_body
from index.model import Judgement, Paragraph, ParsedReport, ParseError, Report


# Bump when a change to parsing changes what is stored: indexed reports are then re-read on ingest.
PARSER_VERSION = "2026-11-28.6"


def parse_file(path: str | Path) -> ParsedReport:
    path = Path(path)
    lines = extract_lines(path)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return parse_lines(lines, source=str(path), sha256=sha)


def parse_lines(lines: list[str], source: str, sha256: str) -> ParsedReport:
    lines = [clean(line) for line in lines]
    dates_text = identity.inspection_text(lines)
    start, end = identity.inspection_range(dates_text)
    doc = Document(lines=tuple(lines), title=identity.title_block(lines), start=start, end=end, dates=dates_text)
    fmt = detect(doc)
    cover = fmt.cover(doc)
    body = parse_body(lines, cover.end)
    problems: list[str] = []
    if not any(p.number is not None for p in body.paragraphs):
        # a known layout whose body is bullets: early SIF reports (2014) number nothing
        bulleted = parse_body(lines, cover.end, bullet_paragraphs=True) if fmt.name != "unknown" and end else None
        if bulleted is None or len(bulleted.paragraphs) < 20:
            raise ParseError(source, "no numbered paragraphs found; this does not look like an inspection report")
        body = bulleted
        problems.append("the report numbers none of its paragraphs: they are cited S1, S2, ... in order")
    authority = identity.authority(lines)
    if not authority:
        authority = _authority_guess(lines, source)
        problems.append(f"council not recognised as an English children's services authority (read as {authority!r})")
    if not end:
        problems.append("no inspection dates found")
    if fmt.name == "unknown":
        problems.append("not a report layout this parser knows")
    published = identity.published(lines, source)
    cover_ref = body.paragraphs[0].ref if cover.end and body.paragraphs[0].kind == "cover" else ""
    stated = [Judgement(area=key, area_text=text, section="", grade=grade_number(word), word=grade_word(word),
                        ref=cover_ref) for key, text, word in cover.grades]
    for key, text, word, ref in fmt.stated_in_body(body.paragraphs):
        if not any(j.area == key for j in stated):
            stated.append(Judgement(area=key, area_text=text, section="", grade=grade_number(word),
                                    word=grade_word(word), ref=ref))
    judgements = _merge(stated, body.graded)
    if fmt.name not in ("unknown", "lscb-review") and not any(j.area == "overall" for j in judgements):
        problems.append("no overall effectiveness judgement found")
    numbers = renumber_check(body.paragraphs)
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"numbered paragraphs skip or repeat: {numbering_gaps(numbers)}")
    when = end.isoformat() if end else published
    report_id = f"{slug(authority)}-{when}" if when else f"{slug(authority)}-{sha256[:8]}"
    report = Report(id=report_id, authority=authority, title=identity.title(lines), inspection_dates=dates_text,
                    published=published, source=Path(source).name, sha256=sha256, judgements=tuple(judgements),
                    type=fmt.inspection_type(doc), inspection_start=start.isoformat() if start else "",
                    inspection_end=end.isoformat() if end else "")
    return ParsedReport(report=report, paragraphs=body.paragraphs, problems=tuple(problems))


def _merge(stated: list[Judgement], graded) -> list[Judgement]:
    """The cover's judgements, then any the body's headings grade that the cover does not list;
    each with the first paragraph of the section its heading starts, where there is one."""
    out = list(stated)
    for g in graded:
        same = next((i for i, j in enumerate(out) if j.area == g.key and j.section == g.section), None)
        if same is None:
            out.append(Judgement(area=g.key, area_text=g.area_text, section=g.section, grade=grade_number(g.word),
                                 word=g.word, ref=g.first_ref, section_ref=g.first_ref))
        elif not out[same].section_ref:
            out[same] = replace(out[same], section_ref=g.first_ref)
    return out


def _authority_guess(lines: list[str], source: str) -> str:
    """A council that is not on the list: the line the title pairs with it, else the file name."""
    head = [line for line in lines[:200] if line][:15]
    for idx, line in enumerate(head):
        if identity.TITLE_START.match(line):
            for nxt in head[idx + 1: idx + 4]:
                if identity.DATES_LABEL.match(nxt):
                    break
                if not re.match(r"^(services|and|children|authority|local)\b", nxt, re.I) and nxt[:1].isupper():
                    return nxt.strip()
    stem = re.split(r"\d{4}-\d{2}-\d{2}", Path(source).stem)[0].strip("-_ ")
    return stem.replace("-", " ").title() if stem else "Unknown council"


def renumber_check(paragraphs: tuple[Paragraph, ...] | list[Paragraph]) -> list[int]:
    """Numbers of the report's own numbering, in order, for gap/duplicate checks."""
    return [p.number for p in paragraphs if p.number is not None and p.parent is None]


def numbering_gaps(numbers: list[int]) -> str:
    """ "after 12 comes 14; 30 twice" for a numbering that is not 1..N."""
    notes, seen = [], set()
    previous = 0
    for n in numbers:
        if n in seen:
            notes.append(f"{n} twice")
        elif n != previous + 1:
            notes.append(f"after {previous} comes {n}")
        seen.add(n)
        previous = n
    return "; ".join(notes[:5]) or "none"


__all__ = ["parse_file", "parse_lines", "renumber_check", "ParseError"]
