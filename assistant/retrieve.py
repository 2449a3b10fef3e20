"""Question -> ranked `Hit`s: dense (Chroma) and BM25 fused by reciprocal rank,
then steered by the structure the parser found (deadlines, audiences, judgements, scope).

    Retriever(store).search("what grade did partnership working get?")[0]
    -> Hit(report="south-gloucestershire-2012-07-06", paragraph="51", section=(..., "Partnership working"),
           judgement="Good (Grade 2)", ...)

Hits are per citation unit: a paragraph and its bullets share one paragraph
number, so five hits are five different things a user could be pointed at.
"""
from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass

import numpy as np

from assistant.query import AUDIENCES, Query, analyse, audience_matches
from index.lexical import tokenize
from index.model import Judgement
from index.snapshot import Snapshot, load_snapshot
from index.store import Record, Store

# Everyday words -> the reports' own vocabulary, for the lexical side only.
SYNONYMS = {
    "jabs": "immunisations vaccinations", "jab": "immunisation", "vaccinated": "immunisations",
    "vaccinations": "immunisations", "kids": "children", "kid": "child", "dentist": "dental",
    "teeth": "dental", "first health check": "initial health assessments", "health check": "health assessments",
    "health checks": "health assessments", "in care": "looked after children", "foster parents": "foster carers",
    "fostering": "foster carers", "school results": "GCSE achievement attainment", "exams": "GCSE examinations",
    "gcses": "GCSE", "grades": "judgement grade", "social workers leaving": "retaining recruiting staff",
    "staff turnover": "retaining recruiting agency staff", "workload": "caseloads", "workloads": "caseloads",
    "homeless": "accommodation homeless", "housing": "accommodation housing", "uni": "university",
    "mental health": "CAMHS mental health", "teenage mums": "teenage pregnancy", "pregnant": "pregnancy parents",
    "case conferences": "child protection case conferences", "complaints": "complaints resolved",
    "advocates": "advocacy advocates", "runaways": "missing", "going missing": "missing", "chair": "chaired",
    "gp": "general practitioners GPs", "gps": "general practitioners GPs", "a&e": "accident emergency",
    "reviews on time": "statutory review meetings happened on time",
    "on time": "timely", "late": "delays timeliness", "stable": "stability", "unstable": "stability",
    "generous": "highest", "elsewhere": "other authorities country national average",
    "how long": "waiting times weeks months", "wait": "waiting times",
}


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
    similarity: float = 0.0  # cosine similarity of the dense match, 0 if dense did not find it


class Retriever:
    def __init__(self, store: Store, k: int = 5, candidates: int = 60, dense_weight: float = 0.5,
                 refresh_seconds: float = 1.0):
        if k < 1 or candidates < k:
            raise ValueError(f"need 1 <= k <= candidates, got k={k}, candidates={candidates}")
        if not 0 <= dense_weight <= 1:
            raise ValueError(f"dense_weight must be in [0, 1], got {dense_weight}")
        self.store = store
        self.k = k
        self.candidates = candidates
        self.dense_weight = dense_weight
        self.refresh_seconds = refresh_seconds
        self._snapshot: Snapshot | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    # -- index view ----------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        """The current view; another process's ingest is picked up within refresh_seconds."""
        with self._lock:
            now = time.monotonic()
            if self._snapshot is None:
                self._snapshot = load_snapshot(self.store)
                self._checked = now
            elif now - self._checked > self.refresh_seconds:
                self._checked = now
                if self.store.fingerprint() != self._snapshot.fingerprint:
                    self._snapshot = load_snapshot(self.store)
            return self._snapshot

    def indexed_authorities(self) -> dict[str, list[str]]:
        from assistant.query import known_authorities

        aliases: dict[str, list[str]] = {}
        known = known_authorities()
        for entry in self.snapshot().catalog.values():
            name = entry.report.authority
            aliases.setdefault(name, [a for a, canonical in known.items() if canonical.lower() == name.lower()])
        return aliases

    def analyse(self, question: str) -> Query:
        return analyse(question, self.indexed_authorities())

    def scope(self, query: Query, report: str | list[str] | None = None) -> list[str]:
        """Report ids the question is about: an explicit filter, else the authorities/years it names."""
        catalog = self.snapshot().catalog
        if report:
            return resolve_reports(catalog, report)
        ids = list(catalog)
        if query.authorities:
            ids = [i for i in ids if catalog[i].report.authority in query.authorities]
        if query.years:
            dated = [i for i in ids if _report_years(catalog[i]) & set(query.years)]
            ids = dated or ids
        return ids

    # -- ranking ---------------------------------------------------------------------
    def search(self, question: str, report: str | list[str] | None = None, k: int | None = None) -> list[Hit]:
        query = self.analyse(question)
        return self.rank(query, self.scope(query, report), k or self.k)

    def rank(self, query: Query, report_ids: list[str], k: int) -> list[Hit]:
        snap = self.snapshot()
        wanted = set(report_ids)
        allowed = np.array([r.report_id in wanted for r in snap.records], dtype=bool)
        if not allowed.any():
            return []
        vector = self.store.embedder.embed_one(query.text)
        candidates: set[int] = set()
        for record_id, _ in self.store.dense(vector, self.candidates, snap.versions(report_ids)):
            idx = snap.position.get(record_id)
            if idx is not None:
                candidates.add(idx)
        lexical = snap.lexical.scores(expand(query.text))
        if lexical.size:
            lexical = np.where(allowed, lexical, 0.0)
            candidates.update(int(i) for i in np.argsort(-lexical)[: self.candidates] if lexical[i] > 0)
        judged = self._judgement_paragraphs(query, snap, report_ids)
        candidates.update(judged)
        candidates.update(self._recommendation_candidates(query, snap, report_ids))
        if not candidates:
            return []
        idx_list = sorted(candidates)
        # Linear fusion of both rankers' normalised scores. Unlike rank fusion it keeps a
        # paragraph that one ranker puts first and the other misses (a rare exact term).
        sims = snap.vectors[idx_list] @ vector
        lex = lexical[idx_list] if lexical.size else np.zeros(len(idx_list))
        lex_max = float(lex.max()) or 1.0
        sim_floor = float(sims.min())
        sim_span = (float(sims.max()) - sim_floor) or 1.0
        fused = self.dense_weight * (sims - sim_floor) / sim_span + (1 - self.dense_weight) * lex / lex_max
        scores = {idx: float(f) for idx, f in zip(idx_list, fused)}
        similarity = {idx: float(s) for idx, s in zip(idx_list, sims)}
        # a paragraph stating a judgement the question names goes above any fused score (at most 1 before boosts)
        boosted = {idx: s * self._boost(query, snap.records[idx]) + (10.0 if idx in judged else 0.0)
                   for idx, s in scores.items()}
        hits: list[Hit] = []
        seen: set[tuple[str, str]] = set()
        for idx in sorted(boosted, key=lambda i: -boosted[i]):
            record = snap.records[idx]
            unit = (record.report_id, record.ref)
            if unit in seen:
                continue
            seen.add(unit)
            hits.append(_hit(record, boosted[idx], similarity.get(idx, 0.0)))
            if len(hits) == k:
                break
        return hits

    def _recommendation_candidates(self, query: Query, snap: Snapshot, report_ids: list[str]) -> list[int]:
        """Bullets the question's deadline/audience points at, even when neither ranker found them."""
        if query.intent != "recommendation" or not (query.timescale or query.audience):
            return []
        wanted = set(report_ids)
        return [i for i, r in enumerate(snap.records)
                if r.report_id in wanted and r.kind == "recommendation" and _rec_matches(query, r)]

    def _judgement_paragraphs(self, query: Query, snap: Snapshot, report_ids: list[str]) -> set[int]:
        """The paragraphs stating the judgements a grade question names; found once per query."""
        if query.intent != "judgement":
            return set()
        out = set()
        for report_id in report_ids:
            for judgement in judged_areas(query, snap.catalog[report_id].report.judgements):
                idx = judgement_paragraph(snap, report_id, judgement)
                if idx is not None:
                    out.add(idx)
        return out

    def _boost(self, query: Query, record: Record) -> float:
        boost = 1.0
        if query.intent == "recommendation":
            if record.kind == "recommendation":
                boost *= 2.0
                if query.timescale:
                    boost *= 3.0 if record.timescale == query.timescale else 0.3
                if query.audience:
                    boost *= 2.0 if audience_matches(query.audience, record.text, record.section) else 0.5
            elif query.timescale:
                boost *= 0.5
        return boost


def expand(question: str) -> str:
    lower = question.lower()
    extra = [v for k, v in SYNONYMS.items() if re.search(r"(?<!\w)" + re.escape(k) + r"(?!\w)", lower)]
    return question + (" " + " ".join(extra) if extra else "")


def _rec_matches(query: Query, record: Record) -> bool:
    if query.timescale and record.timescale != query.timescale:
        return False
    return audience_matches(query.audience, record.text, record.section)


AREA_NOISE = {"children", "child", "young", "peopl", "servic", "look", "care", "effect", "the", "of", "and"}


def judged_areas(query: Query, judgements: tuple[Judgement, ...]) -> list[Judgement]:
    """The judgements whose area the question names, best match first; ties are all kept
    ("capacity for improvement" is judged for safeguarding and for looked after children)."""
    q = set(tokenize(expand(query.text)))
    scored = []
    for j in judgements:
        area = set(tokenize(j.area_text))
        core = area - AREA_NOISE or area
        overlap = len(q & core)
        if not overlap:
            continue
        if len(core) > 1 and overlap == 1 and len(core) > 3:
            continue  # one shared word of a long area name is chance
        score = overlap / len(core) + 0.1 * len(q & area)
        section_words = set(tokenize(j.section))
        if section_words and q & (section_words - {"servic"}):
            score += 0.5
        scored.append((score, j))
    if not scored:
        return []
    best = max(s for s, _ in scored)
    chosen = [j for s, j in scored if s >= best - 0.25]
    # when the question names a section, keep only that section's judgement
    narrowed = [j for j in chosen if set(tokenize(j.section)) - {"servic"} & q]
    return narrowed or chosen


def judgement_paragraph(snap: Snapshot, report_id: str, judgement: Judgement) -> int | None:
    """The record that states a judgement: the first paragraph of the section it heads, else where
    the report states it (a cover list)."""
    for ref in (judgement.section_ref, judgement.ref):
        records = snap.by_ref.get((report_id, ref)) if ref else None
        if records:
            return records[0]
    return None


def _area_name(heading: str) -> str:
    heading = re.sub(r"^the graded judgement (?:for|about) (?:the )?", "", heading, flags=re.I)
    return re.sub(r"(?::|\s+is(?: that it is)?)\s+(outstanding|good|requires improvement(?: to be good)?|inadequate|"
                  r"adequate)\s*$", "", heading, flags=re.I)


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


def _report_years(entry) -> set[int]:
    years = {entry.report.year} if entry.report.year else set()
    years |= {int(y) for y in re.findall(r"20\d\d", entry.report.inspection_dates)}
    return years


def _hit(record: Record, score: float, similarity: float) -> Hit:
    return Hit(report=record.report_id, paragraph=record.ref, text=record.text, section=record.section,
               judgement=record.judgement, timescale=record.timescale, score=score, kind=record.kind,
               record_id=record.id, similarity=similarity)


__all__ = ["Hit", "Retriever", "AUDIENCES", "expand", "judged_areas", "judgement_paragraph", "resolve_reports"]
