"""Metric arithmetic on hand-made items (no model needed)."""
from evals.scoring import GoldItem, aggregate, percentile, report_matches, reports_named, score_item


def test_scores_for_a_partly_right_answer():
    item = GoldItem(id="x", question="q", cite=("20", "60"), ok=("43",), facts=("supervision", "Being Healthy"))
    s = score_item(item, "supervision for staff [20]", False, cited=["20", "43", "99"], retrieved=["20", "7", "60"])
    assert s["recall_at_5"] == 1.0 and s["mrr"] == 1.0
    assert s["citation_precision"] == 2 / 3
    assert s["citation_recall"] == 0.5
    assert s["fact_recall"] == 0.5
    assert s["refusal_ok"] is True


def test_no_citations_scores_zero_precision_and_mrr_counts_rank():
    item = GoldItem(id="x", question="q", cite=("5",))
    s = score_item(item, "", True, cited=[], retrieved=["1", "2", "5"])
    assert s["citation_precision"] == 0.0 and s["refusal_ok"] is False and abs(s["mrr"] - 1 / 3) < 1e-9


def test_unanswerable_only_scores_refusal():
    item = GoldItem(id="x", question="q", answerable=False)
    assert score_item(item, "I can't find", True, [], []) == {"refusal_ok": True}
    agg = aggregate([{"refusal_ok": True}, {"refusal_ok": False}], [10.0, 30.0])
    assert agg["refusal_accuracy"] == 0.5 and agg["recall_at_5"] is None and agg["latency_ms_p50"] == 20.0


def test_report_matching_and_percentiles():
    assert report_matches("South Gloucestershire 2012", "South Gloucestershire", "Inspection", "sg-2012", 2012)
    assert not report_matches("South Gloucestershire 2017", "South Gloucestershire", "Inspection", "x", 2012)
    assert percentile([1, 2, 3, 4, 100], 50) == 3 and percentile([1.0, 2.0], 95) == 1.95


def test_a_label_naming_a_council_whole_is_not_its_longer_namesake():
    from types import SimpleNamespace as NS

    def entry(authority, year):
        return NS(report=NS(authority=authority, title="Inspection", year=year))

    catalog = {"nl": entry("North Lincolnshire", 2017), "nel": entry("North East Lincolnshire", 2017),
               "kut": entry("Kingston upon Thames", 2019)}
    assert reports_named("North Lincolnshire 2017", catalog) == ["nl"]
    assert sorted(reports_named("Lincolnshire 2017", catalog)) == ["nel", "nl"]  # no council is named whole
    assert reports_named("Kingston 2019", catalog) == ["kut"]  # a short label still finds its council
