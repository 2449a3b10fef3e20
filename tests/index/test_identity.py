"""Report identity on every real sample, and one test per failure class of the first whole-corpus parse.

The 15 reports in ../shared/reports/corpus/ were picked from those classes: a page number or
"Council" read as the council, long or two-part names, a judgement area that swallowed the
sentence before it, a body with no numbered paragraphs, numbering with a gap, an overall
grade not found, and ids shared between reports. Expected values were read off each PDF.
"""
from __future__ import annotations

import re
from datetime import date

import pytest

from index.vocabulary import area_key, grade_number
from index.authorities import canonical, find_authority
from index.formats.identity import file_date, inspection_range, on_site_days
from index.parse import parse_file, renumber_check
from tests.conftest import SAMPLE, SHARED

CORPUS = SHARED / "corpus"
ALL = sorted(SHARED.glob("*.pdf")) + sorted(CORPUS.glob("*.pdf")) + [SAMPLE]

# file -> (id, authority, type, overall grade as the report words it)
EXPECTED = {
    "barking-and-dagenham-2019-04-01.pdf": ("barking-and-dagenham-2019-03-01", "Barking and Dagenham", "ilacs-standard",
                                            "Requires improvement"),
    "barnsley-2014-08-08.pdf": ("barnsley-2014-06-25", "Barnsley", "sif", "Requires improvement"),
    "barnsley-2018-11-19.pdf": ("barnsley-2018-10-19", "Barnsley", "ilacs-standard", "Good"),
    "bolton-2023-10-27.pdf": ("bolton-2023-09-15", "Bolton", "ilacs-short", "Good"),
    "bournemouth-christchurch-poole-2022-02-11.pdf": ("bournemouth-christchurch-and-poole-2021-12-17",
                                                      "Bournemouth, Christchurch and Poole", "ilacs-standard",
                                                      "Inadequate"),
    "bracknell-forest-2022-07-29.pdf": ("bracknell-forest-2022-06-17", "Bracknell Forest", "ilacs-short",
                                        "Outstanding"),
    "bristol-2023-03-10.pdf": ("bristol-2023-01-27", "Bristol", "ilacs-standard", "Requires improvement to be good"),
    "derbyshire-2014-02-11.pdf": ("derbyshire-2013-12-11", "Derbyshire", "sif", "Good"),
    "doncaster-2022-04-08.pdf": ("doncaster-2022-02-25", "Doncaster", "ilacs-standard",
                                 "Requires improvement to be good"),
    "hammersmith-and-fulham-2016-03-29.pdf": ("hammersmith-and-fulham-2016-02-04", "Hammersmith and Fulham", "sif",
                                              "Good"),
    "isle-of-wight-2023-12-15.pdf": ("isle-of-wight-2023-11-03", "Isle of Wight", "ilacs-short", "Good"),
    "kingston-upon-thames-2019-12-19.pdf": ("kingston-upon-thames-2019-10-25", "Kingston upon Thames", "ilacs-short",
                                            "Outstanding"),
    "waltham-forest-2015-01-20.pdf": ("waltham-forest-2014-11-26", "Waltham Forest", "sif", "Requires improvement"),
    "west-northamptonshire-2022-11-25.pdf": ("west-northamptonshire-2022-10-14", "West Northamptonshire",
                                             "ilacs-standard", "Requires improvement to be good"),
    "windsor-maidenhead-2020-02-24.pdf": ("windsor-and-maidenhead-2020-01-24", "Windsor and Maidenhead",
                                          "ilacs-standard", "Good"),
    "london-corporation-2020-04-06.pdf": ("city-of-london-2020-03-06", "City of London", "ilacs-short", "Outstanding"),
    "medway-2013-08-23.pdf": ("medway-2013-07-19", "Medway", "lac-2013", "Inadequate"),
    "birmingham-2016-11-25.pdf": ("birmingham-2016-10-06", "Birmingham", "sif-reinspection", "Inadequate"),
    "leeds-2015-03-27.pdf": ("leeds-2015-02-11", "Leeds", "sif", "Good"),
    "oldham-2024-07-12.pdf": ("oldham-2024-05-24", "Oldham", "ilacs-standard", "Good"),
}


@pytest.fixture(scope="module")
def parsed():
    return {path.name: parse_file(path) for path in ALL}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_identity_of_the_failure_class_reports(parsed, name):
    report = parsed[name].report
    overall = next(j for j in report.judgements if j.area == "overall")
    assert (report.id, report.authority, report.type, overall.word) == EXPECTED[name]
    assert overall.ref, "the overall grade is cited"


def test_every_sample_has_a_known_council_a_dated_unique_id_and_the_file_names_publication(parsed):
    ids = {}
    for name, p in parsed.items():
        r = p.report
        assert canonical(r.authority) == r.authority, name
        # the file names start with Ofsted's name for the council
        assert canonical(re.sub(r"-\d{4}-\d\d-\d\d.*", "", name).replace("-", " ")) == r.authority, name
        assert re.fullmatch(r"[a-z0-9-]+-\d{4}-\d{2}-\d{2}", r.id) and r.id.endswith(r.inspection_end), name
        assert r.inspection_start <= r.inspection_end
        assert r.published == file_date(name), name  # every sample's text and file name agree
        ids.setdefault(r.id, []).append(name)
    assert {i: n for i, n in ids.items() if len(n) > 1} == {}


def test_a_page_number_or_council_word_is_never_the_council():
    """The first corpus parse read '012', 'Council' and 'Thames' as councils."""
    assert find_authority("1 London Borough of Barking and Dagenham Inspection of children’s social care") == \
        "Barking and Dagenham"
    assert find_authority("012 Council") is None
    assert find_authority("Inspection of Royal Borough of Kensington and Chelsea local authority children’s services") \
        == "Kensington and Chelsea"
    assert find_authority("Inspection of City of Bradford Metropolitan Borough Council local authority") == "Bradford"
    assert find_authority("London Borough of Richmond upon Thames") == "Richmond upon Thames"
    assert find_authority("Bath and North East Somerset") == "Bath and North East Somerset"  # not "Somerset"
    assert find_authority("St. Helens Metropolitan Borough Council") == "St Helens"
    assert find_authority("Children and families living in reading are not") is None  # a word, not the council


def test_judgement_areas_are_areas_not_sentences(parsed):
    """'Once placed, children are making good progress. The experiences and progress of care leavers'
    was once an area."""
    for name, p in parsed.items():
        for j in p.report.judgements:
            assert area_key(j.area_text) == j.area, (name, j.area_text)
            assert not re.search(r"[.;]\s", j.area_text) and len(j.area_text) < 120, (name, j.area_text)
            assert j.ref and any(q.ref == j.ref for q in p.paragraphs), (name, j)
    assert area_key("Once placed, children are making good progress. The experiences and progress of care leavers") \
        is None


def test_ilacs_grades_keep_the_reports_own_words(parsed):
    bristol = {j.area: j for j in parsed["bristol-2023-03-10.pdf"].report.judgements}
    assert set(bristol) == {"leaders", "help_and_protection", "in_care", "care_leavers", "overall"}
    assert bristol["overall"].word == "Requires improvement to be good" and bristol["overall"].grade == 3
    doncaster = {j.area: j.word for j in parsed["doncaster-2022-04-08.pdf"].report.judgements}
    assert doncaster["leaders"] == "Inadequate"  # the cover's first row, split over two lines in the PDF
    # before 2023 children in care and care leavers were one judgement
    assert "care_leavers" not in doncaster and doncaster["in_care"] == "Requires improvement to be good"


def test_sif_cover_judgements_including_the_lscb(parsed):
    leeds = parsed["leeds-2015-03-27.pdf"].report
    grades = {j.area: j.word for j in leeds.judgements}
    assert grades == {"overall": "Good", "help_and_protection": "Good", "in_care": "Good", "adoption": "Good",
                      "care_leavers": "Good", "leaders": "Outstanding", "lscb": "Good"}
    assert all(j.ref == "S1" for j in leeds.judgements if j.area != "lscb")
    adoption = next(j for j in leeds.judgements if j.area == "adoption")
    assert adoption.section_ref == "112"  # the section the body grades it in


def test_a_body_without_numbered_paragraphs_is_cited_paragraph_by_paragraph(parsed):
    derbyshire = parsed["derbyshire-2014-02-11.pdf"]
    assert renumber_check(derbyshire.paragraphs) == []
    assert any("numbers none of its paragraphs" in p for p in derbyshire.problems)
    body = [p for p in derbyshire.paragraphs if p.kind == "paragraph"]
    assert len(body) > 100 and all(p.ref.startswith("S") for p in body)
    assert len({p.ref for p in body}) == len(body)  # one citation per bullet, not one per section
    assert any(p.text.startswith("When safeguarding and child protection issues are identified") for p in body)


def test_numbering_gaps_the_pdf_itself_makes_are_named(parsed):
    windsor = parsed["windsor-maidenhead-2020-02-24.pdf"]
    assert renumber_check(windsor.paragraphs)[13:15] == [14, 16]  # the PDF prints no paragraph 15
    assert any("after 14 comes 16" in p for p in windsor.problems)
    waltham = parsed["waltham-forest-2015-01-20.pdf"]
    # the PDF prints "89." with no text after it: the number is kept so 88 -> 90 is no gap
    assert renumber_check(waltham.paragraphs) == list(range(1, 191)) and not waltham.problems


def test_short_and_standard_ilacs_are_told_by_days_on_site():
    assert on_site_days("11 to 15 September 2023") == 5
    assert on_site_days("21 November to 2 December 2022") == 12
    # a short inspection with a return visit spans months but is a week on site
    assert on_site_days("5 to 9 December 2022 and 14 to 15 February 2023") == 7


@pytest.mark.parametrize("text, start, end", [
    ("25 June 2012 to 6 July 2012", date(2012, 6, 25), date(2012, 7, 6)),
    ("15 – 19 July 2013", date(2013, 7, 15), date(2013, 7, 19)),
    ("9–24 November 2017", date(2017, 11, 9), date(2017, 11, 24)),
    ("28 January–5 February 2014", date(2014, 1, 28), date(2014, 2, 5)),
    ("30 December to 10 January 2014", date(2013, 12, 30), date(2014, 1, 10)),
    ("12/09/2016 to 06/10/2016", date(2016, 9, 12), date(2016, 10, 6)),
    ("19 November-11 December 2013 and 28 – 30 January 2014", date(2013, 11, 19), date(2014, 1, 30)),
    ("no dates here", None, None),
])
def test_inspection_dates_as_printed(text, start, end):
    assert inspection_range(text) == (start, end)


def test_grade_numbers():
    assert [grade_number(w) for w in ("Outstanding", "Good", "Requires improvement to be good", "Adequate",
                                      "Inadequate", "Not judged")] == [1, 2, 3, 3, 4, None]
    # as SIF summaries write it: "Children's services in Havering require improvement to be good"
    assert grade_number("require improvement\nto be good") == 3
    assert grade_number("requires  Improvement") == 3
