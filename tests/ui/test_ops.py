"""Operating the server: load, rate limits, what it logs, what it binds to and reveals.

Each test runs a real `report-assistant serve` process."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import httpx
import pytest

from evals.bench import load
from tests.ui.conftest import start_server

QUESTIONS = ["What grade did partnership working get?", "How was capacity for improvement judged?",
             "are kids in care getting their jabs?", "What must happen within three months for health partners?"]


def _stop(proc) -> None:
    proc.terminate()
    proc.wait(timeout=30)


def test_short_load_has_no_errors(server):
    result = load(server, QUESTIONS, clients=8, seconds=5)
    assert result["errors"] == 0, result["error_kinds"]
    assert result["requests"] >= 8


def test_load_generator_stays_on_this_machine():
    with pytest.raises(ValueError, match="only targets this machine"):
        load("http://example.org", QUESTIONS, clients=1, seconds=1)


@pytest.fixture(scope="module")
def limited_server(web_data):
    url, proc = start_server(web_data, args=("--rate-limit", "5"))
    yield url
    _stop(proc)


def test_rate_limit_answers_429_with_retry_after(limited_server):
    q = {"question": "What grade did partnership working get?"}
    with httpx.Client(timeout=60) as http:
        codes = [http.post(f"{limited_server}/api/ask", json=q).status_code for _ in range(5)]
        refused = http.post(f"{limited_server}/api/ask", json=q)
        assert codes == [200] * 5
        assert refused.status_code == 429
        assert "at most 5 a minute" in refused.json()["detail"]
        retry = int(refused.headers["retry-after"])
        assert 1 <= retry <= 60
        # the limit is on answering, not on being looked at
        assert http.get(f"{limited_server}/healthz").status_code == 200
    # another client address has its own allowance (all of 127.0.0.0/8 is this machine)
    other = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"), timeout=60)
    with other:
        assert other.post(f"{limited_server}/api/ask", json=q).status_code == 200
    # behind a proxy on this machine, each forwarded user has their own allowance too
    forwarded = httpx.post(f"{limited_server}/api/ask", json=q, headers={"X-Forwarded-For": "10.20.30.40"},
                           timeout=60)
    assert forwarded.status_code == 200


def _tcp_listeners(port: int) -> set[str]:
    """Local addresses in LISTEN state on `port`, from the kernel's own table."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if int(hex_port, 16) == port and fields[3] == "0A":
                found.add(address)
    return found


def test_binds_to_loopback_and_health_reveals_nothing(server):
    port = int(server.rsplit(":", 1)[1])
    assert _tcp_listeners(port) == {"0100007F"}  # 127.0.0.1 only, nothing on 0.0.0.0 or ::
    r = httpx.get(f"{server}/healthz")
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"status", "reports", "paragraphs", "mode"}
    assert body["status"] == "ok" and body["reports"] == 2
    assert "/" not in r.text and "version" not in r.text.lower()
    assert "server" not in {k.lower() for k in r.headers}


MARKER = "what did the zebra-crossing audit find about Quentin Marchbanks"


def _ask_everywhere(url: str) -> None:
    r = httpx.post(f"{url}/api/ask", json={"question": MARKER}, timeout=60)
    assert r.status_code == 200
    from gradio_client import Client

    # the page's own endpoint, named after its function
    Client(url, verbose=False).predict(MARKER, [], "__all__", {"plain": "", "turns": []}, api_name="/ask")


def _log_once_answered(proc_log: Path, channel: str) -> str:
    deadline = time.time() + 30
    while time.time() < deadline:
        text = proc_log.read_text()
        if f"{channel} answer:" in text:
            return text
        time.sleep(0.2)
    raise AssertionError(f"no '{channel} answer:' line in the log:\n{proc_log.read_text()[-2000:]}")


@pytest.mark.parametrize("debug", [False, True])
def test_logs_hold_no_question_text_unless_debugging(web_data, tmp_path, debug):
    data = tmp_path / "data"
    shutil.copytree(web_data, data, ignore=shutil.ignore_patterns("serve-*.log"))
    # a damaged snapshot cache: the next start rebuilds it from Chroma, and says so
    for f in (data / "snapshot").glob("*.np*"):
        f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])
    url, proc = start_server(data, args=("--rate-limit", "0", *(["--debug"] if debug else [])))
    try:
        httpx.post(f"{url}/api/ask", json={"question": "What grade did partnership working get?"}, timeout=60)
        _ask_everywhere(url)
        log_file = next(data.glob("serve-*.log"))
        text = _log_once_answered(log_file, "page")
        assert "api answer:" in text
    finally:
        _stop(proc)
    assert "rebuilt it from Chroma" in text
    assert ("Quentin" in text) is debug and ("zebra" in text) is debug
