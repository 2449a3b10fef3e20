"""Questions across reports: the judgement table, and answers from it, over a real index of
several councils and several inspections of the same council."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.conftest import SAMPLE, SHARED

CORPUS = SHARED / "corpus"
REPORTS = [SAMPLE, SHARED / "south-gloucestershire-2017-02-13.pdf", CORPUS / "barnsley-2014-08-08.pdf",
           CORPUS / "barnsley-2018-11-19.pdf", CORPUS / "bolton-2023-10-27.pdf", SHARED / "oldham-2024-07-12.pdf",
           SHARED / "bexley-2018-08-20.pdf", CORPUS / "kingston-upon-thames-2019-12-19.pdf"]


@pytest.fixture(scope="module")
def across_data(tmp_path_factory):
    from index.embed import Embedder
    from index.ingest import Ingestor
    from index.store import Store
    from tests.conftest import MODEL_CACHE

    folder = tmp_path_factory.mktemp("across")
    store = Store(folder, Embedder(MODEL_CACHE))
    result = Ingestor(store).run(REPORTS)
    assert not result.failed and len(result.added) == len(REPORTS), result.failed
    return folder, store


@pytest.fixture(scope="module")
def helper(across_data):
    from assistant.answer import Assistant
    from assistant.retrieve import Retriever

    return Assistant(Retriever(across_data[1]))


def ids(snap, authority):
    return sorted((rid for rid, e in snap.catalog.items() if e.report.authority == authority),
                  key=lambda rid: snap.catalog[rid].report.published)


# -- understanding ---------------------------------------------------------------------------------
@pytest.mark.parametrize("question, kind", [
    ("Which councils were judged inadequate for help and protection since 2023?", "list"),
    ("which local authorities got outstanding overall?", "list"),
    ("How many councils were rated good or better overall in 2023?", "count"),
    ("How has Barnsley's overall grade changed since 2014?", "trend"),
    ("Has Barnsley improved on leadership over time?", "trend"),
    # nothing asked of the council but how it went: its grades over time
    ("has barnsley got worse since 2014", "trend"),
    ("is bolton getting better", "trend"),
    ("has barnsley improved its placement stability since 2014", None),  # something in particular
    ("How does Bolton compare with Oldham on care leavers?", "compare"),
    ("How do we compare with our statistical neighbours on care leavers?", "neighbours"),
    ("What did Ofsted ask Barnsley to improve at each inspection?", "history"),
    ("What did Ofsted ask Barnsley to improve in 2014, and was it still asking in 2018?", "history"),
    # questions about what one report says stay with retrieval
    ("What grade did partnership working get?", None),
    ("Which areas were judged inadequate in Barnsley?", None),
    ("What must happen within three months for health partners?", None),
    ("How many children in care had their first health check on time?", None),
])
def test_which_questions_span_reports(question, kind):
    from assistant.understand import understand

    indexed = {"Barnsley": [], "Bolton": [], "Oldham": []}
    assert understand(question, indexed).across == kind


@pytest.mark.parametrize("text, grades", [
    ("judged inadequate", (4,)), ("good or better", (1, 2)), ("RI or worse", (3, 4)), ("below good", (3, 4)),
    ("requires improvement to be good", (3,)), ("at least good", (1, 2)), ("outstanding or good", (1, 2)),
    ("the ri in prose", ()), ("what did they get", ()),
])
def test_grades_asked(text, grades):
    from assistant.understand import grades_asked

    assert grades_asked(text) == grades


@pytest.mark.parametrize("text, expected", [
    ("since 2023", ("2023-01-01", "")), ("after 2020", ("2021-01-01", "")), ("in 2019", ("2019-01-01", "2019-12-31")),
    ("before 2020", ("", "2019-12-31")), ("between 2018 and 2015", ("2015-01-01", "2018-12-31")),
    ("in 2013 and 2015", ("", "")), ("no dates at all", ("", "")),
])
def test_date_bounds(text, expected):
    from assistant.understand import bounds

    assert bounds(text) == expected


def test_last_n_years_counts_back_from_today():
    from datetime import date

    from assistant.understand import bounds

    assert bounds("in the last 3 years", today=date(2026, 5, 1)) == ("2023-01-01", "")


# -- the table ---------------------------------------------------------------------------------------
def test_table_has_every_judgement_once_with_its_reference(helper):
    from assistant.judgements import judgement_table

    snap = helper.retriever.snapshot()
    rows = judgement_table(snap.catalog)
    assert len(rows) == sum(len(e.report.judgements) for e in snap.catalog.values())
    for row in rows:
        stated = snap.paragraph(row.report_id, row.ref)
        assert stated, f"{row.report} {row.area} cites {row.ref}, which the index does not hold"
        assert row.grade.split()[0].lower() in " ".join(r.text for r in stated).lower()
    barnsley = [r for r in rows if r.authority == "Barnsley" and r.area == "overall"]
    assert [(r.date[:4], r.grade_number) for r in barnsley] == [("2014", 3), ("2018", 2)]


def test_filters_and_their_errors(helper):
    from assistant.judgements import filter_rows, judgement_table

    rows = judgement_table(helper.retriever.snapshot().catalog)
    outstanding = filter_rows(rows, area="overall", grade="outstanding")
    assert {r.authority for r in outstanding} == {"Bexley", "Kingston upon Thames"}
    assert {r.authority for r in filter_rows(rows, area="overall", grade="1")} == {"Bexley", "Kingston upon Thames"}
    in_2019 = filter_rows(rows, since="2019", until="2019")
    assert {r.authority for r in in_2019} == {"Kingston upon Thames"}
    latest = filter_rows(rows, authorities=["Barnsley"], area="overall", latest=True)
    assert [r.date[:4] for r in latest] == ["2018"]
    near = filter_rows(rows, neighbours_of="Bolton", area="overall")
    assert {r.authority for r in near} == {"Bolton", "Oldham"}  # the neighbours that are indexed
    for bad, message in [({"area": "weather"}, "unknown area"), ({"grade": "brilliant"}, "unknown grade"),
                         ({"since": "last week"}, "a date looks like"), ({"authorities": ["Narnia"]}, "Narnia")]:
        with pytest.raises(ValueError, match=message):
            filter_rows(rows, **bad)


# -- answers ------------------------------------------------------------------------------------------
def test_list_by_grade_counts_what_it_looked_at_and_cites_each_report(helper):
    snap = helper.retriever.snapshot()
    answer = helper.answer("Which councils were judged outstanding overall?")
    assert not answer.refused and answer.form == "across"
    overall_reports = {rid for rid, e in snap.catalog.items() if any(j.area == "overall" for j in e.report.judgements)}
    assert answer.text.startswith(f"Of the {len(overall_reports)} reports indexed that graded overall effectiveness")
    assert {c.authority for c in answer.citations} == {"Bexley", "Kingston upon Thames"}
    assert all(c.paragraph == "S1" and "Outstanding" in c.quote for c in answer.citations)
    assert "[Bexley 2018, S1]" in answer.text and "[Kingston upon Thames 2019, S1]" in answer.text


def test_count_with_a_date_range(helper):
    answer = helper.answer("How many councils were judged good or better overall since 2018?")
    # since 2018: Barnsley 2018 Good, Bexley 2018 Outstanding, Kingston 2019 Outstanding, Bolton 2023 Good,
    # Oldham 2024 Good; the 2012-17 reports are out of range
    assert re.search(r"Of the 5 ILACS reports indexed that graded overall effectiveness and were published since "
                     r"1 January 2018, 5 judged it Outstanding or Good", answer.text), answer.text
    assert len(answer.citations) == 5


def test_trend_for_one_council(helper):
    snap = helper.retriever.snapshot()
    answer = helper.answer("How has Barnsley's overall grade changed?")
    assert [c.report_id for c in answer.citations] == ids(snap, "Barnsley")
    assert answer.text.index("Requires improvement") < answer.text.index("Good")
    assert "It went from Requires improvement (2014) to Good (2018), which is better." in answer.text


def test_compare_with_statistical_neighbours_by_name_or_by_selected_report(helper):
    snap = helper.retriever.snapshot()
    named = helper.answer("How does Bolton compare with its statistical neighbours on help and protection?")
    assert {c.authority for c in named.citations} == {"Bolton", "Oldham"}
    assert "No indexed report grades it for:" in named.text and "Rochdale" in named.text
    assert "Of those neighbours, 1 had a better grade than Bolton" in named.text  # Oldham Good, Bolton RI
    bolton = ids(snap, "Bolton")
    chosen = helper.answer("How do we compare with our statistical neighbours?", report=bolton)
    assert {c.authority for c in chosen.citations} == {"Bolton", "Oldham"}
    nobody = helper.answer("How do we compare with our statistical neighbours?")
    assert nobody.refused and "Name your council" in nobody.text


def test_compare_named_councils_at_every_inspection_or_the_latest(helper):
    every = helper.answer("How does Barnsley compare with Bexley on children in care?")
    assert [(c.authority, c.report_id[-10:-6]) for c in every.citations] == [
        ("Barnsley", "2014"), ("Barnsley", "2018"), ("Bexley", "2018")]
    latest = helper.answer("How does Barnsley compare with Bexley on children in care now?")
    assert [(c.authority, c.report_id[-10:-6]) for c in latest.citations] == [("Barnsley", "2018"), ("Bexley", "2018")]


def test_a_selection_limits_the_table(helper):
    snap = helper.retriever.snapshot()
    chosen = ids(snap, "Barnsley")[:1] + ids(snap, "Bexley")
    answer = helper.answer("How does Barnsley compare with Bexley on children in care?", report=chosen)
    assert {c.report_id for c in answer.citations} == set(chosen)


def test_refusals_say_what_the_table_cannot_meet(helper):
    adoption = helper.answer("Which councils were judged inadequate for adoption since 2018?")
    assert adoption.refused and "graded adoption performance" in adoption.text and not adoption.citations
    future = helper.answer("Which councils were judged outstanding overall in 2031?")
    assert future.refused and "published in 2031" in future.text


def test_recommendations_at_each_inspection_oldest_first(helper):
    snap = helper.retriever.snapshot()
    answer = helper.answer("What did Ofsted ask Barnsley to improve at each inspection?")
    first, second = ids(snap, "Barnsley")
    reports = [c.report_id for c in answer.citations]
    assert set(reports) == {first, second} and reports.index(second) > max(
        i for i, r in enumerate(reports) if r == first)
    recs = {(r.report_id, r.ref) for rid in (first, second) for i in snap.recommendations[rid]
            for r in [snap.records[i]]}
    assert {(c.report_id, c.paragraph) for c in answer.citations} == recs
    assert answer.text.index("Barnsley 2014 (published") < answer.text.index("Barnsley 2018 (published")


# -- the command line -------------------------------------------------------------------------------
def test_judgements_command_json_csv_and_errors(across_data, tmp_path):
    import os

    env = dict(os.environ, REPORT_ASSISTANT_DATA=str(across_data[0]))

    def run(*args):
        return subprocess.run([sys.executable, "-m", "ui.cli", "judgements", *args], env=env, capture_output=True,
                              text=True, timeout=300)

    out = run("--area", "overall", "--grade", "inadequate", "--json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert {r["report_id"][:24] for r in rows} == {"south-gloucestershire-20"}  # the 2017 SIF
    assert {"authority", "report_id", "published", "inspection_end", "type", "area", "area_text", "grade",
            "ref"} <= set(rows[0])
    csv_out = run("--authority", "Barnsley", "--csv")
    lines = csv_out.stdout.strip().splitlines()
    assert lines[0].startswith("authority,report_id,published") and all(line.startswith("Barnsley,")
                                                                        for line in lines[1:])
    assert len(lines) - 1 == len(json.loads(run("--authority", "Barnsley", "--json").stdout))
    for args, message in [(("--area", "weather"), "unknown area"), (("--since", "soon"), "a date looks like"),
                          (("--json", "--csv"), "choose one")]:
        bad = run(*args)
        assert bad.returncode != 0 and message in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


def test_one_council_inspected_twice_answers_from_each_inspection_newest_first(helper):
    snap = helper.retriever.snapshot()
    first, second = ids(snap, "Barnsley")
    answer = helper.answer("How are care leavers supported with accommodation in Barnsley?")
    reports = [c.report_id for c in answer.citations]
    assert not answer.refused and set(reports) == {first, second}, answer.text
    assert reports.index(second) < reports.index(first)  # the newest inspection first
    # a year said picks that inspection alone
    dated = helper.answer("How were care leavers supported with accommodation in Barnsley in 2014?")
    assert {c.report_id for c in dated.citations} == {first}


def test_what_a_council_inspected_twice_must_improve_is_its_latest_list(helper):
    snap = helper.retriever.snapshot()
    first, second = ids(snap, "Barnsley")
    answer = helper.answer("What does Barnsley still need to improve?")
    assert not answer.refused and {c.report_id for c in answer.citations} == {second}, answer.text
    assert {c.paragraph for c in answer.citations} == {snap.records[i].ref for i in snap.recommendations[second]}
    assert answer.text.startswith("From Barnsley 2018 (the latest of 2 of its reports indexed).")
    # a year said picks that inspection's list
    dated = helper.answer("What did Ofsted say Barnsley must improve in 2014?")
    assert {c.report_id for c in dated.citations} == {first}


def test_a_council_inspected_twice_has_its_latest_grade_first(helper):
    snap = helper.retriever.snapshot()
    first, second = ids(snap, "Barnsley")
    answer = helper.answer("What grade did Barnsley get for leadership?")
    reports = [c.report_id for c in answer.citations]
    assert set(reports) == {first, second} and reports[0] == second, answer.text


def test_a_figure_from_an_older_report_says_which_and_names_the_latest(helper):
    snap = helper.retriever.snapshot()
    first, second = ids(snap, "Barnsley")
    answer = helper.answer("How many children were the subject of a child protection plan in Barnsley?")
    assert not answer.refused and {c.report_id for c in answer.citations} == {first}, answer.text
    assert answer.text.rstrip().endswith("(This is from Barnsley 2014; the latest report of Barnsley indexed is "
                                         "Barnsley 2018.)")
    # a year asked for is no surprise
    dated = helper.answer("How many children were the subject of a child protection plan in Barnsley in 2014?")
    assert "latest report" not in dated.text


def test_a_grade_at_the_previous_inspection_is_the_one_before_the_latest(helper):
    snap = helper.retriever.snapshot()
    first, second = ids(snap, "Barnsley")
    answer = helper.answer("What grade did Barnsley get at its previous inspection?")
    assert not answer.refused and {c.report_id for c in answer.citations} == {first}, answer.text


def test_a_councils_judgements_lead_the_evidence_newest_first(helper):
    """Asked how a council inspected twice was graded, naming no year, the answer gives its latest
    judgement first; the evidence ranks the paragraphs stating them in the same order."""
    snap = helper.retriever.snapshot()
    older, newer = ids(snap, "Barnsley")
    hits = helper.retriever.search("what grade did barnsley get for help and protection?")
    reports = [h.report for h in hits if h.report in (older, newer)]
    assert reports[0] == newer and older in reports
    answer = helper.answer("what grade did barnsley get for help and protection?")
    assert answer.citations[0].report_id == newer
