"""Query -> `Evidence`: the ranked paragraphs, and the structured facts the reports hold for it
(recommendations with the deadline or audience asked, judgements of the areas named).

    retriever = Retriever(store)
    evidence = retriever.evidence(query, retriever.scope(query, report=None))
    evidence.hits[0] -> Hit(report="south-gloucestershire-2012-07-06", paragraph="51", ...)

Ranking fuses dense similarity (the question's MiniLM vector against every record's)
and BM25 linearly, after normalising each; a paragraph and its bullets are one citation
unit. All of it is array arithmetic over the snapshot (index.snapshot): restricting to
some reports takes their slices, and no step loops over the records in Python, so a
question costs the same few milliseconds over 25 reports or 431.
"""
from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import numpy as np

from assistant.facts import CHANGE_WORDS, GENERIC_PEOPLE, IN_WORDS, Counts, asked_kinds, best_stated
from assistant.understand import HOW_GOOD, Query, known_authorities, understand
from index.lexical import tokenize
from index.model import Judgement
from index.snapshot import Snapshot, load_snapshot
from index.store import Record, Store, StoreUnavailable
from index.vocabulary import audiences_of


log = logging.getLogger("report_assistant.retrieve")
UNAVAILABLE_BACKOFF_S = 5.0


@dataclass(frozen=True)
class Hit:
    report: str  # report id
    paragraph: str  # citation label ("20", or "S3" outside the numbering)
    text: str
    section: tuple[str, ...]
    judgement: str | None
    timescale: str | None
    score: float
    kind: str = "paragraph"
    record_id: str = ""
    similarity: float = 0.0  # cosine similarity of the dense match
    index: int = -1  # the record's position in the snapshot


STATISTICS = frozenset(tokenize("average total number figure rate"))
# nor do the words of a change say what changed: "how much have child protection plans fallen?" is about plans
# ("the rate of children on child protection plans has halved"); the terms of CHANGE_WORDS, as tokenized
CHANGE_TERM = re.compile(r"(?:" + CHANGE_WORDS + r")\w*$")


@dataclass
class Evidence:
    query: Query
    report_ids: list[str]
    hits: list[Hit]  # the best record of each of the top citation units, best first
    ranked: list[tuple[int, float]]  # (record position, fused score) for every candidate, best first
    similarity: dict[int, float] = field(default_factory=dict)  # dense cosine per candidate record
    recommendations: list[int] = field(default_factory=list)  # bullets with the deadline/audience asked
    judgements: list[tuple[str, Judgement]] = field(default_factory=list)  # (report id, judgement) named
    weights: dict[str, float] = field(default_factory=dict)  # question subject term -> IDF weight
    # subject term -> alternatives in the reports' words, each a set of terms that must all be there
    stand_ins: dict[str, list[frozenset[str]]] = field(default_factory=dict)
    vector: np.ndarray | None = None  # the question's embedding: evidence from other reports reuses it
    relevance: float = 0.0  # the best hit's similarity to the question with its acronyms spelt out, if any
    # how to work `relevance` out, until it is asked for (an embedding: most questions never need it)
    respelt: Callable[[], float] | None = field(default=None, repr=False, compare=False)
    _layout: tuple | None = field(default=None, repr=False, compare=False)

    def present(self, tokens: set[str] | frozenset[str]) -> set[str]:
        """The subject terms a text's tokens hold, a term counting where a stand-in for it is."""
        return {term for term, _, alternatives in self._terms()
                if term in tokens or any(alt <= tokens for alt in alternatives)}

    def counting_terms(self, counted: tuple[str, ...]):
        """`present`, narrowed to what a count question counts when it says (Query.counted). Children
        or young people alone narrow nothing: the reports count little else, and the rest of the
        question says which ("how many children are privately fostered?")."""
        if not counted or set(counted) <= GENERIC_PEOPLE:
            return Counts(self.present)
        wanted = set(counted)
        # (the words in the question's order: "social workers", not other workers)
        return Counts(lambda tokens: self.present(tokens) & wanted, compound=counted)

    def heaviest(self, besides: frozenset[str] = frozenset()) -> str | None:
        """The subject term that carries most of the question's weight: what it is about. The name of
        a statistic ("average", "total") says how it is counted, not what, and a change how it moved."""
        terms = {t: w for t, w in self.weights.items()
                 if t not in STATISTICS and not CHANGE_TERM.match(t) and t not in besides}
        return max(terms, key=terms.get) if terms else None

    def holds(self, text: str) -> float:
        """Share of the question's subject weight a text holds."""
        return self.holds_tokens(set(tokenize(text)))

    def holds_tokens(self, tokens: set[str] | frozenset[str]) -> float:
        share = 0.0
        for term, weight, alternatives in self._terms():
            if term in tokens or (alternatives and any(alt <= tokens for alt in alternatives)):
                share += weight
        return share

    def _terms(self) -> tuple[tuple[str, float, tuple[frozenset[str], ...]], ...]:
        """(term, its share of the subject's weight, its stand-ins). Called for every sentence a
        figure question reads (tens of thousands), so laid out once per weights and stand-ins
        given (a report answering for itself is given its question's), not per call."""
        if self._layout is None or self._layout[0] is not self.weights or self._layout[1] is not self.stand_ins:
            total = sum(self.weights.values())
            terms = tuple((t, w / total if total else 0.0, tuple(self.stand_ins.get(t, ())))
                          for t, w in self.weights.items())
            self._layout = (self.weights, self.stand_ins, terms)
        return self._layout[2]

    def lexical_terms(self) -> list[str]:
        return list(self.weights) + sorted({t for alts in self.stand_ins.values() for alt in alts for t in alt})

    @property
    def best_similarity(self) -> float:
        return max(self._hit_similarity(), self._relevance())

    def related(self, threshold: float) -> bool:
        """Whether the best hit is at least `threshold` similar to the question, as asked or with its
        acronyms spelt out (worked out only if the question as asked falls short)."""
        return self._hit_similarity() >= threshold or self._relevance() >= threshold

    def _hit_similarity(self) -> float:
        return max((h.similarity for h in self.hits), default=0.0)

    def _relevance(self) -> float:
        if self.respelt is not None:
            self.relevance, self.respelt = self.respelt(), None
        return self.relevance


class Retriever:
    def __init__(self, source: Store | Snapshot, k: int = 5, candidates: int = 60, dense_weight: float = 0.5,
                 refresh_seconds: float = 1.0, embedder=None):
        """source: a Store (its snapshot is kept current) or a fixed Snapshot (a one-off command)."""
        if k < 1 or candidates < k:
            raise ValueError(f"need 1 <= k <= candidates, got k={k}, candidates={candidates}")
        if not 0 <= dense_weight <= 1:
            raise ValueError(f"dense_weight must be in [0, 1], got {dense_weight}")
        self.store = source if isinstance(source, Store) else None
        self.embedder = embedder or (self.store.embedder if self.store else None)
        if self.embedder is None:
            raise ValueError("a Retriever over a fixed snapshot needs the embedder that built it")
        self.k = k
        self.candidates = candidates
        self.dense_weight = dense_weight
        self.refresh_seconds = refresh_seconds
        self._snapshot: Snapshot | None = None if self.store else source
        self._checked = 0.0
        self._lock = threading.Lock()
        self._audiences: dict[int, set[str]] = {}
        self._names: tuple[str, dict[str, list[str]]] | None = None
        self.unavailable: str | None = None  # why the store last failed to answer, while it does not

    # -- index view ----------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        """The current view; another process's ingest is picked up within refresh_seconds.

        If a Chroma server stops answering, questions are answered from the last view it gave
        (nothing can be ingested meanwhile either); the check is retried every few seconds, not
        on every question, so a hung server costs one timeout, not one per question."""
        if self.store is None:
            return self._snapshot
        if self._snapshot is not None and time.monotonic() - self._checked <= self.refresh_seconds:
            return self._snapshot  # not due a check: no lock, which every concurrent request would queue on
        with self._lock:
            now = time.monotonic()
            if self._snapshot is None:
                self._snapshot = load_snapshot(self.store)  # nothing to fall back on: StoreUnavailable propagates
                self._checked = now
            elif now - self._checked > self.refresh_seconds:
                self._checked = now
                try:
                    current = self.store.committed()
                except StoreUnavailable as exc:
                    if not self.unavailable:
                        log.warning("answering from the last snapshot: %s", exc)
                    self.unavailable = str(exc)
                    self._checked = time.monotonic() + UNAVAILABLE_BACKOFF_S
                    return self._snapshot
                self.unavailable = None
                if current != self._snapshot.fingerprint:
                    self._snapshot = load_snapshot(self.store)
                    self._audiences = {}
            return self._snapshot

    def refresh(self) -> None:
        """Look at the index again on the next question: this process has just changed it."""
        with self._lock:
            self._checked = float("-inf")

    def indexed_authorities(self) -> dict[str, list[str]]:
        snap = self.snapshot()
        if self._names is None or self._names[0] != snap.fingerprint:
            known = known_authorities()
            aliases: dict[str, list[str]] = {}
            for entry in snap.catalog.values():
                name = entry.report.authority
                aliases.setdefault(name, [a for a, canonical in known.items() if canonical.lower() == name.lower()])
            self._names = (snap.fingerprint, aliases)
        return self._names[1]

    def understand(self, question: str) -> Query:
        vocab = getattr(self.snapshot().lexical, "vocab", None)
        return understand(question, self.indexed_authorities(), known=vocab.__contains__ if vocab else None)

    def scope(self, query: Query, report: str | list[str] | None = None) -> list[str]:
        """Report ids the question is about: an explicit filter, else the authorities/years it names."""
        catalog = self.snapshot().catalog
        if report:
            return resolve_reports(catalog, report)
        ids = list(catalog)
        if query.authorities:
            ids = [i for i in ids if catalog[i].report.authority in query.authorities]
        if query.asks == "grade" and bounded(query):
            within = [i for i in ids if not out_of_bounds(catalog[i].report, query)]
            if within and len(within) < len(ids):
                return within  # "what was Nottinghamshire rated before 2019?": its reports before then
        if query.years:
            dated = [i for i in ids if report_years(catalog[i].report) & set(query.years)]
            ids = dated or ids
        return ids

    # -- ranking ---------------------------------------------------------------------
    def search(self, question: str, report: str | list[str] | None = None, k: int | None = None) -> list[Hit]:
        query = self.understand(question)
        return self.evidence(query, self.scope(query, report), k or self.k).hits

    def terms(self, query: Query, snap: Snapshot) -> tuple[dict[str, float], dict[str, list[frozenset[str]]]]:
        """IDF weight of each term the question is about, and the report terms that stand in for it:
        the reports' word for an everyday one, an acronym's long form, a misspelt word's spelling.
        A word the reports never use and nothing stands in for keeps the highest weight: a question
        about something the reports do not mention should find little support."""
        stand_ins: dict[str, list[frozenset[str]]] = {t: [frozenset(a) for a in alts] for t, alts in query.stand_ins}
        for acronym, long_form in acronym_pairs(query.text, snap.acronyms, snap.lexical.document_frequency):
            for t in acronym:
                stand_ins.setdefault(t, []).append(frozenset(long_form))
        weights = {}
        for t in query.subject:
            if not snap.lexical.document_frequency(t) and t not in stand_ins:
                fixed = snap.lexical.closest(t)
                if fixed:
                    stand_ins[t] = [frozenset([fixed])]
            known = [max(snap.lexical.idf(x) for x in alt) for alt in stand_ins.get(t, ())
                     if all(snap.lexical.document_frequency(x) for x in alt)]
            weights[t] = min(known) if known and not snap.lexical.document_frequency(t) else snap.lexical.idf(t)
        return weights, stand_ins

    def evidence(self, query: Query, report_ids: list[str], k: int | None = None,
                 vector: np.ndarray | None = None) -> Evidence:
        """`vector`: the embedding of `query.text` when the caller has it already."""
        k = k or self.k
        snap = self.snapshot()
        weights, stand_ins = self.terms(query, snap)
        out = Evidence(query, report_ids, [], [], weights=weights, stand_ins=stand_ins)
        if not report_ids or not snap.records:
            return out
        vector = self.embedder.embed_one(query.text) if vector is None else vector
        out.vector = vector
        everything = len(report_ids) == len(snap.catalog)
        terms = out.lexical_terms()
        if everything:
            rows, sims, lexical = None, snap.vectors @ vector, snap.lexical.scores(terms)
        else:
            # both rankers score only the reports in scope, one slice each, in the order of `rows`
            rows = snap.rows(report_ids)
            spans = [snap.slices[r] for r in report_ids if r in snap.slices]
            sims = np.concatenate([snap.vectors[slice(*span)] @ vector for span in spans]) if spans \
                else np.zeros(0, dtype=np.float32)
            lexical = np.concatenate([snap.lexical.scores(terms, within=span) for span in spans]) if spans \
                else np.zeros(0, dtype=np.float32)
        picked = set(_top(sims, self.candidates)) | {int(i) for i in _top(lexical, self.candidates) if lexical[i] > 0}
        local = np.array(sorted(picked), dtype=np.int64)
        positions = local if rows is None else rows[local]
        out.recommendations = self._recommendations(query, snap, report_ids)
        out.judgements = judged(query, snap, report_ids) if query.asks == "grade" else []
        fused = self._fuse(query, snap, sims[local], lexical[local], positions)
        out.similarity = {int(p): float(d) for p, d in zip(positions, sims[local])}
        order = np.argsort(-fused, kind="stable")
        out.ranked = [(int(positions[i]), float(fused[i])) for i in order]
        stated = own_records(query, snap, report_ids)
        if out.judgements:
            # the paragraphs stating the grades asked about are the evidence, whatever the rankers say
            for rid, j in out.judgements:
                for ref in (j.section_ref, j.ref):
                    for p in snap.by_ref.get((rid, ref), [])[:1] if ref else []:
                        if p not in stated:
                            stated.append(p)
            # in the answer's order: a council's latest judgements first
            where = {report.id: n for n, report in enumerate(newest_first(report_ids, snap))}
            stated.sort(key=lambda p: where.get(snap.records[p].report_id, 0))
        if stated:
            # so are the records a question about a report's own record is answered from
            top = (out.ranked[0][1] if out.ranked else 1.0) + 1.0
            out.ranked = [(p, top) for p in stated] + [(p, s) for p, s in out.ranked if p not in stated]
            for p in stated:
                out.similarity.setdefault(p, float(snap.vectors[p] @ vector))
        shown = out.ranked
        if query.typed:
            shown = self._stating_first(query, snap, out, sims, lexical, rows, positions, fused)
            if stated:
                first = set(stated)
                shown = out.ranked[:len(stated)] + [(p, s) for p, s in shown if p not in first]
        seen: set[tuple[str, str]] = set()
        for position, score in shown:
            record = snap.records[position]
            unit = (record.report_id, record.ref)
            if unit in seen:
                continue
            seen.add(unit)
            similarity = out.similarity.get(position)
            if similarity is None:  # ranked beyond the candidates (a typed question's whole report)
                similarity = float(snap.vectors[position] @ vector)
            out.hits.append(_hit(record, score, similarity, position))
            if len(out.hits) == k:
                break
        spelt = spelt_out(query.text, snap.acronyms)
        if spelt != query.text and out.hits:
            # how related the question is, with each acronym the reports define spelt out: MiniLM knows "joint
            # targeted area inspection" but not "jtai", whose question would otherwise seem unrelated to every
            # paragraph and be refused (the ranking keeps the question as asked: spelt out, it favours the
            # paragraphs that spell the acronym out over those about the thing). Embedded only if asked: the
            # evidence of each report of several is never asked, nor any whose hits are related as they are
            positions = [h.index for h in out.hits]

            def respelt() -> float:
                again = self.embedder.embed_one(spelt)
                return max(float(snap.vectors[p] @ again) for p in positions)
            out.respelt = respelt
        return out

    def _stating_first(self, query, snap, out, sims, lexical, rows, positions, fused) -> list[tuple[int, float]]:
        """The ranking the hits are drawn from for a question asking for a number, a date, a name or
        an amount: it is answered by a sentence stating one about its subject, so such paragraphs
        rank above those that only share the topic; in one or two reports every paragraph is ranked,
        as one may state it anywhere. `ranked` keeps plain relevance: composing judges each
        sentence's kind itself."""
        if rows is not None and len(out.report_ids) <= 2:
            positions = rows
            fused = self._fuse(query, snap, sims, lexical, positions)
        wanted, accept = asked_kinds(query)
        # ("timely" and "very short" are no figures: a paragraph giving a time ranks up, not one saying "timely")
        accept = accept - IN_WORDS
        counts = out.counting_terms(query.counted)
        fused = fused * (1.0 + STATED_WEIGHT * np.array(
            [best_stated(snap.records[p].text, accept, wanted, out.holds_tokens, counts) for p in positions]))
        order = np.argsort(-fused, kind="stable")
        return [(int(positions[i]), float(fused[i])) for i in order]

    def _fuse(self, query: Query, snap: Snapshot, dense: np.ndarray, lex: np.ndarray, positions) -> np.ndarray:
        """Linear fusion of both rankers' normalised scores: unlike rank fusion it keeps a paragraph
        that one ranker puts first and the other misses (a rare exact term)."""
        span = float(dense.max() - dense.min()) or 1.0
        fused = self.dense_weight * (dense - dense.min()) / span + (1 - self.dense_weight) * lex / (
            float(lex.max()) or 1.0)
        return fused * np.array([self._boost(query, snap.records[p], p) for p in positions])

    def _boost(self, query: Query, record: Record, position: int) -> float:
        """Deadlines and audiences a question asks for are facts the parser recorded: rank by them."""
        if query.asks != "action":
            return 1.0
        if record.kind != "recommendation":
            return 0.5 if query.timescale else 1.0
        boost = 2.0
        if query.timescale:
            boost *= 3.0 if record.timescale == query.timescale else 0.3
        if query.audience:
            boost *= 2.0 if query.audience in self.audiences(position) else 0.5
        return boost

    def audiences(self, position: int) -> set[str]:
        if position not in self._audiences:
            record = self.snapshot().records[position]
            self._audiences[position] = audiences_of(record.text, record.section)
        return self._audiences[position]

    def _recommendations(self, query: Query, snap: Snapshot, report_ids: list[str]) -> list[int]:
        """Bullets with the deadline and audience asked, from the reports in scope."""
        if not (query.timescale or query.audience) or query.asks != "action":
            return []
        out = []
        for rid in report_ids:
            for position in snap.recommendations.get(rid, ()):
                record = snap.records[position]
                if query.timescale and record.timescale != query.timescale:
                    continue
                if query.audience and query.audience not in self.audiences(position):
                    continue
                out.append(position)
        return out


# How much a paragraph stating the kind of fact asked for, about all of the question's subject,
# outranks one that does not (in proportion to the share of the subject its sentence holds).
STATED_WEIGHT = 1.0


def _top(scores: np.ndarray, n: int) -> np.ndarray:
    if len(scores) <= n:
        return np.arange(len(scores))
    return np.argpartition(-scores, n)[:n]


def _hit(record: Record, score: float, similarity: float, position: int) -> Hit:
    return Hit(report=record.report_id, paragraph=record.ref, text=record.text, section=record.section,
               judgement=record.judgement, timescale=record.timescale, score=score, kind=record.kind,
               record_id=record.id, similarity=similarity, index=position)


def acronym_pairs(question: str, acronyms: dict[str, str],
                  frequency=None) -> list[tuple[list[str], list[str]]]:
    """(terms in the question, terms that stand in for them) for each acronym the reports define that
    the question uses, either way round: "IROs" <-> "independent reviewing officers". `frequency`: how
    many paragraphs hold a term, for a two-word long form (below)."""
    out = []
    lower = question.lower()
    words = set(tokenize(question))
    for acronym, long_form in acronyms.items():
        if _uses(question, lower, acronym):
            out += [(short, tokenize(long_form)) for short in _written(acronym)]
        else:
            # the long form's words, in any order ("education, employment or training" for the reports'
            # "EET"): a sentence that uses the acronym holds each of them. A long form of three terms or
            # more; a two-word one only if the reports write its acronym often enough: most are the reports'
            # everyday phrases ("child protection"), written out far more often than not
            spelt = _long_form_terms(long_form)
            if spelt <= words and (len(spelt) >= 3 or len(spelt) == 2 and frequency and _written_short(
                    acronym, spelt, frequency)):
                out += [(sorted(spelt), short) for short in _written(acronym)]
    return out


# a two-word long form stands for its acronym where the reports write the acronym in at least this share of
# as many paragraphs as hold the long form's rarer word: "PAs" for "personal advisers" (about 1 in 11), not
# "CP" for "child protection" (1 in 440) or "EH" for "early help"
WRITTEN_SHORT = 0.05


def _written_short(acronym: str, spelt: frozenset[str], frequency) -> bool:
    written = [t for short in _written(acronym) for t in short]
    return sum(map(frequency, written)) >= WRITTEN_SHORT * min(frequency(t) for t in spelt)


@lru_cache(maxsize=None)
def _written(acronym: str) -> tuple[list[str], ...]:
    """The terms of an acronym as the index holds it, singular and plural: "PA" and "PAs" are two words to
    it ("pa", "pas"), "IRO" and "IROs" one."""
    forms = dict.fromkeys(tuple(tokenize(form)) for form in (acronym, acronym + "s"))
    return tuple(list(form) for form in forms if form)


def spelt_out(question: str, acronyms: dict[str, str]) -> str:
    """The question with each acronym the reports define followed by its long form: "when was the JTAI?" ->
    "when was the JTAI (joint targeted area inspection)?"."""
    lower = question.lower()
    used = [(acronym, long_form) for acronym, long_form in acronyms.items() if _uses(question, lower, acronym)]
    for acronym, long_form in used:
        question = _acronym_pattern(acronym).sub(lambda m: f"{m.group(0)} ({long_form})", question, count=1)
    return question


def _uses(question: str, lower: str, acronym: str) -> bool:
    # the substring test is necessary for a match and cheap; thousands fail it uncompiled
    return acronym.lower() in lower and _acronym_pattern(acronym).search(question) is not None


@lru_cache(maxsize=None)
def _long_form_terms(long_form: str) -> frozenset[str]:
    return frozenset(tokenize(long_form))


@lru_cache(maxsize=None)
def _acronym_pattern(acronym: str) -> re.Pattern:
    # compiled once: a whole corpus defines thousands, which would flush re's cache of 512 per question
    return re.compile(r"\b" + re.escape(acronym) + r"s?\b", re.I if len(acronym) > 3 else 0)


GRADE_ASKED = re.compile(r"\b(outstanding|good|adequate|inadequate|requires? improvement)\b", re.I)
_SECTION_NOISE = set(tokenize("services service"))


def judged(query: Query, snap: Snapshot, report_ids: list[str]) -> list[tuple[str, Judgement]]:
    """The judgements the question asks about, in the reports in scope: of the areas it names, in
    the section it names where a report grades twice; or, for "which areas were judged
    inadequate?", every judgement with that grade."""
    words = set(tokenize(query.text))
    out = []
    for rid in report_ids:
        judgements = snap.catalog[rid].report.judgements
        found = [j for j in judgements if j.area in query.areas]
        if not found and not query.areas and query.asks == "grade":
            asked = GRADE_ASKED.search(query.text)
            # "which areas were judged good?" filters on a grade; "is Bolton any good?" asks how it was judged
            if asked and re.search(r"\b(which|what|any|list|were|was)\b", query.text, re.I) and not HOW_GOOD.search(
                    query.text):
                found = [j for j in judgements if j.word.lower().startswith(asked.group(1).lower())]
        sections = {j.section for j in found}
        if len(sections) > 1:
            named = [j for j in found if set(tokenize(j.section)) - _SECTION_NOISE & words]
            found = named or found
        out += [(rid, j) for j in found]
    return out


def resolve_reports(catalog, report: str | list[str]) -> list[str]:
    """Report ids for an id, an authority name or a short name ("Medway 2013"), case-insensitive."""
    wanted = [report] if isinstance(report, str) else list(report)
    out: list[str] = []
    for w in wanted:
        w_low = w.strip().lower()
        if w in catalog:
            out.append(w)
            continue
        for rid, entry in catalog.items():
            names = [entry.report.authority, entry.report.short_name(), entry.report.title]
            if any(w_low == n.lower() for n in names) and rid not in out:
                out.append(rid)
    return out


def bounded(query: Query) -> bool:
    """Whether a question bounds a time ("before 2019", "since 2018"), not a single year ("in 2019", which
    is `years`' to say)."""
    return bool(query.since or query.until) and query.since[:4] != query.until[:4]


def out_of_bounds(report, query: Query) -> bool:
    """Whether a report falls outside the time a question bounds: its inspection, by when it was
    published (else inspected)."""
    if not bounded(query):
        return False
    when = report.published or report.inspection_end
    return bool(when) and bool((query.since and when < query.since) or (query.until and when > query.until))


def report_years(report) -> set[int]:
    years = {report.year} if report.year else set()
    years |= {int(y) for y in re.findall(r"20\d\d", report.inspection_dates)}
    return years


def newest_first(report_ids: list[str], snap: Snapshot) -> list:
    """The reports, latest published (else latest inspected) first."""
    return sorted((snap.catalog[r].report for r in report_ids), key=lambda r: r.published or r.inspection_end,
                  reverse=True)


def latest_of_each_council(report_ids: list[str], snap: Snapshot) -> list[str]:
    """Of the reports, each council's latest, newest first."""
    seen, out = set(), []
    for report in newest_first(report_ids, snap):
        if report.authority not in seen:
            seen.add(report.authority)
            out.append(report.id)
    return out


def stating(snap: Snapshot, report, value: str, label: str) -> tuple[int, str] | None:
    """The position of the record near the start of a report that states `value` (its inspection dates,
    its day of publication), with the words that state it: the cover, or the first paragraphs of a
    format that has none."""
    if not value:
        return None
    for position in snap.rows([report.id])[:12]:
        flat = " ".join(snap.records[int(position)].text.split())
        at = flat.lower().find(value.lower())
        if at >= 0:
            start = flat.lower().rfind(label, 0, at)
            start = start if 0 <= start and at - start < 40 else at
            return int(position), flat[start:at + len(value)]
    return None


def one_council(query: Query, report_ids: list[str]) -> bool:
    """Whether an answer about "the" inspection has a council to be about: one named, or a few reports."""
    return bool(query.authorities) or len(report_ids) <= 3


def report_asked(query: Query, reports: list) -> object | None:
    """Of reports newest first, the one of the year asked, else the newest."""
    return next((r for r in reports if r.year in query.years), reports[0]) if reports else None


def own_records(query: Query, snap: Snapshot, report_ids: list[str]) -> list[int]:
    """The records a question about a report's own record (`Query.own_record`) is answered from, in
    the answer's order: the statement of its dates; its recommendations (each council's latest list,
    or the newest three reports' for a count); for a summary, its judgements and recommendations.
    None for a question naming no council over many reports: which report it means is unknown."""
    if query.own_record is None or not one_council(query, report_ids):
        return []
    reports = newest_first(report_ids, snap)
    out: list[int] = []
    if query.own_record == "inspection dates":
        for report in reports[:3]:
            found = stating(snap, report, report.inspection_dates, "inspection date")
            out += [found[0]] if found else []
    elif query.own_record == "recommendation count":
        out = [i for report in reports[:3] for i in snap.recommendations.get(report.id, ())]
    elif query.own_record == "recommendations":
        out = [i for rid in latest_of_each_council(report_ids, snap) for i in snap.recommendations.get(rid, ())]
    elif query.own_record == "summary" and reports:
        report = report_asked(query, reports)
        for j in sorted(report.judgements, key=lambda j: j.area != "overall"):
            out += snap.by_ref.get((report.id, j.ref), [])[:1]
        out += list(snap.recommendations.get(report.id, ()))
    return list(dict.fromkeys(out))


__all__ = ["Evidence", "Hit", "Retriever", "judged", "latest_of_each_council", "newest_first", "one_council",
           "own_records", "report_asked", "report_years", "resolve_reports", "stating"]
