"""The index at the whole corpus's size, and the embedding model it is built with.

The corpus is ~47,000 records; SQLite (Chroma's embedded store) takes at most ~32,700
variables in one statement, so every read and write must be paged. A real Chroma holds
40,000+ records here; their vectors are the sample report's real ones, reused for each
copy, which is what keeps the test to a minute (embedding is the ingest's cost, measured
in the benchmarks instead)."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from tests.conftest import MODEL_CACHE, SAMPLE

pytestmark = pytest.mark.integration
COPIES = 330  # x 123 records of the sample = 40,590


def test_onnx_gives_the_reference_models_vectors():
    """The query and ingest path runs the model as ONNX, without torch: the fp32 graph must give
    sentence-transformers' vectors within 1e-3; the default int8 one stays close in direction."""
    from index.embed import Embedder, ReferenceEmbedder
    from index.parse import parse_file

    texts = [p.text for p in parse_file(SAMPLE).paragraphs[:40]] + [
        "What must happen within three months for health partners?", "grade?", "é ü — 12%"]
    reference = ReferenceEmbedder().embed(texts)
    fp32 = Embedder(MODEL_CACHE, variant="fp32").embed(texts)
    assert fp32.shape == reference.shape == (len(texts), 384)
    assert float(np.max(np.abs(fp32 - reference))) < 1e-3
    int8 = Embedder(MODEL_CACHE, variant="int8").embed(texts)
    cosines = np.sum(int8 * reference, axis=1)
    assert float(np.min(cosines)) > 0.95 and float(np.mean(cosines)) > 0.98
    assert np.allclose(np.linalg.norm(int8, axis=1), 1.0, atol=1e-4)


def test_an_index_of_40000_records_pages_every_read_and_answers(tmp_path, embedder):
    from assistant.answer import Assistant
    from assistant.retrieve import Retriever
    from index.authorities import aliases
    from index.ingest import Ingestor
    from index.parse import parse_file
    from index.snapshot import load_snapshot
    from index.store import Store, embedding_text

    parsed = parse_file(SAMPLE)
    vectors = embedder.embed([embedding_text(p) for p in parsed.paragraphs])
    store = Store(tmp_path / "big", embedder)
    councils = sorted(set(aliases().values()) - {"South Gloucestershire"})
    for n in range(COPIES):
        council = councils[n % len(councils)]
        report = replace(parsed.report, id=f"copy-{n:03d}-{parsed.report.id}", authority=council,
                         sha256=f"{n:064x}", source=f"copy-{n}.txt",
                         inspection_end=f"{2012 + n % 12}-07-{1 + n % 28:02d}")
        store.replace(replace(parsed, report=report), vectors)
    store.replace(parsed, vectors)  # and the real one

    catalog = store.catalog()
    assert len(catalog) == COPIES + 1
    records, stored = store.records([e.version for e in catalog.values()])
    assert len(records) == len(stored) == (COPIES + 1) * len(parsed.paragraphs) > 40_000
    assert store.collect_garbage() == 0

    snap = load_snapshot(store)
    assert len(snap.records) == len(records) and snap.vectors.shape == (len(records), 384)
    helper = Assistant(Retriever(store))
    answer = helper.answer("What grade did partnership working get in South Gloucestershire?")
    assert [(c.report_id, c.paragraph) for c in answer.citations] == [(parsed.report.id, "51")]
    selected = helper.answer("What must happen within three months for health partners?", report=parsed.report.id)
    assert {"20", "60"} <= {c.paragraph for c in selected.citations}
    assert {c.report_id for c in selected.citations} == {parsed.report.id}
    # removal pages too, and leaves a snapshot without the report
    assert Ingestor(store).remove("copy-000-" + parsed.report.id)
    assert len(load_snapshot(store).records) == len(records) - len(parsed.paragraphs)
