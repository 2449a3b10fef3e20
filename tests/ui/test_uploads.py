"""Adding and removing reports over HTTP against a real server process: the key rules, the
limits, every kind of bad file refused with one line and nothing changed, progress, and
uploads that arrive together."""
from __future__ import annotations

import concurrent.futures as cf
import json

import httpx
import pytest

from tests.conftest import BAD_HTML, SHARED
from tests.ui.conftest import start_server

pytestmark = pytest.mark.integration
KEY = "upload-key-1"
BARKING = SHARED / "corpus" / "barking-and-dagenham-2019-04-01.pdf"
OLDHAM = SHARED / "oldham-2024-07-12.pdf"
BARNSLEY = SHARED / "corpus" / "barnsley-2018-11-19.pdf"
KINGSTON = SHARED / "corpus" / "kingston-upon-thames-2019-12-19.pdf"
H = {"X-API-Key": KEY}


@pytest.fixture(scope="module")
def upload_server(tmp_path_factory):
    url, proc = start_server(tmp_path_factory.mktemp("uploads"), {
        "REPORT_ASSISTANT_API_KEY": KEY, "REPORT_ASSISTANT_UPLOAD_MB": "1", "REPORT_ASSISTANT_UPLOAD_FILES": "2"},
        ("--rate-limit", "0"))
    yield url
    proc.terminate()
    proc.wait(timeout=30)


def post(url, *files, headers=H, timeout=300):
    return httpx.post(f"{url}/api/reports", files=[("files", f) for f in files], headers=headers, timeout=timeout)


def state(url):
    reports = httpx.get(f"{url}/api/reports", headers=H, timeout=30).json()
    return sorted(r["id"] for r in reports), httpx.get(f"{url}/healthz", timeout=30).json()["paragraphs"]


def test_without_a_key_configured_uploads_are_off(server):
    r = httpx.post(f"{server}/api/reports", files=[("files", ("a.pdf", BARKING.read_bytes()))], timeout=60)
    assert r.status_code == 403 and "REPORT_ASSISTANT_API_KEY" in r.json()["detail"]
    assert httpx.delete(f"{server}/api/reports/south-gloucestershire-2012-07-06", timeout=60).status_code == 403
    assert len(httpx.get(f"{server}/api/reports", timeout=30).json()) == 2


def test_the_key_is_required(upload_server):
    assert post(upload_server, ("b.pdf", BARKING.read_bytes()), headers={}).status_code == 401
    assert post(upload_server, ("b.pdf", BARKING.read_bytes()), headers={"X-API-Key": "nope"}).status_code == 401
    assert httpx.delete(f"{upload_server}/api/reports/anything", timeout=30).status_code == 401


def _encrypted(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(BARKING).pages[:2]:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    return path.read_bytes()


def test_bad_files_get_one_line_and_change_nothing(upload_server, tmp_path):
    before = state(upload_server)
    cases = [
        ([("bromley.pdf", BAD_HTML.read_bytes())], 422, "HTML"),
        ([("locked.pdf", _encrypted(tmp_path))], 422, "encrypted"),
        ([("empty.pdf", b"")], 422, "empty"),
        ([("huge.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10))], 413, "1 MB"),
        ([("notes.docx", b"PK\x03\x04 not a report")], 415, "only PDF"),
        ([("a.pdf", BARKING.read_bytes()), ("b.pdf", OLDHAM.read_bytes()), ("c.pdf", BARNSLEY.read_bytes())],
         413, "limit is 2"),
        # all or nothing: a good report beside a bad file is not added either
        ([("barking.pdf", BARKING.read_bytes()), ("bromley.pdf", BAD_HTML.read_bytes())], 422, "bromley.pdf"),
    ]
    for files, status, words in cases:
        r = post(upload_server, *files)
        assert r.status_code == status, (files[0][0], r.status_code, r.text[:300])
        detail = r.json()["detail"]
        assert words in detail and "\n" not in detail and "Traceback" not in detail, detail
        assert state(upload_server) == before, f"{files[0][0]} changed the index"
    assert post(upload_server, headers=H).status_code == 422  # no files at all


def test_add_ask_add_again_and_remove(upload_server):
    r = post(upload_server, ("barking-and-dagenham-2019-04-01.pdf", BARKING.read_bytes()))
    assert r.status_code == 200, r.text
    (line,) = r.json()["reports"]
    assert line["stage"] == "added" and line["file"] == "barking-and-dagenham-2019-04-01.pdf"
    report = line["report"]
    assert report["id"] == "barking-and-dagenham-2019-03-01" and report["authority"] == "Barking and Dagenham"
    assert report["type"] == "ilacs-standard" and report["published"] == "2019-04-01"
    assert report["paragraphs"] > 20 and report["grades"]["overall"] == "Requires improvement"
    answer = httpx.post(f"{upload_server}/api/ask", headers=H, timeout=60,
                        json={"question": "What was Barking and Dagenham's overall effectiveness grade?"}).json()
    assert not answer["refused"] and answer["citations"][0]["report_id"] == "barking-and-dagenham-2019-03-01"
    again = post(upload_server, ("copy.pdf", BARKING.read_bytes()))
    assert again.status_code == 200 and again.json()["reports"][0]["stage"] == "unchanged"

    gone = httpx.delete(f"{upload_server}/api/reports/barking-and-dagenham-2019-03-01", headers=H, timeout=120)
    assert gone.status_code == 200 and gone.json() == {"removed": "barking-and-dagenham-2019-03-01"}
    assert "barking-and-dagenham-2019-03-01" not in state(upload_server)[0]
    assert httpx.delete(f"{upload_server}/api/reports/barking-and-dagenham-2019-03-01", headers=H,
                        timeout=60).status_code == 404
    after = httpx.post(f"{upload_server}/api/ask", headers=H, timeout=60,
                       json={"question": "What was Barking and Dagenham's overall effectiveness grade?"}).json()
    assert after["refused"] and "not indexed" in after["answer"]


def test_progress_streams_and_uploads_at_once_wait_their_turn(upload_server):
    def stream(path):
        with httpx.stream("POST", f"{upload_server}/api/reports", files=[("files", (path.name, path.read_bytes()))],
                          headers={**H, "Accept": "application/x-ndjson"}, timeout=300) as r:
            assert r.status_code == 200
            return [json.loads(line) for line in r.iter_lines() if line.strip()]

    with cf.ThreadPoolExecutor(2) as pool:
        oldham, kingston = pool.map(stream, [OLDHAM, KINGSTON])
    for events, rid in ((oldham, "oldham-2024-05-24"), (kingston, "kingston-upon-thames-2019-10-25")):
        stages = [e["stage"] for e in events]
        assert stages[-2:] == ["added", "done"] and "embedding" in stages, stages
        progress = [e["done"] for e in events if e["stage"] == "embedding"]
        assert progress == sorted(progress) and progress[-1] == events[0]["total"]
        assert events[-2]["report"]["id"] == rid
    ids, _ = state(upload_server)
    assert {"oldham-2024-05-24", "kingston-upon-thames-2019-10-25"} <= set(ids)
