"""The parser on real reports: known answers from the primary report, properties over all 24 PDFs."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from index.model import ParseError
from index.parse import parse_file, parse_lines, renumber_check
from tests.conftest import BAD_HTML, SAMPLE, SHARED

PDFS = sorted(SHARED.glob("*.pdf"))


@pytest.fixture(scope="module")
def sg():
    return parse_file(SAMPLE)


def test_primary_report_has_exactly_108_paragraphs_in_order(sg):
    numbers = [p.number for p in sg.paragraphs if p.kind == "paragraph" and p.number is not None]
    assert numbers == list(range(1, 109))


@pytest.mark.parametrize("number, ending", [
    (7, "drugs & alcohol Support."),
    (38, "compliant by September 2012."),
    (18, "urgent further action is required in this area."),
    (25, "a significant gap in service provision."),
    (30, "do not necessarily result in secure outcomes."),
    (53, "sufficiency of Level 3 training and attendance at specific training events."),
    (106, "management support is consistent and appreciated."),
])
def test_paragraphs_split_by_page_breaks_come_out_whole(sg, number, ending):
    text = sg.text_of(str(number)).splitlines()[0] if number != 53 else sg.text_of("53")
    para = next(p for p in sg.paragraphs if p.number == number and p.kind == "paragraph")
    assert para.text.endswith(ending), para.text[-120:]
    assert "\n\n" not in para.text and text


@pytest.mark.parametrize("parent, count", [(20, 4), (60, 5)])
def test_three_month_bullets_carry_timescale_and_parent(sg, parent, count):
    bullets = [p for p in sg.paragraphs if p.kind == "recommendation" and p.parent == parent
               and p.timescale == "Within three months"]
    assert len(bullets) == count
    assert all(b.ref == str(parent) and b.number == parent for b in bullets)
    section = "Safeguarding services" if parent == 20 else "Services for looked after children"
    assert all(b.section == (section, "Areas for improvement") for b in bullets)


def test_immediate_bullets(sg):
    immediate = [p.parent for p in sg.paragraphs if p.timescale == "Immediately"]
    assert immediate == [20, 20, 20, 60, 60]


def _judgement(sg, area, section):
    return next(j for j in sg.report.judgements if j.area == area and j.section == section)


def test_judgements_by_section(sg):
    safeguarding, lac = "Safeguarding services", "Services for looked after children"
    partnership = _judgement(sg, "partnership_working", safeguarding)
    assert (partnership.grade, partnership.word, partnership.area_text, partnership.ref) == (
        2, "Good", "Partnership working", "51")
    pmqa = "performance_management"
    assert _judgement(sg, pmqa, safeguarding).word == "Inadequate" and _judgement(sg, pmqa, safeguarding).grade == 4
    assert _judgement(sg, pmqa, lac).word == "Adequate" and _judgement(sg, pmqa, lac).grade == 3
    assert _judgement(sg, "capacity_to_improve", safeguarding).word == "Adequate"
    assert _judgement(sg, "capacity_to_improve", lac).word == "Inadequate"
    # graded only in the Record of main findings table, which is where it is cited
    equality = _judgement(sg, "equality_and_diversity", safeguarding)
    assert equality.word == "Adequate" and "Record of main findings" in " ".join(
        next(p for p in sg.paragraphs if p.ref == equality.ref).section)


def test_judgement_in_force_for_a_paragraph(sg):
    p51 = next(p for p in sg.paragraphs if p.number == 51)
    assert p51.section == ("Safeguarding services", "Partnership working")
    assert (p51.judgement.area, p51.judgement.grade, p51.judgement.word) == ("partnership_working", 2, "Good")


def test_report_metadata(sg):
    r = sg.report
    assert r.id == "south-gloucestershire-2012-07-06"  # council and last inspection day
    assert r.authority == "South Gloucestershire"
    assert r.type == "slac-2012"
    assert r.published == "2012-08-10"
    assert r.inspection_dates == "25 June 2012 to 6 July 2012"
    assert (r.inspection_start, r.inspection_end) == ("2012-06-25", "2012-07-06")
    assert r.title == "Inspection of safeguarding and looked after children services"
    assert len(r.sha256) == 64 and sg.problems == ()


def test_every_paragraph_text_is_in_the_source(sg):
    """Parse, then re-render: each paragraph's words stand in the file in the same order, unbroken
    (page breaks, bullet marks and table rules aside), and together they cover the numbered body."""
    words = lambda text: " ".join(re.findall(r"\w+", text))  # noqa: E731
    source = words(SAMPLE.read_text())
    for p in sg.paragraphs:
        assert words(p.text) in source, p.text[:80]
    body = words(SAMPLE.read_text().split("About this inspection\n\n1.")[1].split("Record of main findings")[0])
    rendered = sum(len(words(p.text)) + (len(str(p.number)) > 0 and p.kind == "paragraph")
                   for p in sg.paragraphs if p.kind != "table" or p.number is not None)
    assert rendered >= 0.97 * len(body.split()) - 200


def test_every_numbered_paragraph_has_unique_citation(sg):
    refs = [p.ref for p in sg.paragraphs if p.kind == "paragraph"]
    assert len(refs) == len(set(refs))


@pytest.mark.parametrize("pdf", PDFS, ids=[p.stem for p in PDFS])
def test_sample_pdf_numbering_has_no_gaps_and_no_page_furniture(pdf):
    parsed = parse_file(pdf)
    numbers = renumber_check(parsed.paragraphs)
    assert numbers == list(range(1, len(numbers) + 1)), "gaps or duplicates"
    assert len(numbers) >= 30
    headers = _running_headers(pdf)
    for p in parsed.paragraphs[1:]:  # the title page itself names the report
        flat = " ".join(p.text.split())
        for header in headers:
            assert header not in flat, (header, flat[:200])
        assert not re.search(r"\.\s+\d{1,2}\s+[A-Z]", flat) or re.search(r"\d{1,2}\s+(January|February|March|April|May|"
                                                                     r"June|July|August|September|October|November|"
                                                                     r"December|per|of|children|young)", flat), flat
    assert parsed.report.authority and parsed.report.published[:4].isdigit()
    # every citation label points at one piece of text, or at a paragraph and its bullets
    by_ref = {}
    for p in parsed.paragraphs:
        by_ref.setdefault(p.ref, []).append(p)
    for ref, items in by_ref.items():
        assert sum(1 for i in items if i.kind == "paragraph" or i.number is None) <= 1 or ref.startswith("S"), ref


def _running_headers(pdf: Path) -> list[str]:
    """Lines that open most pages, found independently of the parser's own furniture rule."""
    from collections import Counter

    from pypdf import PdfReader

    firsts = Counter()
    pages = PdfReader(pdf).pages
    for page in pages:
        lines = [line.strip() for line in (page.extract_text() or "").splitlines() if line.strip()]
        for line in lines[:2]:
            firsts[re.sub(r"\s*\d+$", "", line)] += 1
    return [h for h, n in firsts.items() if n >= 0.4 * len(pages) and len(h) >= 20]


def test_restarted_numbering_keeps_both_lists_apart():
    """SIF reports number a cover list 1..3 and then the body from 1: nothing dropped or merged."""
    parsed = parse_file(SHARED / "leeds-2015-03-27.pdf")
    cover = [p for p in parsed.paragraphs if p.number is None and "1. Children who need help" in p.text]
    assert len(cover) == 1 and cover[0].ref == "S1" and cover[0].kind == "cover"
    assert "1. Children who need help and protection Good" in cover[0].text
    first = next(p for p in parsed.paragraphs if p.number == 1)
    assert first.text.startswith("Extend the reach of the outcomes-based accountability approach")
    assert any(j.area == "help_and_protection" and j.word == "Good" and j.ref == "S1"
               for j in parsed.report.judgements)


def test_ofsted_back_page_is_not_part_of_the_last_paragraph():
    """Most PDFs since 2019 wrap the back page's first line after "(Ofsted)": the report still ends
    with its own last sentence, and no paragraph carries who Ofsted is."""
    for pdf in PDFS + sorted((SHARED / "corpus").glob("*.pdf")):
        try:
            parsed = parse_file(pdf)
        except ParseError:
            continue
        carried = [p.ref for p in parsed.paragraphs if "regulates and inspects" in p.text]
        assert not carried, (pdf.name, carried)
    last = parse_file(SHARED / "oldham-2024-07-12.pdf").paragraphs[-1]
    assert last.ref == "62" and last.text.endswith(".") and "Ofsted" not in last.text


def test_a_judgement_written_as_a_sentence_heads_its_section_and_ends_the_list_before_it():
    """Some ILACS reports of 2018-2020 (Nottingham 2019, Reading 2019, Cheshire East 2020) head each
    section with its judgement as a full sentence; read as text, it left "What needs to improve" open,
    and every paragraph of the report after it was taken for a recommendation."""
    from index.formats.body import parse_body

    lines = ["What needs to improve", "\uf06e The quality of plans for children.", "\uf06e Return home interviews.", "",
             "The experiences and progress of children who need help and",
             "protection requires improvement to be good.",
             "1. Early help is strong. Families get help quickly.",
             "2. Plans are weak. They lack timescales.",
             "The experiences and progress of children in care and care leavers is good.",
             "3. Children in care live in stable homes."]
    body = parse_body(lines)
    kinds = {p.ref: (p.kind, p.section[-1]) for p in body.paragraphs if p.number}
    assert [p.kind for p in body.paragraphs if not p.number] == ["recommendation", "recommendation"]
    assert kinds["1"] == kinds["2"] == ("paragraph", "The experiences and progress of children who need help and "
                                                     "protection requires improvement to be good")
    assert kinds["3"] == ("paragraph", "The experiences and progress of children in care and care leavers is good")
    assert [(g.key, g.word) for g in body.graded] == [("help_and_protection", "Requires improvement to be good"),
                                                     ("in_care", "Good")]


def test_hyphen_at_a_line_break_is_a_hyphen():
    """PDFium gives a hyphen that ends a line as U+FFFE; a word split there must still be findable."""
    parsed = parse_file(SHARED / "corpus" / "hammersmith-and-fulham-2016-03-29.pdf")
    by_ref = {p.ref: p.text for p in parsed.paragraphs}
    assert "The number of electively home-educated children was 65" in by_ref["33"]
    assert not [p.ref for p in parsed.paragraphs if "\ufffe" in p.text]


def test_ilacs_what_needs_to_improve_bullets_are_recommendations():
    parsed = parse_file(SHARED / "oldham-2024-07-12.pdf")
    recs = [p for p in parsed.paragraphs if p.kind == "recommendation"]
    assert any("return home interviews" in p.text for p in recs)
    # no publication line in ILACS reports: the file name's date; the id is the last inspection day
    assert (parsed.report.id, parsed.report.published) == ("oldham-2024-05-24", "2024-07-12")


@pytest.mark.parametrize("content, reason", [
    (b"", "the file is empty"),
    (b"   \n\n", "the file is empty"),
    (b"Just some notes.\nNothing numbered here at all.\n", "no numbered paragraphs"),
])
def test_bad_text_input_gets_a_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ParseError) as err:
        parse_file(path)
    assert reason in str(err.value) and str(path) in str(err.value)
    assert "\n" not in str(err.value)


def test_html_saved_as_pdf():
    with pytest.raises(ParseError) as err:
        parse_file(BAD_HTML)
    assert "HTML page" in err.value.reason


def _parse_error_for_written_pdf(path, writer) -> ParseError:
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(ParseError) as err:
        parse_file(path)
    return err.value


def test_image_only_pdf_has_no_text_layer(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    assert "no text layer" in _parse_error_for_written_pdf(tmp_path / "scan.pdf", writer).reason


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(SHARED / "dorset-2021-11-19.pdf").pages[:2]:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    assert "encrypted" in _parse_error_for_written_pdf(tmp_path / "locked.pdf", writer).reason


def test_truncated_pdf(tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes((SHARED / "dorset-2021-11-19.pdf").read_bytes()[:3000])
    with pytest.raises(ParseError):
        parse_file(path)


def test_parse_lines_is_deterministic(sg):
    lines = SAMPLE.read_text().splitlines()
    again = parse_lines(lines, source=str(SAMPLE), sha256=sg.report.sha256)
    assert again == sg


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "ui.cli", *args], capture_output=True, text=True,
                          timeout=120)


def test_cli_parse_json_shape():
    out = _cli("parse", str(SAMPLE), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"report", "paragraphs", "problems"}
    assert {"id", "authority", "type", "inspection_start", "inspection_end", "published", "judgements"} <= set(
        data["report"])
    para = data["paragraphs"][0]
    assert {"number", "text", "section", "judgement", "kind", "timescale", "parent"} <= set(para)
    bullet = next(p for p in data["paragraphs"] if p["timescale"] == "Within three months")
    assert bullet["parent"] == 20 and bullet["kind"] == "recommendation"


def test_cli_parse_bad_file_is_one_line():
    out = _cli("parse", str(BAD_HTML))
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert BAD_HTML.name in out.stderr and "HTML" in out.stderr


def test_a_sif_of_2014_lists_its_priority_actions_and_long_sub_headed_areas_as_recommendations():
    """Waltham Forest 2015: "Priority and immediate action" heads paragraphs 1-4 and "Areas for improvement"
    5-20, under sub-headings such as "Standards of social work practice"; the strengths after them are text."""
    from tests.conftest import SHARED

    report = parse_file(SHARED / "corpus" / "waltham-forest-2015-01-20.pdf")
    kinds = {p.ref: p.kind for p in report.paragraphs}
    assert all(kinds[str(n)] == "recommendation" for n in range(1, 21))
    assert kinds["21"] == "paragraph"
    assert report.text_of("1").startswith("Better coordinate information")
    # priority actions are for now; the areas for improvement give no deadline
    deadlines = {p.ref: p.timescale for p in report.paragraphs if p.kind == "recommendation"}
    assert [deadlines[str(n)] for n in range(1, 6)] == ["Immediately"] * 4 + [None]


def test_a_list_of_priority_actions_that_says_there_are_none_holds_no_recommendation():
    from index.formats.body import NONE_FOUND

    for text in ("The inspection did not find any areas for priority and immediate action.",
                 "There are no areas of priority action.", "No areas were identified for immediate improvement."):
        assert NONE_FOUND.search(text)
    assert not NONE_FOUND.search("Ensure that no areas of the county lack early help.")


def test_a_line_ending_one_sentence_and_opening_a_list_is_no_heading():
    """A SIF report's list of figures: "At 31 March 2017, 343 children were being looked after ... This is lower
    than the 353 children at 31 March 2016. Of this number:" continues its bullet; taken for a heading, it cut the
    total from the list (Islington 2017) and the short bullet left was dropped as a title-page line."""
    from index.formats.body import parse_body

    lines = ["Children looked after in this area",
             "\uf06e At 31 March 2017, 343 children were being looked after by the local authority.",
             "This is lower than the 353 children at 31 March 2016. Of this number:",
             "\uf02d 229 (67%) live outside the local authority area",
             "\uf02d 51 are unaccompanied asylum-seeking children.", "",
             "1. Children in care live in stable homes."]
    body = parse_body(lines)
    text = "\n".join(p.text for p in body.paragraphs)
    assert "343 children were being looked after" in text and "Of this number" in text
    listed = next(p for p in body.paragraphs if "343" in p.text)
    assert listed.section[-1] == "Children looked after in this area" and "229 (67%)" in listed.text


def test_a_first_line_that_wrapped_at_the_line_width_is_no_heading():
    """Cambridgeshire 2024, paragraph 53: a sentence's first line, short only because the next word would not
    fit, came straight after the end of a sentence and was taken for a heading; its words were lost and the
    rest became an unnumbered paragraph under it. A heading breaks early: the next word would have fitted."""
    from index.formats.body import parse_body

    filler = "Senior leaders know the service well and have an accurate view of its practice."  # a full line
    lines = ["The impact of leaders", "", "1. " + filler, filler, filler, filler,
             "2. Since the last inspection, services have changed. The decoupling of shared",
             "Peterborough City Council was completed in 2023 after much work by leaders.",
             "This decoupling has enabled the recruitment and introduction of a new",
             "Cambridgeshire senior leadership team within Children, Education and Families.",
             "3. " + filler]
    body = parse_body(lines)
    two = next(p for p in body.paragraphs if p.number == 2)
    assert "introduction of a new Cambridgeshire senior leadership team" in two.text
    assert [p.number for p in body.paragraphs] == [1, 2, 3]
    assert all(p.section == ("The impact of leaders",) for p in body.paragraphs)

    # a short line that did not need to break, with its first sentence under it, is a heading still
    lines[8:10] = ["The local safeguarding children board", "The board is chaired independently and works well."]
    body = parse_body(lines)
    assert body.paragraphs[-1].section[-1] == "The local safeguarding children board"


@pytest.mark.parametrize("broken, following", [
    ("For example, the absence of a Birmingham Safeguarding Children Board",
     "(BSCB) education sub-committee to coordinate the work of the board is a weakness."),
    ("Effective and timely responses are made to meet the needs of homeless",
     "16 and 17 year-olds and those remanded to the care of the local authority."),
    ("The migration onto the new system is due to be complete by Autumn",
     "2013. Currently there is no coherent overview of children's needs."),
])
def test_a_line_going_on_with_a_bracket_a_count_or_a_year_is_no_heading(broken, following):
    """Birmingham 2014, Haringey 2014, Medway 2013: a sentence broken by a page break, whose next line starts
    with a bracket, a number counting something or a year, had been read as a heading: its words left the text,
    and in two reports the section's graded heading gave way to it for every paragraph after."""
    from index.formats.body import parse_body

    lines = ["Services for children looked after", "", "1. Children are safe.", "", broken, "", following,
             "", "2. Children are seen regularly."]
    body = parse_body(lines)
    one = body.paragraphs[0]
    assert broken in one.text and following.split()[0] in one.text
    assert body.paragraphs[1].section == ("Services for children looked after",)


def test_a_sif_section_heading_and_its_summary_are_no_part_of_the_paragraph_before():
    """SIF reports head a section with its area and grade, then "Summary": "The experiences and progress of
    children | looked after and achieving permanence Good | Summary". Read as text, heading and summary ran on
    from the last paragraph of the section before (in 80 of the corpus's reports), and the summary was cited as
    that paragraph. The summary is an unnumbered paragraph of its section, labelled after the report's other
    unnumbered paragraphs so that their labels do not change."""
    from index.formats.body import parse_body

    lines = ["1. Early help is strong.", "2. Allegations are managed well.", "",
             "The experiences and progress of children", "looked after and achieving permanence Good", "Summary",
             "Services for children looked after in Wigan are good.", "",
             "3. Children in care live in stable homes.", "",
             "Information about this inspection", "Inspectors looked at case files."]
    body = parse_body(lines)
    by_ref = {p.ref: p for p in body.paragraphs}
    assert by_ref["2"].text == "Allegations are managed well."
    summary = next(p for p in body.paragraphs if p.text.startswith("Services for children looked after"))
    assert summary.number is None and summary.judgement is not None and summary.judgement.word == "Good"
    assert summary.section[-1] == "The experiences and progress of children looked after and achieving permanence: Good"
    # the unnumbered paragraph after it keeps the label it had; the summary's comes last
    assert by_ref["S1"].text == "Inspectors looked at case files."
    assert summary.ref == "S2"
    assert [p.ref for p in body.paragraphs] == ["1", "2", "S2", "3", "S1"]
