"""A real `report-assistant serve` process on a free port, and Debian's chromium via Playwright."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import HOSTILE_REPORT, ROOT, SAMPLE
from evals.serve import free_port, start_server  # noqa: F401  - re-exported for the tests

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def web_data(tmp_path_factory):
    """An index of the primary report and a small report whose text carries HTML and an injection."""
    data = tmp_path_factory.mktemp("web-data")
    xss = data / "xss-town-2020-02-01.txt"
    xss.write_text(HOSTILE_REPORT)
    out = subprocess.run([sys.executable, "-m", "ui.cli", "ingest", str(SAMPLE), str(xss)],
                         env=dict(os.environ, REPORT_ASSISTANT_DATA=str(data)), capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stderr
    return data


@pytest.fixture(scope="session")
def server(web_data):
    # the suite sends far more than a person would from one address; the limit has its own test
    url, proc = start_server(web_data, args=("--rate-limit", "0"))
    yield url
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                    "--disable-component-update", "--no-first-run"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page that records every request it makes and every dialog that opens."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.requests = []
    pg.dialogs = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()
