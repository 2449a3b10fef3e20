"""Gold YAML -> every item through the real `answer()` -> metrics, next to baselines.

    result = run(assistant, load_gold(default_gold_files()))
    result["citation_precision"] -> 0.97

The metrics themselves are defined in `evals.scoring`.
"""
from __future__ import annotations

import time
from pathlib import Path

from evals.scoring import GATE, METRICS, GoldItem, aggregate, score_item, scope_for

DEFAULT_REPORT = Path(__file__).with_name("report.md")

def run(assistant, items: list[GoldItem], baselines: bool = True) -> dict:
    snap = assistant.retriever.snapshot()
    catalog = snap.catalog
    rows, scores, latencies, skipped = [], [], [], []
    for item in items:
        scope = scope_for(item, catalog)
        if scope is not None and not scope:
            skipped.append({"id": item.id, "reason": f"report {item.report!r} is not indexed"})
            continue
        t0 = time.perf_counter()
        answer = assistant.answer(item.question, history=list(item.history), report=scope)
        latency = (time.perf_counter() - t0) * 1000
        in_scope = set(scope) if scope else set(catalog)
        cited = [c.paragraph for c in answer.citations if c.report_id in in_scope]
        query = assistant.retriever.analyse(answer.question or item.question)
        ranked = assistant.retriever.rank(query, assistant.retriever.scope(query, scope), 5)
        retrieved = [h.paragraph for h in ranked if h.report in in_scope]
        s = score_item(item, answer.text, answer.refused, cited, retrieved)
        passed = s["refusal_ok"] and (not item.answerable or (
            s["citation_recall"] == 1 and s["citation_precision"] == 1 and s["fact_recall"] == 1))
        scores.append(s)
        latencies.append(latency)
        rows.append({
            "id": item.id, "question": item.question, "category": item.category, "answer": answer.text,
            "refused": answer.refused, "expected": list(item.cite), "answerable": item.answerable,
            "citations": [{"report_id": c.report_id, "authority": c.authority, "title": c.title,
                           "paragraph": c.paragraph} for c in answer.citations],
            "retrieved": [{"report_id": h.report, "authority": catalog[h.report].report.authority,
                           "paragraph": h.paragraph} for h in ranked],
            "passed": bool(passed), "latency_ms": round(latency, 1), "metrics": s,
            "rewritten": answer.question if answer.question != item.question else None,
        })
    result = aggregate(scores, latencies)
    result["mode"] = assistant.mode
    result["reports"] = [e.report.id for e in catalog.values()]
    result["by_category"] = {}
    for category in sorted({r["category"] for r in rows}):
        idx = [i for i, r in enumerate(rows) if r["category"] == category]
        result["by_category"][category] = aggregate([scores[i] for i in idx], [latencies[i] for i in idx])
    result["skipped"] = skipped
    result["failures"] = [r["id"] for r in rows if not r["passed"]]
    result["items"] = rows
    if baselines:
        from evals.baselines import run_baselines

        result["baselines"] = run_baselines(assistant.retriever, items, catalog)
    else:
        result["baselines"] = {}
    return result


def gate_failures(result: dict) -> list[str]:
    return [f"{m} = {result[m]} is below {t}" for m, t in GATE.items() if result.get(m) is None or result[m] < t]


def summary(result: dict) -> str:
    lines = [f"{result['n']} items ({len(result['skipped'])} skipped), mode {result['mode']}"]
    header = f"{'':24}" + "".join(f"{m:>19}" for m in METRICS)
    lines.append(header)
    lines.append(f"{'report-assistant':24}" + "".join(f"{_fmt(result.get(m)):>19}" for m in METRICS))
    for name, b in result.get("baselines", {}).items():
        lines.append(f"{name[:24]:24}" + "".join(f"{_fmt(b.get(m)):>19}" for m in METRICS))
    lines.append(f"latency p50 {result['latency_ms_p50']} ms, p95 {result['latency_ms_p95']} ms")
    for r in result["items"]:
        if not r["passed"]:
            lines.append(f"FAIL {r['id']}: {r['question']} | expected {r['expected']} got "
                         f"{[c['paragraph'] for c in r['citations']]} | {r['answer'][:160]!r}")
    return "\n".join(lines)


def _fmt(v) -> str:
    return "-" if v is None else f"{v:.3f}"


def write_markdown(result: dict, path: Path) -> None:
    from evals.report import render

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    svg_name = path.with_suffix(".svg").name
    md, svg = render(result, svg_name)
    path.with_suffix(".svg").write_text(svg)
    path.write_text(md)
