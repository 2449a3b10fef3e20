"""Question (+ history, + optional report filter) -> `Answer` with paragraph citations.

    Assistant(retriever).answer("what grade did partnership working get?")
    -> Answer(text="Partnership working was judged Good (Grade 2) [51].", citations=(Citation(paragraph="51", ...),),
              refused=False, mode="extractive", timings={...})

Refusal is decided here, in code: a prompt injection, a council that is not
indexed, or retrieval too weak to stand on (thresholds calibrated on the gold set,
see evals/README.md) gives the fixed refusal, what is indexed, and no citations.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field, replace
from typing import Iterator, Sequence

from assistant import compose
from assistant.chat import is_follow_up, rewrite, user_turns
from assistant.query import REFERENCE, Query, strip_names
from assistant.retrieve import Hit, Retriever
from index.snapshot import Snapshot

REFUSAL = "I can't find this in the indexed reports."
MAX_QUESTION_CHARS = 2000

# Calibrated on evals/gold with `report-assistant eval --calibrate`: support is the signal
# that separates the gold set (0.38 sits midway between the nearest answerable and
# unanswerable items); similarity and coverage are floors that no gold item is near.
MIN_SIMILARITY = 0.15
MIN_COVERAGE = 0.50
MIN_SUPPORT = 0.38


class QuestionError(ValueError):
    """A question we will not process; str() is the one line a user sees."""


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


def check_question(question: str) -> str:
    if not isinstance(question, str) or not question.strip():
        raise QuestionError("the question is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise QuestionError(f"the question is {len(question):,} characters long; the limit is {MAX_QUESTION_CHARS:,}")
    return " ".join(question.split())


class Assistant:
    def __init__(self, retriever: Retriever, k: int = 5, min_similarity: float = MIN_SIMILARITY,
                 min_coverage: float = MIN_COVERAGE, min_support: float = MIN_SUPPORT, generator=None):
        if not 0 <= min_similarity <= 1 or not 0 <= min_coverage <= 1:
            raise ValueError(f"thresholds must be in [0, 1], got {min_similarity}, {min_coverage}")
        self.retriever = retriever
        self.k = k
        self.min_similarity = min_similarity
        self.min_coverage = min_coverage
        self.min_support = min_support
        self.generator = generator  # assistant.llm.Generator, or None for extractive only
        self._scorer: tuple[str, compose.SentenceScorer] | None = None

    @property
    def mode(self) -> str:
        return "llm" if self.generator else "extractive"

    def answer(self, question: str, history: Sequence = (), report: str | list[str] | None = None) -> Answer:
        *_, final = self.stream(question, history, report)
        return final

    def stream(self, question: str, history: Sequence = (), report: str | list[str] | None = None
               ) -> Iterator[Answer]:
        """Partial answers as text grows (LLM mode), ending with the complete, checked one."""
        t0 = time.perf_counter()
        question = check_question(question)
        turns = user_turns(history)
        standalone = question
        deadline = self.generator.deadline() if self.generator is not None else None
        model_notes: tuple[str, ...] = ()
        if turns and self.generator is not None and is_follow_up(question):
            try:
                standalone = self.generator.condense(question, turns, deadline)  # the condense-question prompt
            except Exception as exc:  # the heuristic rewrite is a fine second best
                standalone = rewrite(question, turns)
                model_notes = (f"the follow-up was rewritten without the model ({_failure(exc)})",)
        elif turns:
            standalone = rewrite(question, turns)
        snap = self.retriever.snapshot()
        query = self.retriever.analyse(standalone)
        report_ids = self.retriever.scope(query, report)
        if report and not report_ids:
            raise QuestionError(f"no indexed report matches {report!r}")
        timings = {"rewrite_ms": (time.perf_counter() - t0) * 1000}

        refusal = self._refuse_early(query, snap, report_ids)
        if refusal:
            yield self._refusal(snap, refusal, timings, t0, standalone)
            return
        t1 = time.perf_counter()
        hits = self.retriever.rank(query, report_ids, max(self.k, 8))
        timings["retrieve_ms"] = (time.perf_counter() - t1) * 1000
        t2 = time.perf_counter()
        scorer = self._sentence_scorer(snap)
        drafts, structured = self._drafts(query, snap, report_ids, hits, scorer)
        doubt = None if structured else self._doubt(query, hits, scorer, report_ids, drafts)
        if doubt or not drafts:
            detail = ""
            if not doubt:
                doubt = "nothing in the retrieved paragraphs answers it"
                if query.intent == "recommendation" and query.timescale:
                    who = f" for {query.audience}" if query.audience else ""
                    doubt = f"no recommendation{who} has the deadline '{query.timescale}'"
                    detail = f"(The reports set no recommendations{who} due '{query.timescale}'.)"
            yield self._refusal(snap, doubt, timings, t0, standalone, hits[: self.k], detail)
            return
        extractive = self._render(drafts, snap)
        if turns and REFERENCE.search(question):
            where = "; ".join(f"paragraph {c.paragraph} of the {c.authority} report"
                              + (f" ({' > '.join(c.section)})" if c.section else "") for c in extractive[1])
            extractive = (f"That is {where}. {extractive[0]}", extractive[1])
        timings["compose_ms"] = (time.perf_counter() - t2) * 1000
        base = Answer(text=extractive[0], citations=extractive[1], refused=False, mode="extractive",
                      timings=timings, retrieved=tuple(hits[: self.k]), question=standalone)
        if self.generator is None:
            yield self._finish(base, t0)
            return
        t3 = time.perf_counter()
        try:
            for partial in self.generator.stream(standalone, turns, hits, snap, base, deadline):
                if partial.mode.endswith("partial"):
                    yield partial
                else:
                    partial.timings["generate_ms"] = (time.perf_counter() - t3) * 1000
                    yield self._finish(replace(partial, notes=model_notes + partial.notes), t0)
        except Exception as exc:  # an endpoint that is down or slow must not cost the user their answer
            timings["generate_ms"] = (time.perf_counter() - t3) * 1000
            reason = f"the language model failed ({_failure(exc)})"
            yield self._finish(replace(base, mode="llm-fallback", notes=model_notes + (reason,), timings=timings,
                                       text=f"{base.text}\n\n(The language model was unavailable, so this is the "
                                            f"extractive answer.)"), t0)

    # -- refusal -----------------------------------------------------------------
    def _refuse_early(self, query: Query, snap: Snapshot, report_ids: list[str]) -> str | None:
        if not snap.catalog:
            return "no reports are indexed yet"
        if query.injection:
            return "the question asks me to change my instructions"
        if query.unindexed and not query.authorities:
            return f"{', '.join(query.unindexed)} {'is' if len(query.unindexed) == 1 else 'are'} not indexed"
        if not report_ids:
            return "no indexed report matches the question's scope"
        return None

    def confidence(self, query: Query, hits: list[Hit], scorer: compose.SentenceScorer, report_ids: list[str],
                   drafts: list[compose.Draft]) -> dict[str, float]:
        """The three signals refusal rests on, each in [0, 1]."""
        return {"similarity": max((h.similarity for h in hits), default=0.0),
                "coverage": scorer.coverage(query.text, report_ids),
                "support": scorer.support(query.text, drafts, compose.authority_terms(query)) if drafts else 0.0}

    def _doubt(self, query, hits, scorer, report_ids, drafts) -> str | None:
        """Why an answer built from retrieved sentences should not be trusted, or None."""
        c = self.confidence(query, hits, scorer, report_ids, drafts)
        if (c["similarity"] < self.min_similarity or c["coverage"] < self.min_coverage
                or c["support"] < self.min_support):
            return "retrieval is too weak to answer (" + ", ".join(f"{k} {v:.2f}" for k, v in c.items()) + ")"
        return None

    def _refusal(self, snap: Snapshot, reason: str, timings, t0, question: str, hits=(), detail: str = "") -> Answer:
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
        return self._finish(Answer(text=text, citations=(), refused=True, mode=self.mode, timings=dict(timings),
                                   retrieved=tuple(hits), question=question, notes=(reason,)), t0)

    def _finish(self, answer: Answer, t0: float) -> Answer:
        timings = dict(answer.timings)
        timings["total_ms"] = (time.perf_counter() - t0) * 1000
        return replace(answer, timings=timings)

    # -- composition ---------------------------------------------------------------
    def _sentence_scorer(self, snap: Snapshot) -> compose.SentenceScorer:
        if self._scorer is None or self._scorer[0] != snap.fingerprint:
            self._scorer = (snap.fingerprint, compose.SentenceScorer(snap))
        return self._scorer[1]

    def _drafts(self, query: Query, snap: Snapshot, report_ids: list[str], hits: list[Hit],
                scorer: compose.SentenceScorer) -> tuple[list[compose.Draft], bool]:
        """Claims for the answer, and whether they come from the report's structure (a judgement
        table, a deadline list) rather than from sentences that merely scored well."""
        records = [snap.records[snap.position[h.record_id]] for h in hits]
        if query.intent == "judgement":
            drafts = compose.judgements(query, snap, report_ids)
            if drafts:
                return drafts, True
        if query.intent == "recommendation":
            drafts, structured = compose.recommendations(query, snap, report_ids, records, scorer)
            if query.timescale or query.audience:
                return drafts, True  # a deadline nobody was given is an honest "can't find"
            if drafts:
                return drafts, structured
        limit = 2 if query.intent == "figure" else 3
        ranked = [(snap.records[snap.position[h.record_id]], h.score) for h in hits]
        if len(query.authorities) > 1:
            # a comparison: the best evidence from each council named, not the two best from one
            drafts = []
            # each council's evidence is ranked without the other councils' names in the question
            neutral = replace(query, text=strip_names(query.text, query.authorities))
            for report_id in report_ids:
                own = [(snap.records[snap.position[h.record_id]], h.score)
                       for h in self.retriever.rank(neutral, [report_id], 5)]
                drafts += self._sentences(query, scorer, own[:5], 1 if query.intent == "figure" else 2)
            return drafts, False
        return self._sentences(query, scorer, ranked[:5], limit), False

    def _sentences(self, query, scorer, ranked, limit) -> list[compose.Draft]:
        if query.intent == "figure":
            drafts = compose.best_sentences(query, scorer, ranked, limit=limit, need_number=True)
            if drafts:
                return drafts
        return compose.best_sentences(query, scorer, ranked, limit=limit)

    def _render(self, drafts: list[compose.Draft], snap: Snapshot) -> tuple[str, tuple[Citation, ...]]:
        many = len({d.record.report_id for d in drafts}) > 1 or len(snap.catalog) > 1
        citations: dict[tuple[str, str], Citation] = {}
        lines: list[str] = []
        group = None
        grouped = any(d.group for d in drafts)
        for d in drafts:
            report = snap.catalog[d.record.report_id].report
            label = f"{report.short_name()}, {d.record.ref}" if many else d.record.ref
            key = (d.record.report_id, d.record.ref)
            if key in citations:
                old = citations[key]
                if d.quote not in old.quote:
                    # separate excerpts of one paragraph, joined the way quotations mark a gap
                    citations[key] = replace(old, quote=f"{old.quote} … {d.quote}".strip())
            else:
                citations[key] = Citation(report_id=report.id, authority=report.authority, title=report.title,
                                          paragraph=d.record.ref, section=d.record.section, quote=d.quote,
                                          label=label)
            if grouped:
                heading = f"{report.short_name()} — {d.group}" if many else d.group
                if heading != group:
                    lines.append(("\n" if lines else "") + heading + ":")
                    group = heading
                lines.append(f"- {_cite(d.text, label)}")
            else:
                lines.append(_cite(d.text, label))
        text = "\n".join(lines) if grouped else " ".join(lines)
        return text.strip(), tuple(citations.values())


def _failure(exc: Exception) -> str:
    first = (str(exc).splitlines() or [""])[0][:160]
    return f"{exc.__class__.__name__}: {first}" if first else exc.__class__.__name__


def _cite(text: str, label: str) -> str:
    """"... judged Good (Grade 2)." -> "... judged Good (Grade 2) [51]." """
    text = text.rstrip()
    end = text[-1] if text[-1:] in ".!?" else ""
    return f"{text[:-1] if end else text} [{label}]{end or '.'}"


def cited_refs(text: str) -> list[str]:
    """The paragraph labels an answer's text cites: "[20]", "[Medway 2013, 14]" -> ["20", "14"]."""
    return [m.group(1) for m in re.finditer(r"\[(?:[^\[\],]+,\s*)?(S?\d+)\]", text)]
