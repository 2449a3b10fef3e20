"""Every graded judgement of every indexed report, as rows to filter: the data behind questions
across reports ("which councils were judged inadequate for help and protection since 2023?").

    rows = judgement_table(snapshot.catalog)
    select(rows, authority="Bradford", area="overall", since="2018-01-01")
    -> [JudgementRow(authority="Bradford", report_id="bradford-2018-...", published="2018-...",
                     area="overall", grade="Inadequate", grade_number=4, ref="S1", ...), ...]

The parser already read each judgement and where the report states it (index.formats), so
this is a view over the catalog, not a search: the counts it gives are exact.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from index.authorities import canonical
from index.neighbours import neighbours
from index.vocabulary import AREAS, BY_KEY, grade_number

AREA_KEYS = tuple(a.key for a in AREAS)


@dataclass(frozen=True)
class JudgementRow:
    authority: str
    report_id: str
    report: str  # how citations name the report: "Bradford 2023"
    published: str
    inspection_start: str
    inspection_end: str
    type: str
    area: str  # index.vocabulary key: "overall", "help_and_protection", ...
    area_text: str  # the report's own words
    section: str
    grade: str  # the report's own words: "Requires improvement to be good"
    grade_number: int | None
    ref: str  # where the report states it: a cover ("S1") or the paragraph under its heading

    @property
    def date(self) -> str:
        """When the judgement was made public: the publication date, else the last inspection day."""
        return self.published or self.inspection_end

    @property
    def framework(self) -> str:
        return self.type.split("-")[0] if self.type.startswith(("ilacs", "sif")) else self.type

    def to_json(self) -> dict:
        data = asdict(self)
        data["date"] = self.date
        return data


def table(snap) -> list[JudgementRow]:
    """The judgement table of a snapshot, built once per snapshot (it is a view of its catalog):
    chat answers, the API and the page all read it per request."""
    return snap.view("judgements", lambda s: judgement_table(s.catalog))


def judgement_table(catalog) -> list[JudgementRow]:
    rows = []
    for entry in catalog.values():
        r = entry.report
        for j in r.judgements:
            rows.append(JudgementRow(authority=r.authority, report_id=r.id, report=r.short_name(), published=r.published,
                                     inspection_start=r.inspection_start, inspection_end=r.inspection_end, type=r.type,
                                     area=j.area, area_text=j.area_text, section=j.section, grade=j.word,
                                     grade_number=j.grade, ref=j.ref))
    rows.sort(key=lambda row: (row.authority, row.date, AREA_KEYS.index(row.area) if row.area in AREA_KEYS else 99))
    return rows


def grade_matches(row: JudgementRow, grade: str) -> bool:
    """ "inadequate", "4", "requires improvement" or "RI" against a row's grade."""
    wanted = grade.strip().lower()
    if wanted.isdigit():
        return row.grade_number == int(wanted)
    if wanted in ("ri", "requires improvement", "requires improvement to be good", "adequate"):
        return row.grade_number == 3 and (wanted != "adequate" or row.grade.lower() == "adequate")
    return row.grade.lower().startswith(wanted) or (grade_number(wanted) is not None
                                                    and row.grade_number == grade_number(wanted))


def select(rows: list[JudgementRow], authority: str | list[str] | None = None, area: str | None = None,
           grade: str | None = None, since: str | None = None, until: str | None = None,
           framework: str | None = None) -> list[JudgementRow]:
    """Rows matching every filter given. Dates are ISO ("2023" or "2023-01-01"), inclusive."""
    if area and area not in BY_KEY:
        raise ValueError(f"unknown area {area!r}; use one of: {', '.join(AREA_KEYS)}")
    names = None
    if authority:
        wanted = [authority] if isinstance(authority, str) else list(authority)
        names = {canonical(a) or a for a in wanted}
    since, until = _bound(since, start=True), _bound(until, start=False)
    out = []
    for row in rows:
        if names is not None and row.authority not in names:
            continue
        if area and row.area != area:
            continue
        if grade and not grade_matches(row, grade):
            continue
        if since and row.date < since or until and row.date > until:
            continue
        if framework and row.framework != framework:
            continue
        out.append(row)
    return out


def filter_rows(rows: list[JudgementRow], authorities: list[str] | None = None, neighbours_of: str | None = None,
                area: str | None = None, grade: str | None = None, since: str | None = None,
                until: str | None = None, latest: bool = False) -> list[JudgementRow]:
    """The filters of `report-assistant judgements` and GET /api/judgements, checked: a council
    nobody has heard of or a grade that is not one is a ValueError with a one-line message."""
    wanted = [a for a in authorities or () if a.strip()]
    for name in wanted + ([neighbours_of] if neighbours_of else []):
        if not canonical(name):
            raise ValueError(f"{name!r} is not an English children's services authority")
    if neighbours_of:
        home = canonical(neighbours_of)
        wanted += [home, *neighbours(home)]
    if grade and not _GRADE.fullmatch(grade.strip()):
        raise ValueError(f"unknown grade {grade!r}; use outstanding, good, requires improvement (or RI), adequate, "
                         f"inadequate, or 1-4")
    out = select(rows, authority=wanted or None, area=area or None, grade=grade or None, since=since, until=until)
    return most_recent(out) if latest else out


_GRADE = re.compile(r"[1-4]|outstanding|good|adequate|inadequate|ri|requires improvement( to be good)?", re.I)


def most_recent(rows: list[JudgementRow]) -> list[JudgementRow]:
    """Each council's rows from its most recent report only."""
    newest: dict[str, str] = {}
    for row in rows:
        if row.date > newest.get(row.authority, ""):
            newest[row.authority] = row.date
    return [row for row in rows if row.date == newest[row.authority]]



def _bound(value: str | None, start: bool) -> str | None:
    """ "2023" -> "2023-01-01" (a since) or "2023-12-31" (an until); ISO dates pass through."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-01-01" if start else f"{value}-12-31"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return f"{value}-01" if start else f"{value}-31"
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"a date looks like 2023 or 2023-05-31, got {value!r}")
    return value
