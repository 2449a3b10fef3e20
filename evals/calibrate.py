"""The refusal signals for every gold item, to choose thresholds from data rather than by taste.

    report-assistant eval --calibrate   # prints one row per item and the best thresholds

For each item we compute, without refusing, the signals `Assistant.confidence` uses
(dense similarity, vocabulary coverage, sentence support). A threshold set is good
when it refuses the unanswerable items and keeps the answerable ones; we report the
set that maximises refusal accuracy, preferring lower thresholds on ties (fewer
wrong refusals of real questions).
"""
from __future__ import annotations

from evals.scoring import GoldItem, scope_for


def signals(assistant, items: list[GoldItem]) -> list[dict]:
    from assistant.chat import rewrite, user_turns

    snap = assistant.retriever.snapshot()
    rows = []
    for item in items:
        scope = scope_for(item, snap.catalog)
        if scope is not None and not scope:
            continue
        question = rewrite(item.question, user_turns(item.history)) if item.history else item.question
        query = assistant.retriever.analyse(question)
        report_ids = assistant.retriever.scope(query, scope)
        early = assistant._refuse_early(query, snap, report_ids)
        hits = assistant.retriever.rank(query, report_ids, 8) if report_ids else []
        scorer = assistant._sentence_scorer(snap)
        drafts, structured = assistant._drafts(query, snap, report_ids, hits, scorer) if hits else ([], False)
        c = assistant.confidence(query, hits, scorer, report_ids, drafts)
        rows.append({"id": item.id, "answerable": item.answerable, "early": early, "structured": structured,
                     "intent": query.intent, **{k: round(v, 3) for k, v in c.items()}})
    return rows


def accuracy(rows: list[dict], sim: float, cov: float, sup: float) -> int:
    return sum((r["similarity"] < sim or r["coverage"] < cov or r["support"] < sup) == (not r["answerable"])
               for r in rows)


def best_thresholds(rows: list[dict]) -> dict:
    """Grid search (step 0.01) for the best refusal accuracy on the items the thresholds decide.

    Many settings tie; for each threshold we return the middle of the range that keeps the
    best accuracy with the others at their lowest, so the choice sits between the nearest
    answerable and unanswerable items rather than on top of either.
    """
    free = [r for r in rows if not r["early"] and not r["structured"]]
    grid = [round(x * 0.01, 2) for x in range(0, 81)]
    best = max(accuracy(free, 0, 0, s) for s in grid)
    best = max(best, max(accuracy(free, s, 0, 0) for s in grid), max(accuracy(free, 0, c, 0) for c in grid))
    out = {"correct": best, "of": len(free)}
    for name, at in (("min_similarity", lambda v: (v, 0, 0)), ("min_coverage", lambda v: (0, v, 0)),
                     ("min_support", lambda v: (0, 0, v))):
        good = [v for v in grid if accuracy(free, *at(v)) == best]
        out[name] = good[len(good) // 2] if good and good[0] > 0 else 0.0
    return out
