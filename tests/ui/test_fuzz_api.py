"""POST /api/ask under hostile input, against the real server process.

Whatever arrives, the reply is a 200 answer or a 4xx with a message: never a 500, never
a dropped connection, and the server keeps answering afterwards."""
from __future__ import annotations

import json

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = settings(deadline=None, derandomize=True, max_examples=120,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
                    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner,
                                                                                 max_size=5), max_leaves=25)
# every code point, control characters and lone surrogates included
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=300)


@pytest.fixture(scope="module")
def http(server):
    with httpx.Client(base_url=server, timeout=120) as client:
        yield client


def check(r: httpx.Response) -> None:
    assert r.status_code < 500, (r.status_code, r.text[:300])
    body = r.json()
    if r.status_code == 200:
        assert set(body) == {"answer", "citations", "refused", "mode", "timings_ms"}
        assert body["answer"].strip()
    else:
        assert 400 <= r.status_code < 500
        assert isinstance(body["detail"], str) and body["detail"].strip() and "\n" not in body["detail"]


def post_raw(http, content: bytes, content_type: str = "application/json") -> httpx.Response:
    return http.post("/api/ask", content=content, headers={"content-type": content_type})


@FUZZ
@given(question=ANY_TEXT, history=st.lists(ANY_TEXT, max_size=3), report=st.none() | ANY_TEXT)
def test_any_unicode(http, question, history, report):
    # json.dumps escapes lone surrogates as \ud800, which is valid JSON the server must survive
    check(post_raw(http, json.dumps({"question": question, "history": history, "report": report}).encode()))


@FUZZ
@given(body=st.dictionaries(st.sampled_from(["question", "history", "report", "extra"]), JSON, max_size=4) | JSON)
def test_wrong_types_and_shapes(http, body):
    check(post_raw(http, json.dumps(body).encode()))


@settings(FUZZ, max_examples=60)
@given(data=st.binary(max_size=2000))
def test_bytes_that_are_not_json(http, data):
    check(post_raw(http, data))


@pytest.mark.parametrize("depth", [100, 1_000, 10_000, 30_000])
@pytest.mark.parametrize("where", ["top", "history"])
def test_deeply_nested_json(http, depth, where):
    nested = "[" * depth + "]" * depth
    body = nested if where == "top" else '{"question": "What grade did partnership working get?", "history": ' \
                                         + nested + "}"
    r = post_raw(http, body.encode())
    check(r)
    assert r.status_code in (400, 422)  # 400 past Python's recursion limit: "an error parsing the body"


@pytest.mark.parametrize("body, content_type", [
    ({"question": "x" * 2000}, "application/json"),
    ({"question": "y" * 2001}, "application/json"),
    ({"question": "\x00\x01\x02 grade? \x7f\u202e\ufeff"}, "application/json"),
    ({"question": "What grade did partnership working get?"}, "text/plain"),
    ({"question": "What grade did partnership working get?", "history": [["a", "b", "c", {"x": 1}]]},
     "application/json"),
])
def test_edges(http, body, content_type):
    check(post_raw(http, json.dumps(body).encode(), content_type))


def test_still_answering_after_the_fuzz(http):
    r = http.post("/api/ask", json={"question": "What grade did partnership working get?"})
    assert r.status_code == 200 and r.json()["citations"][0]["paragraph"] == "51"
