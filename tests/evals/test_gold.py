"""The gold set is checked against the sources, so it cannot drift from the reports."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from evals.scoring import (GoldError, blind_files, corpus_gold_files, default_gold_files, is_across, load_gold,
                           report_matches)
from index.parse import parse_file
from tests.conftest import ROOT

CORPUS = [ROOT / line.strip() for line in (ROOT / "evals" / "corpus.txt").read_text().splitlines()
          if line.strip() and not line.startswith("#")]
ITEMS = load_gold(default_gold_files())
BLIND = load_gold(blind_files())


@lru_cache(maxsize=None)
def _parsed(path: Path):
    return parse_file(path)


def _reports_for(item):
    reports = [_parsed(p) for p in CORPUS]
    return [r for r in reports if report_matches(item.report, r.report.authority, r.report.title, r.report.id,
                                                 r.report.year)]


def test_gold_set_is_big_and_broad():
    assert len(ITEMS) >= 80
    # the primary report's questions (South Gloucestershire 2017 is another report)
    sg = [i for i in ITEMS if i.report and "south gloucestershire" in i.report.lower() and "2017" not in i.report]
    assert len(sg) >= 60
    assert sum(not i.answerable for i in ITEMS) >= 10
    assert sum(bool(i.history) for i in ITEMS) >= 5
    others = [i for i in ITEMS if i.answerable and not (i.report and "south gloucestershire" in i.report.lower())]
    assert len(others) >= 10 and any(i.category == "compare" for i in others)
    user_worded = sum(1 for name in ("south-gloucestershire.yaml", "sg-paraphrases.yaml")
                      for line in (ROOT / "evals" / "gold" / name).read_text().splitlines()
                      if line.strip().startswith("question:") and line.rstrip().endswith("# user"))
    assert user_worded >= len(sg) / 3 - len([i for i in sg if i.history])


def test_every_judgement_of_the_primary_report_is_asked_about():
    sg = _parsed(CORPUS[0])
    asked = " ".join(i.question.lower() for i in ITEMS if i.category == "judgement")
    for j in sg.report.judgements:
        if j.area == "equality_and_diversity":
            continue  # graded only in the findings table; no paragraph states it
        words = [w for w in re.findall(r"[a-z]+", j.area_text.lower()) if len(w) > 4][:2]
        assert all(w[:6] in asked for w in words), j.area_text


def test_blind_set_is_big_broad_and_apart():
    """Issue 12's blind set: 80+ questions over 10+ reports the tuning set never uses, half of
    them or more ILACS 2018-2025, 15+ unanswerable."""
    assert len(BLIND) >= 80 and sum(not i.answerable for i in BLIND) >= 15
    blind_reports = {i.report for i in BLIND if i.report}
    tuning_reports = {i.report for i in ITEMS if i.report}
    assert len(blind_reports) >= 10 and not blind_reports & tuning_reports
    ilacs = {r for r in blind_reports if int(r.split()[-1]) >= 2018}
    assert len(ilacs) >= len(blind_reports) / 2
    assert not {i.id for i in BLIND} & {i.id for i in ITEMS}


@pytest.mark.parametrize("item", [i for i in ITEMS if is_across(i)], ids=lambda i: i.id)
def test_questions_across_reports_cite_a_real_paragraph_of_exactly_one_report(item):
    reports = [_parsed(p) for p in CORPUS]
    for cite in item.cite:
        words, _, ref = cite.rpartition(":")
        found = [r for r in reports if report_matches(words, r.report.authority, r.report.title, r.report.id,
                                                      r.report.year)]
        assert len(found) == 1, f"{item.id}: {cite!r} names {len(found)} reports of evals/corpus.txt"
        assert found[0].text_of(ref.strip()), f"{item.id}: {found[0].report.id} has no paragraph {ref.strip()}"


def test_questions_across_reports_are_enough_and_varied():
    across = [i for i in ITEMS if i.category.startswith("across")]
    assert len(across) >= 20 and all(is_across(i) for i in across if i.answerable)
    kinds = {i.category for i in across}
    assert {"across-list", "across-count", "across-trend", "across-neighbours", "across-compare",
            "across-history", "across-unanswerable"} <= kinds


@pytest.mark.parametrize("item", [i for i in ITEMS + BLIND if i.answerable and not is_across(i)], ids=lambda i: i.id)
def test_cited_paragraphs_exist_and_facts_match_them(item):
    reports = _reports_for(item)
    assert reports, f"{item.id}: report {item.report!r} is not in evals/corpus.txt"
    texts = {}
    for parsed in reports:
        for ref in (*item.cite, *item.ok):
            text = parsed.text_of(ref)
            if text:
                first = next(p for p in parsed.paragraphs if p.ref == ref)
                # a judgement is stated by the grade line of the paragraph's section
                section = " ".join(first.section) + (f" {first.judgement.label()}" if first.judgement else "")
                section += " " + " ".join(p.timescale for p in parsed.paragraphs if p.ref == ref and p.timescale)
                # or by a heading the parser found to grade the section this paragraph opens
                section += " " + " ".join(f"{j.area_text} {j.word}" for j in parsed.report.judgements
                                          if ref in (j.ref, j.section_ref))
                texts.setdefault(ref, "")
                texts[ref] += f"\n{section}\n{text}\n{ref}"
    missing = [ref for ref in item.cite if ref not in texts]
    assert not missing, f"{item.id}: cited paragraphs {missing} do not exist"
    for pattern in item.facts:
        assert any(re.search(pattern, t, re.I) for t in texts.values()), f"{item.id}: {pattern!r} is in no cited text"


def test_loader_rejects_bad_gold(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: x\n  question: q\n  cite: [1]\n  colour: blue\n")
    with pytest.raises(GoldError, match="unknown fields"):
        load_gold([bad])
    bad.write_text("- id: x\n  question: q\n  facts: ['(unclosed']\n  cite: [1]\n")
    with pytest.raises(GoldError, match="bad regex"):
        load_gold([bad])
    bad.write_text("- id: x\n  question: q\n")
    with pytest.raises(GoldError, match="cites nothing"):
        load_gold([bad])
    bad.write_text(": not yaml: [")
    with pytest.raises(GoldError):
        load_gold([bad])


def test_whole_corpus_questions_are_apart_from_both_sets_and_well_formed():
    """evals/corpus-gold/: questions on reports CI cannot reach (run by hand over a whole-corpus index).
    They may not share a report with the blind set, nor an id with either set, and each names one
    report by council and year."""
    corpus = load_gold(corpus_gold_files())
    assert len(corpus) >= 100 and sum(not i.answerable for i in corpus) >= 15
    assert not {i.id for i in corpus} & ({i.id for i in ITEMS} | {i.id for i in BLIND})
    assert not {i.report for i in corpus} & {i.report for i in BLIND}
    assert all(i.report and re.fullmatch(r"[A-Z][\w ,'-]+ (19|20)\d\d", i.report) for i in corpus)
