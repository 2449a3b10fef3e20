"""The CI gate: both gold sets, each item asked with its report selected and with none, through the
real answer() in extractive mode, against the thresholds of evals.scoring.GATES (issue 12's targets,
for both sets asked either way).

Runs `report-assistant eval` exactly as the README shows it, on an empty index: it must ingest
the corpus it scores (evals/corpus.txt) itself, so a newcomer gets the published figures. The
Markdown report goes to a temporary folder. Fails when any gated metric of either set, asked
either way, drops below its threshold. Blind items are never printed on failure: only which
metric failed.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from evals.scoring import gate_for
from tests.conftest import ROOT

pytestmark = pytest.mark.integration


def test_eval_on_an_empty_index_ingests_its_corpus_and_passes_the_gate(tmp_path, cli_env):
    corpus = [line.strip() for line in (ROOT / "evals" / "corpus.txt").read_text().splitlines()
              if line.strip() and not line.startswith("#")]
    report = tmp_path / "report.md"  # `report-assistant eval` writes evals/report.md; a test must not
    out = subprocess.run([sys.executable, "-m", "ui.cli", "eval", "--json", "--report-md", str(report)],
                         env=cli_env, capture_output=True, text=True, timeout=1800)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout)
    assert len(result["reports"]) == len(corpus), "the eval did not index its own corpus"
    assert set(result["sets"]) == {"tuning", "blind"}
    failures = []
    for name, modes in result["sets"].items():
        assert set(modes) == {"selected", "widget"}
        for mode, scores in modes.items():
            assert scores["n"] >= 80 and not scores["skipped"], (name, mode)
            failures += [f"{name}/{mode} {m} = {scores[m]}" for m, t in gate_for(name, mode).items()
                         if scores[m] < t]
    tuning_failing = result["sets"]["tuning"]["selected"]["failures"]
    assert not failures, f"below the gate: {failures}; failing tuning items: {tuning_failing}"
    assert set(result["baselines"]["tuning"]) == {"langchain-tutorial", "bm25-paragraphs", "dense-paragraphs"}
    for name, baseline in result["baselines"]["tuning"].items():
        assert result["sets"]["tuning"]["selected"]["recall_at_5"] > baseline["recall_at_5"], name
    item = result["sets"]["tuning"]["selected"]["items"][0]
    assert {"id", "question", "answer", "refused", "citations", "retrieved", "passed"} <= set(item)
    text = report.read_text()
    assert text.startswith("# Evaluation report") and report.with_suffix(".svg").exists()
    assert "blind" in text and "no report selected" in text
