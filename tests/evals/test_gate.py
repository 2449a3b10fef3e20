"""The CI gate: the gold set through the real answer() in extractive mode, against thresholds.

Runs the same code as `report-assistant eval` on an index of evals/corpus.txt, writes the
Markdown report (to a temporary folder), and fails when any gated metric drops below its threshold.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from evals.scoring import GATE
from tests.conftest import ROOT

pytestmark = pytest.mark.integration


def test_eval_gate(tmp_path, cli_env):
    corpus = [str(ROOT / line.strip()) for line in (ROOT / "evals" / "corpus.txt").read_text().splitlines()
              if line.strip() and not line.startswith("#")]
    ingest = subprocess.run([sys.executable, "-m", "ui.cli", "ingest", *corpus], env=cli_env,
                            capture_output=True, text=True, timeout=900)
    assert ingest.returncode == 0, ingest.stderr[-2000:]
    report = tmp_path / "report.md"  # `report-assistant eval` writes evals/report.md; a test must not
    out = subprocess.run([sys.executable, "-m", "ui.cli", "eval", "--json", "--report-md", str(report)],
                         env=cli_env, capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout)
    assert result["n"] >= 80 and not result["skipped"]
    assert set(result["baselines"]) == {"langchain-tutorial", "bm25-paragraphs", "dense-paragraphs"}
    failures = {m: result[m] for m, threshold in GATE.items() if result[m] < threshold}
    assert not failures, f"below the gate: {failures}; failing items: {result['failures']}"
    for name, baseline in result["baselines"].items():
        assert result["recall_at_5"] > baseline["recall_at_5"], name
    item = result["items"][0]
    assert {"id", "question", "answer", "refused", "citations", "retrieved", "passed"} <= set(item)
    assert report.read_text().startswith("# Evaluation report") and report.with_suffix(".svg").exists()
