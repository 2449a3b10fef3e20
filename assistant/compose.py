"""Extractive answers: the reports' own sentences and bullets, each with its citation.

    compose_judgement([...Partnership working...]) -> "Partnership working was judged Good (Grade 2) [51]."

Input is retrieved records and the analysed question; output is `Draft`s, one
claim each, which `answer.py` renders into text and citations. Nothing here
invents wording beyond short connective phrases ("was judged", "should").
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from assistant.query import Query, audience_matches
from assistant.retrieve import SYNONYMS, expand, judged_areas, judgement_paragraph
from index.lexical import tokenize
from index.snapshot import Snapshot
from index.store import Record

_SENTENCE = re.compile(r"(?<=[.!?])['’\")]?\s+(?=[A-Z0-9‘'\"(])")
_ABBREVIATION = re.compile(r"\b(e\.g|i\.e|etc|Dr|Mr|Mrs|Ms|No|St|para|vs)\.$", re.I)
ACTOR = re.compile(r"^(?P<actor>(?:the |The )?[A-Za-z][^.;]{2,200}?)\s+should\s+(?P<rest>.+)$", re.S)
INTRO_ACTOR = re.compile(r"(the local authority(?: and its partners)?|the council(?: and its partners)?)\s+should",
                         re.I)
# Words that carry the question's form or the asker's tone, not its subject.
QUESTION_NOISE = set(tokenize(
    "what which how many much report reports say said tell ofsted inspector inspectors inspection anything something "
    "thing things must need needs like know find give giving good get getting got does whether able "
    "current any paragraph wrong right bad poor decent okay ok sort sorted problem problems issue issues actually "
    "really going doing well enough better worse best worst think thought way ways kind lot lots happens done do "
    "being make made deal dealt handled handle work working area areas"
))


@dataclass(frozen=True)
class Draft:
    """One claim of an answer: text to show and the record that supports it."""
    text: str
    record: Record
    quote: str
    group: str = ""  # heading the claim is listed under, e.g. "Safeguarding services (paragraph 20)"


def sentences(text: str) -> list[str]:
    parts: list[str] = []
    for block in text.split("\n"):
        pieces = _SENTENCE.split(block.strip())
        for piece in pieces:
            piece = piece.strip()
            if not piece:
                continue
            if parts and _ABBREVIATION.search(parts[-1]):
                parts[-1] += " " + piece
            else:
                parts.append(piece)
    return parts


class SentenceScorer:
    """IDF-weighted overlap between a question and a sentence, over one snapshot's vocabulary."""

    def __init__(self, snap: Snapshot):
        df: dict[str, int] = {}
        self.vocab: dict[str, set[str]] = {}
        for r in snap.records:
            tokens = set(tokenize(r.text + " " + " ".join(r.section)))
            self.vocab.setdefault(r.report_id, set()).update(tokens)
            for token in tokens:
                df[token] = df.get(token, 0) + 1
        self.n = max(len(snap.records), 1)
        self.df = df

    def idf(self, token: str) -> float:
        return math.log(1 + self.n / (1 + self.df.get(token, 0)))

    def terms(self, question: str) -> set[str]:
        return {t for t in tokenize(expand(question)) if t not in QUESTION_NOISE}

    def weights(self, question: str, exclude: set[str] = frozenset()) -> dict[str, float]:
        """IDF per question term; words that only a synonym brought in count half."""
        own = set(tokenize(question))
        return {t: self.idf(t) * (1.0 if t in own else 0.5) for t in self.terms(question) - exclude}

    def score(self, terms, sentence: str) -> float:
        tokens = set(tokenize(sentence))
        if isinstance(terms, dict):
            return sum(w for t, w in terms.items() if t in tokens)
        return sum(self.idf(t) for t in terms & tokens)

    def support(self, question: str, drafts: list["Draft"], exclude: set[str] = frozenset()) -> float:
        """Share of the question's IDF weight that the answer's sentences contain.

        A user's phrase counts as found when its stand-in in the reports' own words is
        in the answer ("first health check" -> "initial health assessments").
        """
        found = set(tokenize(" ".join(d.quote for d in drafts)))
        total = hit = 0.0
        for term, stand_ins in self.term_groups(question).items():
            if term in exclude:
                continue
            weight = self.idf(term)
            total += weight
            if term in found or stand_ins & found:
                hit += weight
        return hit / total if total else 0.0

    def term_groups(self, question: str) -> dict[str, set[str]]:
        groups: dict[str, set[str]] = {}
        lower = question.lower()
        for term in tokenize(question):
            if term not in QUESTION_NOISE:
                groups.setdefault(term, set())
        for phrase, replacement in SYNONYMS.items():
            if re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", lower):
                for term in tokenize(phrase):
                    if term in groups:
                        groups[term] |= set(tokenize(replacement))
        return groups

    def coverage(self, question: str, report_ids: list[str]) -> float:
        """Share of the question's specific terms (IDF-weighted) that the reports in scope use at all."""
        original = {t for t in tokenize(question) if t not in QUESTION_NOISE}
        if not original:
            return 0.0
        vocab = set().union(*(self.vocab.get(r, set()) for r in report_ids)) if report_ids else set()
        expanded = self.terms(question)
        known = {t for t in expanded if t in vocab}
        weight = {t: self.idf(t) for t in original}
        covered = sum(w for t, w in weight.items() if t in known)
        if expanded - original and known - original:
            # a synonym stood in for an everyday word ("jabs" -> immunisations)
            covered += sum(w for t, w in weight.items() if t not in vocab) * 0.8
        return covered / sum(weight.values())


def _strip_recommendation_words(text: str) -> str:
    return re.sub(r"\b(recommendations?|improve(ment)?s?|areas?|needs?|must|should|do|actions?|what|are|is|the|in|for|"
                  r"of|to)\b", " ", text, flags=re.I)


def authority_terms(query: Query) -> set[str]:
    return set(tokenize(" ".join(query.authorities))) | {str(y) for y in query.years}


def recommendations(query: Query, snap: Snapshot, report_ids: list[str], ranked: list[Record],
                    scorer: "SentenceScorer | None" = None) -> tuple[list[Draft], bool]:
    """Every bullet matching the deadline/audience asked for, in report order; every bullet when the
    question names no topic; else the best-ranked ones. The flag says whether the choice came from
    the report's structure (True) or from ranking (False)."""
    wanted = set(report_ids)
    structured = True
    if query.timescale or query.audience:
        chosen = [r for r in snap.records if r.report_id in wanted and r.kind == "recommendation"
                  and (not query.timescale or r.timescale == query.timescale)
                  and audience_matches(query.audience, r.text, r.section)]
        if query.audience and not query.timescale and len(chosen) > 12:
            keep = {r.id for r in ranked}
            chosen = [r for r in chosen if r.id in keep] or chosen[:12]
    elif scorer is not None and not scorer.terms(_strip_recommendation_words(query.text)) - authority_terms(query):
        # "what needs to improve in Oldham?": every recommendation of the reports in scope
        chosen = [r for r in snap.records if r.report_id in wanted and r.kind == "recommendation"][:20]
    else:
        # a topic ("...about child protection plans"): every bullet in scope that speaks to it,
        # not just the one per paragraph that made the ranked hits
        structured = False
        retrieved = {r.id for r in ranked}
        recs = [r for r in snap.records if r.report_id in wanted and r.kind == "recommendation"]
        if scorer is not None and recs:
            weights = scorer.weights(query.text, exclude=authority_terms(query))
            scored = [(scorer.score(weights, r.text) * (1.2 if r.id in retrieved else 1.0), r) for r in recs]
            best = max(sc for sc, _ in scored)
            recs = [r for sc, r in sorted(scored, key=lambda x: -x[0]) if sc >= best * 0.6 and sc > 0]
        else:
            recs = [r for r in ranked if r.kind == "recommendation"]
        chosen = recs[:6]
        chosen.sort(key=lambda r: (report_ids.index(r.report_id) if r.report_id in report_ids else 0, r.seq))
    drafts = []
    for r in chosen:
        parent = snap.paragraph(r.report_id, r.ref)
        intro = next((p.text for p in parent if p.kind != "recommendation"), "")
        drafts.append(Draft(text=_with_actor(r.text, intro), record=r, quote=r.text, group=_rec_group(r)))
    return drafts, structured


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


def judgements(query: Query, snap: Snapshot, report_ids: list[str]) -> list[Draft]:
    drafts: list[Draft] = []
    for report_id in report_ids:
        report = snap.catalog[report_id].report
        matched = judged_areas(query, report.judgements)
        asked_word = re.search(r"\b(outstanding|good|adequate|inadequate|requires improvement)\b", query.text, re.I)
        if not matched and asked_word and re.search(r"\b(which|what|any|list|were|was)\b", query.text, re.I):
            word = asked_word.group(1).lower()
            matched = [j for j in report.judgements if j.word.lower() == word]
        if not matched and re.search(r"\b(all|every|each|which|list)\b.{0,30}\b(grades?|judge?ments?|ratings?)\b|"
                                     r"\b(grades?|judge?ments?|ratings?)\b.{0,20}\b(all|overall|each|get|give)\b",
                                     query.text, re.I):
            matched = list(report.judgements)
        for j in matched:
            idx = judgement_paragraph(snap, report_id, j)
            if idx is None:
                continue
            record = snap.records[idx]
            where = f" for {j.section[:1].lower()}{j.section[1:]}" if j.section and _split_sections(matched, j) else ""
            quote = sentences(record.text)[0] if record.text else ""
            drafts.append(Draft(text=f"{j.area_text} was judged {j.label()}{where}.", record=record, quote=quote))
    return drafts


def _split_sections(matched, j) -> bool:
    return sum(1 for m in matched if m.area.lower() == j.area.lower()) > 1 or len({m.section for m in matched}) > 1


def best_sentences(query: Query, scorer: SentenceScorer, ranked: list[tuple[Record, float]], limit: int,
                   need_number: bool = False, threshold: float = 0.8) -> list[Draft]:
    """The most relevant sentences of the top records, returned in report order, without repeats.

    A sentence scores by the question terms it holds (IDF-weighted, as a share of all of
    them) plus how well its paragraph was retrieved. After the best sentence, another is
    added only when it covers a question term the chosen ones do not; one from another
    paragraph must also score within `threshold` of the best, since every extra paragraph
    is one more citation a reader has to trust.
    """
    weights = scorer.weights(query.text, exclude=authority_terms(query))
    total = sum(weights.values()) or 1.0
    top_retrieval = max((score for _, score in ranked), default=0.0) or 1.0
    candidates = []
    for record, retrieval in ranked:
        if record.kind == "table":
            continue  # a findings table row is a judgement, answered from the judgement list
        for pos, sentence in enumerate(sentences(record.text)):
            if need_number and not re.search(r"\d", sentence):
                continue
            if len(sentence) < 25:
                continue
            overlap = scorer.score(weights, sentence) / total
            score = overlap + 0.5 * max(retrieval, 0.0) / top_retrieval
            candidates.append((score, overlap, pos, sentence, record))
    candidates = [c for c in candidates if c[1] > 0]
    if not candidates:
        return []
    candidates.sort(key=lambda c: -c[0])
    top = candidates[0][0]
    home = candidates[0][4].id
    groups = scorer.term_groups(query.text)
    chosen, seen, covered = [], set(), set()
    for score, _, pos, sentence, record in candidates:
        key = sentence.lower()
        if key in seen:
            continue
        tokens = set(tokenize(sentence))
        # a user's word counts as covered once its stand-in is ("check" by "assessments")
        tokens |= {term for term, stand_ins in groups.items() if stand_ins & tokens}
        tokens &= set(weights)
        new = sum(weights[t] for t in tokens - covered)
        follows = any(r.id == record.id and p == pos - 1 for r, p, _ in chosen)
        if record.id == home:
            # the next sentence of the best one often finishes its thought ("...well established.
            # The SARC, The Bridge, provides...") even when it adds no new question word
            if score < top * 0.6 or (chosen and new < 0.1 * total and not (follows and not need_number)):
                continue
        elif score < top * threshold or new < 0.15 * total:
            continue
        seen.add(key)
        covered |= tokens
        chosen.append((record, pos, sentence))
        if len(chosen) == limit:
            break
    chosen.sort(key=lambda c: (c[0].report_id, c[0].seq, c[1]))
    return [Draft(text=s, record=r, quote=s) for r, _, s in chosen]
