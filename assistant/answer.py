"""Question (+ history, + optional report filter) -> `Answer` with paragraph citations.

    Assistant(retriever).answer("what grade did partnership working get?")
    -> Answer(text="Partnership working was judged Good (Grade 2) [51].", citations=(Citation(paragraph="51", ...),),
              refused=False, mode="extractive", timings={...})

One line of stages, each consuming what the one before made:
  understanding  assistant.understand   question -> Query (what kind of answer, about what, where)
  retrieval      assistant.retrieve     Query -> Evidence (ranked paragraphs, matching bullets and grades)
  composing      assistant.compose      Evidence -> candidate answers, one per form
  checking       assistant.check        candidates -> the answer to give, or a refusal and why
  rendering      assistant.render       decision -> text with [citations]
An optional LLM (assistant.llm) rewrites the checked extractive answer; its citations are
checked again in code.
"""
from __future__ import annotations

import time
from dataclasses import replace
from typing import Iterator, Sequence

from assistant import across, check, compose
from assistant.chat import is_follow_up, rewrite, user_turns
from assistant.render import REFUSAL, Answer, Citation, cited_refs, refusal_text, render  # noqa: F401 - public API
from assistant.retrieve import Evidence, Retriever, bounded, out_of_bounds, report_years
from assistant.understand import REFERENCE, Query, strip_names
from index.lexical import tokenize

MAX_QUESTION_CHARS = 2000
JUDGED = tuple(tokenize("judged"))  # what a sentence stating an earlier inspection's grade says
INSPECTED = tuple(tokenize("inspection"))  # ... and, with no year to say which, that it was an inspection
# (judged, or rated, or graded)
JUDGED_AS = tuple((term, tuple((t,) for t in tokenize("rated graded"))) for term in JUDGED)


class QuestionError(ValueError):
    """A question we will not process; str() is the one line a user sees."""


def check_question(question: str) -> str:
    if not isinstance(question, str) or not question.strip():
        raise QuestionError("the question is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise QuestionError(f"the question is {len(question):,} characters long; the limit is {MAX_QUESTION_CHARS:,}")
    return " ".join(question.split())


class Assistant:
    def __init__(self, retriever: Retriever, k: int = 5, thresholds: check.Thresholds = check.Thresholds(),
                 generator=None):
        if k < 1:
            raise ValueError(f"k must be >= 1, got {k}")
        self.retriever = retriever
        self.k = k
        self.thresholds = thresholds
        self.generator = generator  # assistant.llm.Generator, or None for extractive only

    @property
    def mode(self) -> str:
        return "llm" if self.generator else "extractive"

    def answer(self, question: str, history: Sequence = (), report: str | list[str] | None = None) -> Answer:
        *_, final = self.stream(question, history, report)
        return final

    # -- the stages ------------------------------------------------------------------
    def decide(self, query: Query, report_ids: list[str], selected: bool = False
               ) -> tuple[Evidence, list[compose.Candidate], check.Decision]:
        """selected: the user chose the reports, rather than the question's words or nothing."""
        snap = self.retriever.snapshot()
        previous = query.asks == "grade" and not query.years and bool(compose.PREVIOUS_ASKED.search(query.text))
        councils = {snap.catalog[r].report.authority for r in report_ids if r in snap.catalog}
        if previous and len(councils) == 1 and len(report_ids) > 1:
            # "what grade did Trafford get at its previous inspection?" over its reports: the one before the
            # latest, which answers with its own judgements
            report_ids, previous = [compose.newest_first(report_ids, snap)[1].id], False
        if query.asks == "grade" and bounded(query):
            # "what was it rated before 2019?": the year bounds the time asked about, it is not the year asked;
            # over a report after it (the one chosen), what that report says of the inspection before
            query = replace(query, years=())
            previous = previous or all(out_of_bounds(snap.catalog[rid].report, query)
                                       for rid in report_ids if rid in snap.catalog)
        earlier = query.asks == "grade" and (previous or (query.years and not any(
            set(query.years) & report_years(snap.catalog[rid].report) for rid in report_ids if rid in snap.catalog)))
        if earlier:
            # "what grade did they get for looked after children in 2011?" over a 2015 report, or "how was it
            # rated at the inspection before this one?": not its own judgements but what it says of the
            # earlier one ("... in October 2011, when they were judged to be inadequate"); the year (or that
            # it was the last inspection) and the judging are part of what the sentence must hold
            query = replace(query, asks="describe", explicit_grade=False, subject=query.subject + tuple(
                str(y) for y in query.years) + (JUDGED if query.years else JUDGED + INSPECTED),
                stand_ins=query.stand_ins + JUDGED_AS)
        evidence = self.retriever.evidence(query, report_ids, max(self.k, 8))
        # when an inspection was, how many recommendations it made, a summary of it: each report's own record
        structured = None if earlier else (compose.inspection_dates(query, report_ids, snap) or
                                           compose.recommendation_count(query, report_ids, snap) or
                                           compose.summary(query, report_ids, snap))
        if earlier:
            found = compose.earlier_judgement(query, evidence, snap)
            candidates = [found] if found else []
        elif structured:
            candidates = [structured]
        elif query.asks in ("grade", "action"):
            candidates = compose.candidates(query, evidence, snap)  # judgements and lists span reports already
        elif len(query.authorities) > 1:
            candidates = self._per_report(query, evidence, evidence.report_ids)
        elif not selected and len(query.authorities) == 1 and not query.years and len(report_ids) > 1:
            # one council inspected several times, no year said: what each inspection found, newest first
            newest = [r.id for r in compose.newest_first(report_ids, snap)]
            candidates = self._per_report(query, evidence, newest[:3])
        elif not selected and not query.authorities and len(report_ids) > 1:
            # no council named or chosen: the reports whose evidence is strongest, each answering for itself
            candidates = self._per_report(query, evidence, leading_reports(evidence, snap))
        else:
            candidates = compose.candidates(query, evidence, snap)
        return evidence, candidates, check.decide(query, evidence, candidates, snap, self.thresholds)

    def stream(self, question: str, history: Sequence = (), report: str | list[str] | None = None
               ) -> Iterator[Answer]:
        """Partial answers as text grows (LLM mode), ending with the complete, checked one."""
        t0 = time.perf_counter()
        question = check_question(question)
        turns = user_turns(history)
        deadline = self.generator.deadline() if self.generator is not None else None
        model_notes: tuple[str, ...] = ()
        standalone = rewrite(question, turns) if turns else question
        if turns and self.generator is not None and is_follow_up(question):
            try:
                standalone = self.generator.condense(question, turns, deadline)  # the condense-question prompt
            except Exception as exc:  # the heuristic rewrite is a fine second best
                model_notes = (f"the follow-up was rewritten without the model ({_failure(exc)})",)
        snap = self.retriever.snapshot()
        query = self.retriever.understand(standalone)
        report_ids = self.retriever.scope(query, report)
        if report and not report_ids:
            raise QuestionError(f"no indexed report matches {report!r}")
        timings = {"understand_ms": (time.perf_counter() - t0) * 1000}

        early = check.early_refusal(query, snap, report_ids)
        if early:
            # say why, in a sentence; an empty index is explained by the refusal text itself
            detail = f"({early[:1].upper()}{early[1:]}.)" if snap.catalog else ""
            yield self._refusal(snap, check.Decision(None, early, detail=detail), timings, t0, standalone)
            return
        t1 = time.perf_counter()
        if query.across == "trend" and query.asks == "date" and len(report_ids) < 2:
            # "when was Havering last judged good?" of one report: its text says ("Since the last inspection in
            # June 2018, when services ... were judged to be good"); one grade says no when
            query = replace(query, across=None)
        if query.across:
            # across reports: answered from the judgement table, which is exact, so never rewritten by a model
            decision = across.decide(query, snap, report_ids if report else None)
            timings["table_ms"] = (time.perf_counter() - t1) * 1000
            if decision.candidate is None:
                yield self._refusal(snap, decision, timings, t0, standalone)
                return
            text, citations = render(decision.candidate, snap)
            yield self._finish(Answer(text=text, citations=citations, refused=False, mode="extractive",
                                      timings=timings, question=standalone, form="across",
                                      notes=("answered from the judgement table",)), t0)
            return
        evidence, candidates, decision = self.decide(query, report_ids, selected=bool(report))
        timings["retrieve_compose_check_ms"] = (time.perf_counter() - t1) * 1000
        hits = evidence.hits[: self.k]
        if decision.candidate is None:
            yield self._refusal(snap, decision, timings, t0, standalone, hits)
            return
        text, citations = render(decision.candidate, snap)
        if turns and REFERENCE.search(question):
            where = "; ".join(f"paragraph {c.paragraph} of the {c.authority} report"
                              + (f" ({' > '.join(c.section)})" if c.section else "") for c in citations)
            text = f"That is {where}. {text}"
        base = Answer(text=text, citations=citations, refused=False, mode="extractive", timings=timings,
                      retrieved=tuple(hits), question=standalone, form=decision.candidate.form)
        if self.generator is None:
            yield self._finish(base, t0)
            return
        t3 = time.perf_counter()
        try:
            for partial in self.generator.stream(standalone, turns, evidence.hits, snap, base, deadline):
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

    def _per_report(self, query: Query, evidence: Evidence, report_ids: list[str]) -> list[compose.Candidate]:
        """An answer from each of several reports: the councils a question compares, or the reports
        that speak most to a question naming none. Each report's evidence is ranked without the
        other councils' names in the question."""
        snap = self.retriever.snapshot()
        neutral = replace(query, text=strip_names(query.text, query.authorities))
        drafts, supports, kinds = [], [], set()
        # one council's reports, or reports leading the evidence, each answer only if their answer would
        # stand alone; councils compared each say theirs, the weakest deciding whether the answer does
        bar = (0.0 if len(query.authorities) > 1 else
               self.thresholds.typed_support if query.typed else self.thresholds.support)
        # one embedding for every report's search (each took as long as the rest of a report's evidence)
        vector = evidence.vector if neutral.text == query.text else None
        owns = []
        for rid in report_ids:
            own = self.retriever.evidence(neutral, [rid], 5, vector=vector)
            vector = own.vector
            own.weights, own.stand_ins = evidence.weights, evidence.stand_ins
            owns.append(own)
        # a name stands for the kind of thing asked ("the children in care group") only where no report
        # names one of that kind: an older report's other groups do not answer for the one the newest names
        for named_for in ((False, True) if query.asks == "name" else (True,)):
            for own in owns:
                # a number, a name, a date or an amount is only ever answered by a sentence stating one
                built = (compose.typed_fact(neutral, own, snap, named_for=named_for) if query.typed else
                         compose.description(neutral, own, snap, limit=2))
                if built and built.support >= bar:
                    drafts += built.drafts
                    supports.append(built.support)
                    kinds |= built.kinds
            if drafts:
                break
        if not drafts:
            return []
        support = min(supports) if len(query.authorities) > 1 else max(supports)
        form = "figure" if query.typed else "description"
        tail = compose.not_the_latest({d.record.report_id for d in drafts}, report_ids, snap, query) if query.typed \
            else ""
        return [compose.Candidate(form, drafts, fit=support, support=support, kinds=kinds, tail=tail)]

    # -- endings --------------------------------------------------------------------------
    def _refusal(self, snap, decision: check.Decision, timings, t0, question: str, hits=()) -> Answer:
        text, citations = refusal_text(snap, decision.detail, decision.nearby)
        return self._finish(Answer(text=text, citations=citations, refused=True, mode=self.mode,
                                   timings=dict(timings), retrieved=tuple(hits), question=question,
                                   notes=(decision.refusal,)), t0)

    def _finish(self, answer: Answer, t0: float) -> Answer:
        timings = dict(answer.timings)
        timings["total_ms"] = (time.perf_counter() - t0) * 1000
        return replace(answer, timings=timings)


def leading_reports(evidence: Evidence, snap, most: int = 4, within: float = 0.85) -> list[str]:
    """The reports whose best evidence scores within `within` of the best report's, at most `most`,
    best first: "how many children were looked after?" over many councils has one answer each."""
    best: dict[str, float] = {}
    for position, score in evidence.ranked:
        rid = snap.records[position].report_id
        best[rid] = max(best.get(rid, score), score)
    if not best:
        return []
    top = max(best.values())
    ordered = sorted(best, key=lambda r: -best[r])
    return [r for r in ordered if best[r] >= within * top][:most]


def _failure(exc: Exception) -> str:
    first = (str(exc).splitlines() or [""])[0][:160]
    return f"{exc.__class__.__name__}: {first}" if first else exc.__class__.__name__


__all__ = ["Answer", "Assistant", "Citation", "QuestionError", "REFUSAL", "check_question", "cited_refs",
           "MAX_QUESTION_CHARS"]
