"""Gold YAML -> every item through the real `answer()`, twice -> metrics per set and per way of asking.

    result = run(assistant, {"tuning": load_gold(default_gold_files()), "blind": load_gold(blind_files())})
    result["sets"]["blind"]["widget"]["citation_precision"] -> 0.97

Each item is asked the two ways users ask:
- "selected": with its report chosen in the report selector (the page, `--report`);
- "widget": with no report selected, over every indexed report, as the embedded widget asks
  by default; the question's own words (a council, a year) must find the report.
Either way a citation or retrieved paragraph counts only if it belongs to the item's report.
The metrics themselves are defined in `evals.scoring`.
"""
from __future__ import annotations

import time
from pathlib import Path

from evals.scoring import METRICS, GoldItem, aggregate, gate_for, is_across, resolve_cites, score_item, scope_for

DEFAULT_REPORT = Path(__file__).with_name("report.md")
MODES = ("selected", "widget")


def run(assistant, sets: dict[str, list[GoldItem]], baselines: bool = True, modes=MODES) -> dict:
    snap = assistant.retriever.snapshot()
    result = {"mode": assistant.mode, "reports": [e.report.id for e in snap.catalog.values()], "sets": {}}
    for name, items in sets.items():
        result["sets"][name] = {mode: run_items(assistant, items, mode) for mode in modes}
    if baselines:
        from evals.baselines import run_baselines

        result["baselines"] = {name: run_baselines(assistant.retriever, items, snap.catalog)
                               for name, items in sets.items()}
    else:
        result["baselines"] = {}
    return result


def run_items(assistant, items: list[GoldItem], mode: str) -> dict:
    catalog = assistant.retriever.snapshot().catalog
    rows, scores, latencies, skipped = [], [], [], []
    for item in items:
        scope = scope_for(item, catalog)
        if scope is not None and not scope:
            skipped.append({"id": item.id, "reason": f"report {item.report!r} is not indexed"})
            continue
        selected = scope if mode == "selected" else None
        t0 = time.perf_counter()
        answer = assistant.answer(item.question, history=list(item.history), report=selected)
        latency = (time.perf_counter() - t0) * 1000
        in_scope = set(scope) if scope else set(catalog)
        query = assistant.retriever.understand(answer.question or item.question)
        hits = assistant.retriever.evidence(query, assistant.retriever.scope(query, selected), 5).hits
        if is_across(item):  # citations name their reports; the table, not retrieval, answers
            cited = [f"{c.report_id}:{c.paragraph}" for c in answer.citations]
            s = score_item(item, answer.text, answer.refused, cited, None, cite=resolve_cites(item.cite, catalog),
                           allowed=resolve_cites(item.cite + item.ok, catalog))
        else:
            cited = [c.paragraph for c in answer.citations if c.report_id in in_scope]
            retrieved = [h.paragraph for h in hits if h.report in in_scope]
            s = score_item(item, answer.text, answer.refused, cited, retrieved)
        passed = s["refusal_ok"] and (not item.answerable or (
            s["citation_recall"] == 1 and s["citation_precision"] == 1 and s["fact_recall"] == 1))
        scores.append(s)
        latencies.append(latency)
        rows.append({
            "id": item.id, "question": item.question, "category": item.category, "answer": answer.text,
            "refused": answer.refused, "expected": list(item.cite), "answerable": item.answerable,
            "form": answer.form, "notes": list(answer.notes),
            "citations": [{"report_id": c.report_id, "authority": c.authority, "title": c.title,
                           "paragraph": c.paragraph} for c in answer.citations],
            "retrieved": [{"report_id": h.report, "authority": catalog[h.report].report.authority,
                           "paragraph": h.paragraph} for h in hits],
            "passed": bool(passed), "latency_ms": round(latency, 1), "metrics": s,
            "rewritten": answer.question if answer.question != item.question else None,
        })
    out = aggregate(scores, latencies)
    out["by_category"] = {}
    for category in sorted({r["category"] for r in rows}):
        idx = [i for i, r in enumerate(rows) if r["category"] == category]
        out["by_category"][category] = aggregate([scores[i] for i in idx], [latencies[i] for i in idx])
    out["skipped"] = skipped
    out["failures"] = [r["id"] for r in rows if not r["passed"]]
    out["items"] = rows
    return out


def gate_failures(result: dict) -> list[str]:
    """Every gated metric, for every set and both ways of asking."""
    out = []
    for name, modes in result["sets"].items():
        for mode, r in modes.items():
            out += [f"{name}/{mode}: {m} = {r[m]} is below {t}" for m, t in gate_for(name, mode).items()
                    if r.get(m) is None or r[m] < t]
    return out


def summary(result: dict, show_failures: tuple[str, ...] = ("tuning",)) -> str:
    lines = [f"mode {result['mode']}, {len(result['reports'])} reports indexed"]
    header = f"{'':28}" + "".join(f"{m:>19}" for m in METRICS) + f"{'n':>6}"
    lines.append(header)
    for name, modes in result["sets"].items():
        for mode, r in modes.items():
            lines.append(f"{name + ' / ' + mode:28}" + "".join(f"{_fmt(r.get(m)):>19}" for m in METRICS)
                         + f"{r['n']:>6}")
    for name, b in result.get("baselines", {}).items():
        for baseline, m in b.items():
            lines.append(f"{(baseline + ' (' + name + ')')[:28]:28}" + "".join(f"{_fmt(m.get(k)):>19}" for k in METRICS))
    for name, modes in result["sets"].items():
        latencies = [r["latency_ms_p50"] for r in modes.values()]
        lines.append(f"{name}: latency p50 {latencies} ms")
    for name in show_failures:
        for mode, r in result["sets"].get(name, {}).items():
            for row in r["items"]:
                if not row["passed"]:
                    lines.append(f"FAIL {name}/{mode} {row['id']}: {row['question']} | expected {row['expected']} got "
                                 f"{[c['paragraph'] for c in row['citations']]} | {row['answer'][:160]!r}")
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
