"""The refusal signals for every gold item, to choose thresholds from data rather than by taste.

    report-assistant eval --calibrate   # prints one row per item and the best thresholds

For each item we compute, without refusing, the signals `Assistant.confidence` uses
(dense similarity, vocabulary coverage, sentence support). A threshold set is good
when it refuses the unanswerable items and keeps the answerable ones; we report the
set that maximises refusal accuracy, preferring lower thresholds on ties (fewer
wrong refusals of real questions).
"""
from __future__ import annotations

import itertools

from evals.runner import GoldItem, scope_for


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


def best_thresholds(rows: list[dict]) -> dict:
    """Grid search over the three thresholds for the best refusal accuracy on items that reach them."""
    free = [r for r in rows if not r["early"] and not r["structured"]]
    grid = [round(x * 0.05, 2) for x in range(0, 17)]
    best = None
    for sim, cov, sup in itertools.product(grid, grid, grid):
        correct = sum((r["similarity"] < sim or r["coverage"] < cov or r["support"] < sup) == (not r["answerable"])
                      for r in free)
        key = (correct, -(sim + cov + sup))
        if best is None or key > best[0]:
            best = (key, {"min_similarity": sim, "min_coverage": cov, "min_support": sup, "correct": correct,
                          "of": len(free)})
    return best[1] if best else {}
