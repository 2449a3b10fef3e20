"""Store and ingest against a real Chroma and the real model: idempotence, atomic replace,
bad files in a batch, model/schema mismatch, BM25 healing, and a real kill -9."""
from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from index.ingest import Ingestor
from index.parse import parse_file
from index.snapshot import load_snapshot, snapshot_dir
from index.store import IndexMismatch, Store
from tests.conftest import BAD_HTML, MEDWAY, MODEL_CACHE, SAMPLE, SHARED, SMALL_PDF


@pytest.fixture
def store(tmp_path, embedder):
    return Store(tmp_path / "data", embedder)


def test_one_record_per_paragraph_and_bullet_with_metadata(store):
    parsed = parse_file(SAMPLE)
    Ingestor(store).run([SAMPLE])
    snap = load_snapshot(store)
    assert len(snap.records) == len(parsed.paragraphs) == store.count()
    bullets = [r for r in snap.records if r.timescale == "Within three months" and r.ref == "60"]
    assert len(bullets) == 5 and all(b.parent == 60 and b.kind == "recommendation" for b in bullets)
    p51 = snap.paragraph("south-gloucestershire-2012-07-06", "51")[0]
    assert p51.judgement == "Good (Grade 2)" and p51.section == ("Safeguarding services", "Partnership working")
    entry = snap.catalog["south-gloucestershire-2012-07-06"]
    assert entry.report.year == 2012 and entry.report.authority == "South Gloucestershire"
    assert snap.vectors.shape == (len(snap.records), 384)


def test_reports_embedded_together_each_keep_their_own_vectors(store, embedder, monkeypatch):
    # Ingest embeds several reports in one call (less padding); each paragraph's stored vector must
    # still be its own text's, whichever window and batch it fell in.
    import numpy as np

    from index import ingest
    from index.store import embedding_text

    monkeypatch.setattr(ingest, "EMBED_WINDOW", 120)  # windows that split and straddle these reports
    files = [SAMPLE, MEDWAY, SMALL_PDF]
    result = Ingestor(store).run(files)
    assert len(result.added) == 3
    snap = load_snapshot(store)
    for path in files:
        parsed = parse_file(path)
        rows = snap.rows([parsed.report.id])
        by_seq = {snap.records[i].seq: snap.vectors[i] for i in rows}
        alone = embedder.embed([embedding_text(p) for p in parsed.paragraphs])
        stored = np.stack([by_seq[p.seq] for p in parsed.paragraphs])
        assert stored.shape == alone.shape
        assert np.abs(stored - alone).max() < 1e-4, path.name


def test_a_newer_parser_rereads_every_report_but_embeds_only_changed_text(store, embedder, monkeypatch):
    import numpy as np

    from index import ingest, store as store_module
    from index.audit import parse_many
    from index.store import embedding_text

    Ingestor(store).run([SAMPLE, MEDWAY])
    old = load_snapshot(store)
    old_vectors = {embedding_text(r): old.vectors[i] for i, r in enumerate(old.records)}
    changed = "A paragraph the newer parser reads differently."

    def newer_parse_many(paths, workers):  # the newer parser: one paragraph of the primary report differs
        for path, parsed in parse_many(paths, workers):
            if path == SAMPLE:
                paragraphs = list(parsed.paragraphs)
                paragraphs[5] = replace(paragraphs[5], text=changed)
                parsed = replace(parsed, paragraphs=tuple(paragraphs))
            yield path, parsed

    embedded: list[str] = []
    real_embed = store.embedder.embed
    monkeypatch.setattr(store.embedder, "embed", lambda texts: embedded.extend(texts) or real_embed(texts))
    monkeypatch.setattr(ingest, "parse_many", newer_parse_many)
    monkeypatch.setattr(ingest, "PARSER_VERSION", "newer")
    monkeypatch.setattr(store_module, "PARSER_VERSION", "newer")
    result = Ingestor(store).run([SAMPLE, MEDWAY])

    assert sorted(result.added) == sorted(parse_file(p).report.id for p in (SAMPLE, MEDWAY))
    assert [t.endswith(changed) for t in embedded] == [True]  # one text embedded, not two reports' worth
    assert {e.parser for e in store.catalog().values()} == {"newer"}
    snap = load_snapshot(store)
    texts = [embedding_text(r) for r in snap.records]
    assert sum(t.endswith(changed) for t in texts) == 1
    for text, vector in zip(texts, snap.vectors):
        if text.endswith(changed):  # int8 activations are scaled per batch: equal to within that
            assert float(vector @ embedder.embed([text])[0]) > 0.99
        else:
            assert np.array_equal(vector, old_vectors[text]), text[:80]  # the same vector, not re-embedded


def test_ingest_twice_changes_nothing(store):
    first = Ingestor(store).run([SAMPLE])
    before = load_snapshot(store)
    second = Ingestor(store).run([SAMPLE])
    after = load_snapshot(store)
    assert first.added == ["south-gloucestershire-2012-07-06"] and second.added == []
    assert second.skipped == ["south-gloucestershire-2012-07-06"] and second.paragraphs == 0
    assert [r.id for r in before.records] == [r.id for r in after.records]
    assert before.fingerprint == after.fingerprint


def test_changed_report_replaces_the_old_version_whole(store, tmp_path):
    Ingestor(store).run([SAMPLE])
    edited = tmp_path / SAMPLE.name
    edited.write_text(SAMPLE.read_text().replace("211 looked after children", "212 looked after children"))
    result = Ingestor(store).run([edited])
    assert result.added == ["south-gloucestershire-2012-07-06"]
    snap = load_snapshot(store)
    assert len({r.id.split("#")[0] for r in snap.records}) == 1, "two versions visible"
    assert store.count() == len(snap.records), "old version left behind"
    assert "212 looked after children" in snap.paragraph("south-gloucestershire-2012-07-06", "8")[0].text


def test_changed_file_of_the_same_report_under_a_new_name_replaces_it(store, tmp_path):
    """Same council, same inspection: a corrected or renamed download of the report it replaces."""
    Ingestor(store).run([SAMPLE])
    renamed = tmp_path / "sglos-corrected.txt"
    renamed.write_text(SAMPLE.read_text().replace("211 looked after children", "213 looked after children"))
    result = Ingestor(store).run([renamed])
    assert result.added == ["south-gloucestershire-2012-07-06"] and result.replaced == result.added
    assert list(store.catalog()) == ["south-gloucestershire-2012-07-06"]
    assert store.catalog()["south-gloucestershire-2012-07-06"].report.source == "sglos-corrected.txt"


def _other_inspection(tmp_path, name: str) -> Path:
    """A different report of the same council that ends on the same day: another kind of inspection."""
    text = SAMPLE.read_text()
    text = text.replace("Inspection of safeguarding and looked after children services",
                        "Inspection of looked after children services").replace("25 June 2012 to 6 July 2012",
                                                                                 "2 to 6 July 2012")
    path = tmp_path / name
    path.write_text(text)
    return path


def test_a_different_report_with_a_clashing_id_never_replaces_the_indexed_one(store, tmp_path):
    Ingestor(store).run([SAMPLE])
    before = load_snapshot(store)
    other = _other_inspection(tmp_path, "other.txt")
    result = Ingestor(store).run([other])
    assert result.added == [] and len(result.failed) == 1
    path, reason = result.failed[0]
    assert path == str(other) and SAMPLE.name in reason and "south-gloucestershire-2012-07-06" in reason
    assert "\n" not in reason
    after = load_snapshot(store)
    assert after.fingerprint == before.fingerprint and store.catalog()["south-gloucestershire-2012-07-06"].report.source \
        == SAMPLE.name


def test_two_files_claiming_one_id_in_a_batch_name_each_other(store, tmp_path):
    other = _other_inspection(tmp_path, "other.txt")
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SAMPLE.read_bytes())
    result = Ingestor(store).run([SAMPLE, copy, other])
    assert result.added == ["south-gloucestershire-2012-07-06"]
    reasons = dict(result.failed)
    assert reasons[str(copy)] == f"the same file as {SAMPLE}; skipped"
    assert str(SAMPLE) in reasons[str(other)] and "same report id" in reasons[str(other)]
    assert store.catalog()["south-gloucestershire-2012-07-06"].report.sha256 == parse_file(SAMPLE).report.sha256


def test_reader_never_sees_half_a_report(store, monkeypatch):
    """Replacement writes under a new version and flips the catalog last: a failure midway
    leaves the old version whole and visible."""
    Ingestor(store).run([SAMPLE])
    before = load_snapshot(store)
    parsed = parse_file(SAMPLE)
    changed = replace(parsed, report=replace(parsed.report, sha256="f" * 64))
    vectors = store.embedder.embed([p.text for p in changed.paragraphs])
    calls = {"n": 0}
    real_add = store._paragraphs.add

    def failing_add(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("killed midway")
        return real_add(**kwargs)

    import index.store as store_module

    monkeypatch.setattr(store_module, "WRITE_BATCH", 32)
    monkeypatch.setattr(store._paragraphs, "add", failing_add)
    with pytest.raises(RuntimeError):
        store.replace(changed, vectors)
    monkeypatch.undo()
    during = load_snapshot(store)
    assert [r.id for r in during.records] == [r.id for r in before.records]
    assert store.collect_garbage() == 32  # the half-written version is cleared on the next ingest
    assert store.count() == len(before.records)


def test_bad_file_does_not_stop_the_batch(store, tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    result = Ingestor(store).run([BAD_HTML, empty, SAMPLE, tmp_path / "missing.pdf"])
    assert result.added == ["south-gloucestershire-2012-07-06"]
    reasons = dict(result.failed)
    assert "HTML page" in reasons[str(BAD_HTML)]
    assert "empty" in reasons[str(empty)]
    assert "no such file" in reasons[str(tmp_path / "missing.pdf")]


def test_bad_file_alone_changes_nothing(store):
    Ingestor(store).run([SAMPLE])
    before = load_snapshot(store).fingerprint
    result = Ingestor(store).run([BAD_HTML])
    assert result.added == [] and len(result.failed) == 1
    assert load_snapshot(store).fingerprint == before


def test_remove_report(store):
    Ingestor(store).run([SAMPLE, SMALL_PDF])
    assert store.remove("dorset-2021-10-08") is True
    assert store.remove("dorset-2021-10-08") is False
    snap = load_snapshot(store)
    assert list(snap.catalog) == ["south-gloucestershire-2012-07-06"]
    assert {r.report_id for r in snap.records} == {"south-gloucestershire-2012-07-06"}


def test_reopening_with_another_model_is_a_clear_error(tmp_path, embedder):
    Store(tmp_path / "data", embedder)

    class OtherModel:
        name, dimension = "some/other-model", 768

    with pytest.raises(IndexMismatch) as err:
        Store(tmp_path / "data", OtherModel())
    assert "some/other-model" in str(err.value) and "--rebuild" in str(err.value)


def test_older_schema_is_a_clear_error(tmp_path, embedder, monkeypatch):
    import index.store as store_module

    Store(tmp_path / "data", embedder)
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", store_module.SCHEMA_VERSION + 1)
    with pytest.raises(IndexMismatch) as err:
        store_module.Store(tmp_path / "data", embedder)
    assert "schema" in str(err.value)


@pytest.mark.parametrize("damage", ["missing", "corrupt", "truncated", "stale"])
def test_snapshot_cache_heals_itself(store, damage, caplog):
    with caplog.at_level(logging.INFO, logger="report_assistant"):
        Ingestor(store).run([SAMPLE])
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], "an ingest is not a repair"
    path = snapshot_dir(store.data_dir)
    assert (path / "meta.json").exists() and (path / "vectors.npy").exists() and (path / "bm25.npz").exists()
    if damage == "missing":
        shutil.rmtree(path)
    elif damage == "corrupt":
        for f in [*path.glob("*.npy"), *path.glob("*.npz")]:
            f.write_bytes(b"\x00garbage")
    elif damage == "truncated":
        for f in path.iterdir():
            f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])
    else:
        meta = (path / "meta.json").read_text().replace('"fingerprint": "', '"fingerprint": "old')
        (path / "meta.json").write_text(meta)
    with caplog.at_level(logging.INFO, logger="report_assistant"):
        snap = load_snapshot(store)
    assert snap.load_ms["rebuilt"] is True
    [line] = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "rebuilt it from Chroma" in line and str(path) in line
    assert snap.lexical.scores("immunisations dental checks").argmax() == next(
        i for i, r in enumerate(snap.records) if r.ref == "65")
    assert "rebuilt" not in load_snapshot(store).load_ms


def test_snapshot_load_leaves_the_collector_as_it_found_it(store):
    """The cached load turns the cyclic collector off while it builds; a good load or a damaged
    cache must both leave it on again, and the good load's records frozen out of its walks."""
    import gc

    from index.snapshot import load_cached
    from index.store import read_state

    Ingestor(store).run([SAMPLE])
    path = snapshot_dir(store.data_dir)
    frozen = gc.get_freeze_count()
    snap = load_cached(path, read_state(store.data_dir))
    assert snap is not None and gc.isenabled()
    assert gc.get_freeze_count() >= frozen + len(snap.records)
    gc.unfreeze()
    (path / "records.json").write_text("[")
    assert load_cached(path, read_state(store.data_dir)) is None and gc.isenabled()


def test_chroma_is_never_given_its_default_embedding_function(store):
    collection = store._paragraphs
    assert collection._embedding_function.name() == "report_assistant_minilm"


@pytest.mark.integration
def test_killed_ingest_leaves_a_usable_index_and_rerun_completes(tmp_path, cli_env):
    data = tmp_path / "killed"
    cli_env["REPORT_ASSISTANT_DATA"] = str(data)
    files = [str(SAMPLE), str(MEDWAY), str(SHARED / "leeds-2015-03-27.pdf"), str(SHARED / "bury-2016-05-16.pdf")]
    cmd = [sys.executable, "-m", "ui.cli", "ingest", *files]
    proc = subprocess.Popen(cmd, env=cli_env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    deadline = time.time() + 240
    line = ""
    while time.time() < deadline:
        line = proc.stdout.readline()
        if line.startswith("added") or line.strip().startswith("added") or proc.poll() is not None:
            break
    assert "added" in line, "the first report never committed"
    time.sleep(1.5)  # now inside the second report's embedding
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    out = subprocess.run([sys.executable, "-m", "ui.cli", "reports", "--json"], env=cli_env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    import json

    listed = json.loads(out.stdout)
    assert 1 <= len(listed) < 4
    # every report a reader can see is whole: all its records, under the version the catalog names
    # (counted in another process, as a reader would, so this one opens no Chroma client mid-test)
    count = ("import sys\nfrom index.embed import Embedder\nfrom index.store import Store\n"
             "s = Store(sys.argv[1], Embedder(sys.argv[2]))\n"
             "for e in s.catalog().values():\n"
             "    print(e.report.id, len(s.records([e.version])[0]), e.paragraphs)\n")
    counted = subprocess.run([sys.executable, "-c", count, str(data), str(MODEL_CACHE)], env=cli_env,
                             capture_output=True, text=True, timeout=180)
    assert counted.returncode == 0, counted.stderr
    rows = [line.split() for line in counted.stdout.splitlines()]
    assert len(rows) == len(listed) and all(stored == expected for _, stored, expected in rows), rows
    ask = subprocess.run([sys.executable, "-m", "ui.cli", "ask", "what grade did partnership working get?",
                          "--json"], env=cli_env, capture_output=True, text=True, timeout=180)
    assert ask.returncode == 0, ask.stderr
    assert json.loads(ask.stdout)["citations"][0]["paragraph"] == "51"

    again = subprocess.run(cmd, env=cli_env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    done = json.loads(subprocess.run([sys.executable, "-m", "ui.cli", "reports", "--json"], env=cli_env,
                                     capture_output=True, text=True, timeout=120).stdout)
    assert len(done) == 4
    from index.embed import Embedder

    store = Store(data, Embedder(MODEL_CACHE))
    assert store.count() == sum(r["paragraphs"] for r in done), "records from the killed run survive"


def test_rebuild_replaces_an_index_built_with_another_model(tmp_path, cli_env):
    class OtherModel:
        name, dimension = "some/other-model", 768

    Store(tmp_path / "old", OtherModel())
    cli_env["REPORT_ASSISTANT_DATA"] = str(tmp_path / "old")
    refused = subprocess.run([sys.executable, "-m", "ui.cli", "reports"], env=cli_env, capture_output=True,
                             text=True, timeout=120)
    assert refused.returncode == 1 and "--rebuild" in refused.stderr and refused.stderr.count("\n") == 1
    rebuilt = subprocess.run([sys.executable, "-m", "ui.cli", "ingest", "--rebuild", str(SAMPLE)],
                             env=cli_env, capture_output=True, text=True, timeout=600)
    assert rebuilt.returncode == 0, rebuilt.stderr
    listed = subprocess.run([sys.executable, "-m", "ui.cli", "reports"], env=cli_env, capture_output=True,
                            text=True, timeout=120)
    assert "south-gloucestershire-2012-07-06" in listed.stdout


def test_committed_is_the_state_file_here_and_chroma_without_it(store):
    # a server keeps its snapshot current by this check on the answer's path: on this machine it is
    # the small file each commit writes, not a read of the whole catalog
    Ingestor(store).run([SAMPLE])
    assert store.committed() == store.fingerprint() == load_snapshot(store).fingerprint
    from index.store import SCHEMA_VERSION

    (store.data_dir / "index-state.json").write_text(
        json.dumps({"fingerprint": "written-by-the-last-commit", "schema": SCHEMA_VERSION}))
    assert store.committed() == "written-by-the-last-commit"
    (store.data_dir / "index-state.json").unlink()
    assert store.committed() == store.fingerprint()  # no file: ask Chroma
