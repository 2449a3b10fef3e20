"""Evidence -> candidate answers, one per form the evidence allows, each scored against the question.

    candidates(query, evidence, snap)
    -> [Candidate(form="judgement", drafts=[Draft("Partnership working was judged Good (Grade 2).", ...)], ...),
        Candidate(form="description", drafts=[...]), ...]

The forms: a recommendation list, a judgement, a figure (a sentence stating a quantity of
the kind asked), a fact of another type (a date, an amount, a name), and descriptive
sentences. Each is built only from the reports' own sentences, bullets and recorded
judgements; nothing here invents wording beyond short connective phrases ("was judged",
"should"). Which candidate answers, or whether none does, is assistant.check's decision.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from assistant.facts import (ADDED, CEASED, DURATION, GENERIC_PEOPLE, IN_WORDS, KIND_TERMS, LEAVING, MONTHS, NAMED_TERMS,
                            PEOPLE, REFERS_BACK, STOCK_ASKED, TIME_TAKEN, Counts, _split, asked_kinds, count_stated,
                            counting, counting_on, fact_kinds, names_kind, provided, sentences, states)
from assistant.retrieve import Evidence, latest_of_each_council, newest_first, one_council, report_asked, stating
from assistant.understand import ACTION_TERMS, COUNTED, Query
from index.lexical import tokenize
from index.model import Judgement
from index.snapshot import Snapshot
from index.store import Record
from index.vocabulary import BY_KEY

ACTOR = re.compile(r"^(?P<actor>(?:the |The )?[A-Za-z][^.;]{2,200}?)\s+should\s+(?P<rest>.+)$", re.S)
INTRO_ACTOR = re.compile(r"(the local authority(?: and its partners)?|the council(?: and its partners)?)\s+should",
                         re.I)
# A recommendation bullet ("Care leavers' access to their health history") names a topic the report
# found lacking; the paragraph that found it says what is. For a question that does not ask what must
# be done, the bullet ranks below a body sentence that holds the question's words about as well.
RECOMMENDATION_PENALTY = 0.5
TOPIC_SHARE = 0.6  # a bullet kept for a topic holds this share of the best one's topic weight
# what is said of the children counted makes them particular children where it carries most of the question's
# weight: "in care" in "how many children are in care?"; where the children themselves carry most, a count of
# children answers
QUALIFIER_SHARE = 0.5
# and how much of what is said of them a sentence counting them must hold
QUALIFIER_HELD = 0.34
IN_WORDS_CLOSE = 0.5
# how much of the question a sentence stating the kind asked must hold, against the one holding most
STATED_CLOSE = 0.5
SUMMARY_PENALTY = 0.15


@dataclass(frozen=True)
class Draft:
    """One claim of an answer: text to show and the record that supports it."""
    text: str
    record: Record
    quote: str
    group: str = ""  # heading the claim is listed under, e.g. "Safeguarding services: within three months"


@dataclass
class Candidate:
    form: str  # "recommendations", "judgement", "figure", "fact", "description"
    drafts: list[Draft]
    fit: float  # how well it answers the question, 0..1
    support: float = 0.0  # share of the question's subject weight the quoted text contains
    structured: bool = False  # chosen by the reports' structure (deadline lists, judgements), not by scoring
    note: str = ""  # a line the rendered answer adds, e.g. what a combined judgement covered
    kinds: set[str] = field(default_factory=set)  # the kinds of fact its sentences state
    lead: str = ""  # a first line over a list, e.g. how many reports a table answer looked at
    tail: str = ""  # a last line, e.g. how a council's grade moved between its first and latest report


def candidates(query: Query, evidence: Evidence, snap: Snapshot) -> list[Candidate]:
    out = []
    for build in (recommendation_list, judgement, typed_fact, description):
        candidate = build(query, evidence, snap)
        if candidate is not None and candidate.drafts:
            out.append(candidate)
    return out


# -- recommendations ----------------------------------------------------------------------
def recommendation_list(query: Query, evidence: Evidence, snap: Snapshot) -> Candidate | None:
    """Every bullet with the deadline or audience asked; else every bullet of the reports in scope
    when the question names no topic; else the bullets that speak to its topic."""
    if query.asks not in ("action", "describe"):
        return None
    lead = ""
    topic = {t: w for t, w in evidence.weights.items() if t not in ACTION_TERMS}
    if query.timescale and not evidence.recommendations:
        return None  # a deadline nobody was given: check says so
    if evidence.recommendations:
        chosen = [snap.records[i] for i in evidence.recommendations]
        structured, fit = True, 1.0
        if query.audience and not query.timescale and len(chosen) > 12:
            ranked = {p for p, _ in evidence.ranked}
            chosen = [r for i, r in zip(evidence.recommendations, chosen) if i in ranked] or chosen[:12]
        if query.audience and not query.timescale and topic:
            # of those for whom they are asked, the bullets that hold as much of the question as the best
            # does: "what does Walsall need to do for care leavers?" is not answered by its bullets about
            # life story work for children looked after, whom the same audience covers
            scored = [(sum(_weight_as_written(t, words, evidence, snap) for t in evidence.present(words) if t in topic), r)
                      for r, words in ((r, set(tokenize(r.text))) for r in chosen)]
            best = max((v for v, _ in scored), default=0.0)
            if best > 0:
                chosen = [r for v, r in scored if v >= best * TOPIC_SHARE]
            # chosen for whom they are about: how much of the question's topic they hold ("do care leavers
            # have to pay council tax?" is not answered by the bullets about children in care)
            held = evidence.present(set(tokenize(" ".join(r.text for r in chosen))))
            fit = sum(w for t, w in topic.items() if t in held) / sum(topic.values())
    else:
        pool = [i for rid in evidence.report_ids for i in snap.recommendations.get(rid, ())]
        if not pool:
            return None
        if query.own_record == "recommendations" and one_council(query, evidence.report_ids):
            # the whole list: of a council inspected more than once, its latest report's (a year asked
            # chose the report already), which is what it must still do; an older list is history
            latest = latest_of_each_council(evidence.report_ids, snap)
            pool = [i for i in pool if snap.records[i].report_id in latest]
            chosen, structured, fit = [snap.records[i] for i in pool[:25]], True, 1.0
            if len(latest) < len(evidence.report_ids):
                lead = "From " + ", ".join(
                    f"{snap.catalog[r].report.short_name()} (the latest of "
                    f"{sum(_same_council(r, o, snap) for o in evidence.report_ids)} of its reports indexed)"
                    for r in latest) + "."
        else:
            retrieved = {p for p, _ in evidence.ranked}
            # a term a bullet holds only through the reports' word for it weighs what that word does: "kids" is
            # rare in the reports, and a bullet saying "children" is no more about disabled kids than any other
            scored = [(sum(_weight_as_written(t, words, evidence, snap) for t in evidence.present(words) if t in topic)
                       * (1.2 if i in retrieved else 1.0), i)
                      for i, words in ((i, set(tokenize(snap.records[i].text))) for i in pool)]
            best = max((s for s, _ in scored), default=0.0)
            if best <= 0:
                return None
            keep = sorted((i for s, i in scored if s >= best * TOPIC_SHARE and s > 0), key=lambda i: i)[:6]
            chosen, structured = [snap.records[i] for i in keep], False
            fit = best / (sum(topic.values()) or 1.0)
    order = {r.id: n for n, r in enumerate(newest_first(evidence.report_ids, snap))}
    chosen.sort(key=lambda r: (order.get(r.report_id, 0), r.seq))
    drafts = [_bullet(r, snap) for r in chosen]
    return Candidate("recommendations", drafts, fit=fit, support=evidence.holds(" ".join(d.quote for d in drafts)),
                     structured=structured, lead=lead)


def _same_council(a: str, b: str, snap: Snapshot) -> bool:
    return snap.catalog[a].report.authority == snap.catalog[b].report.authority


def recommendation_count(query: Query, report_ids: list[str], snap: Snapshot) -> Candidate | None:
    """For "how many recommendations did Bolton get?": how many each report in scope set, newest
    first, with the bullets themselves. None for any other question, or one naming no council over
    many reports."""
    if query.own_record != "recommendation count" or not one_council(query, report_ids):
        return None
    counts, drafts = [], []
    for report in newest_first(report_ids, snap)[:3]:
        bullets = [snap.records[i] for i in snap.recommendations.get(report.id, ())]
        counts.append(f"{report.short_name()}: {len(bullets)}")
        drafts += [_bullet(r, snap) for r in bullets]
    if not drafts:
        return None
    lead = f"Recommendations and areas for improvement set, by report: {'; '.join(counts)}."
    return Candidate("figure", drafts, fit=1.0, support=1.0, structured=True, lead=lead, kinds={"count"})


def summary(query: Query, report_ids: list[str], snap: Snapshot) -> Candidate | None:
    """For "summarise the Bolton report": one report's judgements and what it said must improve,
    each cited where the report states it; the newest report, unless a year is asked. None for any
    other question, or one naming no council over many reports."""
    if query.own_record != "summary" or not one_council(query, report_ids):
        return None
    reports = newest_first(report_ids, snap)
    report = report_asked(query, reports)
    if report is None:
        return None
    drafts = []
    named = [(report.id, j) for j in report.judgements]
    for _, j in sorted(named, key=lambda n: n[1].area != "overall"):  # the overall grade first
        stated = snap.paragraph(report.id, j.ref)
        if stated:
            drafts.append(_judged(j, named, stated, group="Judgements"))
    drafts += [_bullet(snap.records[i], snap) for i in snap.recommendations.get(report.id, ())]
    if not drafts:
        return None
    lead = f"{report.short_name()} (inspected {report.inspection_dates}): its judgements, and what it said must improve."
    if len(reports) > 1:
        lead += f" It is the {'report of the year asked' if report.year in query.years else 'latest'} of " \
                f"{len(reports)} reports in scope."
    return Candidate("description", drafts, fit=1.0, support=1.0, structured=True, lead=lead)


def _bullet(r: Record, snap: Snapshot) -> Draft:
    """A recommendation bullet as a claim: who must act (from its list's intro), under its heading."""
    intro = next((p.text for p in snap.paragraph(r.report_id, r.ref) if p.kind != "recommendation"), "")
    return Draft(text=_with_actor(r.text, intro), record=r, quote=r.text, group=_rec_group(r))


def recommendations_lead(evidence: Evidence) -> bool:
    """Whether recommendations are what the retrieved evidence is mostly about: among the top hits."""
    return any(h.kind == "recommendation" for h in evidence.hits[:3])


def _rec_group(r: Record) -> str:
    section = r.section[0] if len(r.section) > 1 else (r.section[-1] if r.section else "")
    when = f"{r.timescale}" if r.timescale else "No deadline given"
    return f"{section}: {when.lower() if r.timescale else when}" if section else when


def _with_actor(text: str, intro: str) -> str:
    """Say who must act: the bullet's own subject, else the one its list's intro names."""
    text = text.strip().rstrip(".") + "."
    m = ACTOR.match(text)
    if m and len(m.group("actor")) < 200:
        actor = m.group("actor")
        return f"{actor[:1].upper()}{actor[1:]} should {m.group('rest')}"
    who = INTRO_ACTOR.search(intro)
    actor = who.group(1) if who else "The local authority and its partners"
    if re.match(r"^(ensure|improve|continue|complete|raise|embed|routinely|develop|review|strengthen|extend|"
                r"increase|reduce|make|provide|establish|undertake|implement)\b", text, re.I):
        return f"{actor[:1].upper()}{actor[1:]} should {text[:1].lower()}{text[1:]}"
    return text[:1].upper() + text[1:]


# -- judgements -------------------------------------------------------------------------------
def judgement(query: Query, evidence: Evidence, snap: Snapshot) -> Candidate | None:
    """The recorded grades of the areas asked about, each cited where the report states it."""
    if query.asks != "grade":
        return None
    named = list(evidence.judgements)
    note = ""
    if not named:
        # nothing named: the headline grade, or every grade when the question asks for all of them
        every = re.search(r"\b(grades|judgements|ratings|all|each|every)\b", query.text, re.I)
        for rid in evidence.report_ids:
            js = snap.catalog[rid].report.judgements
            named += [(rid, j) for j in js if every or j.area == "overall"]
        if query.areas:
            # an area this framework did not grade on its own: a judgement that names it still answers
            labels = [BY_KEY[a].label for a in query.areas]
            combined = [(rid, j) for rid in evidence.report_ids for j in snap.catalog[rid].report.judgements
                        if any(label.lower() in j.area_text.lower() for label in labels)]
            if combined:
                named, note = combined, "combined"
            else:
                return None  # the area was not graded: check says so
    if len({rid for rid, _ in named}) > 1:
        # a council's latest grade first ("what grade did Tower Hamlets get for care leavers?")
        order = {r.id: n for n, r in enumerate(newest_first([rid for rid, _ in named], snap))}
        named.sort(key=lambda n: order[n[0]])
    drafts = []
    for rid, j in named:
        stated = snap.paragraph(rid, j.ref)
        if not stated:
            continue
        area = f"{j.area_text} (one judgement in this report)" if note == "combined" else j.area_text
        drafts.append(_judged(j, named, stated, area))
        section = snap.paragraph(rid, j.section_ref) if j.section_ref and j.section_ref != j.ref else []
        if section and len(named) <= 3:
            # the cover states the grade; the section under its heading says why
            first = (sentences(section[0].text) or [section[0].text[:200]])[0]
            drafts.append(Draft(text="Its section in the report begins here.", record=section[0], quote=first))
    return Candidate("judgement", [d for d in drafts if d.text], fit=1.0, support=1.0, structured=True)


def _judged(j: Judgement, named: list[tuple[str, Judgement]], stated: list[Record], area: str = "",
            group: str = "") -> Draft:
    """ "Partnership working was judged Good (Grade 2)." (with its section where two grade the same
    area), cited to the records that state it."""
    where = f" for {j.section[:1].lower()}{j.section[1:]}" if j.section and _two_sections(named, j) else ""
    return Draft(text=f"{area or j.area_text} was judged {j.label()}{where}.", record=stated[0],
                 quote=_statement(stated, j), group=group)


def _two_sections(named: list[tuple[str, Judgement]], j: Judgement) -> bool:
    return sum(1 for _, m in named if m.area == j.area) > 1 or len({m.section for _, m in named}) > 1


def _statement(records: list[Record], j: Judgement) -> str:
    """The words of a paragraph or cover that state a judgement, as its citation's quote."""
    text = " ".join(r.text for r in records)
    flat = " ".join(text.split())
    at = flat.lower().find(j.area_text.lower()[:40])
    if at >= 0:
        end = flat.lower().find(j.word.lower(), at)
        if end >= 0:
            return flat[at:end + len(j.word)]
    return sentences(text)[0] if text else ""


# -- facts of a type, and descriptions -------------------------------------------------------------
def typed_fact(query: Query, evidence: Evidence, snap: Snapshot, named_for: bool = True) -> Candidate | None:
    """For a question asking for a number, an amount, a name or a date: the best sentence that
    states one of that kind. None if no retrieved sentence does. named_for: a name may stand for
    the kind of thing asked when no sentence names that kind (see below)."""
    if not query.typed:
        return None
    wanted, accept = asked_kinds(query)
    # a stated quantity can sit in any paragraph that mentions the subject: look further than for a
    # description, and in one or two reports, at every paragraph
    scored = _scored_sentences(query, evidence, snap, limit_units=20,
                               everywhere=len(evidence.report_ids) <= 2, continuations="needed")
    # the fact is stated in the sentence itself, not in the one it carries on from
    scored = [s for s in scored if states(sentences(s[3])[-1], accept, wanted)]
    if wanted in ("duration", "frequency") and set(evidence.weights) - GENERIC_PEOPLE:
        # a time is of something the question asks about besides whom: "how long do kids wait for CAMHS?" is
        # not answered by "Children ... are visited within seven days", which holds only its children (nor
        # is the report's "long waits" for CAMHS set aside for it, see IN_WORDS below)
        scored = [s for s in scored if evidence.present(set(tokenize(s[3]))) - GENERIC_PEOPLE]
    if query.asks == "name":
        # what a named thing does may be said after its name: "The effective work of the Reunification and
        # Placement Stability Service is enabling ... The service has also helped children to ... return home."
        scored = [_with_after(s, evidence) for s in scored]
    if wanted == "duration" and TIME_TAKEN.search(query.text):
        # a period back ("has gone up each year for the past three years") is not a time taken (though it is how
        # long something has lasted: "how long has it had a stable leadership team?", "for the past 15 months")
        scored = [s for s in scored if states(_PERIOD_BACK.sub(" ", sentences(s[3])[-1]), accept, wanted)]
    in_words = accept & IN_WORDS
    if in_words and scored:
        # how quickly, how long or how often in words ("respond immediately", "is very short", "regularly
        # updated") answers only where no sentence holding half as much of the question gives the time or
        # the interval ("routinely reviewed within six months")
        close = max(s[1] for s in scored) * IN_WORDS_CLOSE
        if any(s[1] >= close and states(sentences(s[3])[-1], accept - in_words, wanted) for s in scored):
            scored = [s for s in scored if states(sentences(s[3])[-1], accept - in_words, wanted)]
    if "provider" in accept:
        # "hosted by another London local authority" names who runs what it follows, and only that: not
        # "children's services" because the out-of-hours service they include is hosted elsewhere
        scored = [s for s in scored if states(sentences(s[3])[-1], accept - {"provider"}, wanted)
                  or set(query.subject) <= provided(sentences(s[3])[-1])]
    if query.asks == "date":
        # a cover's dates are its own inspection's, not an earlier one's ("when was Oldham inspected before
        # this one?")
        # (older reports' covers are parsed as paragraphs: the sentence stating the report's own dates is),
        # nor another kind's ("when did they last have a fostering inspection?"): when this inspection was
        # is answered from each report's record (inspection_dates), never by scoring its cover
        scored = [s for s in scored if not _own_dates(snap, s[4], s[3])]
    counts = evidence.counting_terms(query.counted)
    # a count of those who stopped being what is asked about answers only a question about leaving
    leaving = bool(LEAVING.search(query.text))
    stated = (lambda s: s) if leaving else (lambda s: CEASED.sub(" ", s))
    if wanted == "count" and STOCK_ASKED.search(query.text):
        kept = stated
        stated = lambda s: ADDED.sub(" ", kept(s))  # how many there are, not how many were added
        counts = _outright(counts)
    if wanted == "count" and not leaving:
        # nor do its words make the sentence about those still there: "312 children who have ceased to
        # be looked after" is not about looked after children
        scored = [_reweighed(s, evidence, CEASED.sub(" ", s[3])) if CEASED.search(s[3]) else s for s in scored]
    if wanted == "count" and query.counted and not set(query.counted) & PEOPLE:
        # a count of the thing asked, in a sentence that says little else ("Some workers had more than 40
        # cases"), is read with the one before it, which says whose ("social workers in the single
        # assessment team"); not a count of people, whom the sentence before may describe as other people
        # ("... looked after children. At the time of the inspection there were 212 children who were the
        # subject of a child protection plan")
        scored = [_with_before(s, evidence, counts) for s in scored]
    if wanted in ("duration", "frequency"):
        scored = [_with_topic(s, evidence) for s in scored]
    if wanted == "count" and COUNTED.search(query.text):
        # "how many children ..." is answered by a number of children (or a share of them, or "the number
        # of children ... is small"), not by "one social work team" in a sentence that mentions children,
        # nor "16 adopters were recruited" for "how many foster carers were recruited"; "what is the
        # average caseload?" is answered by "an average of 68 children"
        # (of the sentence stating the number: not "252 children" in the one it carries on from)
        scored = [s for s in scored if _counting(s[3], stated, counts)]
        qualifier = {t: w for t, w in evidence.weights.items() if t not in GENERIC_PEOPLE}
        people = sum(_weight_as_written(t, set(), evidence, snap, common=True)
                     for t in evidence.weights if t in GENERIC_PEOPLE)
        if query.counted and set(query.counted) <= GENERIC_PEOPLE and \
                sum(qualifier.values()) >= QUALIFIER_SHARE * (sum(qualifier.values()) + people):
            # children counted are the children the question says: "how many children are in care?" is not
            # answered by "the number of children missing education is small"
            # (most of what is said of them, not a word of it: "18 live in residential children's homes" are not
            # children "electively home educated")
            need = QUALIFIER_HELD * sum(qualifier.values())
            scored = [s for s in scored
                      if sum(qualifier[t] for t in evidence.present(set(tokenize(s[3]))) & set(qualifier)) >= need]
    elif wanted == "count" or (query.asks == "name" and not CALLED_SO.search(query.text)):
        # the number or the name must be in a sentence about the question's main term: "what is the
        # average caseload?", with nothing saying what is counted, not by "two other London boroughs" in
        # one about social workers; "who is the director?" by a name beside the role, not the cover's
        # "Reporting inspector Christopher Sands" because the cover also says "children's services"; "what
        # is the advocacy service called?" by a name in a sentence about advocacy, not "the Integrated Youth
        # Support Service (IYSS)" because it works with children in care
        main = evidence.heaviest()
        about = [s for s in scored if main is None or main in evidence.present(set(tokenize(s[3])))]
        if query.asks == "name" and main in NAMED_TERMS and not about and named_for:
            # the name can stand for what it names: where no sentence names a group, "what is the children
            # in care group called?" is answered by "Cared for children who participate in ‘Voices Making
            # Choices’", about children in care if not about a group; whose group it is must be there
            whose = evidence.heaviest(besides=NAMED_TERMS)
            about = [s for s in scored if whose in evidence.present(set(tokenize(s[3])))]
        scored = about
    if scored:
        # a sentence holding less than half as much of the question as another that states the kind asked
        # is not about it, however well its paragraph was retrieved: "when did the current director of
        # children's services start?" is answered by "The current DCS came into post in January 2024", not
        # by the summary's "since the last inspection in 2021"
        best = max(s[1] for s in scored)
        scored = [s for s in scored if s[1] >= STATED_CLOSE * best]
        # among sentences about as close to the question: one stating the time asked about ("at 31 August
        # 2016"), and for "how many", a number that counts the subject ("606 looked after children",
        # not "82% of children"), come first
        total = None
        if wanted == "count" and COUNTED.search(query.text):
            # of the counts of all the question asks about, the largest is the whole, the rest parts of it:
            # "642 children ... were the subject of a child protection plan", not "a very small number of
            # children (11) with child protection plans of more than two years"
            totals = {id(s): count_stated(stated(sentences(s[3])[-1]), counts) for s in scored if s[1] >= best - 1e-9}
            total = max((v for v in totals.values() if v is not None), default=None)

        # asked what a thing of some kind is called, the kinds and the question's own words (see names_kind)
        kinds = set(query.subject) & KIND_TERMS if query.name_of == "thing" else set()
        unit = UNIT_ASKED.search(query.text) if wanted == "duration" else None
        asked = set(query.subject)

        def bonus(s) -> float:
            if s[1] < 0.8 * best:
                return 0.0
            extra = 0.3 if _same_time(s[3], query) else 0.0
            if wanted == "date" and _DAY_OR_MONTH.search(sentences(s[3])[-1]):
                extra += 0.3  # "when?" is answered better by "in February 2019" than by "in 2019"
            if wanted == "count":
                extra += 0.5 * _counting(s[3], stated, counts)
                if total is not None and totals.get(id(s)) == total:
                    extra += 0.3
            if unit and any(re.split(r"[\s-]", m.group(0))[-1].lower().rstrip("s") == unit.group(1).lower().rstrip("s")
                            for m in DURATION.finditer(sentences(s[3])[-1])):
                extra += 0.3  # "how many days ...?": "476 days", not "less than 18 months"
            if kinds and names_kind(s[3], kinds, asked):
                extra += 0.3  # "what is the children in care council called?": "‘Our Voice’, the Children in Care
                # Council", not "an active Children in Care Council" beside "the Young Inspectors team"
            return extra

        scored = sorted(scored, key=lambda s: -(s[0] + bonus(s)))
    if query.years:
        # a question about a year is answered only by a sentence about that year
        scored = [s for s in scored if any(str(y) in s[3] for y in query.years) or _report_of_year(snap, s[4], query)]
    if not scored:
        return None
    score, coverage, _, sentence, record = scored[0]
    drafts = [Draft(text=sentence, record=record, quote=sentence)]
    return Candidate("figure" if query.asks == "quantity" else "fact", drafts, fit=coverage,
                     support=coverage, kinds=fact_kinds(sentence),
                     tail=not_the_latest({record.report_id}, evidence.report_ids, snap, query))


# a time asked in a unit of its own: "how many days from entering care to moving in with adopters?"
UNIT_ASKED = re.compile(r"\bhow many (?:working )?(days|weeks|months|years|hours)\b", re.I)
_DAY_OR_MONTH = re.compile(r"\b" + MONTHS + r"\s+(19|20)\d\d\b", re.I)


def not_the_latest(answered: set[str], report_ids: list[str], snap: Snapshot, query: Query) -> str:
    """A fact from an older report of a council whose later report is in scope, and did not answer,
    says so: a figure from 2015 must not read as today's."""
    if query.years or len(set(report_ids)) < 2:
        return ""
    latest = {snap.catalog[r].report.authority: snap.catalog[r].report
              for r in latest_of_each_council(report_ids, snap)}
    notes = []
    for report_id in sorted(answered):
        report = snap.catalog[report_id].report
        newest = latest.get(report.authority, report)
        if newest.id not in answered and newest.year != report.year:
            notes.append(f"{report.short_name()}; the latest report of {report.authority} indexed is "
                         f"{newest.short_name()}")
    return f"(This is from {'. '.join(notes)}.)" if notes else ""


# a question about who inspected, whom a report's cover names: "who was the lead inspector?", "who led the Ofsted
# visit?", "who wrote the report?"
INSPECTING = re.compile(r"\b(inspect\w*|HMIs?|ofsted|reports?)\b", re.I)

# "what do children in Lancashire call their permanent homes?": the name answers in place of the words asked
# about ("lasting homes"), which the sentence giving it need not repeat
CALLED_SO = re.compile(r"\bwhat (do|does|did)\b.{0,60}\bcall\b", re.I)


def _outright(counts: Counts) -> Counts:
    """`counts` for a question asking how many there are in all ("how many social workers does Lancashire
    have?"): a share of them ("50% of frontline social workers") or a count whose noun goes unsaid ("four
    were adopted by their foster carers") says how many of some of them, not how many there are."""
    return replace(counts, outright=True)


def _counting(text: str, stated, counts) -> float:
    """How the count stated in the last sentence of `text` (read with the one it carries on from, if
    any) counts the question's subject."""
    parts = sentences(text)
    if len(parts) > 1:
        return counting_on(stated(parts[-2]), stated(parts[-1]), counts)
    return counting(stated(parts[-1]), counts)


# a sentence about some of a group the sentence before names: "Some workers had more than 40 cases"
PART_OF = re.compile(r"(Some|Most|Many|All|A few|Several|Others|Half|None|Few|A number)\b")


def _with_before(scored: tuple, evidence: Evidence, counts) -> tuple:
    """A scored sentence about some of a group named before it, whose own number counts what the question
    counts, read with the sentence before where that holds more of the question; else as it was."""
    _, _, pos, sentence, _ = scored
    if not pos or not PART_OF.match(sentence) or len(sentences(sentence)) > 1 or counting(sentence, counts) < 1.0:
        return scored
    return _read_with_before(scored, evidence)


def _with_topic(scored: tuple, evidence: Evidence) -> tuple:
    """A time stated in a sentence that goes on from the one before ("... others experience considerable delays
    in waiting for child and adolescent mental health assessments. Following triage, two-year waiting times are
    not uncommon."), read with it: the sentence holds one of the question's terms, the one before more."""
    _, coverage, pos, sentence, record = scored
    if not pos or len(sentences(sentence)) > 1 or not evidence.present(set(tokenize(sentence))):
        return scored
    if evidence.holds(_split(record.text)[pos - 1][0]) <= coverage:
        return scored
    return _read_with_before(scored, evidence)


def _with_after(scored: tuple, evidence: Evidence) -> tuple:
    """A scored sentence naming something, read, and quoted, with the next where that goes on about the thing
    named ("The service ...", "It also ...") and the two hold more of the question; else as it was."""
    score, coverage, pos, sentence, record = scored
    split = _split(record.text)
    if len(sentences(sentence)) > 1 or pos + 1 >= len(split) or not REFERS_BACK.match(split[pos + 1][0]):
        return scored
    joined_text = f"{sentence} {split[pos + 1][0]}"
    joined = evidence.holds(joined_text)
    if joined <= coverage:
        return scored
    return (score + joined - coverage, joined, pos, joined_text, record)


def _read_with_before(scored: tuple, evidence: Evidence) -> tuple:
    """A scored sentence read, and quoted, with the one before it where the two hold more of the question."""
    score, coverage, pos, sentence, record = scored
    before = _split(record.text)[pos - 1][0]
    joined = evidence.holds(f"{before} {sentence}")
    if joined <= coverage:
        return scored
    return (score + joined - coverage, joined, pos, f"{before} {sentence}", record)


def _reweighed(scored: tuple, evidence: Evidence, text: str) -> tuple:
    """A scored sentence with its coverage (and score) taken from `text`, a part of it."""
    score, coverage, pos, sentence, record = scored
    held = evidence.holds(text)
    return (score - (coverage - held), held, pos, sentence, record)


# "when was Kingston inspected?", "when did the report come out?": the report's cover says; "when was
# the previous inspection?" is for the report's text to answer
def inspection_dates(query: Query, report_ids: list[str], snap: Snapshot) -> Candidate | None:
    """For "when was Kingston (last) inspected?" or "when was its report published?": each report's
    inspection and publication dates, newest first (only the newest for "last" or "latest"), cited to
    its cover. None for any other question, or one naming no council over many reports."""
    if query.own_record != "inspection dates" or not one_council(query, report_ids):
        return None
    reports = newest_first(report_ids, snap)
    if re.search(r"\b(last|latest|most recent(ly)?|recent(ly)?)\b", query.text, re.I):
        reports = reports[:1]
    drafts = []
    for report in reports[:3]:
        inspected = stating(snap, report, report.inspection_dates, "inspection date")
        if inspected is None:
            continue  # no paragraph says when: nothing to cite, so the text must answer
        drafts.append(Draft(text=f"{report.authority} was inspected {report.inspection_dates}.",
                            record=snap.records[inspected[0]], quote=inspected[1]))
        published = stating(snap, report, day(report.published), "publication date") if report.published else None
        if published:  # said only where a paragraph says it: the date may come from the file's name
            drafts.append(Draft(text=f"The report was published on {day(report.published)}.",
                                record=snap.records[published[0]], quote=published[1]))
    if not drafts:
        return None
    return Candidate("fact", drafts, fit=1.0, support=1.0, structured=True, kinds={"date"})


def _own_dates(snap: Snapshot, record: Record, sentence: str) -> bool:
    """Whether the sentence states the dates of its own report's inspection."""
    dates = snap.catalog[record.report_id].report.inspection_dates if record.report_id in snap.catalog else ""
    return bool(dates) and dates.lower() in " ".join(sentence.split()).lower()


def day(iso: str) -> str:
    """ "2023-03-14" -> "14 March 2023" """
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    if not m:
        return iso
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).strftime("%-d %B %Y")


# "in the last year", "over the past 12 months", "in the previous six months": a period back from the report
_PERIOD = re.compile(r"\b(?:last|past|previous|preceding)\s+(?:(12|twelve|6|six|3|three|24|two)\s+)?(year|years|months?)\b",
                     re.I)
_PERIOD_BACK = re.compile(r"\b(?:for|over|in|during|within) the (?:last|past|previous|preceding)\s+(?:[\w-]+\s+)?"
                          r"(?:years?|months?|weeks?)\b", re.I)
_MONTHS_IN = {"12": 12, "twelve": 12, "6": 6, "six": 6, "3": 3, "three": 3, "24": 24, "two": 24}


def _period(text: str) -> set[int]:
    """The periods back from now a text names, in months: "the last year" and "the past 12 months" are 12."""
    return {_MONTHS_IN.get((m.group(1) or "").lower(), 12) if m.group(2).lower().startswith("year")
            else _MONTHS_IN.get((m.group(1) or "").lower(), 0) for m in _PERIOD.finditer(text)} - {0}


def _same_time(sentence: str, query: Query) -> bool:
    """The sentence names the month and year the question asks about ("in March 2016"), or the same
    period back ("in the last year" for "in the past 12 months"). A year that bounds the question ("before
    2015", "since 2020") is not a time it asks about."""
    months = re.findall(MONTHS, query.text, re.I)
    years = [y for y in query.years if not re.search(rf"\b(before|after|since|until|till|prior to|up to) {y}\b",
                                                     query.text, re.I)]
    if not (months or years):
        asked = _period(query.text)
        return bool(asked) and bool(asked & _period(sentence))
    return all(re.search(m, sentence, re.I) for m in months) and all(str(y) in sentence for y in years)


def _report_of_year(snap: Snapshot, record: Record, query: Query) -> bool:
    """Whether the sentence's report is from the year asked about (so "in 2016" may go unsaid)."""
    report = snap.catalog[record.report_id].report
    return bool(report.year in query.years or (report.inspection_end[:4].isdigit() and
                                                int(report.inspection_end[:4]) in query.years))


def description(query: Query, evidence: Evidence, snap: Snapshot, limit: int = 3, units: int = 5) -> Candidate | None:
    """Two to four sentences of the best paragraphs that speak to the question, in report order.

    After the best sentence, another of its paragraph is added when it covers a question term the
    chosen ones do not, finishes a chosen one's thought, or scores nearly as well; one from another
    paragraph must cover a new term and score closer to the best, since every extra paragraph is
    one more citation to trust."""
    scored = _scored_sentences(query, evidence, snap, limit_units=units, continuations="always")
    if not scored:
        return None
    weights = evidence.weights
    total = sum(weights.values()) or 1.0
    top, home = scored[0][0], scored[0][4].id
    main = evidence.heaviest()
    chosen, seen, covered = [], set(), set()
    for score, coverage, pos, sentence, record in scored:
        # a sentence read with the one it carries on from holds two: neither may be said twice
        parts = sentences(sentence)
        if len(parts) > 1 and parts[0].lower() in seen:
            parts = parts[1:]  # what it carries on from is said already: it follows on
            sentence = parts[0]
        keys = {part.lower() for part in parts}
        if keys & seen:
            continue
        words = set(tokenize(sentence))
        tokens = evidence.present(words)
        new = sum(_weight_as_written(t, words, evidence, snap) for t in tokens - covered)
        follows = any(r.id == record.id and p == pos - 1 for r, p, _ in chosen)
        if record.id == home:
            # the best paragraph's other sentences cite nothing new: one adding a question term, or one as
            # close as the best ("are weak" ... "are not provided with a health passport"), adds its detail
            if score < top * 0.6 or (chosen and new < 0.1 * total and not follows and score < top * 0.85):
                continue
        elif score < top * 0.8 or new < 0.15 * total or (main is not None and main not in tokens):
            continue  # (another paragraph must also be about what the question is mainly about)
        seen |= keys
        covered |= tokens
        chosen.append((record, pos, sentence))
        if len(chosen) == limit:
            break
    if REASON_ASKED.search(query.text):
        # "why are conferences delayed?": the sentence saying why, after one chosen ("... has been delayed for
        # some children. This is due to ... non-attendance of partner agencies."), is the answer's point
        for record, pos, _ in list(chosen):
            split = _split(record.text)
            if pos + 1 < len(split) and REASON_GIVEN.match(split[pos + 1][0]) and \
                    split[pos + 1][0].lower() not in seen and not any(c[0].id == record.id and c[1] == pos + 1
                                                                    for c in chosen):
                seen.add(split[pos + 1][0].lower())
                chosen.append((record, pos + 1, split[pos + 1][0]))
    if query.hear == "verdict" and 0 < len(chosen) < limit:
        # "are return home interviews any good?": where what is said of it is all praise or all fault, the
        # best paragraph's sentence saying the other ("... completed promptly. The quality of these
        # interviews is, however, inconsistent.") is half the verdict, and cites nothing new
        said = {tone(c[2]) for c in chosen}
        if len(said) == 1:
            # (where what is chosen only says what there is, "Referrals out of hours are responded to through an
            # arrangement with a neighbouring authority", the best paragraph's sentence with a verdict either way)
            other = next(((record, pos, sentence) for score, _, pos, sentence, record in scored
                          if record.id == home and score >= top * VERDICT_SHARE and tone(sentence) not in said
                          and tone(sentence) and sentence.lower() not in seen), None)
            if other:
                chosen.append(other)
    chosen.sort(key=lambda c: (c[0].report_id, c[0].seq, c[1]))
    drafts = [Draft(text=s, record=r, quote=s) for r, _, s in chosen]
    support = evidence.holds(" ".join(d.quote for d in drafts))
    return Candidate("description", drafts, fit=scored[0][1], support=support,
                     kinds=set().union(*(fact_kinds(d.quote) for d in drafts)))


def _weight_as_written(term: str, words: set[str], evidence: Evidence, snap: Snapshot, common: bool = False) -> float:
    """A question term's weight where a sentence holds it only through the reports' word for it: "kids"
    is rare in the reports, "children" is everywhere, and a sentence saying "children" says no more.
    `common`: the weight of the commonest of the reports' words for it, wherever it is said."""
    weight = evidence.weights[term]
    if term in words and not common:
        return weight
    held = [max(snap.lexical.idf(t) for t in alt) for alt in evidence.stand_ins.get(term, ())
            if common or alt <= words]
    return min([weight] + held)


# a sentence stating how an inspection judged something
STATES_GRADE = re.compile(r"\b(inadequate|adequate|good|outstanding|requires? improvement|judged|graded|rated)\b", re.I)


# "how was it rated at the inspection before this one?", "what was the previous grade?"
PREVIOUS_ASKED = re.compile(r"\b(previous|prior|earlier|preceding)\b|\bbefore (this|that|the latest) (one|inspection)\b|"
                            r"\b(the )?one before\b|\binspection before\b", re.I)
# a sentence saying how the last inspection judged: "since the last inspection in 2015, where services were
# rated as good", "at the previous inspection", "The inspection of ... arrangements in August 2011 judged ..."
EARLIER_SAID = re.compile(r"\b(previous|last|prior|earlier)\b.{0,40}\binspect|\binspection\b.{0,80}\b(19|20)\d\d\b",
                          re.I)


def earlier_judgement(query: Query, evidence: Evidence, snap: Snapshot) -> Candidate | None:
    """For a grade asked of a year no report in scope is from: the sentences of the description that
    say how it was judged then ("... in October 2011, when they were judged to be inadequate"); None
    if none does, as the reports' own judgements are another inspection's."""
    # (a sentence about an earlier inspection is one among many about inspections: read further down)
    found = description(query, evidence, snap, units=10)
    if found is None:
        return None
    drafts = [d for d in found.drafts if STATES_GRADE.search(d.quote) and (
        any(str(y) in d.quote for y in query.years) if query.years else EARLIER_SAID.search(d.quote))]
    if not drafts:
        return None
    return Candidate("description", drafts, fit=found.fit, support=evidence.holds(" ".join(d.quote for d in drafts)))


# a heading and its page number, then the next heading: a contents list, which 118 of the corpus's
# reports open with (an older layout the parser keeps as a paragraph)
CONTENTS = re.compile(r"[a-z)] \d{1,3} (?=[A-Z])")
@lru_cache(maxsize=16384)
def _contents(text: str) -> tuple[bool, ...]:
    """Per sentence of a paragraph (as `_split` has them), whether it is a contents list: worked out
    once per paragraph, as a figure question reads every sentence of a council's reports (testing
    each sentence every time took 8 ms a question for Birmingham's two reports)."""
    return tuple(len(CONTENTS.findall(sentence)) >= 3 for sentence, _ in _split(text))


# What marks a sentence as finding fault, or as praise (and no fault): for a question asking what is
# wrong, or what works well, among sentences about as close to it
WEAK_SAID = re.compile(r"\b(not|no|too|lack\w*|delay\w*|weak\w*|poor\w*|inconsisten\w*|insufficien\w*|limited|"
                       r"variable|gaps?|fail\w*|concern\w*|unclear|inadequate|slow\w*|absen(ce|t)|missed|"
                       r"under-?developed|underused|underutilised|shortfalls?|requires? improvement|mixed|"
                       r"however|but|although|cannot|can[’']t|isn[’']t|aren[’']t|don[’']t|doesn[’']t)\b", re.I)
STRONG_SAID = re.compile(r"\b(good|strong\w*|effective\w*|well|timely|robust|outstanding|excellent|thorough\w*|"
                         r"clear\w*|prompt\w*|positive\w*|high[- ]quality|comprehensive|valued|"
                         r"swift\w*|sensitive\w*|creative\w*|innovative|impressive|skil\w*|strengths?|manageable|"
                         r"appropriate(ly)?)\b", re.I)
TONE_LIFT = 0.2
# what a sentence of the asked tone, naming nothing asked, holds of a paragraph about the question's subject
TONE_TOPIC = 0.8
# "what is MAST?" is answered by the sentence spelling it out, whichever paragraph says most about the MAST:
# as much as a paragraph ranked first gains over one ranked last (0.5 * fused)
DEFINING_LIFT = 0.5
VERDICT_SHARE = 0.4


# "what is CHAD?", "what does LADO stand for?": asks what a name means
WHAT_IS = re.compile(r"^\s*what(['’]?s\b|\s+(is|are|was|were)\b)|\bstand for\b|\bmean\b", re.I)


def _defining(query: Query) -> list[re.Pattern]:
    """For "what is CHAD?": patterns for a sentence spelling out the acronym asked about, "... duty service (CHAD)".
    None for "what is wrong with the LADO?", which asks what is wrong with it, not what it is."""
    if not WHAT_IS.search(query.text) or query.tone:
        return []
    return [re.compile(r"\(" + re.escape(t) + r"\)", re.I) for t in query.subject if 2 <= len(t) <= 6]


# a sentence reporting what people said, felt or told inspectors, or quoting them
VIEWS_SAID = re.compile(r"\b(said|say|says|told|tell|described|describe|feel|feels|felt|reported|commented|views?|"
                        r"spoke|speak|speaks)\b|[‘“]", re.I)


def tone(sentence: str) -> str | None:
    if WEAK_SAID.search(sentence):
        return "weak"
    return "strong" if STRONG_SAID.search(sentence) else None


# The question's own words, as written, in a sentence that holds its terms: "school attendance" in
# "attendance at school is good" rather than "attending schools that are not yet good"
LITERAL_LIFT = 0.1
_WORDS = re.compile(r"[a-z0-9]+")


def _surface_words(text: str, evidence: Evidence) -> tuple[tuple[frozenset[str], float], ...]:
    """(the question's words for a subject term, the term's share of the weight), per subject term."""
    total = sum(evidence.weights.values()) or 1.0
    found: dict[str, set[str]] = {}
    for word in _WORDS.findall(text.lower()):
        for term in tokenize(word):
            if term in evidence.weights:
                found.setdefault(term, set()).add(word)
    return tuple((frozenset(words), evidence.weights[t] / total) for t, words in found.items())


def _literal_share(sentence: str, literal) -> float:
    words = set(_WORDS.findall(sentence.lower()))
    return sum(share for surface, share in literal if surface & words)


# A sentence whose subject is in the one before it: "This ...", "It ...", "The current average ...",
# "However, they do not always cover all the risks"
# a question asking why, a sentence saying why, and one saying why what comes before it is so
REASON_ASKED = re.compile(r"^\W*why\b|\bwhat (is|are|was|were) the (main |key )?(reasons?|causes?)\b|\bhow come\b|"
                          r"\bwhat (causes|caused|is causing)\b", re.I)
_CAUSE_WORDS = (r"because|due to|caused by|owing to|(?:as |the |a )?result of|results? from|resulted from|"
                r"attributable to|driven by|stems? from|a consequence of|linked to")
CAUSE = re.compile(r"\b(" + _CAUSE_WORDS + r")\b", re.I)
REASON_GIVEN = re.compile(r"(This|That|It|These|Those|Such \w+) (is|was|are|were|has been|have been) (partly |largely |"
                          r"mainly |mostly |often |in part |primarily )?(" + _CAUSE_WORDS + r")\b|"
                          r"(This|That) (is|was) (why|the reason)\b|(Because|Due to)\b|"
                          r"The (main )?reasons? (for|is|was|are|were)\b", re.I)

CONTINUES = re.compile(r"(As a result|Consequently|Therefore|Because of this|Despite this)\b|"
                       # (a consequence is of what comes before it: "Consequently, leaders cannot be assured that
                       # young carers are identified" says why only after "The identification of young carers is
                       # underdeveloped")
                       r"((However|But|Yet|Nevertheless|Also|In addition|As a result|Consequently),? )?"
                       r"(This|These|That|Those|It|Its|They|Their|He|She|His|Her|Such|Of (these|this|them)|The (current|latest|same|"
                       r"overall))\b|"
                       # "Through their careful work with children, this team ensures ...": the subject named before
                       r"[^.;]{0,80}?,\s+(this|these|the same) (team|service|group|panel|programme|scheme|approach|"
                       r"model|work|project|initiative)\b", re.I)


def _numbered_from(snap: Snapshot) -> dict[str, int]:
    """Per report, where its numbered paragraphs start (the `seq` of the first)."""
    out: dict[str, int] = {}
    for r in snap.records:
        if r.number is not None and r.seq < out.get(r.report_id, r.seq + 1):
            out[r.report_id] = r.seq
    return out


def _scored_sentences(query: Query, evidence: Evidence, snap: Snapshot, limit_units: int, everywhere: bool = False,
                      continuations: str | None = None) -> list[tuple[float, float, int, str, Record]]:
    """(score, coverage, position, sentence, record) for the sentences of the top-ranked citation
    units (or, `everywhere`, of every record of the reports in scope), best first. Coverage: the
    share of the question's term weight the sentence holds; score adds how well its paragraph was
    retrieved and how close it is in meaning. With `continuations`, a sentence that carries on from
    the one before ("There has been steady improvement in timescales for court proceedings. The
    current average of 22 weeks ...") is read, and quoted, with it: "always", or only where "needed"
    for it to hold more of the question (a figure's sentence is its answer; the one before is context)."""
    units: list[str] = []
    out = []
    top = evidence.ranked[0][1] if evidence.ranked else 1.0
    best_similarity = max(evidence.similarity.values(), default=0.0)
    pool = list(evidence.ranked)
    literal = _surface_words(query.text, evidence) if query.asks == "describe" else ()
    defining = _defining(query)
    reason = query.asks == "describe" and bool(REASON_ASKED.search(query.text))
    # an unnumbered paragraph before the numbered ones is a report's summary (or its introduction): it
    # restates in a line what a numbered paragraph finds and shows, which is the better answer to what
    # something is like (one after them is the rest of a paragraph a page break cut, or a report's data)
    summing_up = query.asks == "describe"
    numbered_from = snap.view("numbered_from", _numbered_from) if summing_up else {}
    if everywhere:
        ranked = {p for p, _ in pool}
        pool += [(int(p), 0.0) for p in snap.rows(evidence.report_ids) if int(p) not in ranked]
        limit_units = len(pool)
    for position, fused in pool:
        record = snap.records[position]
        unit = f"{record.report_id}#{record.ref}"
        if unit not in units:
            if len(units) == limit_units:
                continue
            units.append(unit)
        if record.kind == "table" or (record.kind == "cover" and (
                query.asks not in ("name", "date") or query.asks == "name" and not INSPECTING.search(query.text))):
            continue  # a findings table or a cover lists judgements: answered from the judgement table; a
            # cover also names the lead inspector, for a question about the inspection ("who leads the
            # improvement board?" is not answered by "Lead inspector: ..."), and the inspection's dates
        similarity = evidence.similarity.get(position, best_similarity - 0.2)
        split, listed = _split(record.text), _contents(record.text)
        topic = 0.0  # how much of the question the paragraph's sentences so far hold
        for pos, (sentence, tokens) in enumerate(split):
            if len(sentence) < 20 or listed[pos]:
                continue  # (a report's contents list, "... protection 10 The experiences ... 17 Leadership", says nothing)
            coverage = evidence.holds_tokens(tokens)
            if not coverage and topic and query.tone and record.kind != "recommendation" and \
                    tone(sentence) == query.tone:
                # "what is the problem with the LADO?": in a paragraph about the LADO service, the sentence saying
                # what is wrong need not name it again ("... decision-making ... not always clarified ...")
                coverage = TONE_TOPIC * topic
            topic = max(topic, coverage)
            if continuations and pos and CONTINUES.match(sentence):
                # "This is a valuable resource ..." says nothing without what "this" is
                before, before_tokens = split[pos - 1]
                joined = evidence.holds_tokens(tokens | before_tokens)
                if continuations == "always" or joined > coverage:
                    sentence, coverage = f"{before} {sentence}", joined
            if coverage <= 0:
                continue
            score = coverage + 0.5 * max(fused, 0.0) / (top or 1.0) + 0.5 * (similarity - best_similarity)
            if literal:
                score += LITERAL_LIFT * _literal_share(sentence, literal)
            if query.tone and record.kind != "recommendation" and tone(sentence) == query.tone:
                score += TONE_LIFT  # "what's wrong with early help?": the sentence saying what is
            if reason and CAUSE.search(sentence):
                score += TONE_LIFT  # "why are strategy meetings delayed?": the sentence saying what they are due to
            if defining and any(a.search(sentence) for a in defining):
                score += DEFINING_LIFT  # "what is CHAD?": the sentence spelling it out, "... duty service (CHAD)"
            if query.hear == "views" and record.kind != "recommendation" and VIEWS_SAID.search(sentence):
                score += TONE_LIFT  # "what do care leavers think of their PAs?": what they told inspectors
            if record.kind == "recommendation" and query.asks != "action":
                score -= RECOMMENDATION_PENALTY  # what must be done is weaker evidence of what is
            elif summing_up and record.ref.startswith("S") and record.seq < numbered_from.get(record.report_id, 0):
                score -= SUMMARY_PENALTY
            out.append((score, coverage, pos, sentence, record))
    out.sort(key=lambda s: -s[0])
    return out
