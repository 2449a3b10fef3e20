"""The same store, retrieval and answers against a real `chroma run` server (HttpClient)."""
from __future__ import annotations

import json
import subprocess
import sys
import time

import httpx
import pytest

from assistant.answer import Assistant
from assistant.retrieve import Retriever
from index.ingest import Ingestor
from index.store import Store
from tests.conftest import MEDWAY, SAMPLE, ChromaProcess, free_port

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    chroma = ChromaProcess(tmp_path_factory.mktemp("chroma-server"))
    chroma.start()
    yield chroma.url
    chroma.stop()


@pytest.fixture(scope="module")
def server_store(chroma_url, tmp_path_factory, embedder):
    store = Store(tmp_path_factory.mktemp("server-client"), embedder, chroma_url=chroma_url)
    result = Ingestor(store).run([SAMPLE, MEDWAY])
    assert result.added and not result.failed
    return store


def test_store_talks_to_the_server(server_store):
    assert not (server_store.data_dir / "chroma").exists(), "server mode wrote a local Chroma"
    assert set(server_store.catalog()) == {"south-gloucestershire-2012-07-06", "medway-2013-07-19"}


@pytest.mark.parametrize("question, report, paragraph", [
    ("What grade did partnership working get?", "south-gloucestershire-2012-07-06", "51"),
    ("What must happen within three months for health partners?", "south-gloucestershire-2012-07-06", "20"),
    ("How many looked after children were there in Medway?", "medway-2013-07-19", "5"),
])
def test_retrieval_against_the_server(server_store, question, report, paragraph):
    hits = Retriever(server_store).search(question)
    assert (hits[0].report, hits[0].paragraph) == (report, paragraph) or any(
        (h.report, h.paragraph) == (report, paragraph) for h in hits[:3])


def test_answer_against_the_server(server_store):
    answer = Assistant(Retriever(server_store)).answer("what must happen within three months for health partners?",
                                                       report="South Gloucestershire")
    assert {c.paragraph for c in answer.citations} == {"20", "60"}


def test_reingest_against_the_server_is_a_no_op(server_store):
    again = Ingestor(server_store).run([SAMPLE])
    assert again.added == [] and again.skipped == ["south-gloucestershire-2012-07-06"]


def test_cli_with_chroma_url(server_store, chroma_url, cli_env):
    out = subprocess.run([sys.executable, "-m", "ui.cli", "reports", "--json", "--chroma-url", chroma_url],
                         env=cli_env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert {r["id"] for r in json.loads(out.stdout)} == {"south-gloucestershire-2012-07-06", "medway-2013-07-19"}
    host, port = chroma_url.rsplit(":", 1)
    env = dict(cli_env, CHROMA_HOST=host.split("//")[1], CHROMA_PORT=port)
    out = subprocess.run([sys.executable, "-m", "ui.cli", "reports", "--json"], env=env,
                         capture_output=True, text=True, timeout=120)
    assert len(json.loads(out.stdout)) == 2


def test_unreachable_server_is_one_line(cli_env):
    out = subprocess.run([sys.executable, "-m", "ui.cli", "reports", "--chroma-url",
                          f"http://127.0.0.1:{free_port()}"], env=cli_env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 1
    assert out.stderr.startswith("error: cannot open the index") and out.stderr.count("\n") == 1


def _ask(url: str) -> httpx.Response:
    return httpx.post(f"{url}/api/ask", json={"question": "What grade did partnership working get?"}, timeout=60)


def _until_ok(url: str, seconds: float = 60) -> httpx.Response:
    deadline = time.time() + seconds
    while True:
        r = _ask(url)
        if r.status_code == 200 or time.time() > deadline:
            return r
        time.sleep(0.5)


def test_web_api_survives_the_chroma_server_going_away(tmp_path, cli_env):
    from evals.serve import start_server

    chroma = ChromaProcess(tmp_path / "chroma")
    chroma.start()
    try:
        out = subprocess.run([sys.executable, "-m", "ui.cli", "ingest", "--chroma-url", chroma.url,
                              str(SAMPLE)], env=cli_env, capture_output=True, text=True, timeout=600)
        assert out.returncode == 0, out.stderr
        url, web = start_server(tmp_path / "web", {"REPORT_ASSISTANT_CHROMA_TIMEOUT": "2"},
                                ("--chroma-url", chroma.url, "--rate-limit", "0"))
        try:
            assert _ask(url).json()["citations"][0]["paragraph"] == "51"

            chroma.stop()  # gone: connections refused
            time.sleep(1.2)  # past the snapshot's refresh interval: the next question checks the server
            health = httpx.get(f"{url}/healthz", timeout=30)
            assert health.status_code == 503 and health.headers["retry-after"] == "5"
            assert health.json()["detail"].startswith("the report index is unavailable right now")
            assert chroma.url not in health.text  # where the database lives is not the caller's business
            # questions are still answered, from the last snapshot the server gave
            for _ in range(3):
                down = _ask(url)
                assert down.status_code == 200 and down.json()["citations"][0]["paragraph"] == "51"

            chroma.start()  # back on the same port and folder: no restart of ours needed
            deadline = time.time() + 60
            while httpx.get(f"{url}/healthz", timeout=30).status_code != 200 and time.time() < deadline:
                time.sleep(0.5)
            assert httpx.get(f"{url}/healthz", timeout=30).status_code == 200
            assert _ask(url).json()["citations"][0]["paragraph"] == "51"

            chroma.pause()  # alive but silent: our 2 s timeout, not a hang, and once, not per question
            time.sleep(1.2)
            started = time.monotonic()
            answers = [_ask(url) for _ in range(4)]
            assert all(a.status_code == 200 for a in answers) and time.monotonic() - started < 10
            chroma.resume()
            assert _until_ok(url).status_code == 200
            deadline = time.time() + 60
            while httpx.get(f"{url}/healthz", timeout=30).status_code != 200 and time.time() < deadline:
                time.sleep(0.5)
            assert httpx.get(f"{url}/healthz", timeout=30).status_code == 200
        finally:
            web.terminate()
            web.wait(timeout=30)
    finally:
        chroma.stop()
