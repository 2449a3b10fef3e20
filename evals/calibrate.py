"""The refusal signals for every tuning item, to choose thresholds from data rather than by taste.

    report-assistant eval --calibrate   # prints one row per item and the best thresholds

For each item (asked with its report selected) we compute, without refusing, the signals
`assistant.check` uses: the best paragraph's dense similarity, and the share of the
question's subject weight the candidate description, or the typed fact, holds. A
threshold is good when it refuses the unanswerable items and keeps the answerable ones;
we report, for each, the middle of the range that gives the best accuracy. Only the
tuning set is read: the blind set is never used to choose anything.
"""
from __future__ import annotations

from assistant import check
from evals.scoring import GoldItem, is_across, scope_for


def signals(assistant, items: list[GoldItem]) -> list[dict]:
    snap = assistant.retriever.snapshot()
    rows = []
    for item in items:
        scope = scope_for(item, snap.catalog)
        if scope is not None and not scope or is_across(item):
            continue  # the thresholds govern retrieved text; the judgement table has none
        from assistant.chat import rewrite, user_turns

        question = rewrite(item.question, user_turns(item.history)) if item.history else item.question
        query = assistant.retriever.understand(question)
        report_ids = assistant.retriever.scope(query, scope)
        early = check.early_refusal(query, snap, report_ids)
        row = {"id": item.id, "answerable": item.answerable, "asks": query.asks, "early": early}
        if not early:
            evidence, candidates, decision = assistant.decide(query, report_ids)
            row.update({k: round(v, 3) for k, v in check.signals(evidence, candidates).items()})
            row["decided_by"] = decision.candidate.form if decision.candidate else "refusal"
        rows.append(row)
    return rows


def best_thresholds(rows: list[dict]) -> dict:
    """For each signal alone, the middle of the grid range that separates the items it decides best."""
    out = {}
    grid = [round(x * 0.01, 2) for x in range(0, 91)]
    for name, asks in (("similarity", None), ("support", ("describe", "action", "reference")),
                       ("typed_support", ("quantity", "amount", "name", "date"))):
        free = [r for r in rows if not r["early"] and name in r and (asks is None or r["asks"] in asks)]
        if not free:
            continue
        accuracy = {v: sum((r[name] < v) == (not r["answerable"]) for r in free) for v in grid}
        best = max(accuracy.values())
        good = [v for v, a in accuracy.items() if a == best]
        out[name] = {"threshold": good[len(good) // 2], "correct": best, "of": len(free)}
    return out
