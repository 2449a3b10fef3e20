"""Gold items and the metrics that score an answer against them; shared by the runner,
the baselines and the report, so none of them imports another.

    item = load_gold(default_gold_files())[0]
    score_item(item, "... [20] ... [60]", refused=False, cited=["20", "60"], retrieved=["20", "60", "12"])
    -> {"refusal_ok": True, "recall_at_5": 1.0, "mrr": 1.0, "citation_precision": 1.0, ...}

Metric definitions (per answerable item, then averaged):
  recall_at_5         |cite ∩ top-5 retrieved paragraphs| / |cite|
  mrr                 1 / rank of the first retrieved paragraph that is in cite (0 if none in the top 5)
  citation_precision  |cited ∩ (cite ∪ ok)| / |cited|; no citations scores 0
  citation_recall     |cited ∩ cite| / |cite|
  fact_recall         share of `facts` regexes found in the answer text
  refusal_accuracy    over all items: unanswerable refused, answerable not
Where an item names a `report`, a citation or retrieved paragraph counts only if its
report matches, and the question is asked with that report selected (as a user would
pick it in the report selector).

A question across reports names the report of each citation instead: `cite: ["Bolton 2023: S1",
"Oldham 2024: S1"]`, each resolved against the index like `report`. Its answer comes from the
judgement table, not from retrieval, so recall@5 and MRR do not apply to it.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from pathlib import Path

import yaml

GOLD_DIR = Path(__file__).with_name("gold")
BLIND_DIR = Path(__file__).with_name("blind")  # never tuned on: see evals/blind/blind.yaml
# questions on reports of the whole corpus that CI cannot reach: run by hand over a whole-corpus index
CORPUS_GOLD_DIR = Path(__file__).with_name("corpus-gold")
METRICS = ("recall_at_5", "mrr", "citation_precision", "citation_recall", "fact_recall", "refusal_accuracy")
GATE = {"recall_at_5": 0.95, "citation_precision": 0.95, "citation_recall": 0.90, "fact_recall": 0.90,
        "refusal_accuracy": 0.95}
# The gate per set and way of asking: issue 12's targets (GATE) for both sets, each asked either way. The
# blind set has met them since its citation precision reached 0.951 either way (it had been gated at a
# floor of 0.93 while it measured 0.938); never tune on the blind items to keep it there.
GATES = {
    ("tuning", "selected"): GATE,
    ("tuning", "widget"): GATE,
    ("blind", "selected"): GATE,
    ("blind", "widget"): GATE,
}


def gate_for(name: str, mode: str) -> dict[str, float]:
    """The thresholds a set (asked one way) must meet; a user's own gold file meets GATE."""
    return GATES.get((name, mode), GATE)
FIELDS = {"id", "question", "report", "cite", "ok", "facts", "answerable", "history", "category"}


class GoldError(ValueError):
    pass


@dataclass(frozen=True)
class GoldItem:
    id: str
    question: str
    report: str | None = None
    cite: tuple[str, ...] = ()
    ok: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()
    answerable: bool = True
    history: tuple[str, ...] = ()
    category: str = "general"
    source: str = ""


def default_gold_files() -> list[Path]:
    """The tuning set: the items development is allowed to look at."""
    return sorted(GOLD_DIR.glob("*.yaml"))


def corpus_gold_files() -> list[Path]:
    """Questions on whole-corpus reports (evals/corpus-gold/): tuned on like the tuning set, but not a CI
    gate, since CI has only the sample reports."""
    return sorted(CORPUS_GOLD_DIR.glob("*.yaml"))


def blind_files() -> list[Path]:
    """The blind set: scored and gated, never tuned on."""
    return sorted(BLIND_DIR.glob("*.yaml"))


def load_gold(files: list[Path]) -> list[GoldItem]:
    items: list[GoldItem] = []
    seen: set[str] = set()
    for path in files:
        try:
            data = yaml.safe_load(Path(path).read_text()) or []
        except (OSError, yaml.YAMLError) as exc:
            raise GoldError(f"{path}: cannot read gold file ({exc.__class__.__name__}: {exc})") from None
        if not isinstance(data, list):
            raise GoldError(f"{path}: expected a list of items")
        for n, raw in enumerate(data, 1):
            if not isinstance(raw, dict) or "question" not in raw or "id" not in raw:
                raise GoldError(f"{path}: item {n} needs at least 'id' and 'question'")
            unknown = set(raw) - FIELDS
            if unknown:
                raise GoldError(f"{path}: item {raw['id']} has unknown fields {sorted(unknown)}")
            if raw["id"] in seen:
                raise GoldError(f"{path}: duplicate id {raw['id']}")
            seen.add(raw["id"])
            for pattern in raw.get("facts") or []:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise GoldError(f"{path}: item {raw['id']}: bad regex {pattern!r}: {exc}") from None
            answerable = bool(raw.get("answerable", True))
            if answerable and not raw.get("cite"):
                raise GoldError(f"{path}: item {raw['id']} is answerable but cites nothing")
            items.append(GoldItem(
                id=str(raw["id"]), question=str(raw["question"]), report=raw.get("report"),
                cite=tuple(str(c) for c in raw.get("cite") or ()), ok=tuple(str(c) for c in raw.get("ok") or ()),
                facts=tuple(raw.get("facts") or ()), answerable=answerable,
                history=tuple(raw.get("history") or ()), category=str(raw.get("category", "general")),
                source=Path(path).name,
            ))
    return items


def report_matches(item_report: str | None, authority: str, title: str, report_id: str, year: int | None) -> bool:
    """Case-insensitive: every word of the item's `report` appears in the report's names."""
    if not item_report:
        return True
    haystack = f"{authority} {title} {report_id} {year or ''}".lower()
    return all(word in haystack for word in str(item_report).lower().split())


def scope_for(item: GoldItem, catalog) -> list[str] | None:
    if not item.report:
        return None
    return reports_named(item.report, catalog)


def reports_named(label: str, catalog) -> list[str]:
    """The indexed reports a gold label names ("Medway", "Leeds 2015"); where a council's whole name is the
    label's, only its reports: "North Lincolnshire 2017" is not North East Lincolnshire's."""
    found = [rid for rid, e in catalog.items() if report_matches(label, e.report.authority, e.report.title, rid,
                                                                  e.report.year)]
    council = " ".join(re.sub(r"\b(19|20)\d\d\b", " ", label).lower().split())
    exact = [rid for rid in found if catalog[rid].report.authority.lower() == council]
    return exact or found


def is_across(item: GoldItem) -> bool:
    """An item whose citations each name their report: a question across reports."""
    return any(":" in c for c in item.cite)


def resolve_cites(refs: tuple[str, ...], catalog) -> set[str]:
    """ "Bolton 2023: S1" -> {"bolton-2023-09-15:S1"}; raises GoldError unless exactly one report matches."""
    out = set()
    for ref in refs:
        words, _, paragraph = ref.rpartition(":")
        matches = reports_named(words, catalog)
        if len(matches) != 1:
            raise GoldError(f"{ref!r} names {len(matches)} indexed reports; it must name exactly one")
        out.add(f"{matches[0]}:{paragraph.strip()}")
    return out


def score_item(item: GoldItem, answer_text: str, refused: bool, cited: list[str], retrieved: list[str] | None,
               cite: set[str] | None = None, allowed: set[str] | None = None) -> dict:
    """Per-item metrics; `cited` and `retrieved` hold paragraph labels already filtered to the item's report
    (for an item across reports: "report_id:paragraph" labels, `cite` and `allowed` resolved the same way,
    and `retrieved` None)."""
    refusal_ok = refused == (not item.answerable)
    if not item.answerable:
        return {"refusal_ok": refusal_ok}
    cite = set(item.cite) if cite is None else cite
    allowed = (set(item.cite) | set(item.ok)) if allowed is None else allowed
    cited_set = set(cited)
    facts = [bool(re.search(f, answer_text, re.I)) for f in item.facts]
    out = {
        "refusal_ok": refusal_ok,
        "citation_precision": len(cited_set & allowed) / len(cited_set) if cited_set else 0.0,
        "citation_recall": len(cited_set & cite) / len(cite),
        "fact_recall": sum(facts) / len(facts) if facts else 1.0,
    }
    if retrieved is not None:
        top5 = retrieved[:5]
        out["recall_at_5"] = len(cite & set(top5)) / len(cite)
        out["mrr"] = next((1.0 / (i + 1) for i, p in enumerate(top5) if p in cite), 0.0)
    return out


def aggregate(scores: list[dict], latencies: list[float]) -> dict:
    out = {}
    for m in METRICS:
        if m != "refusal_accuracy":
            values = [s[m] for s in scores if m in s]
            out[m] = round(statistics.fmean(values), 4) if values else None
    out["refusal_accuracy"] = round(statistics.fmean(s["refusal_ok"] for s in scores), 4) if scores else None
    out["latency_ms_p50"] = round(percentile(latencies, 50), 1) if latencies else None
    out["latency_ms_p95"] = round(percentile(latencies, 95), 1) if latencies else None
    out["n"] = len(scores)
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)
