"""The command line as a user runs it: one subprocess per command, a throwaway data dir."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import BAD_HTML, SAMPLE, SHARED

pytestmark = pytest.mark.integration


def run(env, *args, timeout=600):
    return subprocess.run([sys.executable, "-m", "ui.cli", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    import os

    env = dict(os.environ, REPORT_ASSISTANT_DATA=str(tmp_path_factory.mktemp("cli")))
    out = run(env, "ingest", str(SAMPLE), str(BAD_HTML))
    assert out.returncode == 1, "a failed file makes the exit code non-zero"
    assert "added    south-gloucestershire-2012-07-06 (123 paragraphs)" in out.stdout
    assert "paragraphs/s" in out.stdout
    failed = [line for line in out.stderr.splitlines() if line.startswith("failed")]
    assert len(failed) == 1 and "HTML page" in failed[0] and "Traceback" not in out.stderr
    return env


def test_reingest_is_skipped(indexed):
    out = run(indexed, "ingest", str(SAMPLE))
    assert out.returncode == 0 and "unchanged south-gloucestershire-2012-07-06" in out.stdout


def test_ask_json(indexed):
    out = run(indexed, "ask", "What must happen within three months for health partners?", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert {c["paragraph"] for c in data["citations"]} == {"20", "60"} and data["mode"] == "extractive"


def test_ask_text_writes_references_out(indexed):
    out = run(indexed, "ask", "what grade did partnership working get?")
    assert "Partnership working was judged Good (Grade 2) [51]" in out.stdout and "References:" in out.stdout


@pytest.mark.parametrize("question, message", [("", "empty"), ("x" * 1_000_000, "limit is 2,000")])
def test_bad_question_is_one_line(indexed, question, message):
    if len(question) > 100_000:
        # a 1 MB question does not fit in argv on every system; send it the way a script would
        out = subprocess.run([sys.executable, "-c", "import sys; from ui.cli import main; "
                              "sys.argv=['report-assistant','ask', sys.stdin.read()]; main()"],
                             input=question, env=indexed, capture_output=True, text=True, timeout=120)
    else:
        out = run(indexed, "ask", question)
    assert out.returncode == 2 and message in out.stderr
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


def test_reports_and_remove(indexed):
    listed = json.loads(run(indexed, "reports", "--json").stdout)
    assert [r["id"] for r in listed] == ["south-gloucestershire-2012-07-06"] and listed[0]["paragraphs"] == 123
    out = run(indexed, "remove", "no-such-report")
    assert out.returncode == 1 and "no indexed report" in out.stderr


def test_eval_with_users_own_gold_file(indexed, tmp_path):
    gold = tmp_path / "mine.yaml"
    gold.write_text("- id: mine-1\n  question: What grade did partnership working get?\n  cite: [51]\n"
                    "  facts: [Good]\n- id: mine-2\n  question: Who won the World Cup?\n  answerable: false\n")
    out = run(indexed, "eval", "--gold", str(gold), "--json", "--no-baselines", "--no-ingest", "--report-md",
              str(tmp_path / "r.md"))
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    for mode in ("selected", "widget"):  # every item is asked both ways
        scores = result["sets"]["mine"][mode]
        assert scores["n"] == 2 and scores["citation_precision"] == 1.0 and scores["refusal_accuracy"] == 1.0
    assert (tmp_path / "r.md").read_text().startswith("# Evaluation report")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: x\n  question: q\n")
    out = run(indexed, "eval", "--gold", str(bad), "--no-ingest")
    assert out.returncode == 1 and "cites nothing" in out.stderr and out.stderr.count("\n") == 1


def test_audit_prints_a_line_per_report_and_exits_1_on_problems(tmp_path):
    import os

    corpus = SHARED / "corpus"
    env = dict(os.environ, REPORT_ASSISTANT_DATA=str(tmp_path / "never-written"))
    files = [corpus / "bolton-2023-10-27.pdf", corpus / "windsor-maidenhead-2020-02-24.pdf", BAD_HTML]
    out = run(env, "audit", *map(str, files))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "Parsing" in out.stderr  # the progress bar goes to stderr, the lines to stdout
    lines = out.stdout.splitlines()
    bolton = next(line for line in lines if "bolton-2023-09-15" in line)
    assert bolton.startswith("ok") and "Bolton | ilacs-short | 2023-09-11..2023-09-15 | published 2023-10-27" in bolton
    assert "overall Good" in bolton and "help_and_protection Requires improvement to be good" in bolton
    assert any(line.startswith("PROBLEM windsor-and-maidenhead-2020-01-24") for line in lines)
    assert any("after 14 comes 16" in line for line in lines)
    assert any(line.startswith("FAILED") and "HTML page" in line for line in lines)
    assert "2 reports from 3 files" in lines[-1] and "1 unreadable; 2 with problems" in lines[-1]
    assert not (tmp_path / "never-written").exists(), "an audit indexes nothing"

    clean = run(env, "audit", "--json", str(files[0]))
    assert clean.returncode == 0
    data = json.loads(clean.stdout)
    assert data["summary"]["reports"] == 1 and data["summary"]["with_problems"] == 0
    report = data["reports"][0]
    assert {k: report[k] for k in ("id", "authority", "type", "inspection_end", "published")} == {
        "id": "bolton-2023-09-15", "authority": "Bolton", "type": "ilacs-short", "inspection_end": "2023-09-15",
        "published": "2023-10-27"}
    assert report["grades"]["overall"] == "Good" and report["problems"] == []
