"""The JSON API over real HTTP against a real server process: shapes, bad input, keys, CORS."""
from __future__ import annotations

import concurrent.futures as cf
import json

import httpx
import pytest

from tests.ui.conftest import start_server

SG = "south-gloucestershire-2012-07-06"


def test_ask_returns_the_cli_json_shape(server):
    r = httpx.post(f"{server}/api/ask", json={"question": "What grade did partnership working get?",
                                              "history": [], "report": None}, timeout=60)
    assert r.status_code == 200
    data = r.json()
    assert set(data) == {"answer", "citations", "refused", "mode", "timings_ms"}
    assert data["citations"][0]["paragraph"] == "51" and data["citations"][0]["report_id"] == SG
    assert set(data["citations"][0]) == {"report_id", "authority", "title", "paragraph", "section", "quote"}


def test_follow_up_through_the_api(server):
    r = httpx.post(f"{server}/api/ask", json={"question": "and immediately?", "report": SG,
                                              "history": ["What must happen within three months for health "
                                                          "partners?"]}, timeout=60)
    assert {c["paragraph"] for c in r.json()["citations"]} == {"20", "60"}


def test_reports_and_paragraph_endpoints(server):
    reports = httpx.get(f"{server}/api/reports").json()
    assert {r["id"] for r in reports} == {SG, "xss-town-2020-01-10"}
    p = httpx.get(f"{server}/api/reports/{SG}/paragraphs/60").json()
    assert p["section"] == ["Services for looked after children", "Areas for improvement"]
    assert sum(r["timescale"] == "Within three months" for r in p["recommendations"]) == 5
    assert httpx.get(f"{server}/api/reports/{SG}/paragraphs/999").status_code == 404
    assert httpx.get(f"{server}/api/reports/nope/paragraphs/1").status_code == 404
    health = httpx.get(f"{server}/healthz").json()
    assert health["status"] == "ok" and health["reports"] == 2
    assert httpx.get(f"{server}/docs").status_code == 200
    assert "/api/ask" in httpx.get(f"{server}/openapi.json").json()["paths"]


@pytest.mark.parametrize("body, status, message", [
    ({"question": ""}, 422, "empty"),
    ({"question": "   \n "}, 422, "empty"),
    ({"question": "x" * 2001}, 422, "2,000"),
    ({"question": "hello", "report": "atlantis"}, 404, "atlantis"),
    ({"history": []}, 422, "question"),
])
def test_bad_input(server, body, status, message):
    r = httpx.post(f"{server}/api/ask", json=body, timeout=60)
    assert r.status_code == status
    assert message in r.json()["detail"]


def test_malformed_json_and_huge_body_then_normal_service(server):
    r = httpx.post(f"{server}/api/ask", content=b'{"question": "unfinished', headers={"content-type":
                                                                                     "application/json"})
    assert r.status_code == 422 and "JSON" in r.json()["detail"]
    big = json.dumps({"question": "a", "history": ["x" * 70_000]}).encode()
    r = httpx.post(f"{server}/api/ask", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413
    # no Content-Length (chunked): the limit is enforced while reading
    r = httpx.post(f"{server}/api/ask", content=iter([b"x" * 32_768] * 6), headers={"content-type":
                                                                                  "application/json"})
    assert r.status_code == 413
    ok = httpx.post(f"{server}/api/ask", json={"question": "What grade did partnership working get?"}, timeout=60)
    assert ok.status_code == 200 and ok.json()["citations"]


def test_several_users_at_once(server):
    questions = ["What grade did partnership working get?", "How was capacity for improvement judged?",
                 "are kids in care getting their jabs?", "What must happen within three months for health partners?"]
    with cf.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda q: httpx.post(f"{server}/api/ask", json={"question": q}, timeout=120),
                                questions * 4))
    assert all(r.status_code == 200 and r.json()["citations"] for r in results)


def test_no_cross_origin_allowed_by_default(server):
    r = httpx.options(f"{server}/api/ask", headers={"Origin": "http://intranet.example",
                                                    "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in r.headers
    r = httpx.post(f"{server}/api/ask", json={"question": "hi"}, headers={"Origin": "http://intranet.example"},
                   timeout=60)
    assert "access-control-allow-origin" not in r.headers


@pytest.fixture(scope="module")
def keyed_server(web_data):
    url, proc = start_server(web_data, {"REPORT_ASSISTANT_API_KEY": "s3cret-key"},
                             ("--allow-origin", "http://intranet.example"))
    yield url
    proc.terminate()
    proc.wait(timeout=30)


def test_api_key_and_allowed_origin(keyed_server):
    q = {"question": "What grade did partnership working get?"}
    assert httpx.post(f"{keyed_server}/api/ask", json=q, timeout=60).status_code == 401
    assert httpx.post(f"{keyed_server}/api/ask", json=q, headers={"X-API-Key": "wrong"}, timeout=60).status_code == 401
    ok = httpx.post(f"{keyed_server}/api/ask", json=q, headers={"X-API-Key": "s3cret-key",
                                                                  "Origin": "http://intranet.example"}, timeout=60)
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == "http://intranet.example"
    pre = httpx.options(f"{keyed_server}/api/ask", headers={"Origin": "http://intranet.example",
                                                            "Access-Control-Request-Method": "POST",
                                                            "Access-Control-Request-Headers": "content-type,x-api-key"})
    assert pre.status_code == 200
    other = httpx.options(f"{keyed_server}/api/ask", headers={"Origin": "http://evil.example",
                                                              "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in other.headers
    assert httpx.get(f"{keyed_server}/healthz").status_code == 200
    # every /api route, not only /api/ask; the key also works as a bearer token
    for path in ("/api/reports", f"/api/reports/{SG}/paragraphs/20"):
        assert httpx.get(f"{keyed_server}{path}").status_code == 401
        assert httpx.get(f"{keyed_server}{path}", headers={"X-API-Key": "s3cret-ke"}).status_code == 401
        assert httpx.get(f"{keyed_server}{path}", headers={"Authorization": "Bearer s3cret-key"}).status_code == 200


@pytest.mark.parametrize("threads", [1, 3])
def test_api_answers_at_most_answer_threads_questions_at_once(assistant, threads):
    """Answering is CPU-bound Python: the API runs at most `answer_threads` answers at once and
    queues the rest, so sixteen clients do not become sixteen threads fighting over the GIL."""
    import threading
    import time

    import uvicorn

    from evals.serve import free_port
    from ui.app import WebSettings, create_app

    class Counting:
        """The real assistant, counting how many of its answers run at once."""

        def __init__(self, inner):
            self.inner, self.now, self.most, self.lock = inner, 0, 0, threading.Lock()

        def __getattr__(self, name):
            return getattr(self.inner, name)

        def answer(self, *args, **kwargs):
            with self.lock:
                self.now += 1
                self.most = max(self.most, self.now)
            try:
                time.sleep(0.3)  # long enough for every request to be waiting
                return self.inner.answer(*args, **kwargs)
            finally:
                with self.lock:
                    self.now -= 1

    counting = Counting(assistant)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(counting, WebSettings(rate_limit=0, answer_threads=threads)),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.time() + 30
        while not server.started and time.time() < deadline:
            time.sleep(0.05)
        with cf.ThreadPoolExecutor(6) as pool:
            replies = list(pool.map(lambda _: httpx.post(f"http://127.0.0.1:{port}/api/ask", timeout=60, json={
                "question": "What grade did partnership working get?"}), range(6)))
    finally:
        server.should_exit = True
        thread.join(10)
    assert [r.status_code for r in replies] == [200] * 6
    assert {r.json()["citations"][0]["paragraph"] for r in replies} == {"51"}
    assert counting.most == threads
