"""The parser under hostile input: random, truncated and binary text, and damaged PDFs.

The only outcomes allowed are a parsed report or a `ParseError` whose message is one
line naming the file. Each example is bounded in time, so a hang fails the test."""
from __future__ import annotations

import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.model import ParsedReport, ParseError
from index.parse import parse_file
from tests.conftest import MEDWAY, SAMPLE, SMALL_PDF

SECONDS_PER_FILE = 30  # the largest sample parses in about 1 s
FUZZ = settings(deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])


@contextmanager
def bounded(seconds: int):
    def hang(signum, frame):
        raise TimeoutError(f"parsing took over {seconds} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def parse_bytes(folder: Path, name: str, data: bytes):
    path = folder / name
    path.write_bytes(data)
    try:
        with bounded(SECONDS_PER_FILE):
            parsed = parse_file(path)
    except ParseError as exc:
        message = str(exc)
        assert "\n" not in message and message.startswith(str(path)), message
        return exc
    assert isinstance(parsed, ParsedReport)
    refs = [p.ref for p in parsed.paragraphs if p.kind == "paragraph"]
    assert len(refs) == len(set(refs)), "two paragraphs share a citation"
    assert all(p.text.strip() for p in parsed.paragraphs)
    return parsed


REPORT_LINE = st.one_of(
    st.from_regex(r"\A[1-9][0-9]{0,2}\. [A-Za-z ,]{0,80}\Z"),  # numbered paragraph
    st.sampled_from(["", "Areas for improvement", "Immediately:", "Within three months:", "Within six months:",
                     "Grade 3 (Adequate)", "Grade 1 (Outstanding)", "Overall effectiveness", "Safeguarding services",
                     "Partnership working", "Inspection dates: 6 to 10 January 2020", "Published: 1 February 2020",
                     "Contents", "Page 4 of 20", "\f", "•", "• ensure that the council acts"]),
    st.text(max_size=120),
)


@FUZZ
@given(lines=st.lists(REPORT_LINE, max_size=80))
def test_report_shaped_text(tmp_path, lines):
    parse_bytes(tmp_path, "fuzz-2020-01-01.txt", "\n".join(lines).encode("utf-8", "surrogatepass"))


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".txt", ".md", ".pdf"]))
def test_binary_garbage(tmp_path, data, suffix):
    parse_bytes(tmp_path, f"garbage{suffix}", data)


@FUZZ
@given(cut=st.floats(min_value=0.0, max_value=1.0))
def test_truncated_primary_report(tmp_path, cut):
    data = SAMPLE.read_bytes()
    parse_bytes(tmp_path, SAMPLE.name, data[: int(len(data) * cut)])


PDF_BYTES = {p.name: p.read_bytes() for p in (SMALL_PDF, MEDWAY)}


@settings(FUZZ, max_examples=25)
@given(name=st.sampled_from(sorted(PDF_BYTES)), cut=st.floats(min_value=0.0, max_value=1.0))
def test_truncated_pdfs(tmp_path, name, cut):
    data = PDF_BYTES[name]
    parse_bytes(tmp_path, name, data[: int(len(data) * cut)])


@settings(FUZZ, max_examples=25)
@given(name=st.sampled_from(sorted(PDF_BYTES)),
       damage=st.lists(st.tuples(st.floats(min_value=0.0, max_value=0.999), st.integers(0, 255)),
                       min_size=1, max_size=40))
def test_pdfs_with_damaged_bytes(tmp_path, name, damage):
    data = bytearray(PDF_BYTES[name])
    for where, value in damage:
        data[int(where * len(data))] = value
    parse_bytes(tmp_path, name, bytes(data))


def test_a_pdf_cut_in_half_still_says_why(tmp_path):
    """Not only 'no exception': a damaged download is named as one."""
    result = parse_bytes(tmp_path, SMALL_PDF.name, PDF_BYTES[SMALL_PDF.name][:2000])
    assert isinstance(result, ParseError)
    assert "PDF" in str(result)


@pytest.mark.parametrize("text", ["1. " + "x" * 1_000_000, "\n".join(f"{n}. para" for n in range(1, 20_000)),
                                  "1. a\n" * 50_000])
def test_huge_inputs_finish(tmp_path, text):
    result = parse_bytes(tmp_path, "huge-2020-01-01.txt", text.encode())
    assert isinstance(result, (ParsedReport, ParseError))
