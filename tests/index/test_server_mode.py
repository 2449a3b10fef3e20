"""The same store, retrieval and answers against a real `chroma run` server (HttpClient)."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from assistant.answer import Assistant
from assistant.retrieve import Retriever
from index.ingest import Ingestor
from index.store import Store
from tests.conftest import MEDWAY, SAMPLE

pytestmark = pytest.mark.server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    assert chroma, "the chroma CLI ships with chromadb and must be installed"
    port = _free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen([chroma, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("chroma run did not start")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def server_store(chroma_url, tmp_path_factory, embedder):
    store = Store(tmp_path_factory.mktemp("server-client"), embedder, chroma_url=chroma_url)
    result = Ingestor(store).run([SAMPLE, MEDWAY])
    assert result.added and not result.failed
    return store


def test_store_talks_to_the_server(server_store):
    assert not (server_store.data_dir / "chroma").exists(), "server mode wrote a local Chroma"
    assert set(server_store.catalog()) == {"south-gloucestershire-2012-08-10", "medway-2013-08-23"}


@pytest.mark.parametrize("question, report, paragraph", [
    ("What grade did partnership working get?", "south-gloucestershire-2012-08-10", "51"),
    ("What must happen within three months for health partners?", "south-gloucestershire-2012-08-10", "20"),
    ("How many looked after children were there in Medway?", "medway-2013-08-23", "5"),
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
    assert again.added == [] and again.skipped == ["south-gloucestershire-2012-08-10"]


def test_cli_with_chroma_url(server_store, chroma_url, cli_env):
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "reports", "--json", "--chroma-url", chroma_url],
                         env=cli_env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert {r["id"] for r in json.loads(out.stdout)} == {"south-gloucestershire-2012-08-10", "medway-2013-08-23"}
    host, port = chroma_url.rsplit(":", 1)
    env = dict(cli_env, CHROMA_HOST=host.split("//")[1], CHROMA_PORT=port)
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "reports", "--json"], env=env,
                         capture_output=True, text=True, timeout=120)
    assert len(json.loads(out.stdout)) == 2


def test_unreachable_server_is_one_line(cli_env):
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "reports", "--chroma-url",
                          f"http://127.0.0.1:{_free_port()}"], env=cli_env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 1
    assert out.stderr.startswith("error: cannot open the index") and out.stderr.count("\n") == 1
