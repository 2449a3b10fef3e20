"""Candidates -> `Decision`: which answer to give, or why to refuse. Refusal is decided here, in code.

    decide(query, evidence, candidates, Thresholds())
    -> Decision(candidate=Candidate(form="figure", ...), refusal=None)
    -> Decision(candidate=None, refusal="no sentence states a count about it", nearby=Candidate(...))

The rules, by the kind of answer the question asks for (assistant.understand):
- a number, an amount, a name or a date is answered only from a sentence that states one
  of that kind about the question's subject; otherwise the answer is a refusal, which may
  show what the report says nearby, marked as not an answer;
- a grade is answered from the recorded judgements of the area asked about; an area the
  report did not grade is said to be so;
- a recommendation list answers only a question asking what must be done, and only when
  recommendations lead the evidence or the reports' deadlines and audiences select them;
- anything else is described from the best sentences, if they hold enough of the
  question's subject and the paragraph is close enough in meaning.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from assistant.compose import Candidate, recommendations_lead
from assistant.retrieve import Evidence
from assistant.understand import Query
from index.snapshot import Snapshot
from index.vocabulary import BY_KEY


@dataclass(frozen=True)
class Thresholds:
    """Calibrated on the tuning set with `report-assistant eval --calibrate` (see evals/README.md)."""
    similarity: float = 0.20  # dense cosine of the best paragraph, below which nothing is relevant
    support: float = 0.35  # share of the question's subject weight a description must hold
    typed_support: float = 0.30  # the same for the sentence stating the number, date, name or amount

    def __post_init__(self):
        for name in ("similarity", "support", "typed_support"):
            if not 0 <= getattr(self, name) <= 1:
                raise ValueError(f"{name} must be in [0, 1], got {getattr(self, name)}")


@dataclass(frozen=True)
class Decision:
    candidate: Candidate | None
    refusal: str | None = None  # why, for the answer's notes and the logs
    detail: str = ""  # a sentence for the user saying what the reports do hold
    nearby: Candidate | None = None  # related text, shown as not an answer


def early_refusal(query: Query, snap: Snapshot, report_ids: list[str]) -> str | None:
    if not snap.catalog:
        return "no reports are indexed yet"
    if query.injection:
        return "the question asks me to change my instructions"
    if query.unindexed and not query.authorities:
        return f"{', '.join(query.unindexed)} {'is' if len(query.unindexed) == 1 else 'are'} not indexed"
    if not report_ids:
        return "no indexed report matches the question's scope"
    if query.future:
        return "the question asks about the future, which no report can answer"
    return None


def decide(query: Query, evidence: Evidence, candidates: list[Candidate], snap: Snapshot,
           thresholds: Thresholds = Thresholds()) -> Decision:
    forms = {c.form: c for c in candidates}
    relevant = evidence.related(thresholds.similarity)
    description = forms.get("description")
    nearby = description if description and relevant and description.support >= thresholds.typed_support else None

    if query.typed:
        fact = forms.get("figure") or forms.get("fact")
        if fact and relevant and fact.support >= thresholds.typed_support and not _after_reports(query, evidence, snap):
            return Decision(fact)
        what = {"quantity": "a number", "amount": "an amount of money", "name": "a name", "date": "a date"}[query.asks]
        return Decision(None, f"no sentence in the reports states {what} about it", nearby=nearby)

    if query.asks == "grade":
        if "judgement" in forms:
            return Decision(forms["judgement"])
        if query.areas:
            graded = sorted({j.area_text for rid in evidence.report_ids for j in snap.catalog[rid].report.judgements})
            label = ", ".join(BY_KEY[a].label for a in query.areas)
            if not query.explicit_grade and description and relevant and description.support >= thresholds.support:
                # "how good is adoption?" where adoption was not graded: what the report says of it, said so
                note = f"{label[:1].upper()}{label[1:]} was not graded on its own in the reports in scope; " \
                       f"what they say of it:"
                return Decision(replace(description, lead=note))
            return Decision(None, f"{label} was not graded in the reports in scope",
                            detail=f"(The reports in scope did not grade {label} on its own; they graded: "
                                   f"{'; '.join(graded)}.)")
        return Decision(None, "no judgement in the reports in scope answers it")

    recommendations = forms.get("recommendations")
    if query.asks == "action" or query.own_record == "recommendations" or (
            recommendations and recommendations.structured and query.audience):
        if recommendations and (recommendations_lead(evidence) or (recommendations.structured and (
                query.timescale or recommendations.fit >= thresholds.support))):
            return Decision(recommendations)  # (fit: how much of the topic a list chosen by audience holds)
        if query.timescale:
            who = f" for {query.audience}" if query.audience else ""
            return Decision(None, f"no recommendation{who} has the deadline '{query.timescale}'",
                            detail=f"(The reports set no recommendations{who} due '{query.timescale}'.)")

    if description and (relevant or description.structured) and description.support >= thresholds.support:
        return Decision(description)  # (a summary is read from the report's structure, not retrieved)
    return Decision(None, "nothing in the retrieved paragraphs answers it (" + ", ".join(
        f"{k} {v:.2f}" for k, v in signals(evidence, candidates).items()) + ")", nearby=nearby)


def signals(evidence: Evidence, candidates: list[Candidate]) -> dict[str, float]:
    """The numbers refusal rests on, for calibration and for the logs."""
    forms = {c.form: c for c in candidates}
    return {"similarity": evidence.best_similarity,
            "support": forms["description"].support if "description" in forms else 0.0,
            "typed_support": max((forms[f].support for f in ("figure", "fact") if f in forms), default=0.0)}


def _after_reports(query: Query, evidence: Evidence, snap: Snapshot) -> bool:
    """A question about a year after every report in scope was published: no report can hold it."""
    if not query.years:
        return False
    latest = max((snap.catalog[rid].report.year or 0) for rid in evidence.report_ids)
    return min(query.years) > latest
