"""Questions across reports, answered from the judgement table rather than from retrieved text:

    "Which councils were judged inadequate for help and protection since 2023?"   kind "list"
    "How many councils were rated good or better overall in 2023?"                kind "count"
    "How has Bradford's overall grade changed since 2018?"                         kind "trend"
    "How does Bolton compare with Rochdale on care leavers?"                       kind "compare"
    "How do we compare with our statistical neighbours on care leavers?"           kind "neighbours"
    "What did Ofsted ask Sandwell to improve at each inspection?"                  kind "history"

    decide(query, snap, selected=[...]) -> check.Decision(Candidate(form="across", lead="Of the 48 ...", drafts=[...]))

This is the composing and checking stage for such questions. The table holds every graded
judgement the parser read, with the paragraph or cover that states it, so the answer is
exact: each row cites one reference per report, the lead sentence says how many reports
were looked at, and a refusal says which part of the question the table cannot meet (an
area that framework did not grade, no report in the range).
"""
from __future__ import annotations

import re

import numpy as np

from assistant.check import Decision
from assistant.compose import Candidate, Draft, _statement, _with_actor, day
from assistant.judgements import JudgementRow, most_recent, select, table
from assistant.understand import Query
from index.neighbours import neighbours
from index.snapshot import Snapshot
from index.vocabulary import BY_KEY

FRAMEWORKS = {"ilacs": "ILACS", "sif": "SIF", "slac-2012": "safeguarding and looked after children",
              "lac-2013": "looked after children", "lac-2012": "looked after children", "lscb": "LSCB review"}
GRADE_NAMES = {1: "Outstanding", 2: "Good", 3: "Requires improvement (or Adequate)", 4: "Inadequate"}
MOST_ROWS = 60  # a longer list is cut, with a pointer to the full table
# Cosine (MiniLM, normalised) from which a later recommendation is marked as like an earlier one of the
# same council. Over the whole corpus's consecutive inspections (1,756 recommendations) 0.80 is about
# the top 3 %; pairs above it ask for the same thing in other words, pairs below it mostly share a topic.
RECURS = 0.80



def decide(query: Query, snap: Snapshot, selected: list[str] | None = None) -> Decision:
    """selected: the reports the user picked, if any; a comparison with neighbours starts from their council."""
    kind = query.across
    if kind == "history":
        return _history(query, snap)
    rows = table(snap)
    areas = query.areas or ("overall",)
    if selected and kind != "neighbours":
        rows = [r for r in rows if r.report_id in selected]  # the reports the user picked, and only those
    if kind in ("list", "count"):
        return _councils(query, rows, areas, snap)
    if kind == "trend":
        return _trend(query, rows, areas, snap)
    if kind == "compare":
        return _side_by_side(query, rows, areas, snap, list(query.authorities), lead_name="",
                             every=not query.latest)
    if kind == "neighbours":
        home = _home(query, snap, selected)
        if home is None:
            return Decision(None, "the question compares a council with its neighbours but names no council",
                            detail="(Name your council, or pick one of its reports, to compare it with its "
                                   "statistical neighbours.)")
        near = neighbours(home)
        if not near:
            return Decision(None, f"no statistical neighbours are listed for {home}",
                            detail=f"(The Department for Education's list of statistical neighbours has no entry "
                                   f"for {home}.)")
        return _side_by_side(query, rows, areas, snap, [home, *near], lead_name=home)
    raise ValueError(f"not a question across reports: {kind!r}")


# -- councils by grade -------------------------------------------------------------------------
def _councils(query: Query, rows: list[JudgementRow], areas: tuple[str, ...], snap: Snapshot) -> Decision:
    in_range = select(rows, since=query.since or None, until=query.until or None)
    if query.authorities:
        in_range = [r for r in in_range if r.authority in query.authorities]
    reports = {r.report_id for r in in_range}
    when = _range_phrase(query)
    if not reports:
        return Decision(None, "no indexed report falls in the range asked about",
                        detail=f"(No indexed report with graded judgements was {when or 'found'}.)")
    pool = _in_areas(in_range, areas)
    label = _areas_label(areas)
    if not pool:
        return _not_graded(label, reports, snap, when)
    if query.latest:
        pool = most_recent(pool)
    graded = {r.report_id for r in pool}
    matching = [r for r in pool if not query.grades or r.grade_number in query.grades]
    matching.sort(key=lambda r: (-_order(r.date), r.authority))
    frame = _frameworks(pool)
    which = "each council's latest " if query.latest else ""
    looked = (f"Of the {len(graded)} {which}{frame}report{'s' if len(graded) != 1 else ''} indexed that graded "
              f"{label}{' and were ' + when if when else ''}")
    if query.grades:
        wanted = _grades_phrase(query.grades)
        councils = len({r.authority for r in matching})
        count = f"{len(matching)} judged it {wanted}" + (
            f" ({councils} council{'s' if councils != 1 else ''})" if councils != len(matching) else "")
        lead = f"{looked}, {count}{':' if matching else '.'}"
    else:
        tally = ", ".join(f"{n} {word}" for word, n in _tally(pool))
        lead = f"{looked}, the grades were: {tally}."
    drafts = _drafts(matching[:MOST_ROWS], snap, grouped=not query.grades,
                     text=lambda r: f"{r.authority}, {_when(r)}: {r.grade}")
    tail = " ".join(t for t in (_more(len(matching)), _combined(pool, areas)) if t)
    return Decision(Candidate("across", drafts, fit=1.0, support=1.0, structured=True, lead=lead, tail=tail))


# -- one council over time ---------------------------------------------------------------------
def _trend(query: Query, rows: list[JudgementRow], areas: tuple[str, ...], snap: Snapshot) -> Decision:
    council = query.authorities[0]
    own = select(rows, authority=council, since=query.since or None, until=query.until or None)
    when = _range_phrase(query)
    if not own:
        return Decision(None, f"no indexed report of {council} has graded judgements {when}".rstrip(),
                        detail=f"(No indexed report of {council} with graded judgements was {when or 'found'}.)")
    label = _areas_label(areas)
    pool = sorted(_in_areas(own, areas), key=lambda r: (_order(r.date), r.area))
    if not pool:
        return _not_graded(label, {r.report_id for r in own}, snap, when)
    n = len({r.report_id for r in pool})
    lead = f"{council}'s grade{'s' if len(areas) > 1 else ''} for {label} at the {n} inspection" \
           f"{'s' if n != 1 else ''} indexed{', ' + when if when else ''}:"
    drafts = _drafts(pool, snap, grouped=False,
                     text=lambda r: f"{_when(r)}: {r.grade}" + (f" ({r.area_text})" if len(areas) > 1 else ""))
    first, last = pool[0], pool[-1]
    if n == 1:
        tail = "Only one inspection in that range graded it."
    elif first.grade_number == last.grade_number:
        tail = f"It was {last.grade} at the first of these inspections and at the latest ({last.date[:4]})."
    else:
        # (a grade without a number, "Not judged", is neither better nor worse than another)
        moved = "" if first.grade_number is None or last.grade_number is None else \
            ", which is better" if last.grade_number < first.grade_number else ", which is worse"
        tail = f"It went from {first.grade} ({first.date[:4]}) to {last.grade} ({last.date[:4]}){moved}."
    return Decision(Candidate("across", drafts, fit=1.0, support=1.0, structured=True, lead=lead, tail=tail))


# -- councils side by side, or a council and its neighbours --------------------------------------
def _side_by_side(query: Query, rows: list[JudgementRow], areas: tuple[str, ...], snap: Snapshot,
                  councils: list[str], lead_name: str, every: bool = False) -> Decision:
    """Councils' grades side by side: at each council's latest inspection, or (`every`, for a few
    councils named) at every inspection indexed, oldest first within each council."""
    when = _range_phrase(query)
    label = _areas_label(areas)
    chosen = select(rows, authority=councils, since=query.since or None, until=query.until or None)
    pool = _in_areas(chosen, areas)
    if not pool:
        if not chosen:
            return Decision(None, "none of the councils asked about has an indexed report in range",
                            detail=f"(None of {', '.join(councils)} has an indexed report with graded judgements"
                                   f"{' ' + when if when else ''}.)")
        return _not_graded(label, {r.report_id for r in chosen}, snap, when)
    if not (query.since or query.until or every):
        pool = most_recent(pool)  # "how do we compare": where each council stands now
    order = {c: i for i, c in enumerate(councils)}
    pool.sort(key=lambda r: (order.get(r.authority, 99), _order(r.date) if every else -_order(r.date)))
    present = {r.authority for r in pool}
    missing = [c for c in councils if c not in present]
    stand = (f"in reports {when}" if query.since or query.until else
             "at every inspection indexed" if every else "at its latest inspection")
    if lead_name:
        near = [c for c in councils[1:] if c in present]
        lead = (f"{label[:1].upper()}{label[1:]}: {lead_name} and the {len(near)} of its {len(councils) - 1} "
                f"statistical neighbours with an indexed report that graded it, each {stand}:")
    else:
        lead = f"{label[:1].upper()}{label[1:]}, each council {stand}:"
    drafts = _drafts(pool, snap, grouped=False,
                     text=lambda r: f"{r.authority}, {_when(r)}: {r.grade}" +
                                    (f" ({r.area_text})" if len(areas) > 1 else ""))
    notes = []
    if lead_name and lead_name in present:
        own = next(r for r in pool if r.authority == lead_name)
        others = [r for r in pool if r.authority != lead_name and r.grade_number]
        if own.grade_number and others:
            better = sum(r.grade_number < own.grade_number for r in others)
            same = sum(r.grade_number == own.grade_number for r in others)
            notes.append(f"Of those neighbours, {better} had a better grade than {lead_name}, {same} the same and "
                         f"{len(others) - better - same} a worse one.")
    if missing:
        notes.append(f"No indexed report grades it for: {', '.join(missing)}.")
    notes.append(_combined(pool, areas))
    return Decision(Candidate("across", drafts, fit=1.0, support=1.0, structured=True, lead=lead,
                              tail=" ".join(n for n in notes if n)))


def _home(query: Query, snap: Snapshot, selected: list[str] | None) -> str | None:
    if query.authorities:
        return query.authorities[0]
    councils = {snap.catalog[r].report.authority for r in selected or () if r in snap.catalog}
    return councils.pop() if len(councils) == 1 else None


# -- recommendations at each inspection ------------------------------------------------------------
def _history(query: Query, snap: Snapshot) -> Decision:
    council = query.authorities[0]
    reports = sorted((e.report for e in snap.catalog.values() if e.report.authority == council),
                     key=lambda r: _order(r.published or r.inspection_end))
    if query.since or query.until:
        reports = [r for r in reports if (not query.since or (r.published or r.inspection_end) >= query.since)
                   and (not query.until or (r.published or r.inspection_end) <= query.until)]
    elif len(set(query.years)) > 1:
        reports = [r for r in reports if r.year in query.years]
    when = _range_phrase(query) if query.since or query.until else ""
    with_recs = [r for r in reports if snap.recommendations.get(r.id)]
    if not with_recs:
        return Decision(None, f"no indexed report of {council} sets recommendations",
                        detail=f"(No indexed report of {council}{' ' + when if when else ''} lists recommendations "
                               f"or areas for improvement.)")
    drafts: list[Draft] = []
    earlier: list[tuple[str, np.ndarray]] = []  # (report label, vectors of its recommendations)
    repeats = 0
    for report in with_recs:
        positions = snap.recommendations[report.id]
        group = f"{report.short_name()} ({_when_report(report)})"
        vectors = snap.vectors[positions]
        for position, vector in zip(positions, vectors):
            record = snap.records[position]
            intro = next((p.text for p in snap.paragraph(record.report_id, record.ref) if p.kind != "recommendation"),
                         "")
            text = _with_actor(record.text, intro)
            asked_before = [name for name, old in earlier if old.size and float(np.max(old @ vector)) >= RECURS]
            if asked_before:
                repeats += 1
                text = f"{text.rstrip('.')} (a similar recommendation was made in {asked_before[-1]})."
            drafts.append(Draft(text=text, record=record, quote=record.text, group=group))
        earlier.append((report.short_name(), vectors))
    skipped = [r.short_name() for r in reports if r not in with_recs]
    lead = f"What Ofsted asked {council} to improve at the {len(with_recs)} inspection" \
           f"{'s' if len(with_recs) != 1 else ''} indexed{', ' + when if when else ''}, oldest first:"
    tail = []
    if len(with_recs) > 1:
        tail.append(f"{repeats} recommendation{'s' if repeats != 1 else ''} {'is' if repeats == 1 else 'are'} "
                    f"similar to one made at an earlier inspection (marked).")
    if skipped:
        tail.append(f"No recommendations were recorded in: {', '.join(skipped)}.")
    return Decision(Candidate("across", drafts, fit=1.0, support=1.0, structured=True, lead=lead, tail=" ".join(tail)))


# -- shared pieces -------------------------------------------------------------------------------------
def _in_areas(rows: list[JudgementRow], areas: tuple[str, ...]) -> list[JudgementRow]:
    """Rows grading the areas asked about, including a judgement that names one alongside another:
    2018-22 ILACS graded "children in care and care leavers" together, so that grade answers both."""
    labels = [BY_KEY[a].label.lower() for a in areas]
    return [r for r in rows if r.area in areas or any(label in r.area_text.lower() for label in labels)]


def _combined(rows: list[JudgementRow], areas: tuple[str, ...]) -> str:
    n = len({r.report_id for r in rows if r.area not in areas})
    return (f"({n} of these report{'s' if n != 1 else ''} graded {rows[0].area_text[:1].lower()}"
            f"{next(r.area_text for r in rows if r.area not in areas)[1:]} as one judgement.)") if n else ""



def _drafts(rows: list[JudgementRow], snap: Snapshot, grouped: bool, text) -> list[Draft]:
    out = []
    for r in rows:
        stated = snap.paragraph(r.report_id, r.ref)
        if not stated:
            continue
        judgement = next(j for j in snap.catalog[r.report_id].report.judgements if j.ref == r.ref and j.area == r.area)
        out.append(Draft(text=text(r), record=stated[0], quote=_statement(stated, judgement),
                         group=GRADE_NAMES.get(r.grade_number, r.grade) if grouped else ""))
    if grouped:  # best grade first, as a table of results reads
        out.sort(key=lambda d: list(GRADE_NAMES.values()).index(d.group) if d.group in GRADE_NAMES.values() else 9)
    return out


def _not_graded(label: str, reports: set[str], snap: Snapshot, when: str) -> Decision:
    frames = _frameworks_of(reports, snap)
    return Decision(None, f"{label} was not graded in the reports in range",
                    detail=f"(None of the {len(reports)} indexed {frames}report{'s' if len(reports) != 1 else ''}"
                           f"{' ' + when if when else ''} graded {label}.)")


def _frameworks(rows: list[JudgementRow]) -> str:
    names = {FRAMEWORKS.get(r.framework, r.framework) for r in rows}
    return f"{names.pop()} " if len(names) == 1 else ""


def _frameworks_of(report_ids: set[str], snap: Snapshot) -> str:
    types = {snap.catalog[r].report.type for r in report_ids}
    names = {FRAMEWORKS.get(t.split("-")[0] if t.startswith(("ilacs", "sif")) else t, t) for t in types}
    return f"{names.pop()} " if len(names) == 1 else ""


def _areas_label(areas: tuple[str, ...]) -> str:
    return " and ".join(BY_KEY[a].label for a in areas)


def _grades_phrase(grades: tuple[int, ...]) -> str:
    words = {1: "Outstanding", 2: "Good", 3: "Requires improvement (or Adequate)", 4: "Inadequate"}
    return " or ".join(words[g] for g in grades)


def _tally(rows: list[JudgementRow]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for r in sorted(rows, key=lambda r: r.grade_number or 9):
        name = GRADE_NAMES.get(r.grade_number, r.grade)
        counts[name] = counts.get(name, 0) + 1
    return list(counts.items())


def _more(n: int) -> str:
    if n <= MOST_ROWS:
        return ""
    return (f"The first {MOST_ROWS} of {n} are shown; see all of them in the Judgements view or with "
            f"`report-assistant judgements`.")


def _range_phrase(query: Query) -> str:
    """ "published in 2023", "published since 1 January 2018", ... or "" with no range. A report's
    date is its publication date, else (a file that does not say) its last inspection day."""
    if query.since and query.until:
        if query.since[:4] == query.until[:4] and query.since[5:] == "01-01" and query.until[5:] == "12-31":
            return f"published in {query.since[:4]}"
        return f"published between {day(query.since)} and {day(query.until)}"
    if query.since:
        return f"published since {day(query.since)}"
    if query.until:
        return f"published by {day(query.until)}"
    return ""


def _when(row: JudgementRow) -> str:
    return f"published {day(row.published)}" if row.published else f"inspected to {day(row.inspection_end)}"


def _when_report(report) -> str:
    return f"published {day(report.published)}" if report.published else f"inspected to {day(report.inspection_end)}"


def _order(iso: str) -> int:
    return int(iso.replace("-", "")[:8] or 0) if iso[:4].isdigit() else 0
